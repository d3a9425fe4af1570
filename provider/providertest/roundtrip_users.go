package providertest

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// userRoundTrips are the round trips of the ops on users, their credentials and memberships.
var userRoundTrips = map[string]func(t *testing.T, r *runner){
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
				u.Credentials.AccessKeys = []model.AccessKey{{ID: "AKIAEXAMPLE000000001", Active: true}, {ID: "AKIAEXAMPLE000000002", Active: true}}
			})
		})
		e.do(&op.DeleteAccessKey{UserName: e.n("alice"), AccessKeyId: "AKIAEXAMPLE000000001"})
		e.equalStrings("access keys", model.AccessKeyIDs(e.user(e.read(), "alice").Credentials.AccessKeys), []string{"AKIAEXAMPLE000000002"})
	},
	"CreateAccessKey": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.user("alice") })
		o := &op.CreateAccessKey{UserName: e.n("alice")}
		e.do(o)
		if o.AccessKeyId == "" || len(o.SecretAccessKey) != 40 {
			t.Fatalf("CreateAccessKey filled in id %q and a secret of %d characters", o.AccessKeyId, len(o.SecretAccessKey))
		}
		keys := e.user(e.read(), "alice").Credentials.AccessKeys
		if len(keys) != 1 || keys[0].ID != o.AccessKeyId || !keys[0].Active || keys[0].CreateDate.IsZero() {
			t.Errorf("access keys = %+v", keys)
		}
	},
	"UpdateAccessKey": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.user("alice", func(u *model.User) {
				u.Credentials.AccessKeys = []model.AccessKey{{ID: "AKIAEXAMPLE000000001", Active: true}}
			})
		})
		e.do(&op.UpdateAccessKey{UserName: e.n("alice"), AccessKeyId: "AKIAEXAMPLE000000001", Status: op.KeyInactive})
		if keys := e.user(e.read(), "alice").Credentials.AccessKeys; len(keys) != 1 || keys[0].Active {
			t.Errorf("access keys = %+v", keys)
		}
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
}
