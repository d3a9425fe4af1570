package plan

import (
	"slices"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// diffMemberships plans the groups of a user that stays. Only memberships
// between users and groups inside the scope are managed.
func (p *planner) diffMemberships(x *userPair) {
	if p.sameMemberships(x) {
		return
	}
	var curIn []*groupPair
	for _, name := range x.cur.Groups {
		g := p.groupByCur[model.Fold(name)]
		if g == nil || g.st == stOut || slices.Contains(curIn, g) {
			continue
		}
		curIn = append(curIn, g)
	}
	var added, removed []*groupPair
	for _, g := range x.groups {
		if !slices.Contains(curIn, g) {
			added = append(added, g)
		}
	}
	for _, g := range curIn {
		if !slices.Contains(x.groups, g) {
			removed = append(removed, g)
		}
	}
	if len(added) == 0 && len(removed) == 0 {
		return
	}
	sortGroups(added)
	sortGroups(removed)
	removalsFirst := len(x.cur.Groups)+len(added) > p.quotas.GroupsPerUser
	var adds, rems []int
	var addEnts, remEnts []*ent
	var addNames, remNames []string
	emitRemovals := func(phase int) {
		for _, g := range removed {
			n := p.removeMember(g, x, x.addr, phase, x.ord)
			rems = append(rems, n)
			remEnts = append(remEnts, &g.ent)
			remNames = append(remNames, g.curName())
			g.left = append(g.left, x.newName)
		}
	}
	if removalsFirst {
		emitRemovals(phUser)
	}
	for _, g := range added {
		n := p.g.add(&op.AddUserToGroup{GroupName: g.newName, UserName: x.newName}, x.addr, phUser, x.ord)
		p.after(&x.ent, n)
		p.after(&g.ent, n)
		adds = append(adds, n)
		addEnts = append(addEnts, &g.ent)
		addNames = append(addNames, g.newName)
		g.joined = append(g.joined, x.newName)
	}
	if !removalsFirst {
		emitRemovals(phRemove)
	}
	p.gapOrder(adds, rems, removalsFirst, addEnts, remEnts)
	ch := p.change(&x.ent, Update)
	ch.Attributes = append(ch.Attributes, Attribute{Name: "groups", Added: addNames, Removed: remNames})
}

func sortGroups(list []*groupPair) {
	slices.SortFunc(list, func(a, b *groupPair) int {
		if a.addr.Less(b.addr) {
			return -1
		}
		if b.addr.Less(a.addr) {
			return 1
		}
		return 0
	})
}

// removeMember emits (once) the removal of a user from a group, as both
// are now.
func (p *planner) removeMember(g *groupPair, u *userPair, addr model.Address, phase, ord int) int {
	gn, un := g.curName(), u.curName()
	n := p.g.addOnce(removeMemberKey(gn, un), &op.RemoveUserFromGroup{GroupName: gn, UserName: un}, addr, phase, ord)
	p.before(&g.ent, n)
	p.before(&u.ent, n)
	return n
}

// sameMemberships reports, without allocating, that the user's groups
// inside the scope are the declared ones.
func (p *planner) sameMemberships(x *userPair) bool {
	n := 0
	for i, name := range x.cur.Groups {
		g := p.groupByCur[model.Fold(name)]
		if g == nil || g.st == stOut {
			continue
		}
		if !slices.Contains(x.groups, g) || slices.Contains(x.cur.Groups[:i], name) {
			return false
		}
		n++
	}
	return n == len(x.groups)
}
