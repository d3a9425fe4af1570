package plan_test

import (
	"context"
	"fmt"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
	"github.com/iamc/iamc/provider/memory"
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

// loginPassword meets any password policy iamc can declare short of a
// minimum length above its own.
const loginPassword = "Xq7!mR2#vL9$wK4%nP8&zT3*"

// seedAccount returns a memory account holding current that enforces the
// quotas q (the zero value: the defaults). The memory account enforces
// what IAM does, principals included: a trust policy naming a user or
// role that does not exist fails, and trust policies show a renamed user
// under its new ARN and a deleted user or role as its unique id.
func seedAccount(current *model.Account, q model.Quotas) (*memory.Account, error) {
	if q == (model.Quotas{}) {
		q = model.DefaultQuotas
	}
	return memory.FromModelWithQuotas(current, q)
}

// applyPlan runs steps against a memory account seeded with current, in
// order (a permutation of indexes when order is not nil), and reads the
// account back.
func applyPlan(current *model.Account, steps []plan.Step, order []int) (*model.Account, error) {
	return applyPlanQuotas(current, steps, order, model.Quotas{})
}

// applyPlanQuotas is applyPlan on an account that enforces the quotas q
// (the zero value: the defaults).
func applyPlanQuotas(current *model.Account, steps []plan.Step, order []int, q model.Quotas) (*model.Account, error) {
	acct, err := seedAccount(current, q)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	run := func(s plan.Step) error {
		o := s.Op
		if lp, ok := o.(*op.CreateLoginProfile); ok {
			c := *lp
			c.Password = loginPassword
			o = &c
		}
		if err := acct.Do(ctx, o); err != nil {
			return fmt.Errorf("step %d (%s): %w", s.ID, op.Command(s.Op, 80), err)
		}
		return nil
	}
	if order == nil {
		for _, s := range steps {
			if err := run(s); err != nil {
				return nil, err
			}
		}
	} else {
		for _, i := range order {
			if err := run(steps[i]); err != nil {
				return nil, err
			}
		}
	}
	return acct.Read(ctx)
}
