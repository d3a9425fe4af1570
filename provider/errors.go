package provider

import (
	"errors"
	"fmt"

	"github.com/iamc/iamc/model"
)

// Code is the IAM error code of a failed call.
type Code string

// The error codes providers report. They are IAM's own codes, so that the
// memory account and the IAM API server speak as AWS does.
const (
	AlreadyExists           Code = "EntityAlreadyExists"
	NotFound                Code = "NoSuchEntity"
	Conflict                Code = "DeleteConflict"
	LimitExceeded           Code = "LimitExceeded"
	Malformed               Code = "MalformedPolicyDocument"
	InvalidInput            Code = "InvalidInput"
	Unmodifiable            Code = "EntityTemporarilyUnmodifiable"
	ConcurrentModification  Code = "ConcurrentModification"
	PasswordPolicyViolation Code = "PasswordPolicyViolation"
	Unsupported             Code = "UnsupportedOperation"
	ServiceFailure          Code = "ServiceFailure"
	PolicyNotAttachable     Code = "PolicyNotAttachable"

	// Codes of calls whose outcome is not known, beyond IAM's own.
	// Canceled: the context ended before IAM answered; the call may have
	// taken effect. NoAnswer: no answer after every attempt (connection
	// failures, timeouts); it may have taken effect. NotSent: the call
	// failed before any request left; it has not taken effect.
	Canceled Code = "RequestCanceled"
	NoAnswer Code = "NoAnswer"
	NotSent  Code = "RequestNotSent"
)

// MayHaveTakenEffect reports whether a failed call may nevertheless have
// changed the account: its answer was lost, or IAM failed on its side
// (ServiceFailure, InternalFailure), or the error is not one a provider
// classified. A refusal by IAM (EntityAlreadyExists, LimitExceeded, ...)
// or a call that was never sent has not.
func MayHaveTakenEffect(err error) bool {
	if err == nil {
		return false
	}
	switch CodeOf(err) {
	case "", Canceled, NoAnswer, ServiceFailure, "InternalFailure":
		return true
	}
	return false
}

// Error is a failed IAM call: what failed (the action and the entity it
// targets) and why (IAM's code and message).
type Error struct {
	Code    Code
	Action  string        // "CreateUser"; "" for a read
	Target  model.Address // the entity the call changes
	Message string        // IAM's message
	Err     error         // the underlying error, if any
}

func (e *Error) Error() string {
	s := ""
	if e.Target.Kind != "" {
		s = e.Target.String() + ": "
	}
	if e.Action != "" {
		s += e.Action + ": "
	}
	return fmt.Sprintf("%s%s: %s", s, e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted message and no action or
// target; callers that know them set them (see Wrap).
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of err if it is or wraps an *Error, else "".
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// IsCode reports whether err is or wraps an *Error with the given code.
func IsCode(err error, code Code) bool { return err != nil && CodeOf(err) == code }
