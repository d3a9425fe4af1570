package plan_test

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
	"github.com/iamc/iamc/plan/render"
)

// TestConflicts lists what Compute refuses: conflicts no plan can
// resolve, each named by its address.
func TestConflicts(t *testing.T) {
	trust := plantest.TrustService("ec2.amazonaws.com")
	app := model.Scope{"/app/"}
	for _, tc := range []struct {
		name             string
		desired, current func(a *model.Account)
		scope            model.Scope
		quotas           model.Quotas
		want             []string
	}{{
		name:    "a name taken outside the scope",
		desired: func(a *model.Account) { a.AddUser(&model.User{Name: "bob", Path: "/app/"}) },
		current: func(a *model.Account) { a.AddUser(&model.User{Name: "Bob", Path: "/legacy/"}) },
		scope:   app,
		want:    []string{`user.bob: the name is taken by user Bob at path /legacy/, outside the manage scope ["/app/"]`},
	}, {
		name: "a name taken under a reserved path",
		desired: func(a *model.Account) {
			a.AddRole(&model.Role{Name: "AWSServiceRoleForSupport", Path: "/", AssumeRolePolicy: trust})
		},
		current: func(a *model.Account) {
			a.AddRole(&model.Role{Name: "AWSServiceRoleForSupport", Path: "/aws-service-role/support.amazonaws.com/", AssumeRolePolicy: trust})
		},
		want: []string{"role.AWSServiceRoleForSupport: the name is taken by role AWSServiceRoleForSupport at path /aws-service-role/support.amazonaws.com/, which AWS reserves"},
	}, {
		name:    "a declared path outside the scope",
		desired: func(a *model.Account) { a.AddGroup(&model.Group{Name: "g", Path: "/other/"}) },
		scope:   app,
		want:    []string{`group.g: its path /other/ is outside the manage scope ["/app/"]`},
	}, {
		name: "a declared reserved path",
		desired: func(a *model.Account) {
			a.AddRole(&model.Role{Name: "r", Path: "/aws-reserved/x/", AssumeRolePolicy: trust})
		},
		want: []string{"role.r: its path /aws-reserved/x/ is reserved for AWS"},
	}, {
		name:    "a rename of an entity outside the scope",
		desired: func(a *model.Account) { a.AddUser(&model.User{Name: "new", Path: "/app/", RenamedFrom: "old"}) },
		current: func(a *model.Account) { a.AddUser(&model.User{Name: "old", Path: "/legacy/"}) },
		scope:   app,
		want:    []string{"user.new: the name is taken by user old at path /legacy/"},
	}, {
		name: "two renames of one group",
		desired: func(a *model.Account) {
			a.AddGroup(&model.Group{Name: "a", Path: "/", RenamedFrom: "old"})
			a.AddGroup(&model.Group{Name: "b", Path: "/", RenamedFrom: "OLD"})
		},
		current: func(a *model.Account) { a.AddGroup(&model.Group{Name: "old", Path: "/"}) },
		want:    []string{`group.b: renamed_from "OLD": group.a is renamed from it too`},
	}, {
		name:    "a group that is not declared",
		desired: func(a *model.Account) { a.AddUser(&model.User{Name: "u", Path: "/", Groups: []string{"nope"}}) },
		want:    []string{`user.u: group "nope" is not declared`},
	}, {
		name: "an attachment of a policy the plan deletes",
		desired: func(a *model.Account) {
			a.AddUser(&model.User{Name: "u", Path: "/", ManagedPolicies: []string{"arn:aws:iam::123456789012:policy/p"}})
		},
		current: func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Name: "p", Path: "/", Document: plantest.Allow([]string{"s3:GetObject"})})
		},
		want: []string{"user.u: managed policy arn:aws:iam::123456789012:policy/p: the policy is inside the manage scope and not declared, so this plan deletes it"},
	}, {
		name: "a policy that does not exist, a boundary of another account",
		desired: func(a *model.Account) {
			a.AddRole(&model.Role{Name: "r", Path: "/", AssumeRolePolicy: trust,
				ManagedPolicies:     []string{"arn:aws:iam::123456789012:policy/missing"},
				PermissionsBoundary: "arn:aws:iam::999999999999:policy/b"})
		},
		want: []string{
			"role.r: managed policy arn:aws:iam::123456789012:policy/missing: no such policy exists or is declared",
			"role.r: permissions boundary arn:aws:iam::999999999999:policy/b belongs to account 999999999999",
		},
	}, {
		name: "groups outside the scope push a user over its cap",
		desired: func(a *model.Account) {
			a.AddGroup(&model.Group{Name: "a", Path: "/app/"})
			a.AddGroup(&model.Group{Name: "b", Path: "/app/"})
			a.AddUser(&model.User{Name: "u", Path: "/app/", Groups: []string{"a", "b"}})
		},
		current: func(a *model.Account) {
			a.AddGroup(&model.Group{Name: "x", Path: "/legacy/"})
			a.AddUser(&model.User{Name: "u", Path: "/app/", Groups: []string{"x"}})
		},
		scope:  app,
		quotas: withGroupsPerUser(2),
		want:   []string{"user.u: the user would be in 3 groups, counting those outside the manage scope it stays in; IAM allows 2"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			d, c := model.NewAccount("123456789012"), model.NewAccount("123456789012")
			if tc.desired != nil {
				tc.desired(d)
			}
			if tc.current != nil {
				tc.current(c)
			}
			_, err := plan.Compute(d, c, plan.Options{Scope: tc.scope, ScopeDeclared: tc.scope != nil, Quotas: tc.quotas})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nlacks %q", err, w)
				}
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != len(tc.want) {
				t.Errorf("%d errors, want %d: %v", n, len(tc.want), err)
			}
		})
	}
}

