package plan

import (
	"maps"
	"slices"
	"sort"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

// The diffs that users, groups, roles and policies share: managed policy
// attachments, inline policies, tags and permissions boundaries of an
// entity that stays.

// diffAttachments plans the attachments of an entity that stays: cur are
// its current ARNs, e.policies the declared ones. Additions run before
// removals, so that no permission gap opens, unless the entity would
// exceed its cap that way.
func (p *planner) diffAttachments(e *ent, cur []string) {
	if len(cur) == len(e.policies) && p.sameAttachments(e, cur) {
		return
	}
	have := map[string]bool{}
	var removed, added []string
	for _, a := range cur {
		if m := p.mapped(a); m != "" && slices.Contains(e.policies, m) {
			have[m] = true
			continue
		}
		removed = append(removed, a)
	}
	for _, d := range e.policies {
		if !have[d] {
			added = append(added, d)
		}
	}
	if len(added) == 0 && len(removed) == 0 {
		return
	}
	sort.Strings(added)
	sort.Strings(removed)
	k := e.addr.Kind
	ph := kindPhase(k)
	removalsFirst := len(cur)+len(added) > p.quotas.AttachedPolicies(k)
	var adds, rems []int
	var addEnts, remEnts []*ent
	emitRemovals := func(phase int) {
		for _, a := range removed {
			n := p.g.addOnce(detachKey(k, e.curName(), a), op.DetachPolicy(k, e.curName(), a), e.addr, phase, e.ord)
			p.before(e, n)
			p.before(entityPolicy(p.curPolicy(a)), n)
			rems = append(rems, n)
			remEnts = append(remEnts, entityPolicy(p.curPolicy(a)))
		}
	}
	if removalsFirst {
		emitRemovals(ph)
	}
	for _, a := range added {
		n := p.g.add(op.AttachPolicy(k, e.newName, a), e.addr, ph, e.ord)
		p.after(e, n)
		p.after(entityPolicy(p.desPolicy(a)), n)
		adds = append(adds, n)
		addEnts = append(addEnts, entityPolicy(p.desPolicy(a)))
	}
	if !removalsFirst {
		emitRemovals(phRemove)
	}
	p.gapOrder(adds, rems, removalsFirst, addEnts, remEnts)
	c := p.change(e, Update)
	c.Attributes = append(c.Attributes, Attribute{Name: "managed_policies", Added: added, Removed: removed})
}

// gapOrder orders additions and removals of one relation: removals wait
// for additions, or, at a cap, additions wait for removals. When both
// sides are given as ents, a removal of something the plan deletes or
// replaces does not wait for an addition of something it creates: that
// creation may itself wait for a delete (a replace, or an account at its
// quota), and the removal goes with its entity anyway.
func (p *planner) gapOrder(adds, rems []int, removalsFirst bool, added, removed []*ent) {
	for i, a := range adds {
		for j, r := range rems {
			if removalsFirst {
				p.g.dep(a, r)
				continue
			}
			if added != nil && removed != nil && removed[j] != nil && added[i] != nil &&
				(removed[j].st == stDelete || removed[j].st == stReplace) && added[i].ready >= 0 {
				continue
			}
			p.g.dep(r, a)
		}
	}
}

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

// diffTags plans the tags of a user, role or policy that stays: one untag
// of the keys that go, then one tag of the pairs that are new or change.
// Keys compare exactly. target is the entity's name, or a policy's ARN.
func (p *planner) diffTags(e *ent, target string, cur, des model.Tags) {
	if sameTags(cur, des) {
		return
	}
	var gone []string
	for k := range cur {
		if _, ok := des[k]; !ok {
			gone = append(gone, k)
		}
	}
	var set model.Tags
	for k, v := range des {
		if w, ok := cur[k]; !ok || w != v {
			if set == nil {
				set = model.Tags{}
			}
			set[k] = v
		}
	}
	if len(gone) == 0 && len(set) == 0 {
		return
	}
	sort.Strings(gone)
	kind := e.addr.Kind
	ph := kindPhase(kind)
	untag := -1
	if len(gone) > 0 {
		untag = p.g.add(op.UntagEntity(kind, target, gone), e.addr, ph, e.ord)
		p.after(e, untag)
	}
	if len(set) > 0 {
		n := p.g.add(op.TagEntity(kind, target, op.TagsOf(set)), e.addr, ph, e.ord)
		p.after(e, n)
		// Untag first: the entity never holds more tags than before or after.
		p.g.dep(n, untag)
	}
	c := p.change(e, Update)
	c.Attributes = append(c.Attributes, tagAttributes(cur, des)...)
}

// tagAttributes lists the tags that change as tags.KEY attributes.
func tagAttributes(cur, des model.Tags) []Attribute {
	if len(cur) == 0 {
		out := make([]Attribute, 0, len(des))
		for _, k := range slices.Sorted(maps.Keys(des)) {
			out = append(out, Attribute{Name: "tags." + k, After: strp(des[k])})
		}
		return out
	}
	keys := map[string]bool{}
	for k := range cur {
		keys[k] = true
	}
	for k := range des {
		keys[k] = true
	}
	var out []Attribute
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		v, inCur := cur[k]
		w, inDes := des[k]
		if inCur && inDes && v == w {
			continue
		}
		a := Attribute{Name: "tags." + k}
		if inCur {
			a.Before = strp(v)
		}
		if inDes {
			a.After = strp(w)
		}
		out = append(out, a)
	}
	return out
}

