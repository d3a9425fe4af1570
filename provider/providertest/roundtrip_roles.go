package providertest

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// roleRoundTrips are the round trips of the ops on roles and instance profiles.
var roleRoundTrips = map[string]func(t *testing.T, r *runner){
	"CreateRole": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("b") })
		e.do(&op.CreateRole{RoleName: e.n("app"), Path: "/svc/", AssumeRolePolicyDocument: trustDoc("lambda.amazonaws.com"),
			Description: "the app", MaxSessionDuration: 7200, PermissionsBoundary: e.policyARN("b"),
			Tags: []op.Tag{{Key: "env", Value: "prod"}}})
		ro := e.role(e.read(), "app")
		if ro.Path != "/svc/" || ro.Description != "the app" || ro.MaxSessionDuration != 7200 ||
			ro.PermissionsBoundary != e.policyARN("b") || ro.Tags["env"] != "prod" || !strings.HasPrefix(ro.ID, "AROA") ||
			ro.ARN != model.RoleARN(e.account, "/svc/", e.n("app")) {
			t.Errorf("role = %+v", ro)
		}
		e.sameDoc("trust", ro.AssumeRolePolicy, trustDoc("lambda.amazonaws.com"))
		e.do(&op.CreateRole{RoleName: e.n("plain"), AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com")})
		if got := e.role(e.read(), "plain").MaxSessionDuration; got != model.DefaultMaxSessionDuration {
			t.Errorf("default max session duration = %d", got)
		}
	},
	"UpdateRole": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app", func(r *model.Role) { r.Description = "old" }) })
		desc := "new"
		e.do(&op.UpdateRole{RoleName: e.n("app"), Description: &desc, MaxSessionDuration: 43200})
		if ro := e.role(e.read(), "app"); ro.Description != "new" || ro.MaxSessionDuration != 43200 {
			t.Errorf("role = %+v", ro)
		}
		e.do(&op.UpdateRole{RoleName: e.n("app"), MaxSessionDuration: 3600})
		if ro := e.role(e.read(), "app"); ro.Description != "new" || ro.MaxSessionDuration != 3600 {
			t.Errorf("a nil Description changed it: %+v", ro)
		}
		empty := ""
		e.do(&op.UpdateRole{RoleName: e.n("app"), Description: &empty})
		if ro := e.role(e.read(), "app"); ro.Description != "" {
			t.Errorf("description = %q; want it cleared", ro.Description)
		}
	},
	"UpdateAssumeRolePolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app") })
		e.do(&op.UpdateAssumeRolePolicy{RoleName: e.n("app"), PolicyDocument: trustDoc("ecs-tasks.amazonaws.com")})
		e.sameDoc("trust", e.role(e.read(), "app").AssumeRolePolicy, trustDoc("ecs-tasks.amazonaws.com"))
	},
	"DeleteRole": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app") })
		e.do(&op.DeleteRole{RoleName: e.n("app")})
		if e.read().Role(e.n("app")) != nil {
			t.Error("the role is still there")
		}
	},
	"TagRole": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app") })
		e.do(&op.TagRole{RoleName: e.n("app"), Tags: []op.Tag{{Key: "k", Value: "v"}}})
		if got := e.role(e.read(), "app").Tags; len(got) != 1 || got["k"] != "v" {
			t.Errorf("tags = %v", got)
		}
	},
	"UntagRole": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app", func(r *model.Role) { r.Tags = model.Tags{"k": "v", "l": "w"} }) })
		e.do(&op.UntagRole{RoleName: e.n("app"), TagKeys: []string{"k", "l"}})
		if got := e.role(e.read(), "app").Tags; len(got) != 0 {
			t.Errorf("tags = %v", got)
		}
	},
	"PutRolePermissionsBoundary": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app") })
		e.do(&op.PutRolePermissionsBoundary{RoleName: e.n("app"), PermissionsBoundary: readOnlyAccess})
		if got := e.role(e.read(), "app").PermissionsBoundary; got != readOnlyAccess {
			t.Errorf("boundary = %q", got)
		}
	},
	"DeleteRolePermissionsBoundary": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app", func(r *model.Role) { r.PermissionsBoundary = readOnlyAccess }) })
		e.do(&op.DeleteRolePermissionsBoundary{RoleName: e.n("app")})
		if got := e.role(e.read(), "app").PermissionsBoundary; got != "" {
			t.Errorf("boundary = %q", got)
		}
	},
	"AttachRolePolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app"); s.policy("p") })
		e.do(&op.AttachRolePolicy{RoleName: e.n("app"), PolicyArn: e.policyARN("p")})
		e.equalStrings("policies", e.role(e.read(), "app").ManagedPolicies, []string{e.policyARN("p")})
	},
	"DetachRolePolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.policy("p")
			s.role("app", func(r *model.Role) { r.ManagedPolicies = []string{s.policyARN("p")} })
		})
		e.do(&op.DetachRolePolicy{RoleName: e.n("app"), PolicyArn: e.policyARN("p")})
		e.equalStrings("policies", e.role(e.read(), "app").ManagedPolicies, nil)
		if got := e.read().Attachments(e.policyARN("p")); len(got) != 0 {
			t.Errorf("attachments = %v", got)
		}
	},
	"PutRolePolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app") })
		e.do(&op.PutRolePolicy{RoleName: e.n("app"), PolicyName: "logs", PolicyDocument: allow("logs:PutLogEvents")})
		ro := e.role(e.read(), "app")
		e.equalStrings("inline policies", inlineNames(ro.InlinePolicies), []string{"logs"})
		e.sameDoc("logs", ro.InlinePolicies[0].Document, allow("logs:PutLogEvents"))
	},
	"DeleteRolePolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.role("app", func(r *model.Role) {
				r.InlinePolicies = []model.InlinePolicy{{Name: "logs", Document: mustParse(allow("logs:PutLogEvents"))}}
			})
		})
		e.do(&op.DeleteRolePolicy{RoleName: e.n("app"), PolicyName: "logs"})
		e.equalStrings("inline policies", inlineNames(e.role(e.read(), "app").InlinePolicies), nil)
	},
	"RemoveRoleFromInstanceProfile": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.role("app", func(r *model.Role) { r.InstanceProfiles = []string{s.n("ip")} }) })
		e.equalStrings("instance profiles", e.role(e.read(), "app").InstanceProfiles, []string{e.n("ip")})
		e.do(&op.RemoveRoleFromInstanceProfile{InstanceProfileName: e.n("ip"), RoleName: e.n("app")})
		e.equalStrings("instance profiles", e.role(e.read(), "app").InstanceProfiles, nil)
		// With the role out of its profile, it can be deleted.
		e.do(&op.DeleteRole{RoleName: e.n("app")})
	},
	"AddRoleToInstanceProfile": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.role("app", func(r *model.Role) { r.InstanceProfiles = []string{s.n("ip")} })
			s.role("next")
		})
		e.do(&op.RemoveRoleFromInstanceProfile{InstanceProfileName: e.n("ip"), RoleName: e.n("app")},
			&op.AddRoleToInstanceProfile{InstanceProfileName: e.n("ip"), RoleName: e.n("next")})
		a := e.read()
		e.equalStrings("next's instance profiles", e.role(a, "next").InstanceProfiles, []string{e.n("ip")})
		e.equalStrings("app's instance profiles", e.role(a, "app").InstanceProfiles, nil)
	},
}
