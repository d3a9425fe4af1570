package plan_test

import (
	"slices"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
)

// TestTrustChainOrder plans roles that each trust the next role and five
// users, all new: every create of a role waits for the creates of the
// principals its trust names.
func TestTrustChainOrder(t *testing.T) {
	des := trustingOrg(plantest.OrgSize{Users: 300, Groups: 5, Roles: 200, Policies: 10}, 100)
	p, err := plan.Compute(des, model.NewAccount(des.ID), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	created := map[model.Address]int{}
	for _, s := range p.Steps {
		switch o := s.Op.(type) {
		case *op.CreateUser:
			created[model.UserAddr(o.UserName)] = s.ID
		case *op.CreateRole:
			created[model.RoleAddr(o.RoleName)] = s.ID
		}
	}
	checked := 0
	for _, s := range p.Steps {
		o, ok := s.Op.(*op.CreateRole)
		if !ok {
			continue
		}
		for _, id := range des.Role(o.RoleName).AssumeRolePolicy.Statements[0].Principal.Entries["AWS"] {
			pa, _ := model.ParseEntityARN(id)
			want := created[model.Address{Kind: model.Kind(pa.Resource), Name: pa.Name}]
			if !slices.Contains(s.DependsOn, want) {
				t.Errorf("step %d creates role %s before step %d creates %s", s.ID, o.RoleName, want, id)
			}
			checked++
		}
	}
	if checked != 200*5+199 {
		t.Errorf("%d principals checked", checked)
	}
}

// TestTrustOrderIsLinear: ordering the trusts takes time and memory in
// proportion to the roles and principals, not to their square. Twice the
// roles and trusts must take well under four times the allocations.
func TestTrustOrderIsLinear(t *testing.T) {
	allocs := func(roles int) float64 {
		des := trustingOrg(plantest.OrgSize{Users: 2 * roles, Groups: 5, Roles: roles, Policies: 10}, roles)
		cur := model.NewAccount(des.ID)
		return testing.AllocsPerRun(1, func() {
			if _, err := plan.Compute(des, cur, plan.Options{}); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(250), allocs(500)
	if large > 2.6*small {
		t.Errorf("%.0f allocations for 250 roles, %.0f for 500: ordering the trusts is not linear", small, large)
	}
}