// TestPureAndDeterministic checks that Compute changes neither account
// and gives the same plan, byte for byte, every time.
func TestPureAndDeterministic(t *testing.T) {
	for i := range 50 {
		c := plantest.Generate(rand.New(rand.NewSource(int64(i))))
		before := [2][]byte{mustJSON(t, c.Desired), mustJSON(t, c.Current)}
		opts := plan.Options{Scope: c.Scope, ScopeDeclared: c.ScopeDeclared, Quotas: c.Quotas}
		var out [2]bytes.Buffer
		for k := range out {
			p, err := plan.Compute(c.Desired, c.Current, opts)
			if err != nil && len(c.Refused) > 0 {
				out[k].WriteString(err.Error())
				continue
			}
			if err != nil {
				t.Fatalf("seed %d: %v", i, err)
			}
			if err := render.JSON(&out[k], p); err != nil {
				t.Fatal(err)
			}
			render.Text(&out[k], p, render.Options{})
		}
		if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
			t.Fatalf("seed %d: two plans of the same accounts differ", i)
		}
		if !bytes.Equal(before[0], mustJSON(t, c.Desired)) || !bytes.Equal(before[1], mustJSON(t, c.Current)) {
			t.Fatalf("seed %d: Compute changed an account", i)
		}
	}
}

func mustJSON(t *testing.T, a *model.Account) []byte {
	t.Helper()
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestWarnings checks when the plan warns.
func TestWarnings(t *testing.T) {
	trust := plantest.TrustService("ec2.amazonaws.com")
	cur := model.NewAccount("123456789012")
	cur.AddUser(&model.User{Name: "gone", Path: "/"})
	cur.AddRole(&model.Role{Name: "ci", Path: "/", AssumeRolePolicy: plantest.TrustAWS("arn:aws:iam::123456789012:user/gone")})
	cur.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 8, MaxPasswordAge: 30}
	des := model.NewAccount("123456789012")
	des.AddRole(&model.Role{Name: "ci", Path: "/", AssumeRolePolicy: trust})
	des.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 8, MaxPasswordAge: 60}

	p, err := plan.Compute(des, cur, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(p.Warnings, "\n")
	if want := "this plan deletes 1 entity that the configuration never mentions (1 user)"; !strings.Contains(got, want) {
		t.Errorf("warnings lack %q:\n%s", want, got)
	}
	// The plan replaces role.ci's trust, which names user.gone, with the
	// declared one, which does not: nothing breaks.
	if strings.Contains(got, "user.gone is deleted") {
		t.Errorf("a trust the plan replaces is flagged:\n%s", got)
	}
	if strings.Contains(got, "max_password_age") {
		t.Errorf("a longer max_password_age is flagged:\n%s", got)
	}

	// A role outside the scope keeps a trust that names a deleted user.
	out := cur.Clone()
	out.User("gone").Path = "/app/"
	out.AddRole(&model.Role{Name: "legacy", Path: "/legacy/", AssumeRolePolicy: plantest.TrustAWS("arn:aws:iam::123456789012:user/app/gone")})
	p, err = plan.Compute(model.NewAccount("123456789012"), out, plan.Options{Scope: model.Scope{"/app/"}, ScopeDeclared: true, AllowEmptyScope: true})
	if err != nil {
		t.Fatal(err)
	}
	got = strings.Join(p.Warnings, "\n")
	if want := "user.gone is deleted and is named as a principal by the trust policy of role.legacy"; !strings.Contains(got, want) {
		t.Errorf("warnings lack %q:\n%s", want, got)
	}

	des.PasswordPolicy.MaxPasswordAge = 10
	p, err = plan.Compute(des, cur, plan.Options{Scope: model.Scope{"/"}, ScopeDeclared: true})
	if err != nil {
		t.Fatal(err)
	}
	got = strings.Join(p.Warnings, "\n")
	if !strings.Contains(got, "max_password_age goes from 30 days to 10 days") {
		t.Errorf("a shorter max_password_age is not flagged:\n%s", got)
	}
	if strings.Contains(got, "manage") {
		t.Errorf("a declared scope still gets the suggestion:\n%s", got)
	}
}

// TestDefaults checks that zero options mean the whole account and the
// default quotas, and that a no-op plan is empty, not nil.
func TestDefaults(t *testing.T) {
	a := plantest.Org(plantest.OrgSize{Users: 30, Groups: 5, Roles: 5, Policies: 10}, 7)
	p, err := plan.Compute(a, a.Clone(), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Empty() || p.Changes == nil || p.Steps == nil || p.Account != a.ID {
		t.Errorf("no-op plan: %+v", p)
	}
	if _, err := plan.Compute(nil, a, plan.Options{}); err == nil {
		t.Error("a nil account is accepted")
	}
}
