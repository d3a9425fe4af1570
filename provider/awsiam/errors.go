package awsiam

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/smithy-go"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// Codes this provider reports beyond IAM's own. provider.Code values are
// IAM's error codes, so any code IAM answers with (AccessDenied,
// Throttling, UnmodifiableEntity, ...) is passed on as it is.
const (
	// CodeCanceled: the context ended before IAM answered. The call may
	// have taken effect; the error wraps the context's error.
	CodeCanceled = provider.Canceled
	// CodeNoAnswer: no answer from IAM after every attempt (connection
	// failures, timeouts). The call may have taken effect.
	CodeNoAnswer = provider.NoAnswer
	// CodeNotSent: the call failed before any request left (credentials
	// could not be had, say). It has not taken effect.
	CodeNotSent = provider.NotSent
	// CodeInvalidAnswer: a read's answer holds what IAM cannot hold (an
	// entity without a valid name, an ARN that names another entity, two
	// entities whose names fold to one). A plan made against it would
	// act on entities that are not there, so the read fails.
	CodeInvalidAnswer provider.Code = "InvalidAnswer"
)

// invalidAnswer is the error of a read whose answer to action holds an
// entity that is not valid (err says why): it names the call, the entity
// (its address when its name is valid) and its ARN.
func invalidAnswer(action string, kind model.Kind, name, arn string, err error) error {
	var target model.Address
	what := fmt.Sprintf("a %s without a name", kind)
	if name != "" {
		what = fmt.Sprintf("%s %q", kind, name)
		if model.CheckName(kind, name) == nil {
			target = model.Address{Kind: kind, Name: name}
		}
	}
	if arn != "" {
		what += " (" + arn + ")"
	}
	return &provider.Error{
		Code: CodeInvalidAnswer, Action: action, Target: target, Err: err,
		Message: fmt.Sprintf("the answer holds %s that is not valid: %v; iamc plans only against an account it has read exactly", what, err),
	}
}

// codeOf translates IAM's error code into the provider's. They are the
// same codes but for the SDK's ValidationError, which IAM's API reference
// calls InvalidInput.
func codeOf(iamCode string) provider.Code {
	switch iamCode {
	case "ValidationError":
		return provider.InvalidInput
	}
	return provider.Code(iamCode)
}

// mapError turns an SDK error into a *provider.Error naming the call and
// the entity, with IAM's code and message. sent says whether any attempt
// of the call reached the transport.
func mapError(ctx context.Context, action string, target model.Address, err error, sent bool) *provider.Error {
	e := &provider.Error{Action: action, Target: target, Err: err}
	var ae smithy.APIError
	var invalid smithy.InvalidParamsError
	switch {
	case errors.As(err, &ae):
		e.Code = codeOf(ae.ErrorCode())
		e.Message = ae.ErrorMessage()
		if e.Message == "" {
			e.Message = ae.ErrorCode()
		}
	case errors.As(err, &invalid):
		e.Code = provider.InvalidInput
		e.Message = "the SDK refused the parameters; nothing was sent: " + invalid.Error()
	case !sent:
		e.Code = CodeNotSent
		if ctx.Err() != nil {
			e.Code = CodeCanceled
			e.Err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		e.Message = fmt.Sprintf("the call was not made: %v", err)
	case ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		e.Code = CodeCanceled
		e.Message = "interrupted before IAM answered; the call may have taken effect"
		if ctx.Err() != nil {
			e.Err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
	default:
		e.Code = CodeNoAnswer
		e.Message = fmt.Sprintf("no answer from IAM; the call may have taken effect: %v", err)
	}
	return e
}

// opError is mapError for an op.
func opError(ctx context.Context, o op.Op, err error, sent bool) *provider.Error {
	return mapError(ctx, o.Action(), o.Target(), err, sent)
}

// readError is mapError for a read call made by Read, Identity or Quotas.
// Whether a read was sent matters to no one: it changes nothing.
func readError(action string, target model.Address, err error) error {
	e := mapError(context.Background(), action, target, err, true)
	// A read changes nothing, whatever became of it.
	switch e.Code {
	case CodeCanceled:
		e.Message = "interrupted before IAM answered"
	case CodeNoAnswer:
		e.Message = fmt.Sprintf("no answer from IAM: %v", err)
	}
	return e
}

// apiCode is IAM's error code of err, or "".
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}
