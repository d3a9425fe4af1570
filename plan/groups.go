package plan

import (
	"slices"
	"sort"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

func (p *planner) anchorGroups() {
	for _, x := range p.groups {
		switch x.st {
		case stCreate:
			n := p.g.add(&op.CreateGroup{GroupName: x.des.Name, Path: x.des.Path}, x.addr, phGroup, x.ord)
			x.ready, x.arnReady = n, n
		case stKeep:
			c, d := x.cur, x.des
			p.anchorInPlace(&x.ent, c.Name, c.Path, d.Name, d.Path, phGroup, func(newName, newPath string) op.Op {
				return &op.UpdateGroup{GroupName: c.Name, NewGroupName: newName, NewPath: newPath}
			})
		case stDelete:
			x.gone = p.g.add(&op.DeleteGroup{GroupName: x.cur.Name}, x.addr, phDeleteGroup, x.ord)
		}
	}
}

// planGroups plans the groups that are created or stay. Their members
// change with the users.
func (p *planner) planGroups() {
	for _, x := range p.groups {
		switch x.st {
		case stCreate:
			c := p.change(&x.ent, Create)
			c.Attributes = append(c.Attributes, created("path", x.des.Path))
			p.createAttachments(&x.ent, c)
			p.createInline(&x.ent, x.des.InlinePolicies, c)
		case stKeep:
			c, d := x.cur, x.des
			p.planInPlace(&x.ent, "UpdateGroup", c.Name, c.Path, d.Name, d.Path, func() (string, string) {
				return c.ARNIn(p.acct), model.GroupARN(p.acct, d.Path, d.Name)
			})
			p.diffAttachments(&x.ent, c.ManagedPolicies)
			p.diffInline(&x.ent, c.InlinePolicies, d.InlinePolicies)
		}
	}
}

// planGroupDeletes plans the groups inside the scope that are not
// declared: every member leaves (users outside the scope too), policies
// are detached and deleted, then DeleteGroup. It also records the members
// that join and leave the groups that stay.
func (p *planner) planGroupDeletes() {
	for _, x := range p.groups {
		switch x.st {
		case stCreate, stKeep:
			if len(x.joined) == 0 && len(x.left) == 0 {
				continue
			}
			action := Update
			if x.st == stCreate {
				action = Create
			}
			ch := p.change(&x.ent, action)
			a := Attribute{Name: "members", Added: sortedNames(x.joined), Removed: sortedNames(x.left)}
			// Members come after the path and name, before policies.
			at := 0
			for at < len(ch.Attributes) && (ch.Attributes[at].Name == "name" || ch.Attributes[at].Name == "path") {
				at++
			}
			ch.Attributes = slices.Insert(ch.Attributes, at, a)
		case stDelete:
			g := x.cur
			var members []string
			for _, u := range p.members[model.Fold(g.Name)] {
				if u.st == stOut {
					p.outsideWrite(&x.ent, &u.ent, "removes from it its member", "Remove the member from the group yourself", "")
					continue
				}
				p.removeMember(x, u, x.addr, phDeleteGroup, x.ord)
				members = append(members, u.curName())
			}
			p.cleanupAttachments(&x.ent, g.ManagedPolicies, phDeleteGroup)
			for _, ip := range sortedInline(g.InlinePolicies) {
				n := p.g.add(&op.DeleteGroupPolicy{GroupName: g.Name, PolicyName: ip.Name}, x.addr, phDeleteGroup, x.ord)
				p.before(&x.ent, n)
			}
			var what []string
			if len(members) > 0 {
				what = append(what, english.Count(len(members), "member")+" ("+english.Join(sortedNames(members))+")")
			}
			what = english.AppendCount(what, len(g.InlinePolicies), "inline policy")
			what = english.AppendCount(what, len(g.ManagedPolicies), "attached policy")
			ch := p.change(&x.ent, Delete)
			ch.Notes = append(ch.Notes, "not declared: iamc deletes what it manages and the configuration does not declare")
			if len(what) > 0 {
				ch.Notes = append(ch.Notes, "removes first: "+english.Join(what))
			}
		}
	}
}

func sortedNames(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := slices.Clone(list)
	sort.Slice(out, func(i, j int) bool {
		fi, fj := model.Fold(out[i]), model.Fold(out[j])
		if fi != fj {
			return fi < fj
		}
		return out[i] < out[j]
	})
	return slices.Compact(out)
}
