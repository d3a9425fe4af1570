package plan_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
)

// stepList renders a plan's steps one a line, as "id command" followed by
// the steps it waits for: the exact operation list a reviewer checks.
func stepList(p *plan.Plan) []string {
	out := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		line := fmt.Sprintf("%d %s", s.ID, strings.TrimPrefix(op.Command(s.Op, 12), "aws iam "))
		if len(s.DependsOn) > 0 {
			line += " (after " + strings.ReplaceAll(strings.Trim(fmt.Sprint(s.DependsOn), "[]"), " ", ", ") + ")"
		}
		out[i] = line
	}
	return out
}

func acct(f func(a *model.Account)) *model.Account {
	a := model.NewAccount(model.DefaultAccountID)
	f(a)
	return a
}

const pARN = "arn:aws:iam::123456789012:policy/app/"

// TestSteps checks the exact step lists of a few plans, with their
// dependencies.
func TestSteps(t *testing.T) {
	doc := plantest.Allow([]string{"s3:GetObject"})
	doc2 := plantest.Allow([]string{"s3:PutObject"})
	trust := plantest.TrustService("ec2.amazonaws.com")
	for _, tc := range []struct {
		name             string
		desired, current *model.Account
		opts             plan.Options
		want             []string
	}{{
		name: "renames come first, and the steps after them use the new names",
		desired: acct(func(a *model.Account) {
			a.AddGroup(&model.Group{Name: "engineers", Path: "/", RenamedFrom: "devs"})
			a.AddGroup(&model.Group{Name: "ops", Path: "/"})
			a.AddUser(&model.User{Name: "tyler", Path: "/", RenamedFrom: "tyler.old", Groups: []string{"engineers", "ops"}})
		}),
		current: acct(func(a *model.Account) {
			a.AddGroup(&model.Group{Name: "devs", Path: "/"})
			a.AddUser(&model.User{Name: "tyler.old", Path: "/", Groups: []string{"devs"}})
		}),
		want: []string{
			"1 update-group --group-name devs --new-group-name engineers",
			"2 create-group --group-name ops --path /",
			"3 update-user --user-name tyler.old --new-user-name tyler",
			"4 add-user-to-group --group-name ops --user-name tyler (after 2, 3)",
		},
	}, {
		name: "a user that goes with its group leaves it once; the group waits for every member",
		current: acct(func(a *model.Account) {
			a.AddGroup(&model.Group{Name: "gone", Path: "/app/", ManagedPolicies: []string{pARN + "p"}})
			a.AddPolicy(&model.ManagedPolicy{Name: "p", Path: "/app/", Document: doc,
				Versions: []model.PolicyVersion{{ID: "v1"}, {ID: "v2", IsDefault: true}}})
			a.AddUser(&model.User{Name: "leaver", Path: "/app/", Groups: []string{"gone"}, ManagedPolicies: []string{pARN + "p"},
				LoginProfile: &model.LoginProfile{Enabled: true}})
			a.AddUser(&model.User{Name: "stayer", Path: "/app/", Groups: []string{"gone"}})
		}),
		desired: acct(func(a *model.Account) {
			a.AddUser(&model.User{Name: "stayer", Path: "/app/"})
		}),
		opts: plan.Options{Scope: model.Scope{"/app/"}, ScopeDeclared: true},
		want: []string{
			"1 remove-user-from-group --group-name gone --user-name stayer",
			"2 delete-login-profile --user-name leaver",
			"3 detach-user-policy --user-name leaver --policy-arn arn:aws:iam::123456789012:policy/app/p (after 2)",
			"4 remove-user-from-group --group-name gone --user-name leaver (after 3)",
			"5 delete-user --user-name leaver (after 2, 3, 4)",
			"6 detach-group-policy --group-name gone --policy-arn arn:aws:iam::123456789012:policy/app/p",
			"7 delete-group --group-name gone (after 1, 4, 6)",
			"8 delete-policy-version --policy-arn arn:aws:iam::123456789012:policy/app/p --version-id v1",
			"9 delete-policy --policy-arn arn:aws:iam::123456789012:policy/app/p (after 3, 6, 8)",
		},
	}, {
		name: "a policy moved to another path is replaced: detached, re-created, attached again",
		desired: acct(func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Name: "p", Path: "/app/v2/", Document: doc2})
			a.AddRole(&model.Role{Name: "app", Path: "/app/", AssumeRolePolicy: trust, ManagedPolicies: []string{pARN + "v2/p"}})
		}),
		current: acct(func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Name: "p", Path: "/app/", Document: doc})
			a.AddRole(&model.Role{Name: "app", Path: "/app/", AssumeRolePolicy: trust, ManagedPolicies: []string{pARN + "p"}})
		}),
		opts: plan.Options{Scope: model.Scope{"/app/"}, ScopeDeclared: true},
		want: []string{
			"1 detach-role-policy --role-name app --policy-arn arn:aws:iam::123456789012:policy/app/p",
			"2 delete-policy --policy-arn arn:aws:iam::123456789012:policy/app/p (after 1)",
			"3 create-policy --policy-name p --path /app/v2/ --policy-document '{\"Version\":\"...' (after 2)",
			"4 attach-role-policy --role-name app --policy-arn arn:aws:iam::123456789012:policy/app/v2/p (after 3)",
		},
	}, {
		name: "additions before removals, removals first at the cap",
		desired: acct(func(a *model.Account) {
			for _, n := range []string{"a", "b", "c"} {
				a.AddGroup(&model.Group{Name: n, Path: "/"})
			}
			a.AddUser(&model.User{Name: "u", Path: "/", Groups: []string{"a", "c"}})
			a.AddUser(&model.User{Name: "v", Path: "/", Groups: []string{"b"}})
		}),
		current: acct(func(a *model.Account) {
			for _, n := range []string{"a", "b", "c"} {
				a.AddGroup(&model.Group{Name: n, Path: "/"})
			}
			a.AddUser(&model.User{Name: "u", Path: "/", Groups: []string{"a", "b"}})
			a.AddUser(&model.User{Name: "v", Path: "/", Groups: []string{"a"}})
		}),
		opts: plan.Options{Quotas: withGroupsPerUser(2)},
		want: []string{
			"1 remove-user-from-group --group-name b --user-name u",
			"2 add-user-to-group --group-name c --user-name u (after 1)",
			"3 add-user-to-group --group-name b --user-name v",
			"4 remove-user-from-group --group-name a --user-name v (after 3)",
		},
	}, {
		name: "at the account's cap on users, creates wait for deletes",
		desired: acct(func(a *model.Account) {
			a.AddUser(&model.User{Name: "a", Path: "/"})
			a.AddUser(&model.User{Name: "c", Path: "/"})
		}),
		current: acct(func(a *model.Account) {
			a.AddUser(&model.User{Name: "a", Path: "/"})
			a.AddUser(&model.User{Name: "b", Path: "/"})
		}),
		opts: plan.Options{Quotas: withQuota(func(q *model.Quotas) { q.Users = 2 })},
		want: []string{
			"1 delete-user --user-name b",
			"2 create-user --user-name c --path / (after 1)",
		},
	}, {
		name: "inline policies that would exceed their size quota: deletes first",
		desired: acct(func(a *model.Account) {
			a.AddUser(&model.User{Name: "u", Path: "/", InlinePolicies: []model.InlinePolicy{{Name: "new", Document: doc2}}})
		}),
		current: acct(func(a *model.Account) {
			a.AddUser(&model.User{Name: "u", Path: "/", InlinePolicies: []model.InlinePolicy{{Name: "old", Document: doc}}})
		}),
		opts: plan.Options{Quotas: withQuota(func(q *model.Quotas) { q.UserInlineSize = 120 })},
		want: []string{
			"1 delete-user-policy --user-name u --policy-name old",
			"2 put-user-policy --user-name u --policy-name new --policy-document '{\"Version\":\"...' (after 1)",
		},
	}, {
		name: "a changed policy at 5 versions loses its oldest non-default one first",
		desired: acct(func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Name: "p", Path: "/app/", Document: doc2})
		}),
		current: acct(func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Name: "p", Path: "/app/", Document: doc, Versions: []model.PolicyVersion{
				{ID: "v3", IsDefault: true}, {ID: "v4"}, {ID: "v5"}, {ID: "v6"}, {ID: "v7"}}})
		}),
		want: []string{
			"1 delete-policy-version --policy-arn arn:aws:iam::123456789012:policy/app/p --version-id v4",
			"2 create-policy-version --policy-arn arn:aws:iam::123456789012:policy/app/p --policy-document '{\"Version\":\"...' --set-as-default (after 1)",
		},
	}, {
		name: "a role's trust waits for the user and the role it names",
		desired: acct(func(a *model.Account) {
			a.AddUser(&model.User{Name: "ci", Path: "/"})
			a.AddRole(&model.Role{Name: "deploy", Path: "/", AssumeRolePolicy: trust})
			a.AddRole(&model.Role{Name: "admin", Path: "/", AssumeRolePolicy: plantest.TrustAWS(
				"arn:aws:iam::123456789012:user/ci", "arn:aws:iam::123456789012:role/deploy")})
		}),
		current: acct(func(a *model.Account) {
			a.AddRole(&model.Role{Name: "admin", Path: "/", AssumeRolePolicy: trust})
		}),
		want: []string{
			"1 create-user --user-name ci --path /",
			"2 create-role --role-name deploy --path / --assume-role-policy-document '{\"Version\":\"...'",
			"3 update-assume-role-policy --role-name admin --policy-document '{\"Version\":\"...' (after 1, 2)",
		},
	}, {
		name: "the steps of one entity's change run in plan order, each after the one before; another entity's do not wait",
		desired: acct(func(a *model.Account) {
			a.AddGroup(&model.Group{Name: "g", Path: "/"})
			a.AddUser(&model.User{Name: "u", Path: "/", Groups: []string{"g"}, ManagedPolicies: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"},
				InlinePolicies: []model.InlinePolicy{{Name: "own", Document: doc}}, Tags: model.Tags{"team": "web"}})
			a.AddUser(&model.User{Name: "v", Path: "/", Tags: model.Tags{"team": "db"}})
		}),
		current: acct(func(a *model.Account) {
			a.AddGroup(&model.Group{Name: "g", Path: "/"})
			a.AddUser(&model.User{Name: "u", Path: "/", InlinePolicies: []model.InlinePolicy{{Name: "old", Document: doc}}})
			a.AddUser(&model.User{Name: "v", Path: "/"})
		}),
		want: []string{
			"1 add-user-to-group --group-name g --user-name u",
			"2 attach-user-policy --user-name u --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess (after 1)",
			"3 tag-user --user-name u --tags Key=team,Value=web (after 2)",
			"4 put-user-policy --user-name u --policy-name own --policy-document '{\"Version\":\"...' (after 3)",
			"5 tag-user --user-name v --tags Key=team,Value=db",
			"6 delete-user-policy --user-name u --policy-name old (after 4)",
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plan.Compute(tc.desired, tc.current, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := stepList(p)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("steps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func withGroupsPerUser(n int) model.Quotas {
	return withQuota(func(q *model.Quotas) { q.GroupsPerUser = n })
}

func withQuota(f func(q *model.Quotas)) model.Quotas {
	q := model.DefaultQuotas
	f(&q)
	return q
}
