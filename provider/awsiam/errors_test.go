package awsiam

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

func TestMapError(t *testing.T) {
	wrap := func(err error) error {
		return &smithy.OperationError{ServiceID: "IAM", OperationName: "CreateUser", Err: err}
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name     string
		ctx      context.Context
		err      error
		code     provider.Code
		inMsg    string
		isCancel bool
	}{
		{"already exists", context.Background(), wrap(&types.EntityAlreadyExistsException{Message: strp("User with name tyler already exists.")}), provider.AlreadyExists, "already exists", false},
		{"no such entity", context.Background(), wrap(&types.NoSuchEntityException{Message: strp("The user with name tyler cannot be found.")}), provider.NotFound, "cannot be found", false},
		{"delete conflict", context.Background(), wrap(&types.DeleteConflictException{Message: strp("Cannot delete entity, must detach all policies first.")}), provider.Conflict, "detach", false},
		{"limit exceeded", context.Background(), wrap(&types.LimitExceededException{Message: strp("Cannot exceed quota for PolicyVersionsPerPolicy: 5")}), provider.LimitExceeded, "quota", false},
		{"malformed", context.Background(), wrap(&types.MalformedPolicyDocumentException{Message: strp("Invalid principal in policy")}), provider.Malformed, "Invalid principal", false},
		{"invalid input", context.Background(), wrap(&types.InvalidInputException{Message: strp("bad")}), provider.InvalidInput, "bad", false},
		{"validation error", context.Background(), wrap(&smithy.GenericAPIError{Code: "ValidationError", Message: "1 validation error detected"}), provider.InvalidInput, "validation", false},
		{"unmodifiable", context.Background(), wrap(&types.EntityTemporarilyUnmodifiableException{Message: strp("later")}), provider.Unmodifiable, "later", false},
		{"concurrent", context.Background(), wrap(&types.ConcurrentModificationException{Message: strp("busy")}), provider.ConcurrentModification, "busy", false},
		{"password policy", context.Background(), wrap(&types.PasswordPolicyViolationException{Message: strp("too short")}), provider.PasswordPolicyViolation, "too short", false},
		{"unmodifiable entity", context.Background(), wrap(&types.UnmodifiableEntityException{Message: strp("service-linked")}), "UnmodifiableEntity", "service-linked", false},
		{"service failure", context.Background(), wrap(&types.ServiceFailureException{Message: strp("oops")}), provider.ServiceFailure, "oops", false},
		{"other code kept", context.Background(), wrap(&smithy.GenericAPIError{Code: "AccessDenied", Message: "not authorized"}), "AccessDenied", "not authorized", false},
		{"no message", context.Background(), wrap(&smithy.GenericAPIError{Code: "Throttling"}), "Throttling", "Throttling", false},
		{"canceled", canceled, wrap(context.Canceled), CodeCanceled, "may have taken effect", true},
		{"transport", context.Background(), wrap(errors.New("connection reset by peer")), CodeNoAnswer, "connection reset", false},
		{"invalid params", context.Background(), wrap(func() error {
			e := smithy.InvalidParamsError{Context: "TagUserInput"}
			e.Add(smithy.NewErrParamRequired("Tags"))
			return e
		}()), provider.InvalidInput, "nothing was sent", false},
	}
	o := &op.CreateUser{UserName: "tyler"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := opError(tt.ctx, o, tt.err, true)
			if e.Code != tt.code {
				t.Errorf("code = %q, want %q", e.Code, tt.code)
			}
			if !strings.Contains(e.Message, tt.inMsg) {
				t.Errorf("message %q lacks %q", e.Message, tt.inMsg)
			}
			if e.Action != "CreateUser" || e.Target != model.UserAddr("tyler") {
				t.Errorf("action, target = %q, %v", e.Action, e.Target)
			}
			s := e.Error()
			if !strings.HasPrefix(s, "user.tyler: CreateUser: ") {
				t.Errorf("Error() = %q: does not name the entity and step", s)
			}
			if got := errors.Is(e, context.Canceled); got != tt.isCancel {
				t.Errorf("errors.Is(err, context.Canceled) = %v", got)
			}
			if !provider.IsCode(fmt.Errorf("apply: %w", e), tt.code) {
				t.Errorf("provider.IsCode does not see %q through wrapping", tt.code)
			}
		})
	}
}

func TestMapErrorNotSent(t *testing.T) {
	o := &op.DeleteUser{UserName: "tyler"}
	e := opError(context.Background(), o, errors.New("failed to retrieve credentials"), false)
	if e.Code != CodeNotSent || !strings.Contains(e.Error(), "user.tyler: DeleteUser: RequestNotSent: the call was not made: failed to retrieve credentials") {
		t.Errorf("not sent: %v", e)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e = opError(ctx, o, context.Canceled, false)
	if e.Code != CodeCanceled || !strings.Contains(e.Message, "not made") || !errors.Is(e, context.Canceled) {
		t.Errorf("cancelled before sending: %v", e)
	}
}

func TestDoneDespite(t *testing.T) {
	tests := []struct {
		o    op.Op
		code provider.Code
		want bool
	}{
		{&op.CreateUser{UserName: "a"}, provider.AlreadyExists, true},
		{&op.CreatePolicy{PolicyName: "a"}, provider.AlreadyExists, true},
		{&op.CreatePolicyVersion{PolicyArn: "arn:aws:iam::123456789012:policy/a"}, provider.AlreadyExists, false},
		{&op.DeleteUser{UserName: "a"}, provider.NotFound, true},
		{&op.DetachRolePolicy{RoleName: "a"}, provider.NotFound, true},
		{&op.UpdateUser{UserName: "a", NewUserName: "b"}, provider.NotFound, true},
		{&op.UpdateUser{UserName: "a", NewPath: "/x/"}, provider.NotFound, false},
		{&op.AttachUserPolicy{UserName: "a"}, provider.NotFound, false},
		{&op.DeleteUser{UserName: "a"}, provider.Conflict, false},
	}
	for _, tt := range tests {
		if got := doneDespite(tt.o, tt.code); got != tt.want {
			t.Errorf("doneDespite(%s, %s) = %v, want %v", tt.o.Action(), tt.code, got, tt.want)
		}
	}
}

func strp(s string) *string { return &s }

func TestMentions(t *testing.T) {
	tests := []struct {
		msg, name string
		want      bool
	}{
		{"The user with name tyler cannot be found.", "tyler", true},
		{"The user with name Tyler cannot be found.", "tyler", true},
		{"The user with name tyler.old cannot be found.", "tyler", false},
		{"The user with name tyler.old cannot be found.", "tyler.old", true},
		{"The group with name nogroup cannot be found.", "nog", false},
		{"The group with name g cannot be found.", "g", true},
		{"Policy arn:aws:iam::123456789012:policy/p does not exist or is not attachable.", "arn:aws:iam::123456789012:policy/p", true},
		{"Policy arn:aws:iam::123456789012:policy/p2 does not exist.", "arn:aws:iam::123456789012:policy/p", false},
		{"Policy arn:aws:iam::123456789012:policy/p does not exist.", "p", false},
		{"anything", "", false},
	}
	for _, tt := range tests {
		if got := mentions(tt.msg, tt.name); got != tt.want {
			t.Errorf("mentions(%q, %q) = %v, want %v", tt.msg, tt.name, got, tt.want)
		}
	}
}
