package providertest

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

func readCases() []testCase {
	return []testCase{
		{"Identity/names the account the ARNs name", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			id, err := e.p.Identity(e.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !model.IsAccountID(id.Account) || id.Provider == "" || id.Caller == "" {
				t.Errorf("identity = %+v", id)
			}
			a := e.read()
			if a.ID != id.Account {
				t.Errorf("Read's account %s is not Identity's %s", a.ID, id.Account)
			}
			if u := e.user(a, "alice"); !strings.HasPrefix(u.ARN, "arn:aws:iam::"+id.Account+":user/") {
				t.Errorf("ARN %s names another account", u.ARN)
			}
		}},
		{"Read/returns a copy the caller may change", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.group("g")
				s.user("alice", func(u *model.User) { u.Groups = []string{s.n("g")}; u.Tags = model.Tags{"a": "1"} })
				s.policy("p")
				s.role("app", func(r *model.Role) {
					r.InlinePolicies = []model.InlinePolicy{{Name: "i", Document: mustParse(allow("s3:GetObject"))}}
				})
			})
			a := e.read()
			ro := e.role(a, "app")
			ro.AssumeRolePolicy.Statements[0].Principal.Entries["Service"][0] = "changed.amazonaws.com"
			ro.InlinePolicies[0].Document.Statements[0].Resource[0] = "arn:changed"
			u := e.user(a, "alice")
			u.Groups[0] = "changed"
			u.Tags["a"] = "changed"
			e.policy(a, "p").Document.Statements[0].Action[0] = "changed:Changed"
			delete(a.Groups, model.Fold(e.n("g")))
			b := e.read()
			if got := e.user(b, "alice"); got.Groups[0] != e.n("g") || got.Tags["a"] != "1" {
				t.Errorf("a change to a read account reached the provider: %+v", got)
			}
			e.sameDoc("document", e.policy(b, "p").Document, allow("s3:GetObject"))
			e.sameDoc("trust", e.role(b, "app").AssumeRolePolicy, trustDoc("ec2.amazonaws.com"))
			e.sameDoc("inline", e.role(b, "app").InlinePolicies[0].Document, allow("s3:GetObject"))
			e.group(b, "g")
		}},
		{"Read/a seeded account reads back as seeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.policy("p", func(p *model.ManagedPolicy) { p.Path = "/team/"; p.Description = "d"; p.Tags = model.Tags{"k": "v"} })
				s.group("g", func(g *model.Group) {
					g.ManagedPolicies = []string{model.PolicyARN(s.ID, "/team/", s.n("p"))}
				})
				s.user("alice", func(u *model.User) {
					u.Path = "/staff/"
					u.Groups = []string{s.n("g")}
					u.PermissionsBoundary = readOnlyAccess
					u.LoginProfile = &model.LoginProfile{Enabled: true, PasswordResetRequired: true}
				})
				s.role("app", func(r *model.Role) { r.Description = "x"; r.MaxSessionDuration = 7200 })
				s.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 12, RequireSymbols: true}
			})
			e.touchAccount()
			a := e.read()
			p := e.policy(a, "p")
			if p.Path != "/team/" || p.Description != "d" || p.Tags["k"] != "v" || p.ARN != model.PolicyARN(e.account, "/team/", e.n("p")) {
				t.Errorf("policy = %+v", p)
			}
			e.equalStrings("group's policies", e.group(a, "g").ManagedPolicies, []string{p.ARN})
			u := e.user(a, "alice")
			if u.Path != "/staff/" || u.PermissionsBoundary != readOnlyAccess || u.LoginProfile == nil || !u.LoginProfile.PasswordResetRequired {
				t.Errorf("user = %+v", u)
			}
			if ro := e.role(a, "app"); ro.Description != "x" || ro.MaxSessionDuration != 7200 {
				t.Errorf("role = %+v", ro)
			}
			if a.PasswordPolicy == nil || *a.PasswordPolicy != (model.PasswordPolicy{MinimumLength: 12, RequireSymbols: true}) {
				t.Errorf("password policy = %+v", a.PasswordPolicy)
			}
		}},
		{"Do/errors name the action and the entity", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			pe := e.fails(&op.DeleteUser{UserName: e.n("nobody")}, provider.NotFound)
			if pe.Target != model.UserAddr(e.n("nobody")) {
				t.Errorf("target = %v", pe.Target)
			}
			if !strings.Contains(pe.Error(), e.n("nobody")) || !strings.Contains(pe.Error(), "DeleteUser") {
				t.Errorf("error %q names neither the user nor the action", pe.Error())
			}
		}},
		{"Do/a failed op keeps what earlier ops did", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.do(&op.CreateGroup{GroupName: e.n("g")}, &op.CreateUser{UserName: e.n("alice")})
			e.fails(&op.AddUserToGroup{GroupName: e.n("nogroup"), UserName: e.n("alice")}, provider.NotFound)
			a := e.read()
			e.user(a, "alice")
			e.group(a, "g")
		}},
	}
}
