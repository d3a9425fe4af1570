package plan

import (
	"maps"
	"slices"
	"sort"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

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
