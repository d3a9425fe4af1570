package plan_test

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan/plantest"
)

// renamedUsers returns a copy of a with every user under another name,
// without renamed_from: the users are deleted and created.
func renamedUsers(a *model.Account) *model.Account {
	out := a.Clone()
	out.Users = make(map[string]*model.User, len(a.Users))
	for _, u := range a.SortedUsers() {
		c := *u
		c.Name = "member-" + u.Name
		out.AddUser(&c)
	}
	return out
}

// trustingOrg is an organisation of the given size with each role
// trusting the next role and five of the first pool users.
func trustingOrg(size plantest.OrgSize, pool int) *model.Account {
	a := plantest.Org(size, 1)
	roles := a.SortedRoles()
	users := a.SortedUsers()[:pool]
	for i, r := range roles {
		var ids []string
		if i+1 < len(roles) {
			next := roles[i+1]
			ids = append(ids, model.RoleARN(a.ID, next.Path, next.Name))
		}
		for k := range 5 {
			u := users[(i*5+k*397)%len(users)]
			ids = append(ids, model.UserARN(a.ID, u.Path, u.Name))
		}
		r.AssumeRolePolicy = plantest.TrustAWS(ids...)
	}
	return a
}
