package providertest

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// conflictCases pin DeleteConflict: what IAM requires gone before an
// entity can be deleted. Each case also removes the obstacle and checks
// that the delete then succeeds, so that the cleanup order a plan uses is
// pinned too.
func conflictCases() []testCase {
	type tc struct {
		name   string
		seed   func(s *seed)
		delete func(e *env) op.Op
		fix    func(e *env) []op.Op
	}
	deleteUser := func(e *env) op.Op { return &op.DeleteUser{UserName: e.n("alice")} }
	deleteGroup := func(e *env) op.Op { return &op.DeleteGroup{GroupName: e.n("g")} }
	deleteRole := func(e *env) op.Op { return &op.DeleteRole{RoleName: e.n("app")} }
	deletePolicy := func(e *env) op.Op { return &op.DeletePolicy{PolicyArn: e.policyARN("p")} }
	withUser := func(fn func(s *seed, u *model.User)) func(s *seed) {
		return func(s *seed) { s.user("alice", func(u *model.User) { fn(s, u) }) }
	}
	table := []tc{
		{"DeleteUser/with a group membership",
			func(s *seed) { s.group("g"); s.user("alice", func(u *model.User) { u.Groups = []string{s.n("g")} }) },
			deleteUser, func(e *env) []op.Op {
				return []op.Op{&op.RemoveUserFromGroup{GroupName: e.n("g"), UserName: e.n("alice")}}
			}},
		{"DeleteUser/with an attached policy",
			withUser(func(s *seed, u *model.User) { u.ManagedPolicies = []string{readOnlyAccess} }),
			deleteUser, func(e *env) []op.Op {
				return []op.Op{&op.DetachUserPolicy{UserName: e.n("alice"), PolicyArn: readOnlyAccess}}
			}},
		{"DeleteUser/with an inline policy",
			withUser(func(s *seed, u *model.User) {
				u.InlinePolicies = []model.InlinePolicy{{Name: "i", Document: mustParse(allow("s3:GetObject"))}}
			}),
			deleteUser, func(e *env) []op.Op { return []op.Op{&op.DeleteUserPolicy{UserName: e.n("alice"), PolicyName: "i"}} }},
		{"DeleteUser/with a login profile",
			withUser(func(s *seed, u *model.User) { u.LoginProfile = &model.LoginProfile{Enabled: true} }),
			deleteUser, func(e *env) []op.Op { return []op.Op{&op.DeleteLoginProfile{UserName: e.n("alice")}} }},
		{"DeleteUser/with an access key",
			withUser(func(s *seed, u *model.User) {
				u.Credentials.AccessKeys = []model.AccessKey{{ID: "AKIAEXAMPLE000000001", Active: true}}
			}),
			deleteUser, func(e *env) []op.Op {
				return []op.Op{&op.DeleteAccessKey{UserName: e.n("alice"), AccessKeyId: "AKIAEXAMPLE000000001"}}
			}},
		{"DeleteUser/with a signing certificate",
			withUser(func(s *seed, u *model.User) { u.Credentials.SigningCertificates = []string{"CERTEXAMPLE0000000000001"} }),
			deleteUser, func(e *env) []op.Op {
				return []op.Op{&op.DeleteSigningCertificate{UserName: e.n("alice"), CertificateId: "CERTEXAMPLE0000000000001"}}
			}},
		{"DeleteUser/with an SSH public key",
			withUser(func(s *seed, u *model.User) { u.Credentials.SSHPublicKeys = []string{"APKAEXAMPLE000000001"} }),
			deleteUser, func(e *env) []op.Op {
				return []op.Op{&op.DeleteSSHPublicKey{UserName: e.n("alice"), SSHPublicKeyId: "APKAEXAMPLE000000001"}}
			}},
		{"DeleteUser/with a service-specific credential",
			withUser(func(s *seed, u *model.User) {
				u.Credentials.ServiceSpecificCredentials = []string{"ACCAEXAMPLE000000001"}
			}),
			deleteUser, func(e *env) []op.Op {
				return []op.Op{&op.DeleteServiceSpecificCredential{UserName: e.n("alice"), ServiceSpecificCredentialId: "ACCAEXAMPLE000000001"}}
			}},
		{"DeleteUser/with an MFA device",
			withUser(func(s *seed, u *model.User) {
				u.Credentials.MFADevices = []model.MFADevice{{SerialNumber: mfaSerial(s.ID, s.n("alice")), Virtual: true}}
			}),
			deleteUser, func(e *env) []op.Op {
				serial := mfaSerial(e.account, e.n("alice"))
				return []op.Op{&op.DeactivateMFADevice{UserName: e.n("alice"), SerialNumber: serial},
					&op.DeleteVirtualMFADevice{SerialNumber: serial, User: e.n("alice")}}
			}},
		{"DeleteGroup/with a member",
			func(s *seed) { s.group("g"); s.user("alice", func(u *model.User) { u.Groups = []string{s.n("g")} }) },
			deleteGroup, func(e *env) []op.Op {
				return []op.Op{&op.RemoveUserFromGroup{GroupName: e.n("g"), UserName: e.n("alice")}}
			}},
		{"DeleteGroup/with an attached policy",
			func(s *seed) { s.group("g", func(g *model.Group) { g.ManagedPolicies = []string{readOnlyAccess} }) },
			deleteGroup, func(e *env) []op.Op {
				return []op.Op{&op.DetachGroupPolicy{GroupName: e.n("g"), PolicyArn: readOnlyAccess}}
			}},
		{"DeleteGroup/with an inline policy",
			func(s *seed) {
				s.group("g", func(g *model.Group) {
					g.InlinePolicies = []model.InlinePolicy{{Name: "i", Document: mustParse(allow("s3:GetObject"))}}
				})
			},
			deleteGroup, func(e *env) []op.Op { return []op.Op{&op.DeleteGroupPolicy{GroupName: e.n("g"), PolicyName: "i"}} }},
		{"DeleteRole/with an attached policy",
			func(s *seed) { s.role("app", func(r *model.Role) { r.ManagedPolicies = []string{readOnlyAccess} }) },
			deleteRole, func(e *env) []op.Op {
				return []op.Op{&op.DetachRolePolicy{RoleName: e.n("app"), PolicyArn: readOnlyAccess}}
			}},
		{"DeleteRole/with an inline policy",
			func(s *seed) {
				s.role("app", func(r *model.Role) {
					r.InlinePolicies = []model.InlinePolicy{{Name: "i", Document: mustParse(allow("s3:GetObject"))}}
				})
			},
			deleteRole, func(e *env) []op.Op { return []op.Op{&op.DeleteRolePolicy{RoleName: e.n("app"), PolicyName: "i"}} }},
		{"DeleteRole/in an instance profile",
			func(s *seed) { s.role("app", func(r *model.Role) { r.InstanceProfiles = []string{s.n("ip")} }) },
			deleteRole, func(e *env) []op.Op {
				return []op.Op{&op.RemoveRoleFromInstanceProfile{InstanceProfileName: e.n("ip"), RoleName: e.n("app")}}
			}},
		{"DeletePolicy/attached to a user",
			func(s *seed) {
				s.policy("p")
				s.user("alice", func(u *model.User) { u.ManagedPolicies = []string{s.policyARN("p")} })
			},
			deletePolicy, func(e *env) []op.Op {
				return []op.Op{&op.DetachUserPolicy{UserName: e.n("alice"), PolicyArn: e.policyARN("p")}}
			}},
		{"DeletePolicy/attached to a group",
			func(s *seed) {
				s.policy("p")
				s.group("g", func(g *model.Group) { g.ManagedPolicies = []string{s.policyARN("p")} })
			},
			deletePolicy, func(e *env) []op.Op {
				return []op.Op{&op.DetachGroupPolicy{GroupName: e.n("g"), PolicyArn: e.policyARN("p")}}
			}},
		{"DeletePolicy/attached to a role",
			func(s *seed) {
				s.policy("p")
				s.role("app", func(r *model.Role) { r.ManagedPolicies = []string{s.policyARN("p")} })
			},
			deletePolicy, func(e *env) []op.Op {
				return []op.Op{&op.DetachRolePolicy{RoleName: e.n("app"), PolicyArn: e.policyARN("p")}}
			}},
		{"DeletePolicy/used as a user's permissions boundary",
			func(s *seed) {
				s.policy("p")
				s.user("alice", func(u *model.User) { u.PermissionsBoundary = s.policyARN("p") })
			},
			deletePolicy, func(e *env) []op.Op { return []op.Op{&op.DeleteUserPermissionsBoundary{UserName: e.n("alice")}} }},
		{"DeletePolicy/used as a role's permissions boundary",
			func(s *seed) {
				s.policy("p")
				s.role("app", func(r *model.Role) { r.PermissionsBoundary = s.policyARN("p") })
			},
			deletePolicy, func(e *env) []op.Op { return []op.Op{&op.DeleteRolePermissionsBoundary{RoleName: e.n("app")}} }},
		{"DeletePolicy/with a non-default version",
			func(s *seed) {
				s.policy("p", func(p *model.ManagedPolicy) {
					p.Versions = []model.PolicyVersion{{ID: "v1"}, {ID: "v2", IsDefault: true}}
				})
			},
			deletePolicy, func(e *env) []op.Op {
				return []op.Op{&op.DeletePolicyVersion{PolicyArn: e.policyARN("p"), VersionId: "v1"}}
			}},
		{"DeletePolicyVersion/of the default version",
			func(s *seed) {
				s.policy("p", func(p *model.ManagedPolicy) {
					p.Versions = []model.PolicyVersion{{ID: "v1"}, {ID: "v2", IsDefault: true}}
				})
			},
			func(e *env) op.Op { return &op.DeletePolicyVersion{PolicyArn: e.policyARN("p"), VersionId: "v2"} },
			func(e *env) []op.Op {
				return []op.Op{&op.SetDefaultPolicyVersion{PolicyArn: e.policyARN("p"), VersionId: "v1"}}
			}},
		{"DeleteVirtualMFADevice/while enabled",
			withUser(func(s *seed, u *model.User) {
				u.Credentials.MFADevices = []model.MFADevice{{SerialNumber: mfaSerial(s.ID, s.n("alice")), Virtual: true}}
			}),
			func(e *env) op.Op {
				return &op.DeleteVirtualMFADevice{SerialNumber: mfaSerial(e.account, e.n("alice")), User: e.n("alice")}
			},
			func(e *env) []op.Op {
				return []op.Op{&op.DeactivateMFADevice{UserName: e.n("alice"), SerialNumber: mfaSerial(e.account, e.n("alice"))}}
			}},
	}
	var out []testCase
	for _, c := range table {
		out = append(out, testCase{c.name + " is DeleteConflict", func(t *testing.T, r *runner) {
			e := r.start(t, c.seed)
			e.fails(c.delete(e), provider.Conflict)
			e.do(c.fix(e)...)
			e.do(c.delete(e))
		}})
	}
	return out
}
