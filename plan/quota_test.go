package plan_test

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/memory"
)

// memoryWithQuotas returns a memory account holding current that
// enforces the quotas q.
func memoryWithQuotas(t *testing.T, current *model.Account, q model.Quotas) *memory.Account {
	t.Helper()
	acct, err := seedAccount(current, q)
	if err != nil {
		t.Fatalf("seeding: %v", err)
	}
	return acct
}

// countKinds builds, for each kind of entity, an account with n of them
// at path, named prefix0, prefix1...
var countKinds = []struct {
	plural string
	quota  func(q *model.Quotas) *int
	add    func(a *model.Account, n int, prefix, path string)
	create op.Op
}{
	{"users", func(q *model.Quotas) *int { return &q.Users }, func(a *model.Account, n int, prefix, path string) {
		for i := range n {
			a.AddUser(&model.User{Name: fmt.Sprint(prefix, i), Path: path})
		}
	}, &op.CreateUser{UserName: "extra"}},
	{"groups", func(q *model.Quotas) *int { return &q.Groups }, func(a *model.Account, n int, prefix, path string) {
		for i := range n {
			a.AddGroup(&model.Group{Name: fmt.Sprint(prefix, i), Path: path})
		}
	}, &op.CreateGroup{GroupName: "extra"}},
	{"roles", func(q *model.Quotas) *int { return &q.Roles }, func(a *model.Account, n int, prefix, path string) {
		for i := range n {
			a.AddRole(&model.Role{Name: fmt.Sprint(prefix, i), Path: path, MaxSessionDuration: 3600,
				AssumeRolePolicy: plantest.TrustService("ec2.amazonaws.com")})
		}
	}, &op.CreateRole{RoleName: "extra", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`}},
	{"policies", func(q *model.Quotas) *int { return &q.Policies }, func(a *model.Account, n int, prefix, path string) {
		for i := range n {
			a.AddPolicy(&model.ManagedPolicy{Name: fmt.Sprint(prefix, i), Path: path, Document: plantest.Allow([]string{"s3:GetObject"})})
		}
	}, &op.CreatePolicy{PolicyName: "extra", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`}},
}

// TestAccountQuotaCountsOutsideScope: the account's quota on users,
// groups, roles and policies counts the entities outside the manage
// scope, which the configuration does not see. With a quota of 3, two
// entities outside the scope and two declared, every plan would fail at
// its second create: Compute refuses it. With one declared, the plan
// fits and applies on an account that enforces the quota.
func TestAccountQuotaCountsOutsideScope(t *testing.T) {
	scope := model.Scope{"/app/"}
	for _, k := range countKinds {
		t.Run(k.plural, func(t *testing.T) {
			q := model.DefaultQuotas
			*k.quota(&q) = 3
			cur := model.NewAccount(model.DefaultAccountID)
			k.add(cur, 2, "o", "/legacy/")
			des := model.NewAccount(model.DefaultAccountID)
			k.add(des, 2, "n", "/app/")
			_, err := plan.Compute(des, cur, plan.Options{Scope: scope, ScopeDeclared: true, Quotas: q})
			want := fmt.Sprintf(`%s: after this plan the account would hold 4 %s, over its quota of 3 %s per account: 2 declared inside the manage scope ["/app/"] and 2 outside it`, k.plural, k.plural, k.plural)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("Compute: %v\nwant an error saying %q", err, want)
			}

			// One declared fits: the plan applies on an account that
			// enforces the quota, which is then full.
			des = model.NewAccount(model.DefaultAccountID)
			k.add(des, 1, "n", "/app/")
			p, err := plan.Compute(des, cur, plan.Options{Scope: scope, ScopeDeclared: true, Quotas: q})
			if err != nil {
				t.Fatal(err)
			}
			acct := memoryWithQuotas(t, cur, q)
			for _, s := range p.Steps {
				if err := acct.Do(context.Background(), s.Op); err != nil {
					t.Fatal(err)
				}
			}
			wantCode(t, acct, k.create, provider.LimitExceeded)
		})
	}
}

