package plan

import (
	"slices"
	"sort"

	"github.com/iamc/iamc/op"
)

// The managed policies of a user, group or role: attached when it is
// created, changed when it stays, detached before it goes; and its
// permissions boundary. (Inline policies are in inline.go, tags in
// tags.go.)

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

// attachmentAttr is the managed_policies attribute of an entity whose
// attachments go from cur to des, without steps.
func (p *planner) attachmentAttr(cur, des []string) (Attribute, bool) {
	have := map[string]bool{}
	var added, removed []string
	for _, a := range cur {
		if m := p.mapped(a); m != "" && slices.Contains(des, m) {
			have[m] = true
			continue
		}
		removed = append(removed, a)
	}
	for _, d := range des {
		if !have[d] {
			added = append(added, d)
		}
	}
	sort.Strings(added)
	sort.Strings(removed)
	return Attribute{Name: "managed_policies", Added: added, Removed: removed}, len(added)+len(removed) > 0
}

// createAttachments attaches the declared policies of a new (or re-created)
// entity.
func (p *planner) createAttachments(e *ent, c *Change) {
	if len(e.policies) == 0 {
		return
	}
	list := slices.Clone(e.policies)
	slices.Sort(list)
	for _, a := range list {
		n := p.g.add(op.AttachPolicy(e.addr.Kind, e.newName, a), e.addr, kindPhase(e.addr.Kind), e.ord)
		p.after(e, n)
		p.after(entityPolicy(p.desPolicy(a)), n)
	}
	if c != nil {
		c.Attributes = append(c.Attributes, Attribute{Name: "managed_policies", Added: list})
	}
}

// cleanupAttachments detaches every policy of an entity that goes.
func (p *planner) cleanupAttachments(e *ent, arns []string, phase int) {
	list := slices.Clone(arns)
	slices.Sort(list)
	for _, a := range list {
		n := p.g.addOnce(detachKey(e.addr.Kind, e.curName(), a), op.DetachPolicy(e.addr.Kind, e.curName(), a), e.addr, phase, e.ord)
		p.before(e, n)
		p.before(entityPolicy(p.curPolicy(a)), n)
	}
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
