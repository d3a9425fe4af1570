package iamapi

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/iamc/iamc/provider"
)

// apiError is an error answered in AWS's error XML: a code, a message and
// the HTTP status AWS gives that code.
type apiError struct {
	Code    string
	Message string
	Status  int
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// Type is AWS's fault type: Sender for the caller's mistakes (4xx),
// Receiver for the service's (5xx).
func (e *apiError) Type() string {
	if e.Status >= 500 {
		return "Receiver"
	}
	return "Sender"
}

// AWS's error codes that are not provider codes.
const (
	codeValidation          = "ValidationError"
	codeInvalidAction       = "InvalidAction"
	codeMissingAction       = "MissingAction"
	codeMissingParameter    = "MissingParameter"
	codeMissingAuth         = "MissingAuthenticationToken"
	codeIncompleteSignature = "IncompleteSignature"
	codeSignatureMismatch   = "SignatureDoesNotMatch"
	codeInvalidToken        = "InvalidClientTokenId"
	codeExpiredToken        = "ExpiredToken"
	codeAccessDenied        = "AccessDenied"
	codeThrottling          = "Throttling"
	codeInternalFailure     = "InternalFailure"
	codeServiceFailure      = "ServiceFailure"
	codeReportNotPresent    = "ReportNotPresent"
	codeUnmodifiable        = "UnmodifiableEntity"
)

// statusOf is the HTTP status AWS answers an error code with.
func statusOf(code string) int {
	switch code {
	case string(provider.NotFound):
		return http.StatusNotFound
	case string(provider.AlreadyExists), string(provider.Conflict), string(provider.LimitExceeded),
		string(provider.ConcurrentModification), string(provider.Unmodifiable),
		"DuplicateCertificate", "ReportGenerationLimitExceeded":
		return http.StatusConflict
	case codeMissingAuth, codeIncompleteSignature, "InvalidAuthenticationCode", codeInvalidToken, codeExpiredToken, codeSignatureMismatch, codeAccessDenied:
		return http.StatusForbidden
	case codeReportNotPresent, "ReportExpired":
		return http.StatusGone
	case codeInternalFailure, codeServiceFailure:
		return http.StatusInternalServerError
	case "ServiceUnavailable":
		return http.StatusServiceUnavailable
	}
	return http.StatusBadRequest
}

func newError(code, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...), Status: statusOf(code)}
}

// validation is AWS's ValidationError, for parameters that break the API's
// constraints.
func validation(format string, args ...any) *apiError {
	return newError(codeValidation, format, args...)
}

// noSuchEntity is NoSuchEntity with a message.
func noSuchEntity(format string, args ...any) *apiError {
	return newError(string(provider.NotFound), format, args...)
}

// asAPIError turns whatever a call returned into the error AWS would
// answer: provider errors keep their IAM code and message; anything else
// is a ServiceFailure that does not leak its text.
func asAPIError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var pe *provider.Error
	if errors.As(err, &pe) {
		return &apiError{Code: string(pe.Code), Message: pe.Message, Status: statusOf(string(pe.Code))}
	}
	return newError(codeServiceFailure, "The request processing has failed because of an unknown error, exception or failure.")
}
