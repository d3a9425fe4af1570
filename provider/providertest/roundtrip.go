package providertest

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// roundTrips holds, for every op, a test that Do changes what Read
// returns as AWS would: create → Read shows it; update → changed;
// delete → gone.
var roundTrips = map[string]func(t *testing.T, r *runner){
	"CreateUser": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("boundary") })
		e.do(&op.CreateUser{UserName: e.n("alice"), Path: "/staff/", PermissionsBoundary: e.policyARN("boundary"),
			Tags: []op.Tag{{Key: "team", Value: "core"}}})
		u := e.user(e.read(), "alice")
		if u.Name != e.n("alice") || u.Path != "/staff/" || u.PermissionsBoundary != e.policyARN("boundary") ||
			u.Tags["team"] != "core" || len(u.Tags) != 1 {
			t.Errorf("user = %+v", u)
		}
		if want := model.UserARN(e.account, "/staff/", e.n("alice")); u.ARN != want {
			t.Errorf("ARN = %s; want %s", u.ARN, want)
		}
		if !strings.HasPrefix(u.ID, "AIDA") {
			t.Errorf("id = %q; want AIDA...", u.ID)
		}
		if u.LoginProfile != nil || !u.Credentials.IsZero() || len(u.Groups)+len(u.ManagedPolicies)+len(u.InlinePolicies) != 0 {
			t.Errorf("a new user holds something: %+v", u)
		}
	},
	"UpdateUser": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.group("g")
			s.user("old", func(u *model.User) {
				u.Groups = []string{s.n("g")}
				u.ManagedPolicies = []string{readOnlyAccess}
			})
		})
		id := e.user(e.read(), "old").ID
		e.do(&op.UpdateUser{UserName: e.n("old"), NewUserName: e.n("new"), NewPath: "/moved/"})
		a := e.read()
		if a.User(e.n("old")) != nil {
			t.Error("the old name is still there")
		}
		u := e.user(a, "new")
		if u.Path != "/moved/" || u.ID != id {
			t.Errorf("renamed user = %+v; want path /moved/ and id %s", u, id)
		}
		e.equalStrings("groups", u.Groups, []string{e.n("g")})
		e.equalStrings("policies", u.ManagedPolicies, []string{readOnlyAccess})
		if got := a.GroupMembers(e.n("g")); len(got) != 1 || got[0] != e.n("new") {
			t.Errorf("members = %q", got)
		}
	},
	"DeleteUser": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.user("alice") })
		e.do(&op.DeleteUser{UserName: e.n("alice")})
		if e.read().User(e.n("alice")) != nil {
			t.Error("the user is still there")
		}
	},
	"TagUser": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.user("alice", func(u *model.User) { u.Tags = model.Tags{"a": "1"} }) })
		e.do(&op.TagUser{UserName: e.n("alice"), Tags: []op.Tag{{Key: "a", Value: "2"}, {Key: "b", Value: "3"}}})
		if got := e.user(e.read(), "alice").Tags; len(got) != 2 || got["a"] != "2" || got["b"] != "3" {
			t.Errorf("tags = %v", got)
		}
	},
	"UntagUser": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.user("alice", func(u *model.User) { u.Tags = model.Tags{"a": "1", "b": "2"} }) })
		e.do(&op.UntagUser{UserName: e.n("alice"), TagKeys: []string{"a"}})
		if got := e.user(e.read(), "alice").Tags; len(got) != 1 || got["b"] != "2" {
			t.Errorf("tags = %v", got)
		}
	},
	"PutUserPermissionsBoundary": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.user("alice"); s.policy("b") })
		e.do(&op.PutUserPermissionsBoundary{UserName: e.n("alice"), PermissionsBoundary: e.policyARN("b")})
		if got := e.user(e.read(), "alice").PermissionsBoundary; got != e.policyARN("b") {
			t.Errorf("boundary = %q", got)
		}
		e.do(&op.PutUserPermissionsBoundary{UserName: e.n("alice"), PermissionsBoundary: iamReadOnlyAccess})
		if got := e.user(e.read(), "alice").PermissionsBoundary; got != iamReadOnlyAccess {
			t.Errorf("replaced boundary = %q", got)
		}
	},
	"DeleteUserPermissionsBoundary": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.policy("b")
			s.user("alice", func(u *model.User) { u.PermissionsBoundary = s.policyARN("b") })
		})
		e.do(&op.DeleteUserPermissionsBoundary{UserName: e.n("alice")})
		if got := e.user(e.read(), "alice").PermissionsBoundary; got != "" {
			t.Errorf("boundary = %q", got)
		}
	},
	"AttachUserPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.user("alice"); s.policy("p") })
		e.do(&op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: e.policyARN("p")},
			&op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: readOnlyAccess})
		a := e.read()
		e.equalStrings("policies", e.user(a, "alice").ManagedPolicies, []string{e.policyARN("p"), readOnlyAccess})
		if got := a.Attachments(e.policyARN("p")); len(got) != 1 || got[0] != model.UserAddr(e.n("alice")) {
			t.Errorf("attachments = %v", got)
		}
	},
	"DetachUserPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.policy("p")
			s.user("alice", func(u *model.User) { u.ManagedPolicies = []string{s.policyARN("p"), readOnlyAccess} })
		})
		e.do(&op.DetachUserPolicy{UserName: e.n("alice"), PolicyArn: e.policyARN("p")})
		e.equalStrings("policies", e.user(e.read(), "alice").ManagedPolicies, []string{readOnlyAccess})
	},
	"PutUserPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.user("alice") })
		e.do(&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "read", PolicyDocument: allow("s3:GetObject")},
			&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "list", PolicyDocument: allow("s3:ListBucket")})
		u := e.user(e.read(), "alice")
		e.equalStrings("inline policies", inlineNames(u.InlinePolicies), []string{"list", "read"})
		e.sameDoc("read", u.InlinePolicies[1].Document, allow("s3:GetObject"))
		e.do(&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "read", PolicyDocument: allow("s3:GetObjectVersion")})
		e.sameDoc("replaced read", e.user(e.read(), "alice").InlinePolicies[1].Document, allow("s3:GetObjectVersion"))
	},
	"DeleteUserPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.user("alice", func(u *model.User) {
				u.InlinePolicies = []model.InlinePolicy{{Name: "a", Document: mustParse(allow("s3:GetObject"))}, {Name: "b", Document: mustParse(allow("s3:GetObject"))}}
			})
		})
		e.do(&op.DeleteUserPolicy{UserName: e.n("alice"), PolicyName: "a"})
		e.equalStrings("inline policies", inlineNames(e.user(e.read(), "alice").InlinePolicies), []string{"b"})
	},
	"AddUserToGroup": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.user("alice"); s.group("g") })
		e.do(&op.AddUserToGroup{GroupName: e.n("g"), UserName: e.n("alice")})
		a := e.read()
		e.equalStrings("groups", e.user(a, "alice").Groups, []string{e.n("g")})
		e.equalStrings("members", a.GroupMembers(e.n("g")), []string{e.n("alice")})
	},
	"RemoveUserFromGroup": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.group("g")
			s.group("h")
			s.user("alice", func(u *model.User) { u.Groups = []string{s.n("g"), s.n("h")} })
		})
		e.do(&op.RemoveUserFromGroup{GroupName: e.n("g"), UserName: e.n("alice")})
		e.equalStrings("groups", e.user(e.read(), "alice").Groups, []string{e.n("h")})
	},
	"CreateLoginProfile": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.user("alice") })
		e.do(&op.CreateLoginProfile{UserName: e.n("alice"), Password: "Correct-Horse-9-Battery", PasswordResetRequired: true})
		lp := e.user(e.read(), "alice").LoginProfile
		if lp == nil || !lp.Enabled || !lp.PasswordResetRequired {
			t.Errorf("login profile = %+v", lp)
		}
	},
	"UpdateLoginProfile": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.user("alice", func(u *model.User) { u.LoginProfile = &model.LoginProfile{Enabled: true, PasswordResetRequired: true} })
		})
		e.do(&op.UpdateLoginProfile{UserName: e.n("alice"), PasswordResetRequired: false})
		lp := e.user(e.read(), "alice").LoginProfile
		if lp == nil || !lp.Enabled || lp.PasswordResetRequired {
			t.Errorf("login profile = %+v", lp)
		}
	},
	"DeleteLoginProfile": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.user("alice", func(u *model.User) { u.LoginProfile = &model.LoginProfile{Enabled: true} })
		})
		e.do(&op.DeleteLoginProfile{UserName: e.n("alice")})
		if lp := e.user(e.read(), "alice").LoginProfile; lp != nil {
			t.Errorf("login profile = %+v", lp)
		}
	},
	"DeleteAccessKey": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.user("alice", func(u *model.User) {
				u.Credentials.AccessKeys = []string{"AKIAEXAMPLE000000001", "AKIAEXAMPLE000000002"}
			})
		})
		e.do(&op.DeleteAccessKey{UserName: e.n("alice"), AccessKeyId: "AKIAEXAMPLE000000001"})
		e.equalStrings("access keys", e.user(e.read(), "alice").Credentials.AccessKeys, []string{"AKIAEXAMPLE000000002"})
	},
	"DeleteSigningCertificate": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.user("alice", func(u *model.User) { u.Credentials.SigningCertificates = []string{"CERTEXAMPLE0000000000001"} })
		})
		e.do(&op.DeleteSigningCertificate{UserName: e.n("alice"), CertificateId: "CERTEXAMPLE0000000000001"})
		e.equalStrings("certificates", e.user(e.read(), "alice").Credentials.SigningCertificates, nil)
	},
	"DeleteSSHPublicKey": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.user("alice", func(u *model.User) { u.Credentials.SSHPublicKeys = []string{"APKAEXAMPLE000000001"} })
		})
		e.do(&op.DeleteSSHPublicKey{UserName: e.n("alice"), SSHPublicKeyId: "APKAEXAMPLE000000001"})
		e.equalStrings("SSH keys", e.user(e.read(), "alice").Credentials.SSHPublicKeys, nil)
	},
	"DeleteServiceSpecificCredential": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.user("alice", func(u *model.User) { u.Credentials.ServiceSpecificCredentials = []string{"ACCAEXAMPLE000000001"} })
		})
		e.do(&op.DeleteServiceSpecificCredential{UserName: e.n("alice"), ServiceSpecificCredentialId: "ACCAEXAMPLE000000001"})
		e.equalStrings("service-specific credentials", e.user(e.read(), "alice").Credentials.ServiceSpecificCredentials, nil)
	},
	"DeactivateMFADevice": func(t *testing.T, r *runner) {
		var virtual, hardware string
		e := r.start(t, func(s *seed) {
			virtual, hardware = mfaSerial(s.ID, s.n("alice")), "GAHT12345678"
			s.user("alice", func(u *model.User) {
				u.Credentials.MFADevices = []model.MFADevice{{SerialNumber: virtual, Virtual: true}, {SerialNumber: hardware}}
			})
		})
		virtual = mfaSerial(e.account, e.n("alice"))
		e.do(&op.DeactivateMFADevice{UserName: e.n("alice"), SerialNumber: hardware})
		if got := e.user(e.read(), "alice").Credentials.MFADevices; len(got) != 1 || got[0].SerialNumber != virtual || !got[0].Virtual {
			t.Errorf("MFA devices = %+v", got)
		}
		e.do(&op.DeactivateMFADevice{UserName: e.n("alice"), SerialNumber: virtual})
		if got := e.user(e.read(), "alice").Credentials.MFADevices; len(got) != 0 {
			t.Errorf("MFA devices = %+v", got)
		}
		// The virtual device outlives its deactivation until it is deleted.
		e.do(&op.DeleteVirtualMFADevice{SerialNumber: virtual, User: e.n("alice")})
	},
	"DeleteVirtualMFADevice": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.user("alice", func(u *model.User) {
				u.Credentials.MFADevices = []model.MFADevice{{SerialNumber: mfaSerial(s.ID, s.n("alice")), Virtual: true}}
			})
		})
		serial := mfaSerial(e.account, e.n("alice"))
		e.do(&op.DeactivateMFADevice{UserName: e.n("alice"), SerialNumber: serial},
			&op.DeleteVirtualMFADevice{SerialNumber: serial, User: e.n("alice")})
		e.fails(&op.DeleteVirtualMFADevice{SerialNumber: serial, User: e.n("alice")}, provider.NotFound)
		// With the device gone, the user can be deleted.
		e.do(&op.DeleteUser{UserName: e.n("alice")})
	},

	"CreateGroup": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.do(&op.CreateGroup{GroupName: e.n("admins"), Path: "/ops/"})
		g := e.group(e.read(), "admins")
		if g.Path != "/ops/" || g.ARN != model.GroupARN(e.account, "/ops/", e.n("admins")) || !strings.HasPrefix(g.ID, "AGPA") {
			t.Errorf("group = %+v", g)
		}
	},
	"UpdateGroup": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.group("old", func(g *model.Group) {
				g.ManagedPolicies = []string{readOnlyAccess}
				g.InlinePolicies = []model.InlinePolicy{{Name: "i", Document: mustParse(allow("s3:GetObject"))}}
			})
			s.user("alice", func(u *model.User) { u.Groups = []string{s.n("old")} })
		})
		id := e.group(e.read(), "old").ID
		e.do(&op.UpdateGroup{GroupName: e.n("old"), NewGroupName: e.n("new"), NewPath: "/moved/"})
		a := e.read()
		if a.Group(e.n("old")) != nil {
			t.Error("the old name is still there")
		}
		g := e.group(a, "new")
		if g.Path != "/moved/" || g.ID != id {
			t.Errorf("renamed group = %+v; want path /moved/ and id %s", g, id)
		}
		e.equalStrings("policies", g.ManagedPolicies, []string{readOnlyAccess})
		e.equalStrings("inline policies", inlineNames(g.InlinePolicies), []string{"i"})
		e.equalStrings("alice's groups", e.user(a, "alice").Groups, []string{e.n("new")})
	},
	"DeleteGroup": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.group("g") })
		e.do(&op.DeleteGroup{GroupName: e.n("g")})
		if e.read().Group(e.n("g")) != nil {
			t.Error("the group is still there")
		}
	},
	"AttachGroupPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.group("g"); s.policy("p") })
		e.do(&op.AttachGroupPolicy{GroupName: e.n("g"), PolicyArn: e.policyARN("p")},
			&op.AttachGroupPolicy{GroupName: e.n("g"), PolicyArn: readOnlyAccess})
		e.equalStrings("policies", e.group(e.read(), "g").ManagedPolicies, []string{e.policyARN("p"), readOnlyAccess})
	},
	"DetachGroupPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.group("g", func(g *model.Group) { g.ManagedPolicies = []string{readOnlyAccess, iamReadOnlyAccess} })
		})
		e.do(&op.DetachGroupPolicy{GroupName: e.n("g"), PolicyArn: readOnlyAccess})
		e.equalStrings("policies", e.group(e.read(), "g").ManagedPolicies, []string{iamReadOnlyAccess})
	},
	"PutGroupPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.group("g") })
		e.do(&op.PutGroupPolicy{GroupName: e.n("g"), PolicyName: "deny", PolicyDocument: allow("iam:*")})
		g := e.group(e.read(), "g")
		e.equalStrings("inline policies", inlineNames(g.InlinePolicies), []string{"deny"})
		e.sameDoc("deny", g.InlinePolicies[0].Document, allow("iam:*"))
	},
	"DeleteGroupPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.group("g", func(g *model.Group) {
				g.InlinePolicies = []model.InlinePolicy{{Name: "i", Document: mustParse(allow("s3:GetObject"))}}
			})
		})
		e.do(&op.DeleteGroupPolicy{GroupName: e.n("g"), PolicyName: "i"})
		e.equalStrings("inline policies", inlineNames(e.group(e.read(), "g").InlinePolicies), nil)
	},

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

	"CreatePolicy": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.do(&op.CreatePolicy{PolicyName: e.n("p"), Path: "/team/", PolicyDocument: allow("s3:GetObject"),
			Description: "read", Tags: []op.Tag{{Key: "owner", Value: "finance"}}})
		p := e.policy(e.read(), "p")
		if p.Path != "/team/" || p.Description != "read" || p.Tags["owner"] != "finance" || !strings.HasPrefix(p.ID, "ANPA") ||
			p.ARN != model.PolicyARN(e.account, "/team/", e.n("p")) {
			t.Errorf("policy = %+v", p)
		}
		e.sameDoc("document", p.Document, allow("s3:GetObject"))
		if len(p.Versions) != 1 || p.Versions[0] != (model.PolicyVersion{ID: "v1", IsDefault: true}) {
			t.Errorf("versions = %+v", p.Versions)
		}
	},
	"CreatePolicyVersion": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		arn := e.policyARN("p")
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:PutObject"), SetAsDefault: false})
		p := e.policy(e.read(), "p")
		e.sameDoc("document", p.Document, allow("s3:GetObject"))
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:DeleteObject"), SetAsDefault: true})
		p = e.policy(e.read(), "p")
		e.sameDoc("document", p.Document, allow("s3:DeleteObject"))
		want := []model.PolicyVersion{{ID: "v1"}, {ID: "v2"}, {ID: "v3", IsDefault: true}}
		if len(p.Versions) != 3 || p.Versions[0] != want[0] || p.Versions[1] != want[1] || p.Versions[2] != want[2] {
			t.Errorf("versions = %+v; want %+v", p.Versions, want)
		}
	},
	"DeletePolicyVersion": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		arn := e.policyARN("p")
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:PutObject"), SetAsDefault: true},
			&op.DeletePolicyVersion{PolicyArn: arn, VersionId: "v1"})
		p := e.policy(e.read(), "p")
		if len(p.Versions) != 1 || p.Versions[0] != (model.PolicyVersion{ID: "v2", IsDefault: true}) {
			t.Errorf("versions = %+v", p.Versions)
		}
		// Version ids are never reused.
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:GetObject"), SetAsDefault: false})
		if p := e.policy(e.read(), "p"); len(p.Versions) != 2 || p.Versions[1].ID != "v3" {
			t.Errorf("versions = %+v; want v2 and v3", p.Versions)
		}
	},
	"SetDefaultPolicyVersion": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		arn := e.policyARN("p")
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:PutObject"), SetAsDefault: true},
			&op.SetDefaultPolicyVersion{PolicyArn: arn, VersionId: "v1"})
		p := e.policy(e.read(), "p")
		e.sameDoc("document", p.Document, allow("s3:GetObject"))
		if len(p.Versions) != 2 || !p.Versions[0].IsDefault || p.Versions[1].IsDefault {
			t.Errorf("versions = %+v", p.Versions)
		}
	},
	"DeletePolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		e.do(&op.DeletePolicy{PolicyArn: e.policyARN("p")})
		if e.read().Policy(e.n("p")) != nil {
			t.Error("the policy is still there")
		}
	},
	"TagPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		e.do(&op.TagPolicy{PolicyArn: e.policyARN("p"), Tags: []op.Tag{{Key: "k", Value: "v"}}})
		if got := e.policy(e.read(), "p").Tags; len(got) != 1 || got["k"] != "v" {
			t.Errorf("tags = %v", got)
		}
	},
	"UntagPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p", func(p *model.ManagedPolicy) { p.Tags = model.Tags{"k": "v"} }) })
		e.do(&op.UntagPolicy{PolicyArn: e.policyARN("p"), TagKeys: []string{"k"}})
		if got := e.policy(e.read(), "p").Tags; len(got) != 0 {
			t.Errorf("tags = %v", got)
		}
	},

	"UpdateAccountPasswordPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.touchAccount()
		want := model.PasswordPolicy{MinimumLength: 14, RequireUppercase: true, RequireSymbols: true, MaxPasswordAge: 90, PasswordReusePrevention: 24}
		e.do(op.PasswordPolicyOp(want))
		if got := e.read().PasswordPolicy; got == nil || *got != want {
			t.Errorf("password policy = %+v; want %+v", got, want)
		}
		// An update replaces the whole policy: what it leaves out is reset.
		want = model.PasswordPolicy{MinimumLength: 8, RequireNumbers: true}
		e.do(op.PasswordPolicyOp(want))
		if got := e.read().PasswordPolicy; got == nil || *got != want {
			t.Errorf("password policy = %+v; want %+v", got, want)
		}
	},
	"DeleteAccountPasswordPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 10} })
		e.touchAccount()
		e.do(&op.DeleteAccountPasswordPolicy{})
		if got := e.read().PasswordPolicy; got != nil {
			t.Errorf("password policy = %+v", got)
		}
	},
	"CreateAccountAlias": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.touchAccount()
		alias := aliasFor(e.pre)
		e.do(&op.CreateAccountAlias{AccountAlias: alias})
		if got := e.read().Alias; got == nil || *got != alias {
			t.Errorf("alias = %v; want %s", got, alias)
		}
	},
	"DeleteAccountAlias": func(t *testing.T, r *runner) {
		var alias string
		e := r.start(t, func(s *seed) { alias = aliasFor(s.pre); s.Alias = &alias })
		e.touchAccount()
		e.do(&op.DeleteAccountAlias{AccountAlias: alias})
		if got := e.read().Alias; got != nil {
			t.Errorf("alias = %v", *got)
		}
	},
}

// mfaSerial is the serial number of a user's virtual MFA device.
func mfaSerial(account, user string) string { return "arn:aws:iam::" + account + ":mfa/" + user }

// aliasFor is an account alias unique to the test whose names start with
// pre.
func aliasFor(pre string) string { return strings.TrimSuffix(pre, "-") + "-alias" }

func roundTripCases() []testCase {
	var out []testCase
	for _, o := range op.All() {
		if fn := roundTrips[o.Action()]; fn != nil {
			out = append(out, testCase{"RoundTrip/" + o.Action(), fn})
		}
	}
	out = append(out, testCase{"RoundTrip/every op has one", func(t *testing.T, r *runner) {
		for _, a := range op.Actions() {
			if roundTrips[a] == nil {
				t.Errorf("no round trip test for %s", a)
			}
		}
	}})
	return out
}
