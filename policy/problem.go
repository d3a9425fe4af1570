package policy

import "strconv"

// Kind of document: what it is attached as. It decides which elements a
// statement must and must not have.
type Kind int

const (
	// Identity is a policy attached to a user, group or role (inline or
	// managed): no Principal, and a Resource or NotResource in every
	// statement.
	Identity Kind = iota
	// Trust is a role's trust (assume-role) policy: a Principal in every
	// statement, no Resource, and only the sts actions that assume a role.
	Trust
	// Boundary is a permissions boundary; it validates like Identity.
	Boundary
)

func (k Kind) String() string {
	switch k {
	case Identity:
		return "identity"
	case Trust:
		return "trust"
	case Boundary:
		return "boundary"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Severity of a problem: an error makes a document invalid; a warning is a
// least-privilege smell, an error only under --strict.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one finding of Validate, in the manner of IAM Access
// Analyzer's policy checks.
type Problem struct {
	// Path is the JSON path of the offending element:
	// "Statement[2].Action[0]", "Statement[0].Condition.StringLikeX", or
	// "" for the whole document. Statements are always indexed, even in a
	// document whose Statement is a single object.
	Path     string
	Severity Severity
	// Code is a stable id ("unknown-action", "allow-all"). Warnings' codes
	// are what users write in ignore_warnings to silence them.
	Code string
	// Summary is terse, with a leading capital and no full stop.
	Summary string
	// Detail is a full sentence saying what to do, with a did-you-mean
	// where one is close.
	Detail string
}

func (p Problem) String() string {
	s := p.Severity.String() + ": " + p.Summary
	if p.Path != "" {
		s = p.Path + ": " + s
	}
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	return s
}
