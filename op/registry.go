package op

import (
	"reflect"
	"sort"

	"github.com/iamc/iamc/model"
)

// All returns a zero value of every op type, in a fixed order. It is the
// closed set: the registry for decoding and the list a provider must cover.
func All() []Op {
	return []Op{
		&CreateUser{}, &UpdateUser{}, &DeleteUser{}, &TagUser{}, &UntagUser{},
		&PutUserPermissionsBoundary{}, &DeleteUserPermissionsBoundary{},
		&AttachUserPolicy{}, &DetachUserPolicy{}, &PutUserPolicy{}, &DeleteUserPolicy{},
		&AddUserToGroup{}, &RemoveUserFromGroup{},
		&CreateLoginProfile{}, &UpdateLoginProfile{}, &DeleteLoginProfile{},
		&DeleteAccessKey{}, &DeleteSigningCertificate{}, &DeleteSSHPublicKey{},
		&DeleteServiceSpecificCredential{}, &DeactivateMFADevice{}, &DeleteVirtualMFADevice{},
		&CreateGroup{}, &UpdateGroup{}, &DeleteGroup{},
		&AttachGroupPolicy{}, &DetachGroupPolicy{}, &PutGroupPolicy{}, &DeleteGroupPolicy{},
		&CreateRole{}, &UpdateRole{}, &UpdateAssumeRolePolicy{}, &DeleteRole{},
		&TagRole{}, &UntagRole{}, &PutRolePermissionsBoundary{}, &DeleteRolePermissionsBoundary{},
		&AttachRolePolicy{}, &DetachRolePolicy{}, &PutRolePolicy{}, &DeleteRolePolicy{},
		&RemoveRoleFromInstanceProfile{}, &AddRoleToInstanceProfile{},
		&CreatePolicy{}, &CreatePolicyVersion{}, &DeletePolicyVersion{}, &SetDefaultPolicyVersion{},
		&DeletePolicy{}, &TagPolicy{}, &UntagPolicy{},
		&UpdateAccountPasswordPolicy{}, &DeleteAccountPasswordPolicy{},
		&CreateAccountAlias{}, &DeleteAccountAlias{},
	}
}

var registry = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, o := range All() {
		m[o.Action()] = reflect.TypeOf(o).Elem()
	}
	return m
}()

// New returns a new zero op for an IAM action name, or nil when the action
// is not one iamc's plans use.
func New(action string) Op {
	t, ok := registry[action]
	if !ok {
		return nil
	}
	return reflect.New(t).Interface().(Op)
}

