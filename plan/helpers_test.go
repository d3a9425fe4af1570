package plan_test

import (
	"github.com/iamc/iamc/model"
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
