package plan_test

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
	"github.com/iamc/iamc/policy"
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

const acctARN = "arn:aws:iam::123456789012:"

func newRole(name, path string, trust *policy.Document) *model.Role {
	return &model.Role{Name: name, Path: path, MaxSessionDuration: 3600, AssumeRolePolicy: trust}
}

// TestTrustCycleSteps: roles that the plan creates and whose trusts name
// one another in a cycle. One role of each cycle is created with a trust
// that names no role of the cycle, and gets its declared trust once they
// exist; the plan works in any order its dependencies allow, on an
// account that refuses a trust naming a principal that does not exist.
func TestTrustCycleSteps(t *testing.T) {
	deny := plantest.TrustAWS(acctARN + "role/a")
	deny.Statements[0].Effect = "Deny"
	deny.Statements = append(deny.Statements, plantest.TrustService("ec2.amazonaws.com").Statements...)
	for _, tc := range []struct {
		name             string
		desired, current *model.Account
		want             []string
		// first is the trust each deferred role is created with.
		first map[string]string
	}{{
		name: "two roles name each other",
		desired: acct(func(a *model.Account) {
			a.AddRole(newRole("a", "/", plantest.TrustAWS(acctARN+"role/b")))
			a.AddRole(newRole("b", "/", plantest.TrustAWS(acctARN+"role/a")))
		}),
		current: acct(func(a *model.Account) {}),
		want: []string{
			"1 create-role --role-name b --path / --assume-role-policy-document '{\"Version\":\"...' --max-session-duration 3600",
			"2 create-role --role-name a --path / --assume-role-policy-document '{\"Version\":\"...' --max-session-duration 3600 (after 1)",
			"3 update-assume-role-policy --role-name b --policy-document '{\"Version\":\"...' (after 1, 2)",
		},
		first: map[string]string{"b": `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`},
	}, {
		name: "a role left out of a Deny would be allowed more: the placeholder instead",
		desired: acct(func(a *model.Account) {
			a.AddRole(newRole("a", "/", plantest.TrustAWS(acctARN+"role/b")))
			a.AddRole(newRole("b", "/", deny))
		}),
		current: acct(func(a *model.Account) {}),
		want: []string{
			"1 create-role --role-name b --path / --assume-role-policy-document '{\"Version\":\"...' --max-session-duration 3600",
			"2 create-role --role-name a --path / --assume-role-policy-document '{\"Version\":\"...' --max-session-duration 3600 (after 1)",
			"3 update-assume-role-policy --role-name b --policy-document '{\"Version\":\"...' (after 1, 2)",
		},
		first: map[string]string{"b": `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`},
	}, {
		name: "a replaced role and a new one name each other; a kept role names the replaced one",
		desired: acct(func(a *model.Account) {
			a.AddUser(&model.User{Name: "u", Path: "/"})
			a.AddRole(newRole("r", "/new/", plantest.TrustAWS(acctARN+"role/n", acctARN+"user/u")))
			a.AddRole(newRole("n", "/", plantest.TrustAWS(acctARN+"role/new/r")))
			a.AddRole(newRole("k", "/", plantest.TrustAWS(acctARN+"role/new/r")))
		}),
		current: acct(func(a *model.Account) {
			a.AddUser(&model.User{Name: "u", Path: "/"})
			a.AddRole(newRole("r", "/", plantest.TrustService("ec2.amazonaws.com")))
			a.AddRole(newRole("k", "/", plantest.TrustService("ec2.amazonaws.com")))
		}),
		want: []string{
			"1 delete-role --role-name r",
			"2 create-role --role-name r --path /new/ --assume-role-policy-document '{\"Version\":\"...' --max-session-duration 3600 (after 1)",
			"3 update-assume-role-policy --role-name k --policy-document '{\"Version\":\"...' (after 2)",
			"4 create-role --role-name n --path / --assume-role-policy-document '{\"Version\":\"...' --max-session-duration 3600 (after 2)",
			"5 update-assume-role-policy --role-name r --policy-document '{\"Version\":\"...' (after 2, 4)",
		},
		first: map[string]string{"r": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/u"},"Action":"sts:AssumeRole"}]}`},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plan.Compute(tc.desired, tc.current, plan.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := stepList(p); !slices.Equal(got, tc.want) {
				t.Errorf("steps:\n%s\nwant:\n%s", joinLines(got), joinLines(tc.want))
			}
			for _, s := range p.Steps {
				if o, ok := s.Op.(*op.CreateRole); ok && tc.first[o.RoleName] != "" && o.AssumeRolePolicyDocument != tc.first[o.RoleName] {
					t.Errorf("role %s is created with the trust\n%s\nwant\n%s", o.RoleName, o.AssumeRolePolicyDocument, tc.first[o.RoleName])
				}
			}
			r := rand.New(rand.NewSource(1))
			for k := range 10 {
				var order []int
				if k > 0 {
					order = randomOrder(p.Steps, r)
				}
				after, err := applyPlan(tc.current, p.Steps, order)
				if err != nil {
					t.Fatalf("order %d: %v", k, err)
				}
				again, err := plan.Compute(tc.desired, after, plan.Options{})
				if err != nil || !again.Empty() {
					t.Fatalf("order %d: planning again: %v\n%s", k, err, joinLines(stepList(again)))
				}
			}
		})
	}
}