// diffBoundary plans the permissions boundary of a user or role that
// stays. A boundary that only follows its policy's replace is left to the
// policy's change.
func (p *planner) diffBoundary(e *ent, cur string) {
	des := e.boundary
	if cur == "" && des == "" {
		return
	}
	if m := p.mapped(cur); cur != "" && m != "" && m == des {
		return
	}
	k := e.addr.Kind
	curPol := entityPolicy(p.curPolicy(cur))
	if des == "" {
		n := p.g.addOnce(boundaryKey(k, e.curName()), op.DeleteBoundary(k, e.curName()), e.addr, phRemove, e.ord)
		p.before(e, n)
		p.before(curPol, n)
		p.releases[e.addr.Key()] = n
	} else {
		n := p.g.add(op.PutBoundary(k, e.newName, des), e.addr, kindPhase(k), e.ord)
		p.after(e, n)
		desPol := entityPolicy(p.desPolicy(des))
		p.after(desPol, n)
		switch {
		case curPol == nil || curPol.stays():
		case desPol != nil && desPol.ready >= 0:
			// The new boundary waits for its policy, which may wait for a
			// delete: release the current one, which goes, at once.
			rel := p.g.addOnce(boundaryKey(k, e.curName()), op.DeleteBoundary(k, e.curName()), e.addr, phRemove, e.ord)
			p.before(e, rel)
			p.before(curPol, rel)
			p.g.dep(n, rel)
			p.releases[e.addr.Key()] = rel
		default:
			// Setting another boundary ends the use of the current one.
			p.before(curPol, n)
			p.releases[e.addr.Key()] = n
		}
	}
	c := p.change(e, Update)
	c.Attributes = append(c.Attributes, scalar("permissions_boundary", cur, des))
}

func strp(s string) *string { return &s }

// scalar is an attribute whose value goes from before to after; "" is
// absent.
func scalar(name, before, after string) Attribute {
	a := Attribute{Name: name}
	if before != "" {
		a.Before = strp(before)
	}
	if after != "" {
		a.After = strp(after)
	}
	return a
}

// created is an attribute of a new entity.
func created(name, value string) Attribute { return Attribute{Name: name, After: strp(value)} }

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

func sameTags(a, b model.Tags) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range b {
		if w, ok := a[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// sameAttachments reports, without allocating, that every current
// attachment stays: with as many declared, nothing is added either.
func (p *planner) sameAttachments(e *ent, cur []string) bool {
	for i, a := range cur {
		m := p.mapped(a)
		if m == "" || !slices.Contains(e.policies, m) || slices.Contains(cur[:i], a) {
			return false
		}
	}
	return true
}
