package providertest

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// notFoundCases pin NoSuchEntity: every op that names something missing.
func notFoundCases() []testCase {
	type tc struct {
		name string
		op   func(e *env) op.Op
	}
	// The seed: user alice (no login profile, no inline policy, in no
	// group), group g, role app (in instance profile ip), policy p with
	// only v1, no password policy.
	build := func(s *seed) {
		s.user("alice")
		s.group("g")
		s.role("app", func(r *model.Role) { r.InstanceProfiles = []string{s.n("ip")} })
		s.role("other")
		s.policy("p")
	}
	missingUser := "nobody"
	table := []tc{
		{"UpdateUser/of a missing user", func(e *env) op.Op { return &op.UpdateUser{UserName: e.n(missingUser), NewPath: "/x/"} }},
		{"DeleteUser/of a missing user", func(e *env) op.Op { return &op.DeleteUser{UserName: e.n(missingUser)} }},
		{"TagUser/of a missing user", func(e *env) op.Op {
			return &op.TagUser{UserName: e.n(missingUser), Tags: []op.Tag{{Key: "k", Value: "v"}}}
		}},
		{"UntagUser/of a missing user", func(e *env) op.Op { return &op.UntagUser{UserName: e.n(missingUser), TagKeys: []string{"k"}} }},
		{"AttachUserPolicy/to a missing user", func(e *env) op.Op {
			return &op.AttachUserPolicy{UserName: e.n(missingUser), PolicyArn: readOnlyAccess}
		}},
		{"PutUserPolicy/to a missing user", func(e *env) op.Op {
			return &op.PutUserPolicy{UserName: e.n(missingUser), PolicyName: "x", PolicyDocument: allow("s3:GetObject")}
		}},
		{"PutUserPermissionsBoundary/of a missing user", func(e *env) op.Op {
			return &op.PutUserPermissionsBoundary{UserName: e.n(missingUser), PermissionsBoundary: readOnlyAccess}
		}},
		{"AddUserToGroup/a missing user", func(e *env) op.Op { return &op.AddUserToGroup{GroupName: e.n("g"), UserName: e.n(missingUser)} }},
		{"AddUserToGroup/to a missing group", func(e *env) op.Op { return &op.AddUserToGroup{GroupName: e.n("nogroup"), UserName: e.n("alice")} }},
		{"RemoveUserFromGroup/of a user not in the group", func(e *env) op.Op {
			return &op.RemoveUserFromGroup{GroupName: e.n("g"), UserName: e.n("alice")}
		}},
		{"CreateLoginProfile/for a missing user", func(e *env) op.Op {
			return &op.CreateLoginProfile{UserName: e.n(missingUser), Password: "Correct-Horse-9-Battery"}
		}},
		{"UpdateLoginProfile/of a user without one", func(e *env) op.Op { return &op.UpdateLoginProfile{UserName: e.n("alice")} }},
		{"DeleteLoginProfile/of a user without one", func(e *env) op.Op { return &op.DeleteLoginProfile{UserName: e.n("alice")} }},
		{"DeleteUserPolicy/of a missing inline policy", func(e *env) op.Op {
			return &op.DeleteUserPolicy{UserName: e.n("alice"), PolicyName: "none"}
		}},
		{"DetachUserPolicy/of a policy not attached", func(e *env) op.Op {
			return &op.DetachUserPolicy{UserName: e.n("alice"), PolicyArn: e.policyARN("p")}
		}},
		{"AttachUserPolicy/of an unknown customer policy", func(e *env) op.Op {
			return &op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: e.policyARN("nopolicy")}
		}},
		{"AttachUserPolicy/of a misspelled AWS managed policy", func(e *env) op.Op {
			return &op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: misspelledAWS}
		}},
		{"AttachUserPolicy/of an AWS managed policy without its path", func(e *env) op.Op {
			return &op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"}
		}},
		{"AttachUserPolicy/of a customer policy at another path", func(e *env) op.Op {
			return &op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: model.PolicyARN(e.account, "/elsewhere/", e.n("p"))}
		}},
		{"CreateUser/with an unknown permissions boundary", func(e *env) op.Op {
			return &op.CreateUser{UserName: e.n("bob"), PermissionsBoundary: e.policyARN("nopolicy")}
		}},
		{"CreateRole/with a misspelled AWS managed boundary", func(e *env) op.Op {
			return &op.CreateRole{RoleName: e.n("new"), AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com"), PermissionsBoundary: misspelledAWS}
		}},
		{"PutUserPermissionsBoundary/of an unknown policy", func(e *env) op.Op {
			return &op.PutUserPermissionsBoundary{UserName: e.n("alice"), PermissionsBoundary: e.policyARN("nopolicy")}
		}},
		{"DeleteAccessKey/of an unknown key", func(e *env) op.Op {
			return &op.DeleteAccessKey{UserName: e.n("alice"), AccessKeyId: "AKIAEXAMPLE999999999"}
		}},
		{"DeleteSigningCertificate/of an unknown certificate", func(e *env) op.Op {
			return &op.DeleteSigningCertificate{UserName: e.n("alice"), CertificateId: "CERTEXAMPLE9999999999999"}
		}},
		{"DeleteSSHPublicKey/of an unknown key", func(e *env) op.Op {
			return &op.DeleteSSHPublicKey{UserName: e.n("alice"), SSHPublicKeyId: "APKAEXAMPLE999999999"}
		}},
		{"DeleteServiceSpecificCredential/of an unknown credential", func(e *env) op.Op {
			return &op.DeleteServiceSpecificCredential{UserName: e.n("alice"), ServiceSpecificCredentialId: "ACCAEXAMPLE999999999"}
		}},
		{"DeactivateMFADevice/of a device the user does not have", func(e *env) op.Op {
			return &op.DeactivateMFADevice{UserName: e.n("alice"), SerialNumber: mfaSerial(e.account, e.n("alice"))}
		}},
		{"DeleteVirtualMFADevice/of an unknown device", func(e *env) op.Op {
			return &op.DeleteVirtualMFADevice{SerialNumber: mfaSerial(e.account, e.n("nodevice")), User: e.n("alice")}
		}},

		{"UpdateGroup/of a missing group", func(e *env) op.Op { return &op.UpdateGroup{GroupName: e.n("nogroup"), NewPath: "/x/"} }},
		{"DeleteGroup/of a missing group", func(e *env) op.Op { return &op.DeleteGroup{GroupName: e.n("nogroup")} }},
		{"AttachGroupPolicy/to a missing group", func(e *env) op.Op {
			return &op.AttachGroupPolicy{GroupName: e.n("nogroup"), PolicyArn: readOnlyAccess}
		}},
		{"DetachGroupPolicy/of a policy not attached", func(e *env) op.Op {
			return &op.DetachGroupPolicy{GroupName: e.n("g"), PolicyArn: readOnlyAccess}
		}},
		{"DeleteGroupPolicy/of a missing inline policy", func(e *env) op.Op {
			return &op.DeleteGroupPolicy{GroupName: e.n("g"), PolicyName: "none"}
		}},

		{"UpdateRole/of a missing role", func(e *env) op.Op { return &op.UpdateRole{RoleName: e.n("norole"), MaxSessionDuration: 3600} }},
		{"UpdateAssumeRolePolicy/of a missing role", func(e *env) op.Op {
			return &op.UpdateAssumeRolePolicy{RoleName: e.n("norole"), PolicyDocument: trustDoc("ec2.amazonaws.com")}
		}},
		{"DeleteRole/of a missing role", func(e *env) op.Op { return &op.DeleteRole{RoleName: e.n("norole")} }},
		{"AttachRolePolicy/to a missing role", func(e *env) op.Op { return &op.AttachRolePolicy{RoleName: e.n("norole"), PolicyArn: readOnlyAccess} }},
		{"DetachRolePolicy/of a policy not attached", func(e *env) op.Op {
			return &op.DetachRolePolicy{RoleName: e.n("app"), PolicyArn: readOnlyAccess}
		}},
		{"DeleteRolePolicy/of a missing inline policy", func(e *env) op.Op { return &op.DeleteRolePolicy{RoleName: e.n("app"), PolicyName: "none"} }},
		{"TagRole/of a missing role", func(e *env) op.Op {
			return &op.TagRole{RoleName: e.n("norole"), Tags: []op.Tag{{Key: "k", Value: "v"}}}
		}},
		{"RemoveRoleFromInstanceProfile/of a profile not holding the role", func(e *env) op.Op {
			return &op.RemoveRoleFromInstanceProfile{InstanceProfileName: e.n("ip"), RoleName: e.n("other")}
		}},
		{"RemoveRoleFromInstanceProfile/of a missing profile", func(e *env) op.Op {
			return &op.RemoveRoleFromInstanceProfile{InstanceProfileName: e.n("noprofile"), RoleName: e.n("app")}
		}},
		{"AddRoleToInstanceProfile/to a missing profile", func(e *env) op.Op {
			return &op.AddRoleToInstanceProfile{InstanceProfileName: e.n("noprofile"), RoleName: e.n("other")}
		}},

		{"CreatePolicyVersion/of a missing policy", func(e *env) op.Op {
			return &op.CreatePolicyVersion{PolicyArn: e.policyARN("nopolicy"), PolicyDocument: allow("s3:GetObject")}
		}},
		{"DeletePolicyVersion/of a missing version", func(e *env) op.Op {
			return &op.DeletePolicyVersion{PolicyArn: e.policyARN("p"), VersionId: "v9"}
		}},
		{"SetDefaultPolicyVersion/of a missing version", func(e *env) op.Op {
			return &op.SetDefaultPolicyVersion{PolicyArn: e.policyARN("p"), VersionId: "v9"}
		}},
		{"DeletePolicy/of a missing policy", func(e *env) op.Op { return &op.DeletePolicy{PolicyArn: e.policyARN("nopolicy")} }},
		{"TagPolicy/of a missing policy", func(e *env) op.Op {
			return &op.TagPolicy{PolicyArn: e.policyARN("nopolicy"), Tags: []op.Tag{{Key: "k", Value: "v"}}}
		}},
		{"DeleteAccountPasswordPolicy/when there is none", func(e *env) op.Op { return &op.DeleteAccountPasswordPolicy{} }},
	}
	var out []testCase
	for _, c := range table {
		out = append(out, testCase{c.name + " is NoSuchEntity", func(t *testing.T, r *runner) {
			e := r.start(t, build)
			e.fails(c.op(e), provider.NotFound)
		}})
	}
	out = append(out,
		testCase{"AttachUserPolicy/a malformed ARN is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, build)
			e.fails(&op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: "not-an-arn"}, provider.InvalidInput)
		}},
		testCase{"AttachUserPolicy/attaching twice changes nothing", func(t *testing.T, r *runner) {
			e := r.start(t, build)
			for range 2 {
				e.do(&op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: e.policyARN("p")},
					&op.AttachGroupPolicy{GroupName: e.n("g"), PolicyArn: e.policyARN("p")},
					&op.AttachRolePolicy{RoleName: e.n("app"), PolicyArn: e.policyARN("p")})
			}
			a := e.read()
			e.equalStrings("user's policies", e.user(a, "alice").ManagedPolicies, []string{e.policyARN("p")})
			e.equalStrings("group's policies", e.group(a, "g").ManagedPolicies, []string{e.policyARN("p")})
			e.equalStrings("role's policies", e.role(a, "app").ManagedPolicies, []string{e.policyARN("p")})
			// One detach undoes the attachment.
			e.do(&op.DetachUserPolicy{UserName: e.n("alice"), PolicyArn: e.policyARN("p")})
			e.fails(&op.DetachUserPolicy{UserName: e.n("alice"), PolicyArn: e.policyARN("p")}, provider.NotFound)
		}},
		testCase{"AddUserToGroup/adding twice changes nothing", func(t *testing.T, r *runner) {
			e := r.start(t, build)
			e.do(&op.AddUserToGroup{GroupName: e.n("g"), UserName: e.n("alice")},
				&op.AddUserToGroup{GroupName: e.n("g"), UserName: e.n("alice")})
			e.equalStrings("groups", e.user(e.read(), "alice").Groups, []string{e.n("g")})
			e.do(&op.RemoveUserFromGroup{GroupName: e.n("g"), UserName: e.n("alice")})
			e.equalStrings("groups", e.user(e.read(), "alice").Groups, nil)
		}},
	)
	return out
}
