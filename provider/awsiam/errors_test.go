package awsiam

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

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

// TestNoRetry classifies the answers of an endpoint that does not
// implement an action (not retried, or retried a few times) apart from
// IAM's own errors (left to the SDK's retryer).
func TestNoRetry(t *testing.T) {
	resp := func(status int, ctype string, err error) error {
		h := http.Header{}
		if ctype != "" {
			h.Set("Content-Type", ctype)
		}
		return &smithy.OperationError{ServiceID: "IAM", OperationName: "ListRoles", Err: &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status, Header: h}}, Err: err}}}
	}
	xmlErr := errors.New("error while deserializing xml error response: XML syntax error on line 2: unquoted or missing attribute value in element")
	for _, tc := range []struct {
		name       string
		err        error
		unreadable bool
		retry      aws.Ternary // at the first attempt
	}{
		{"HTML that is not XML, 500", resp(500, "text/html", xmlErr), true, aws.UnknownTernary},
		{"HTML that is XML, 500 (the SDK reads no code)", resp(500, "text/html", &smithy.GenericAPIError{Code: "UnknownError", Message: "UnknownError"}), true, aws.UnknownTernary},
		{"an empty 503", resp(503, "", &smithy.GenericAPIError{Code: "UnknownError"}), true, aws.UnknownTernary},
		{"IAM's InternalFailure", resp(500, "text/xml", &smithy.GenericAPIError{Code: "InternalFailure"}), false, aws.UnknownTernary},
		{"IAM's ServiceFailure", resp(500, "text/xml", &types.ServiceFailureException{Message: strp("oops")}), false, aws.UnknownTernary},
		{"a 4xx without code", resp(400, "text/html", xmlErr), false, aws.UnknownTernary},
		{"throttling", resp(400, "text/xml", &smithy.GenericAPIError{Code: "Throttling"}), false, aws.UnknownTernary},
		{"InvalidAction", resp(400, "text/xml", &smithy.GenericAPIError{Code: "InvalidAction"}), false, aws.FalseTernary},
		{"NotImplemented, 501", resp(501, "text/xml", &smithy.GenericAPIError{Code: "NotImplemented"}), false, aws.FalseTernary},
		{"NotImplemented, 500", resp(500, "text/xml", &smithy.GenericAPIError{Code: "NotImplemented"}), false, aws.FalseTernary},
		{"no answer", &smithy.OperationError{ServiceID: "IAM", OperationName: "ListRoles", Err: errors.New("connection reset by peer")}, false, aws.UnknownTernary},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, ok := asUnreadable(tc.err, 1)
			if ok != tc.unreadable {
				t.Fatalf("unreadable = %v, want %v", ok, tc.unreadable)
			}
			err := tc.err
			if ok {
				err = u
			}
			if got := noRetry(err); got != tc.retry {
				t.Errorf("noRetry = %v, want %v", got, tc.retry)
			}
			if ok {
				u.final = true
				if noRetry(u) != aws.FalseTernary {
					t.Error("the final unreadable attempt may be retried")
				}
				if e := readError("ListRoles", model.Address{}, u); e.(*provider.Error).Code != provider.ServiceFailure || !strings.Contains(e.Error(), "it may lack ListRoles") {
					t.Errorf("read error: %v", e)
				}
			}
		})
	}
}