// Actions lists the action names of all ops, sorted.
func Actions() []string {
	out := make([]string, 0, len(registry))
	for a := range registry {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

func (*CreateUser) Action() string                      { return "CreateUser" }
func (*UpdateUser) Action() string                      { return "UpdateUser" }
func (*DeleteUser) Action() string                      { return "DeleteUser" }
func (*TagUser) Action() string                         { return "TagUser" }
func (*UntagUser) Action() string                       { return "UntagUser" }
func (*PutUserPermissionsBoundary) Action() string      { return "PutUserPermissionsBoundary" }
func (*DeleteUserPermissionsBoundary) Action() string   { return "DeleteUserPermissionsBoundary" }
func (*AttachUserPolicy) Action() string                { return "AttachUserPolicy" }
func (*DetachUserPolicy) Action() string                { return "DetachUserPolicy" }
func (*PutUserPolicy) Action() string                   { return "PutUserPolicy" }
func (*DeleteUserPolicy) Action() string                { return "DeleteUserPolicy" }
func (*AddUserToGroup) Action() string                  { return "AddUserToGroup" }
func (*RemoveUserFromGroup) Action() string             { return "RemoveUserFromGroup" }
func (*CreateLoginProfile) Action() string              { return "CreateLoginProfile" }
func (*UpdateLoginProfile) Action() string              { return "UpdateLoginProfile" }
func (*DeleteLoginProfile) Action() string              { return "DeleteLoginProfile" }
func (*DeleteAccessKey) Action() string                 { return "DeleteAccessKey" }
func (*DeleteSigningCertificate) Action() string        { return "DeleteSigningCertificate" }
func (*DeleteSSHPublicKey) Action() string              { return "DeleteSSHPublicKey" }
func (*DeleteServiceSpecificCredential) Action() string { return "DeleteServiceSpecificCredential" }
func (*DeactivateMFADevice) Action() string             { return "DeactivateMFADevice" }
func (*DeleteVirtualMFADevice) Action() string          { return "DeleteVirtualMFADevice" }
func (*CreateGroup) Action() string                     { return "CreateGroup" }
func (*UpdateGroup) Action() string                     { return "UpdateGroup" }
func (*DeleteGroup) Action() string                     { return "DeleteGroup" }
func (*AttachGroupPolicy) Action() string               { return "AttachGroupPolicy" }
func (*DetachGroupPolicy) Action() string               { return "DetachGroupPolicy" }
func (*PutGroupPolicy) Action() string                  { return "PutGroupPolicy" }
func (*DeleteGroupPolicy) Action() string               { return "DeleteGroupPolicy" }
func (*CreateRole) Action() string                      { return "CreateRole" }
func (*UpdateRole) Action() string                      { return "UpdateRole" }
func (*UpdateAssumeRolePolicy) Action() string          { return "UpdateAssumeRolePolicy" }
func (*DeleteRole) Action() string                      { return "DeleteRole" }
func (*TagRole) Action() string                         { return "TagRole" }
func (*UntagRole) Action() string                       { return "UntagRole" }
func (*PutRolePermissionsBoundary) Action() string      { return "PutRolePermissionsBoundary" }
func (*DeleteRolePermissionsBoundary) Action() string   { return "DeleteRolePermissionsBoundary" }
func (*AttachRolePolicy) Action() string                { return "AttachRolePolicy" }
func (*DetachRolePolicy) Action() string                { return "DetachRolePolicy" }
func (*PutRolePolicy) Action() string                   { return "PutRolePolicy" }
func (*DeleteRolePolicy) Action() string                { return "DeleteRolePolicy" }
func (*RemoveRoleFromInstanceProfile) Action() string   { return "RemoveRoleFromInstanceProfile" }
func (*AddRoleToInstanceProfile) Action() string        { return "AddRoleToInstanceProfile" }
func (*CreatePolicy) Action() string                    { return "CreatePolicy" }
func (*CreatePolicyVersion) Action() string             { return "CreatePolicyVersion" }
func (*DeletePolicyVersion) Action() string             { return "DeletePolicyVersion" }
func (*SetDefaultPolicyVersion) Action() string         { return "SetDefaultPolicyVersion" }
func (*DeletePolicy) Action() string                    { return "DeletePolicy" }
func (*TagPolicy) Action() string                       { return "TagPolicy" }
func (*UntagPolicy) Action() string                     { return "UntagPolicy" }
func (*UpdateAccountPasswordPolicy) Action() string     { return "UpdateAccountPasswordPolicy" }
func (*DeleteAccountPasswordPolicy) Action() string     { return "DeleteAccountPasswordPolicy" }
func (*CreateAccountAlias) Action() string              { return "CreateAccountAlias" }
func (*DeleteAccountAlias) Action() string              { return "DeleteAccountAlias" }

func (o *CreateUser) Target() model.Address                    { return model.UserAddr(o.UserName) }
func (o *UpdateUser) Target() model.Address                    { return model.UserAddr(o.UserName) }
func (o *DeleteUser) Target() model.Address                    { return model.UserAddr(o.UserName) }
func (o *TagUser) Target() model.Address                       { return model.UserAddr(o.UserName) }
func (o *UntagUser) Target() model.Address                     { return model.UserAddr(o.UserName) }
func (o *PutUserPermissionsBoundary) Target() model.Address    { return model.UserAddr(o.UserName) }
func (o *DeleteUserPermissionsBoundary) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *AttachUserPolicy) Target() model.Address              { return model.UserAddr(o.UserName) }
func (o *DetachUserPolicy) Target() model.Address              { return model.UserAddr(o.UserName) }
func (o *PutUserPolicy) Target() model.Address                 { return model.UserAddr(o.UserName) }
func (o *DeleteUserPolicy) Target() model.Address              { return model.UserAddr(o.UserName) }
func (o *AddUserToGroup) Target() model.Address                { return model.UserAddr(o.UserName) }
func (o *RemoveUserFromGroup) Target() model.Address           { return model.UserAddr(o.UserName) }
func (o *CreateLoginProfile) Target() model.Address            { return model.UserAddr(o.UserName) }
func (o *UpdateLoginProfile) Target() model.Address            { return model.UserAddr(o.UserName) }
func (o *DeleteLoginProfile) Target() model.Address            { return model.UserAddr(o.UserName) }
func (o *DeleteAccessKey) Target() model.Address               { return model.UserAddr(o.UserName) }
func (o *DeleteSigningCertificate) Target() model.Address      { return model.UserAddr(o.UserName) }
func (o *DeleteSSHPublicKey) Target() model.Address            { return model.UserAddr(o.UserName) }
func (o *DeleteServiceSpecificCredential) Target() model.Address {
	return model.UserAddr(o.UserName)
}
func (o *DeactivateMFADevice) Target() model.Address    { return model.UserAddr(o.UserName) }
func (o *DeleteVirtualMFADevice) Target() model.Address { return model.UserAddr(o.User) }
func (o *CreateGroup) Target() model.Address            { return model.GroupAddr(o.GroupName) }
func (o *UpdateGroup) Target() model.Address            { return model.GroupAddr(o.GroupName) }
func (o *DeleteGroup) Target() model.Address            { return model.GroupAddr(o.GroupName) }
func (o *AttachGroupPolicy) Target() model.Address      { return model.GroupAddr(o.GroupName) }
func (o *DetachGroupPolicy) Target() model.Address      { return model.GroupAddr(o.GroupName) }
func (o *PutGroupPolicy) Target() model.Address         { return model.GroupAddr(o.GroupName) }
func (o *DeleteGroupPolicy) Target() model.Address      { return model.GroupAddr(o.GroupName) }
func (o *CreateRole) Target() model.Address             { return model.RoleAddr(o.RoleName) }
func (o *UpdateRole) Target() model.Address             { return model.RoleAddr(o.RoleName) }
func (o *UpdateAssumeRolePolicy) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (o *DeleteRole) Target() model.Address             { return model.RoleAddr(o.RoleName) }
func (o *TagRole) Target() model.Address                { return model.RoleAddr(o.RoleName) }
func (o *UntagRole) Target() model.Address              { return model.RoleAddr(o.RoleName) }
func (o *PutRolePermissionsBoundary) Target() model.Address {
	return model.RoleAddr(o.RoleName)
}
func (o *DeleteRolePermissionsBoundary) Target() model.Address {
	return model.RoleAddr(o.RoleName)
}
func (o *AttachRolePolicy) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (o *DetachRolePolicy) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (o *PutRolePolicy) Target() model.Address    { return model.RoleAddr(o.RoleName) }
func (o *DeleteRolePolicy) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (o *RemoveRoleFromInstanceProfile) Target() model.Address {
	return model.RoleAddr(o.RoleName)
}
func (o *AddRoleToInstanceProfile) Target() model.Address {
	return model.RoleAddr(o.RoleName)
}
func (o *CreatePolicy) Target() model.Address            { return model.PolicyAddr(o.PolicyName) }
func (o *CreatePolicyVersion) Target() model.Address     { return policyTarget(o.PolicyArn) }
func (o *DeletePolicyVersion) Target() model.Address     { return policyTarget(o.PolicyArn) }
func (o *SetDefaultPolicyVersion) Target() model.Address { return policyTarget(o.PolicyArn) }
func (o *DeletePolicy) Target() model.Address            { return policyTarget(o.PolicyArn) }
func (o *TagPolicy) Target() model.Address               { return policyTarget(o.PolicyArn) }
func (o *UntagPolicy) Target() model.Address             { return policyTarget(o.PolicyArn) }
func (o *UpdateAccountPasswordPolicy) Target() model.Address {
	return model.Address{Kind: model.KindPasswordPolicy}
}
func (o *DeleteAccountPasswordPolicy) Target() model.Address {
	return model.Address{Kind: model.KindPasswordPolicy}
}
func (o *CreateAccountAlias) Target() model.Address {
	return model.Address{Kind: model.KindAccountAlias}
}
func (o *DeleteAccountAlias) Target() model.Address {
	return model.Address{Kind: model.KindAccountAlias}
}