// TestTrustNamesWhatThePlanRemoves: a declared trust policy that names a
// user or role by an ARN that this plan deletes, renames or moves away
// can never match the account, and is refused.
func TestTrustNamesWhatThePlanRemoves(t *testing.T) {
	for _, tc := range []struct {
		name             string
		desired, current func(a *model.Account)
		want             string
	}{{
		name:    "a deleted user",
		desired: func(a *model.Account) { a.AddRole(newRole("c", "/", plantest.TrustAWS(acctARN+"user/gone"))) },
		current: func(a *model.Account) { a.AddUser(&model.User{Name: "gone", Path: "/"}) },
		want:    "role.c: its trust policy names user gone (arn:aws:iam::123456789012:user/gone), which this plan deletes (it is inside the manage scope and not declared)",
	}, {
		name:    "a deleted role, named by a role that stays with that trust",
		desired: func(a *model.Account) { a.AddRole(newRole("c", "/", plantest.TrustAWS(acctARN+"role/old"))) },
		current: func(a *model.Account) {
			a.AddRole(newRole("c", "/", plantest.TrustAWS(acctARN+"role/old")))
			a.AddRole(newRole("old", "/", plantest.TrustService("ec2.amazonaws.com")))
		},
		want: "role.c: its trust policy names role old (arn:aws:iam::123456789012:role/old), which this plan deletes",
	}, {
		name: "a user renamed in place",
		desired: func(a *model.Account) {
			a.AddUser(&model.User{Name: "new", Path: "/", RenamedFrom: "old"})
			a.AddRole(newRole("c", "/", plantest.TrustAWS(acctARN+"user/old")))
		},
		current: func(a *model.Account) { a.AddUser(&model.User{Name: "old", Path: "/"}) },
		want:    "role.c: its trust policy names user old by its current ARN arn:aws:iam::123456789012:user/old, which this plan renames or moves in place to arn:aws:iam::123456789012:user/new",
	}, {
		name: "a role replaced at another path",
		desired: func(a *model.Account) {
			a.AddRole(newRole("r", "/x/", plantest.TrustService("ec2.amazonaws.com")))
			a.AddRole(newRole("c", "/", plantest.TrustAWS(acctARN+"role/r")))
		},
		current: func(a *model.Account) { a.AddRole(newRole("r", "/", plantest.TrustService("ec2.amazonaws.com"))) },
		want:    "role.c: its trust policy names role r by its current ARN arn:aws:iam::123456789012:role/r, which this plan replaces at arn:aws:iam::123456789012:role/x/r",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plan.Compute(acct(tc.desired), acct(tc.current), plan.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Compute: %v\nwant an error saying %q", err, tc.want)
			}
		})
	}
	// Outside the scope, the principal stays: no error.
	des := acct(func(a *model.Account) { a.AddRole(newRole("c", "/app/", plantest.TrustAWS(acctARN+"user/legacy/u"))) })
	cur := acct(func(a *model.Account) { a.AddUser(&model.User{Name: "u", Path: "/legacy/"}) })
	if _, err := plan.Compute(des, cur, plan.Options{Scope: model.Scope{"/app/"}, ScopeDeclared: true}); err != nil {
		t.Errorf("a trust naming a user outside the scope: %v", err)
	}
}
