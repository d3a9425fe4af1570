package memory

import (
	"fmt"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// do carries out one op on the state. Every handler checks everything
// before it changes anything, so that a failed op changes nothing.
func (a *Account) do(o op.Op) error {
	switch o := o.(type) {
	// users
	case *op.CreateUser:
		return a.createUser(o)
	case *op.UpdateUser:
		return a.updateUser(o)
	case *op.DeleteUser:
		return a.deleteUser(o)
	case *op.TagUser:
		return a.tagUser(o)
	case *op.UntagUser:
		return a.untagUser(o)
	case *op.PutUserPermissionsBoundary:
		return a.withUser(o.UserName, func(u *User) error { return a.setBoundary(&u.PermissionsBoundary, o.PermissionsBoundary) })
	case *op.DeleteUserPermissionsBoundary:
		return a.withUser(o.UserName, func(u *User) error { a.clearBoundary(&u.PermissionsBoundary); return nil })
	case *op.AttachUserPolicy:
		return a.withUser(o.UserName, func(u *User) error {
			return a.attach(&u.AttachedPolicies, o.PolicyArn, "PoliciesPerUser", a.st.Quotas.PoliciesPerUser)
		})
	case *op.DetachUserPolicy:
		return a.withUser(o.UserName, func(u *User) error { return a.detach(&u.AttachedPolicies, o.PolicyArn) })
	case *op.PutUserPolicy:
		return a.withUser(o.UserName, func(u *User) error {
			return putInline(&u.InlinePolicies, o.PolicyName, o.PolicyDocument, a.st.Quotas.UserInlineSize, "user", u.Name)
		})
	case *op.DeleteUserPolicy:
		return a.withUser(o.UserName, func(u *User) error { return deleteInline(&u.InlinePolicies, o.PolicyName, "user") })
	case *op.AddUserToGroup:
		return a.addUserToGroup(o)
	case *op.RemoveUserFromGroup:
		return a.removeUserFromGroup(o)
	case *op.CreateLoginProfile:
		return a.createLoginProfile(o)
	case *op.UpdateLoginProfile:
		return a.updateLoginProfile(o)
	case *op.DeleteLoginProfile:
		return a.deleteLoginProfile(o)
	case *op.DeleteAccessKey:
		return a.deleteAccessKey(o)
	case *op.DeleteSigningCertificate:
		return a.deleteSigningCertificate(o)
	case *op.DeleteSSHPublicKey:
		return a.deleteSSHPublicKey(o)
	case *op.DeleteServiceSpecificCredential:
		return a.deleteServiceSpecificCredential(o)
	case *op.DeactivateMFADevice:
		return a.deactivateMFADevice(o)
	case *op.DeleteVirtualMFADevice:
		return a.deleteVirtualMFADevice(o)

	// groups
	case *op.CreateGroup:
		return a.createGroup(o)
	case *op.UpdateGroup:
		return a.updateGroup(o)
	case *op.DeleteGroup:
		return a.deleteGroup(o)
	case *op.AttachGroupPolicy:
		return a.withGroup(o.GroupName, func(g *Group) error {
			return a.attach(&g.AttachedPolicies, o.PolicyArn, "PoliciesPerGroup", a.st.Quotas.PoliciesPerGroup)
		})
	case *op.DetachGroupPolicy:
		return a.withGroup(o.GroupName, func(g *Group) error { return a.detach(&g.AttachedPolicies, o.PolicyArn) })
	case *op.PutGroupPolicy:
		return a.withGroup(o.GroupName, func(g *Group) error {
			return putInline(&g.InlinePolicies, o.PolicyName, o.PolicyDocument, a.st.Quotas.GroupInlineSize, "group", g.Name)
		})
	case *op.DeleteGroupPolicy:
		return a.withGroup(o.GroupName, func(g *Group) error { return deleteInline(&g.InlinePolicies, o.PolicyName, "group") })

	// roles
	case *op.CreateRole:
		return a.createRole(o)
	case *op.UpdateRole:
		return a.updateRole(o)
	case *op.UpdateAssumeRolePolicy:
		return a.updateAssumeRolePolicy(o)
	case *op.DeleteRole:
		return a.deleteRole(o)
	case *op.TagRole:
		return a.tagRole(o)
	case *op.UntagRole:
		return a.untagRole(o)
	case *op.PutRolePermissionsBoundary:
		return a.withRole(o.RoleName, true, func(r *Role) error { return a.setBoundary(&r.PermissionsBoundary, o.PermissionsBoundary) })
	case *op.DeleteRolePermissionsBoundary:
		return a.withRole(o.RoleName, true, func(r *Role) error { a.clearBoundary(&r.PermissionsBoundary); return nil })
	case *op.AttachRolePolicy:
		return a.withRole(o.RoleName, true, func(r *Role) error {
			return a.attach(&r.AttachedPolicies, o.PolicyArn, "PoliciesPerRole", a.st.Quotas.PoliciesPerRole)
		})
	case *op.DetachRolePolicy:
		return a.withRole(o.RoleName, true, func(r *Role) error { return a.detach(&r.AttachedPolicies, o.PolicyArn) })
	case *op.PutRolePolicy:
		return a.withRole(o.RoleName, true, func(r *Role) error {
			return putInline(&r.InlinePolicies, o.PolicyName, o.PolicyDocument, a.st.Quotas.RoleInlineSize, "role", r.Name)
		})
	case *op.DeleteRolePolicy:
		return a.withRole(o.RoleName, true, func(r *Role) error { return deleteInline(&r.InlinePolicies, o.PolicyName, "role") })
	case *op.RemoveRoleFromInstanceProfile:
		return a.removeRoleFromInstanceProfile(o)
	case *op.AddRoleToInstanceProfile:
		return a.addRoleToInstanceProfile(o)
	case *op.CreateInstanceProfile, *op.DeleteInstanceProfile, *op.TagInstanceProfile, *op.UntagInstanceProfile:
		return a.doInstanceProfile(o)
	case *op.CreateOpenIDConnectProvider, *op.DeleteOpenIDConnectProvider, *op.AddClientIDToOpenIDConnectProvider,
		*op.RemoveClientIDFromOpenIDConnectProvider, *op.UpdateOpenIDConnectProviderThumbprint,
		*op.TagOpenIDConnectProvider, *op.UntagOpenIDConnectProvider,
		*op.CreateSAMLProvider, *op.UpdateSAMLProvider, *op.DeleteSAMLProvider, *op.TagSAMLProvider, *op.UntagSAMLProvider:
		return a.doProvider(o)

	// managed policies
	case *op.CreatePolicy:
		return a.createPolicy(o)
	case *op.CreatePolicyVersion:
		return a.createPolicyVersion(o)
	case *op.DeletePolicyVersion:
		return a.deletePolicyVersion(o)
	case *op.SetDefaultPolicyVersion:
		return a.setDefaultPolicyVersion(o)
	case *op.DeletePolicy:
		return a.deletePolicy(o)
	case *op.TagPolicy:
		return a.tagPolicy(o)
	case *op.UntagPolicy:
		return a.untagPolicy(o)

	// account
	case *op.UpdateAccountPasswordPolicy:
		return a.updatePasswordPolicy(o)
	case *op.DeleteAccountPasswordPolicy:
		return a.deletePasswordPolicy()
	case *op.CreateAccountAlias:
		return a.createAlias(o)
	case *op.DeleteAccountAlias:
		return a.deleteAlias(o)

	case *op.CreateAccessKey:
		return a.createAccessKey(o)
	case *op.UpdateAccessKey:
		return a.updateAccessKey(o)

	// the calls iamc serve answers that no plan makes (calls.go)
	case *CreateVirtualMFADevice:
		return a.createVirtualMFADevice(o)
	case *EnableMFADevice:
		return a.enableMFADevice(o)
	case *RecordAccessKeyUse:
		return a.recordAccessKeyUse(o)
	}
	return &provider.Error{Code: provider.Unsupported, Message: fmt.Sprintf("the memory account does not know the operation %s", o.Action())}
}

func (a *Account) withUser(name string, fn func(*User) error) error {
	u := a.st.User(name)
	if u == nil {
		return noSuchUser(name)
	}
	return fn(u)
}

func (a *Account) withGroup(name string, fn func(*Group) error) error {
	g := a.st.Group(name)
	if g == nil {
		return noSuchGroup(name)
	}
	return fn(g)
}

// withRole finds a role; protect refuses roles only AWS may change (those
// under AWS's reserved paths: service-linked roles and the like).
func (a *Account) withRole(name string, protect bool, fn func(*Role) error) error {
	r := a.st.Role(name)
	if r == nil {
		return noSuchRole(name)
	}
	if protect && isProtected(r) {
		return fail(unmodifiableEntity, "Cannot perform the operation on the protected role '%s' - this role is only modifiable by AWS", r.Name)
	}
	return fn(r)
}
