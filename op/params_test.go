package op

import (
	"reflect"
	"testing"
)

func TestParams(t *testing.T) {
	for _, tt := range []struct {
		o    Op
		want []Param
	}{
		{&CreateLoginProfile{}, []Param{
			{Name: "UserName", Field: 0, Kind: ParamString, Flag: "user-name", Required: true},
			{Name: "Password", Field: 1, Kind: ParamString, Flag: "password", Secret: true},
			{Name: "PasswordResetRequired", Field: 2, Kind: ParamBool, Flag: "password-reset-required"},
		}},
		{&DeleteVirtualMFADevice{}, []Param{ // User is no parameter
			{Name: "SerialNumber", Field: 0, Kind: ParamString, Flag: "serial-number", Required: true},
		}},
		{&UpdateRole{}, []Param{
			{Name: "RoleName", Field: 0, Kind: ParamString, Flag: "role-name", Required: true},
			{Name: "Description", Field: 1, Kind: ParamStringPtr, Flag: "description", OmitEmpty: true},
			{Name: "MaxSessionDuration", Field: 2, Kind: ParamInt, Flag: "max-session-duration", OmitEmpty: true},
		}},
		{&PutUserPolicy{}, []Param{
			{Name: "UserName", Field: 0, Kind: ParamString, Flag: "user-name", Required: true},
			{Name: "PolicyName", Field: 1, Kind: ParamString, Flag: "policy-name", Required: true},
			{Name: "PolicyDocument", Field: 2, Kind: ParamString, Flag: "policy-document", Required: true, Doc: true},
		}},
		{&CreateUser{}, []Param{
			{Name: "UserName", Field: 0, Kind: ParamString, Flag: "user-name", Required: true},
			{Name: "Path", Field: 1, Kind: ParamString, Flag: "path", OmitEmpty: true},
			{Name: "PermissionsBoundary", Field: 2, Kind: ParamString, Flag: "permissions-boundary", OmitEmpty: true},
			{Name: "Tags", Field: 3, Kind: ParamTags, Flag: "tags", OmitEmpty: true},
		}},
		{&UntagPolicy{}, []Param{
			{Name: "PolicyArn", Field: 0, Kind: ParamString, Flag: "policy-arn", Required: true},
			{Name: "TagKeys", Field: 1, Kind: ParamList, Flag: "tag-keys", Required: true},
		}},
		{&DeleteAccountPasswordPolicy{}, nil},
	} {
		if got := Params(tt.o); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Params(%s) =\n%+v\nwant\n%+v", tt.o.Action(), got, tt.want)
		}
	}
	// Every op of the closed set has parameters Params can read, and a
	// second call gives the same (cached) answer.
	for _, o := range All() {
		if !reflect.DeepEqual(Params(o), Params(New(o.Action()))) {
			t.Errorf("%s: Params differs between calls", o.Action())
		}
	}
}
