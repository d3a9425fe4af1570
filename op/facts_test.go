package op

import (
	"reflect"
	"slices"
	"testing"

	"github.com/iamc/iamc/model"
)

// TestDescribeEveryOp checks the facts of every op of All against the
// rules they replace, written out here as lists: the AWS provider's
// retries (done despite an error, what frees room), the planner's
// lifecycle check, and iamc serve's references (every UserName,
// GroupName and RoleName parameter but the one a create makes, every
// PolicyArn and PermissionsBoundary). An op added to All without its
// facts fails here.
func TestDescribeEveryOp(t *testing.T) {
	doneIfExists := []string{"CreateUser", "CreateGroup", "CreateRole", "CreatePolicy", "CreateLoginProfile", "CreateAccountAlias", "CreateInstanceProfile",
		"CreateOpenIDConnectProvider", "CreateSAMLProvider"}
	doneIfMissing := []string{
		"DeleteUser", "DeleteGroup", "DeleteRole", "DeletePolicy",
		"DeleteUserPolicy", "DeleteGroupPolicy", "DeleteRolePolicy",
		"DetachUserPolicy", "DetachGroupPolicy", "DetachRolePolicy",
		"RemoveUserFromGroup", "RemoveRoleFromInstanceProfile",
		"DeleteUserPermissionsBoundary", "DeleteRolePermissionsBoundary",
		"DeleteLoginProfile", "DeleteAccessKey", "DeleteSigningCertificate",
		"DeleteSSHPublicKey", "DeleteServiceSpecificCredential",
		"DeactivateMFADevice", "DeleteVirtualMFADevice",
		"DeletePolicyVersion", "DeleteAccountPasswordPolicy", "DeleteAccountAlias",
		"UpdateUser", "UpdateGroup", // with a new name: the old one is gone
		"DeleteInstanceProfile", "DeleteOpenIDConnectProvider", "DeleteSAMLProvider",
	}
	frees := []string{
		"DetachUserPolicy", "DetachGroupPolicy", "DetachRolePolicy",
		"RemoveUserFromGroup", "DeletePolicyVersion", "UntagUser", "UntagRole", "UntagPolicy",
		"DeleteUserPolicy", "DeleteGroupPolicy", "DeleteRolePolicy",
		"UntagInstanceProfile", "RemoveClientIDFromOpenIDConnectProvider",
		"UntagOpenIDConnectProvider", "UntagSAMLProvider",
	}
	creates := map[string]model.Kind{"CreateUser": model.KindUser, "CreateGroup": model.KindGroup, "CreateRole": model.KindRole, "CreatePolicy": model.KindPolicy,
		"CreateInstanceProfile":       model.KindInstanceProfile,
		"CreateOpenIDConnectProvider": model.KindOIDCProvider, "CreateSAMLProvider": model.KindSAMLProvider}
	deletes := map[string]model.Kind{"DeleteUser": model.KindUser, "DeleteGroup": model.KindGroup, "DeleteRole": model.KindRole, "DeletePolicy": model.KindPolicy,
		"DeleteInstanceProfile":       model.KindInstanceProfile,
		"DeleteOpenIDConnectProvider": model.KindOIDCProvider, "DeleteSAMLProvider": model.KindSAMLProvider}
	renames := map[string]string{"UpdateUser": "NewUserName", "UpdateGroup": "NewGroupName"}
	trust := map[string]string{"CreateRole": "AssumeRolePolicyDocument", "UpdateAssumeRolePolicy": "PolicyDocument"}
	const arn = "arn:aws:iam::123456789012:policy/p"

	for _, o := range All() {
		a := o.Action()
		if _, ok := o.(describer); !ok {
			t.Errorf("%s gives no facts", a)
			continue
		}
		// Every string parameter gets a value of its own.
		v := reflect.ValueOf(o).Elem()
		var wantARNs []string
		var wantNames []model.Address
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Type.Kind() != reflect.String {
				continue
			}
			switch f.Name {
			case "PolicyArn", "PermissionsBoundary":
				v.Field(i).SetString(arn)
				wantARNs = append(wantARNs, arn)
			default:
				v.Field(i).SetString("x-" + f.Name)
			}
			if f.Tag.Get("json") == "-" {
				continue // not an API parameter
			}
			kind := map[string]model.Kind{"UserName": model.KindUser, "GroupName": model.KindGroup, "RoleName": model.KindRole}[f.Name]
			if kind != "" && kind != o.Target().Kind {
				wantNames = append(wantNames, model.Address{Kind: kind, Name: "x-" + f.Name})
			}
		}
		f := Describe(o)
		check := func(what string, got, want any) {
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s = %v, want %v", a, what, got, want)
			}
		}
		check("DoneIfExists", f.DoneIfExists, slices.Contains(doneIfExists, a))
		check("DoneIfMissing", f.DoneIfMissing, slices.Contains(doneIfMissing, a))
		check("Frees", f.Frees, slices.Contains(frees, a))
		check("Secret", f.Secret, a == "CreateLoginProfile" || a == "CreateAccessKey")
		check("PolicyARNs", f.PolicyARNs, wantARNs)
		check("Names", f.Names, wantNames)
		var want model.Address
		if k, ok := creates[a]; ok {
			want = o.Target()
			check("Creates.Kind", f.Creates.Kind, k)
			want := model.ARN("123456789012", string(k), "x-Path", o.Target().Name)
			switch k {
			case model.KindInstanceProfile:
				want = model.InstanceProfileARN("123456789012", "x-Path", o.Target().Name)
			case model.KindOIDCProvider:
				want = model.OIDCProviderARN("123456789012", o.Target().Name)
			case model.KindSAMLProvider:
				want = model.SAMLProviderARN("123456789012", o.Target().Name)
			}
			check("CreatedARN", CreatedARN(o, "123456789012"), want)
		} else {
			check("CreatedARN", CreatedARN(o, "123456789012"), "")
		}
		check("Creates", f.Creates, want)
		want = model.Address{}
		if k, ok := deletes[a]; ok {
			want = o.Target()
			check("Deletes.Kind", f.Deletes.Kind, k)
		}
		check("Deletes", f.Deletes, want)
		want = model.Address{}
		if field, ok := renames[a]; ok {
			want = model.Address{Kind: o.Target().Kind, Name: "x-" + field}
		}
		check("RenamedTo", f.RenamedTo, want)
		wantTrust := ""
		if field, ok := trust[a]; ok {
			wantTrust = "x-" + field
		}
		check("Trust", f.Trust, wantTrust)
	}
}

