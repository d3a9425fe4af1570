package plan

import (
	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/model"
)

// access computes what the plan changes in who may do what: the access
// of the account as it is against the account as the plan leaves it.
func (p *planner) access() *access.Delta {
	return access.Diff(p.cur, p.afterPlan())
}

// afterPlan is the account as the plan leaves it: each declared entity as
// declared, with its references resolved to what they will be; each
// entity outside the manage scope as it is, less its memberships of
// groups the plan deletes. Entities inside the scope that are not
// declared are gone.
func (p *planner) afterPlan() *model.Account {
	id := p.des.ID
	if id == "" {
		id = p.cur.ID
	}
	a := model.NewAccount(id)
	a.Alias, a.PasswordPolicy = p.des.Alias, p.des.PasswordPolicy
	for _, x := range p.policies {
		switch {
		case x.des != nil:
			mp := *x.des
			mp.ARN = x.newARN
			a.AddPolicy(&mp)
		case x.st == stOut:
			a.AddPolicy(x.cur)
		}
	}
	groupAfter := map[string]string{} // a current group (folded) → its name after the plan
	for _, x := range p.groups {
		switch {
		case x.des != nil:
			g := *x.des
			g.ManagedPolicies = x.policies
			a.AddGroup(&g)
			if x.cur != nil {
				groupAfter[model.Fold(x.cur.Name)] = g.Name
			}
		case x.st == stOut:
			a.AddGroup(x.cur)
			groupAfter[model.Fold(x.cur.Name)] = x.cur.Name
		}
	}
	for _, x := range p.users {
		switch {
		case x.des != nil:
			u := *x.des
			u.ManagedPolicies, u.PermissionsBoundary = x.policies, x.boundary
			u.Groups = make([]string, 0, len(x.groups))
			for _, g := range x.groups {
				u.Groups = append(u.Groups, g.addr.Name)
			}
			// Groups outside the scope keep their members.
			if x.cur != nil {
				for _, name := range x.cur.Groups {
					if g := p.groupByCur[model.Fold(name)]; g != nil && g.st == stOut {
						u.Groups = append(u.Groups, name)
					}
				}
			}
			a.AddUser(&u)
		case x.st == stOut:
			u := *x.cur
			u.Groups = nil
			for _, name := range x.cur.Groups {
				if after, ok := groupAfter[model.Fold(name)]; ok {
					u.Groups = append(u.Groups, after)
				}
			}
			a.AddUser(&u)
		}
	}
	for _, x := range p.roles {
		switch {
		case x.des != nil:
			r := *x.des
			r.ManagedPolicies, r.PermissionsBoundary = x.policies, x.boundary
			a.AddRole(&r)
		case x.st == stOut:
			a.AddRole(x.cur)
		}
	}
	return a
}
