package memory

import (
	"errors"
	"strings"

	"github.com/iamc/iamc/policy"
)

// docKind says what a policy document is for: IAM checks identity
// policies and trust policies by different rules.
type docKind int

const (
	identityPolicy docKind = iota
	trustPolicy
)

// parseDocument reads a document sent to IAM and checks it as IAM does
// before storing it: it must parse, and its statements must have the
// elements IAM requires for its kind. Errors are MalformedPolicyDocument.
func parseDocument(text string, kind docKind) (*policy.Document, error) {
	d, err := policy.ParseJSON([]byte(text))
	if err != nil {
		var pe *policy.ParseError
		if errors.As(err, &pe) {
			return nil, malformed("Syntax errors in policy: %s.", strings.TrimSuffix(pe.Error(), "."))
		}
		return nil, malformed("Syntax errors in policy.")
	}
	switch d.Version {
	case "", policy.Version2012, policy.VersionOld:
	default:
		return nil, malformed("The policy failed legacy parsing: unknown Version %q.", d.Version)
	}
	for i := range d.Statements {
		if err := checkStatement(&d.Statements[i], kind); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func checkStatement(s *policy.Statement, kind docKind) error {
	if s.Effect != "Allow" && s.Effect != "Deny" {
		return malformed("Invalid effect: %q; a statement's Effect is Allow or Deny.", s.Effect)
	}
	switch {
	case s.Action == nil && s.NotAction == nil:
		return malformed("Policy statement must contain actions.")
	case s.Action != nil && s.NotAction != nil:
		return malformed("Policy statement must contain either Action or NotAction, not both.")
	}
	for _, list := range []policy.Values{s.Action, s.NotAction} {
		for _, a := range list {
			if !validAction(a) {
				return malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.: %q.", a)
			}
		}
	}
	if s.NotPrincipal != nil {
		return malformed("Has prohibited field NotPrincipal.")
	}
	if kind == trustPolicy {
		if s.Principal == nil {
			return malformed("Missing required field Principal.")
		}
		if s.Resource != nil || s.NotResource != nil {
			return malformed("Has prohibited field Resource.")
		}
		return nil
	}
	if s.Principal != nil {
		return malformed("Policy document should not specify a principal.")
	}
	switch {
	case s.Resource == nil && s.NotResource == nil:
		return malformed("Policy statement must contain resources.")
	case s.Resource != nil && s.NotResource != nil:
		return malformed("Policy statement must contain either Resource or NotResource, not both.")
	}
	for _, list := range []policy.Values{s.Resource, s.NotResource} {
		for _, r := range list {
			if r != "*" && !strings.HasPrefix(r, "arn:") {
				return malformed("Resource %s must be in ARN format or \"*\".", r)
			}
		}
	}
	return nil
}

// validAction reports whether a is "*" or of the form vendor:action.
func validAction(a string) bool {
	if a == "*" {
		return true
	}
	vendor, name, ok := strings.Cut(a, ":")
	return ok && vendor != "" && name != "" && !strings.ContainsAny(vendor, " *?")
}

// docSize is a document's size as IAM counts it against its quotas: the
// characters of the text as sent, white space excluded.
func docSize(text string) int { return policy.SizeOfJSON(text) }
