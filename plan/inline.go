package plan

import (
	"sort"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

// diffInline plans the inline policies of an entity that stays.
func (p *planner) diffInline(e *ent, cur, des []model.InlinePolicy) {
	if sameInline(cur, des) {
		return
	}
	k := e.addr.Kind
	curBy := inlineByName(cur)
	desBy := inlineByName(des)
	type put struct {
		d      *model.InlinePolicy
		c      *model.InlinePolicy // the current policy it replaces, if any
		after  int                 // the delete it must follow (a change of case), or -1
		before *policy.Document
	}
	var puts []put
	var dels []*model.InlinePolicy
	for _, d := range sortedInline(des) {
		c := curBy[model.Fold(d.Name)]
		switch {
		case c == nil:
			puts = append(puts, put{d: d, after: -1})
		case c.Name != d.Name:
			dels = append(dels, c)
			puts = append(puts, put{d: d, after: len(dels) - 1})
		case !policy.Equal(c.Document, d.Document):
			puts = append(puts, put{d: d, c: c, after: -1, before: c.Document})
		}
	}
	for _, c := range sortedInline(cur) {
		if desBy[model.Fold(c.Name)] == nil {
			dels = append(dels, c)
		}
	}
	if len(puts) == 0 && len(dels) == 0 {
		return
	}
	// Puts before deletes, so that no permission gap opens, unless the
	// entity's inline policies could exceed their size quota that way: in
	// the worst order, every put that grows the total runs before any
	// delete and any put that shrinks it. Then the growing puts wait for
	// all of those instead, and whatever the order the total stays within
	// the quota: it is at most the current total until the last shrink,
	// and at most the declared total after it.
	grows := make([]bool, len(puts))
	total, growth := 0, 0
	for _, c := range cur {
		total += policy.Size(c.Document)
	}
	for i, x := range puts {
		g := policy.Size(x.d.Document)
		if x.c != nil {
			g -= policy.Size(x.c.Document)
		}
		if g > 0 {
			grows[i] = true
			growth += g
		}
	}
	tight := total+growth > p.quotas.InlineSize(k)
	ph := kindPhase(k)
	c := p.change(e, Update)
	delNodes := make([]int, len(dels))
	emitDeletes := func(phase int) {
		for i, d := range dels {
			n := p.g.add(op.DeleteInlinePolicy(k, e.curName(), d.Name), e.addr, phase, e.ord)
			p.before(e, n)
			delNodes[i] = n
		}
	}
	putNodes := make([]int, len(puts))
	emitPuts := func(grow func(i int) bool) {
		for i, x := range puts {
			if grow(i) {
				n := p.g.add(op.PutInlinePolicy(k, e.newName, x.d.Name, policy.CanonicalString(x.d.Document)), e.addr, ph, e.ord)
				p.after(e, n)
				putNodes[i] = n
			}
		}
	}
	if tight {
		emitDeletes(ph)
		emitPuts(func(i int) bool { return !grows[i] })
		emitPuts(func(i int) bool { return grows[i] })
	} else {
		emitPuts(func(int) bool { return true })
		emitDeletes(phRemove)
	}
	for i, x := range puts {
		if x.after >= 0 {
			p.g.dep(putNodes[i], delNodes[x.after])
		}
	}
	if tight {
		for i := range puts {
			if !grows[i] {
				continue
			}
			p.g.dep(putNodes[i], delNodes...)
			for j := range puts {
				if !grows[j] {
					p.g.dep(putNodes[i], putNodes[j])
				}
			}
		}
	} else {
		var plainPuts, plainDels []int
		renamedDel := map[int]bool{}
		for i, x := range puts {
			if x.after < 0 {
				plainPuts = append(plainPuts, putNodes[i])
			} else {
				renamedDel[x.after] = true
			}
		}
		for i := range dels {
			if !renamedDel[i] {
				plainDels = append(plainDels, delNodes[i])
			}
		}
		p.gapOrder(plainPuts, plainDels, false, nil, nil)
	}
	// The documents, in name order.
	var docs []DocumentChange
	for _, d := range dels {
		docs = append(docs, DocumentChange{Name: "inline_policy." + d.Name, Before: d.Document})
	}
	for _, x := range puts {
		docs = append(docs, DocumentChange{Name: "inline_policy." + x.d.Name, Before: x.before, After: x.d.Document})
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Name < docs[j].Name })
	c.Documents = append(c.Documents, docs...)
}

func sortedInline(list []model.InlinePolicy) []*model.InlinePolicy {
	out := make([]*model.InlinePolicy, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// sameInline reports, cheaply, that two lists hold the same inline
// policies in the same order.
func sameInline(cur, des []model.InlinePolicy) bool {
	if len(cur) != len(des) {
		return false
	}
	for i := range cur {
		if cur[i].Name != des[i].Name || !policy.Equal(cur[i].Document, des[i].Document) {
			return false
		}
	}
	return true
}

// inlineDocs lists the inline policies that change, without steps.
func inlineDocs(cur, des []model.InlinePolicy) []DocumentChange {
	curBy, desBy := inlineByName(cur), inlineByName(des)
	var out []DocumentChange
	for _, c := range sortedInline(cur) {
		if d := desBy[model.Fold(c.Name)]; d == nil || d.Name != c.Name {
			out = append(out, DocumentChange{Name: "inline_policy." + c.Name, Before: c.Document})
		}
	}
	for _, d := range sortedInline(des) {
		c := curBy[model.Fold(d.Name)]
		switch {
		case c == nil || c.Name != d.Name:
			out = append(out, DocumentChange{Name: "inline_policy." + d.Name, After: d.Document})
		case !policy.Equal(c.Document, d.Document):
			out = append(out, DocumentChange{Name: "inline_policy." + d.Name, Before: c.Document, After: d.Document})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func inlineByName(list []model.InlinePolicy) map[string]*model.InlinePolicy {
	m := make(map[string]*model.InlinePolicy, len(list))
	for i := range list {
		m[model.Fold(list[i].Name)] = &list[i]
	}
	return m
}

// createInline puts the inline policies of a new (or re-created) entity.
func (p *planner) createInline(e *ent, list []model.InlinePolicy, c *Change) {
	for _, ip := range sortedInline(list) {
		n := p.g.add(op.PutInlinePolicy(e.addr.Kind, e.newName, ip.Name, policy.CanonicalString(ip.Document)), e.addr, kindPhase(e.addr.Kind), e.ord)
		p.after(e, n)
		if c != nil {
			c.Documents = append(c.Documents, DocumentChange{Name: "inline_policy." + ip.Name, After: ip.Document})
		}
	}
}
