package awsiam

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"syscall"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

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
	var unreadable *unreadableAnswer
	var unreach *unreachable
	switch {
	case notImplementedCodes[apiCode(err)]:
		errors.As(err, &ae)
		e.Code = provider.Code(ae.ErrorCode())
		e.Message = fmt.Sprintf("the endpoint does not implement %s (it answered %s: %s); an IAM emulator may lack it",
			action, ae.ErrorCode(), ae.ErrorMessage())
	case errors.As(err, &unreach):
		e.Code = CodeNotSent
		attempts := "once"
		if unreach.attempts > 1 {
			attempts = fmt.Sprintf("at each of %d attempts", unreach.attempts)
		}
		e.Message = fmt.Sprintf("cannot connect to %s (%s, %s): nothing was sent. Check the endpoint URL, and that the endpoint is running", unreach.url, unreach.reason(), attempts)
	case errors.As(err, &unreadable):
		// IAM's code for an unknown failure on its side: the call may
		// have taken effect.
		e.Code = provider.ServiceFailure
		e.Message = unreadableMessage(unreadable, action, "; the call may have taken effect")
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
		e.Message = fmt.Sprintf("no answer from IAM; the call may have taken effect: %s", transportError(err))
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
	var unreadable *unreadableAnswer
	switch {
	case e.Code == CodeCanceled:
		e.Message = "interrupted before IAM answered"
	case e.Code == CodeNoAnswer:
		e.Message = fmt.Sprintf("no answer from IAM: %v", err)
	case errors.As(err, &unreadable):
		e.Message = unreadableMessage(unreadable, action, "")
	}
	return e
}

// unreadableAnswer is a server error (5xx) whose body is not IAM's error
// XML: no error code could be read from it. An emulator answers so an
// action it does not implement. The attempt middleware wraps each such
// error, and marks the one after which it must not be retried.
type unreadableAnswer struct {
	err         error
	status      int
	contentType string
	attempts    int  // of the call, this one included
	final       bool // no further attempt
}

func (e *unreadableAnswer) Error() string { return e.err.Error() }
func (e *unreadableAnswer) Unwrap() error { return e.err }

// asUnreadable returns err as an unreadableAnswer when it is a server
// error without an error code IAM's XML would carry (the SDK calls that
// UnknownError, or fails to read the body at all).
func asUnreadable(err error, attempts int) (*unreadableAnswer, bool) {
	var re *smithyhttp.ResponseError
	if !errors.As(err, &re) || re.Response == nil || re.HTTPStatusCode() < 500 {
		return nil, false
	}
	if code := apiCode(err); code != "" && code != "UnknownError" {
		return nil, false
	}
	u := &unreadableAnswer{err: err, status: re.HTTPStatusCode(), attempts: attempts}
	if re.Response.Response != nil {
		u.contentType = re.Response.Header.Get("Content-Type")
	}
	return u, true
}

// apiCode is IAM's error code of err, or "".
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// unreadableMessage says what an unreadable answer was, after how many
// attempts, what became of the call (effect), and what it likely means.
func unreadableMessage(u *unreadableAnswer, action, effect string) string {
	body := "a body"
	if u.contentType != "" {
		body = "a " + u.contentType + " body"
	}
	attempts := "once"
	if u.attempts > 1 {
		attempts = fmt.Sprintf("at each of %d attempts", u.attempts)
	}
	return fmt.Sprintf("the endpoint answered HTTP %d with %s that is not IAM's error XML, %s%s. An IAM emulator answers so an action it does not implement: it may lack %s",
		u.status, body, attempts, effect, action)
}

// unreachable is an attempt that reached no endpoint: the connection was
// refused, or the endpoint's host name does not resolve. Nothing was
// sent; a wrong --endpoint-url or a server that is down does not come
// back within the retryer's two minutes, so such an error has only
// unreadableAttempts attempts.
type unreachable struct {
	err      error
	url      string
	attempts int
	final    bool
}

func (e *unreachable) Error() string { return e.err.Error() }
func (e *unreachable) Unwrap() error { return e.err }

// asUnreachable returns err as an unreachable when no connection could be
// made at all.
func asUnreachable(err error, attempts int) (*unreachable, bool) {
	var dns *net.DNSError
	if !errors.Is(err, syscall.ECONNREFUSED) && !(errors.As(err, &dns) && dns.IsNotFound) {
		return nil, false
	}
	u := &unreachable{err: err, attempts: attempts}
	var ue *url.Error
	if errors.As(err, &ue) {
		u.url = ue.URL
	}
	return u, true
}

// reason is why no connection was made, in a few words.
func (e *unreachable) reason() string {
	var dns *net.DNSError
	if errors.As(e.err, &dns) {
		return "no such host " + dns.Name
	}
	return "connection refused"
}

// transportError describes an attempt that got no HTTP answer: what was
// asked of which URL, and what went wrong, without the SDK's
// "StatusCode: 0".
func transportError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Sprintf("no answer from %s: %v", ue.URL, ue.Err)
	}
	return err.Error()
}
