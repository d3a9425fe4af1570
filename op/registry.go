package op

import (
	"reflect"
	"sort"
)

// All returns a zero value of every op type, in a fixed order. It is the
// closed set: the registry for decoding and the list a provider must cover.
func All() []Op {
	return append([]Op{
		&CreateUser{}, &UpdateUser{}, &DeleteUser{}, &TagUser{}, &UntagUser{},
		&PutUserPermissionsBoundary{}, &DeleteUserPermissionsBoundary{},
		&AttachUserPolicy{}, &DetachUserPolicy{}, &PutUserPolicy{}, &DeleteUserPolicy{},
		&AddUserToGroup{}, &RemoveUserFromGroup{},
		&CreateLoginProfile{}, &UpdateLoginProfile{}, &DeleteLoginProfile{},
		&CreateAccessKey{}, &UpdateAccessKey{}, &DeleteAccessKey{}, &DeleteSigningCertificate{}, &DeleteSSHPublicKey{},
		&DeleteServiceSpecificCredential{}, &DeactivateMFADevice{}, &DeleteVirtualMFADevice{},
		&CreateGroup{}, &UpdateGroup{}, &DeleteGroup{},
		&AttachGroupPolicy{}, &DetachGroupPolicy{}, &PutGroupPolicy{}, &DeleteGroupPolicy{},
		&CreateRole{}, &UpdateRole{}, &UpdateAssumeRolePolicy{}, &DeleteRole{},
		&TagRole{}, &UntagRole{}, &PutRolePermissionsBoundary{}, &DeleteRolePermissionsBoundary{},
		&AttachRolePolicy{}, &DetachRolePolicy{}, &PutRolePolicy{}, &DeleteRolePolicy{},
		&RemoveRoleFromInstanceProfile{}, &AddRoleToInstanceProfile{},
		&CreateInstanceProfile{}, &DeleteInstanceProfile{}, &TagInstanceProfile{}, &UntagInstanceProfile{},
		&CreatePolicy{}, &CreatePolicyVersion{}, &DeletePolicyVersion{}, &SetDefaultPolicyVersion{},
		&DeletePolicy{}, &TagPolicy{}, &UntagPolicy{},
		&UpdateAccountPasswordPolicy{}, &DeleteAccountPasswordPolicy{},
		&CreateAccountAlias{}, &DeleteAccountAlias{},
	}, providerOps()...)
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