// TestAccountQuotaInsideScopeDeletes: entities the plan deletes make room,
// and reserved entities count.
func TestAccountQuotaInsideScopeDeletes(t *testing.T) {
	q := model.DefaultQuotas
	q.Roles = 3
	cur := model.NewAccount(model.DefaultAccountID)
	countKinds[2].add(cur, 2, "old", "/app/")
	cur.AddRole(&model.Role{Name: "AWSServiceRoleForSupport", Path: "/aws-service-role/support.amazonaws.com/",
		MaxSessionDuration: 3600, AssumeRolePolicy: plantest.TrustService("support.amazonaws.com")})
	des := model.NewAccount(model.DefaultAccountID)
	countKinds[2].add(des, 2, "new", "/app/")
	if _, err := plan.Compute(des, cur, plan.Options{Quotas: q}); err != nil {
		t.Fatalf("2 roles deleted, 2 created, 1 reserved, quota 3: %v", err)
	}
	countKinds[2].add(des, 3, "new", "/app/")
	_, err := plan.Compute(des, cur, plan.Options{Quotas: q})
	want := `roles: after this plan the account would hold 4 roles, over its quota of 3 roles per account: 3 declared inside the manage scope ["/"] and 1 outside it (1 under AWS's reserved paths)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Compute: %v\nwant an error saying %q", err, want)
	}
}

// TestQuotaOrderPairsCreatesWithDeletes: at the account's quota, the
// creates that fit in its room are free and each other create waits for
// one delete of its own, so that the plan works in any order its
// dependencies allow and its dependencies stay few.
func TestQuotaOrderPairsCreatesWithDeletes(t *testing.T) {
	for _, tc := range []struct {
		quota, room int
	}{{6, 0}, {8, 2}} {
		q := model.DefaultQuotas
		q.Users = tc.quota
		cur := model.NewAccount(model.DefaultAccountID)
		countKinds[0].add(cur, 6, "old", "/")
		des := model.NewAccount(model.DefaultAccountID)
		countKinds[0].add(des, 6+tc.room, "new", "/")
		p, err := plan.Compute(des, cur, plan.Options{Quotas: q})
		if err != nil {
			t.Fatal(err)
		}
		free, paired := 0, map[int]bool{}
		for _, s := range p.Steps {
			if _, ok := s.Op.(*op.CreateUser); !ok {
				continue
			}
			switch len(s.DependsOn) {
			case 0:
				free++
			case 1:
				d := p.Steps[s.DependsOn[0]-1].Op
				if _, ok := d.(*op.DeleteUser); !ok || paired[s.DependsOn[0]] {
					t.Errorf("step %d waits for step %d (%s), not for a delete of its own", s.ID, s.DependsOn[0], d.Action())
				}
				paired[s.DependsOn[0]] = true
			default:
				t.Errorf("step %d waits for %v, more than one delete", s.ID, s.DependsOn)
			}
		}
		if free != tc.room || len(paired) != 6 {
			t.Errorf("quota %d: %d creates free, %d paired with a delete; want %d and 6\n%s", tc.quota, free, len(paired), tc.room, joinLines(stepList(p)))
		}
		r := rand.New(rand.NewSource(int64(tc.quota)))
		for k := range 30 {
			after, err := applyPlanQuotas(cur, p.Steps, randomOrder(p.Steps, r), q)
			if err != nil {
				t.Fatalf("quota %d, order %d: %v", tc.quota, k, err)
			}
			if d := plantest.Diff(des, after, nil); len(d) > 0 {
				t.Fatalf("quota %d, order %d: %s", tc.quota, k, joinLines(d))
			}
		}
	}
}

// TestQuotaOrderLargeOrgIsSmall renames every user of the large
// organisation (without renamed_from) at the cap of 5,000 users: the plan
// must stay small, one dependency per create.
func TestQuotaOrderLargeOrgIsSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("the large organisation")
	}
	cur := plantest.Org(plantest.LargeOrgSize, 1)
	p, err := plan.Compute(renamedUsers(cur), cur, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	deps := 0
	for _, s := range p.Steps {
		deps += len(s.DependsOn)
	}
	if deps > 3*len(p.Steps) {
		t.Errorf("%d steps with %d dependencies", len(p.Steps), deps)
	}
	t.Logf("%d steps, %d dependencies", len(p.Steps), deps)
}
