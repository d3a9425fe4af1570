package memory

import (
	"fmt"

	"github.com/iamc/iamc/provider"
)

// unmodifiableEntity is IAM's code for a change to an entity only AWS may
// change (a service-linked role). provider has no constant for it: the
// code is IAM's own, so that the IAM API server answers as AWS does.
const unmodifiableEntity provider.Code = "UnmodifiableEntity"

func fail(code provider.Code, format string, args ...any) error {
	return &provider.Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func noSuchUser(name string) error {
	return fail(provider.NotFound, "The user with name %s cannot be found.", name)
}

func noSuchGroup(name string) error {
	return fail(provider.NotFound, "The group with name %s cannot be found.", name)
}

func noSuchRole(name string) error {
	return fail(provider.NotFound, "The role with name %s cannot be found.", name)
}

func noSuchPolicy(arn string) error {
	return fail(provider.NotFound, "Policy %s does not exist or is not attachable.", arn)
}

func invalid(format string, args ...any) error {
	return fail(provider.InvalidInput, format, args...)
}

func conflict(format string, args ...any) error {
	return fail(provider.Conflict, format, args...)
}

func limit(format string, args ...any) error {
	return fail(provider.LimitExceeded, format, args...)
}

func quota(name string, max int) error {
	return limit("Cannot exceed quota for %s: %d", name, max)
}

func malformed(format string, args ...any) error {
	return fail(provider.Malformed, format, args...)
}