func TestNewEntity(t *testing.T) {
	for _, tt := range []struct {
		o    Op
		want model.Address
	}{
		{&CreateRole{RoleName: "r"}, model.RoleAddr("r")},
		{&UpdateUser{UserName: "a", NewUserName: "b"}, model.UserAddr("b")},
		{&UpdateUser{UserName: "a", NewUserName: "A"}, model.Address{}}, // a change of case keeps the entity
		{&UpdateGroup{GroupName: "g", NewPath: "/p/"}, model.Address{}},
		{&UpdateGroup{GroupName: "g", NewGroupName: "h"}, model.GroupAddr("h")},
		{&DeleteUser{UserName: "a"}, model.Address{}},
	} {
		if got := NewEntity(tt.o); got != tt.want {
			t.Errorf("NewEntity(%s) = %v, want %v", Command(tt.o, 0), got, tt.want)
		}
	}
	// A rename without a new name, or a case-only one, is still a rename
	// for a retry: the old spelling is gone.
	if f := Describe(&UpdateUser{UserName: "a", NewUserName: "A"}); f.RenamedTo != model.UserAddr("A") || !f.DoneIfMissing {
		t.Errorf("a case-only rename: %+v", f)
	}
	if f := Describe(&UpdateUser{UserName: "a", NewPath: "/p/"}); f.RenamedTo != (model.Address{}) || f.DoneIfMissing {
		t.Errorf("a move: %+v", f)
	}
}
