package provider

import (
	"errors"
	"fmt"
	"testing"

	"github.com/iamc/iamc/model"
)

func TestErrorNamesEntityAndStep(t *testing.T) {
	e := &Error{Code: AlreadyExists, Action: "CreateUser", Target: model.UserAddr("tyler"), Message: "User with name tyler already exists."}
	if got, want := e.Error(), "user.tyler: CreateUser: EntityAlreadyExists: User with name tyler already exists."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	wrapped := fmt.Errorf("step 3: %w", e)
	if !IsCode(wrapped, AlreadyExists) || CodeOf(wrapped) != AlreadyExists || IsCode(wrapped, NotFound) {
		t.Error("codes are not found through wrapping")
	}
	if CodeOf(errors.New("plain")) != "" || IsCode(nil, NotFound) {
		t.Error("a plain error has no code")
	}
	if got := Errorf(LimitExceeded, "at most %d", 10).Error(); got != "LimitExceeded: at most 10" {
		t.Errorf("Errorf = %q", got)
	}
	inner := errors.New("connection reset")
	if !errors.Is(&Error{Code: ServiceFailure, Err: inner}, inner) {
		t.Error("Unwrap")
	}
}

func TestMayHaveTakenEffect(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("connection reset"), true},
		{&Error{Code: Canceled}, true},
		{&Error{Code: NoAnswer}, true},
		{&Error{Code: ServiceFailure}, true},
		{fmt.Errorf("step: %w", &Error{Code: NoAnswer}), true},
		{&Error{Code: NotSent}, false},
		{&Error{Code: AlreadyExists}, false},
		{&Error{Code: PasswordPolicyViolation}, false},
	} {
		if got := MayHaveTakenEffect(tc.err); got != tc.want {
			t.Errorf("MayHaveTakenEffect(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
