package access

import (
	"strconv"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// Decision is IAM's decision on a request.
type Decision string

// The three decisions, spelt as iamc's JSON output spells them.
const (
	Allowed      Decision = "allowed"
	ImplicitDeny Decision = "implicit_deny"
	ExplicitDeny Decision = "explicit_deny"
)

// Denied reports whether the decision denies the request, explicitly or
// not.
func (d Decision) Denied() bool { return d != Allowed }

// Answer is the evaluator's answer to a request.
type Answer struct {
	Decision Decision `json:"decision"`
	// Statements are the statements that decided: for an explicit deny,
	// every Deny statement that applies; when allowed, every Allow
	// statement that took part (identity policies, the boundary, the
	// trust policy); none for an implicit deny, which no statement
	// decides (Reason says what was missing).
	Statements []StatementRef `json:"statements"`
	// MissingContextKeys are the context keys, as the policies spell
	// them, that a condition or a policy variable looked up and the
	// request did not have, sorted: the decision may change when they
	// are given.
	MissingContextKeys []string `json:"missing_context_keys"`
	// PrincipalKeys are the context keys that iamc derives from a
	// principal (folded: aws:username, aws:principaltag/team, ...) and
	// that a condition or policy variable read, whether this principal
	// has them or not (an absent tag is the principal's too). When there
	// are none,
	// another principal with the same policies (PolicySetKey) gets the
	// same answer to the same request.
	PrincipalKeys []string `json:"principal_keys,omitempty"`
	// Reason says in a sentence why the decision is what it is.
	Reason string `json:"reason"`
	// Warnings are facts that bear on the answer: an attached policy that
	// neither the account nor the catalog holds, a role that is not in
	// the account.
	Warnings []string `json:"warnings,omitempty"`
	// NotCovered lists what the evaluator does not evaluate.
	NotCovered []string `json:"not_covered"`
}

// NotCovered is what no answer takes into account.
var NotCovered = []string{
	"service control policies and resource control policies (AWS Organizations)",
	"resource-based policies other than role trust policies (S3 bucket policies, KMS key policies, ...)",
	"session policies and session tags",
	"VPC endpoint policies",
}

// PolicyKind is how a policy applies to a principal.
type PolicyKind string

// The kinds of policy an answer names.
const (
	PolicyInline   PolicyKind = "inline"   // an inline policy of a user, group or role
	PolicyManaged  PolicyKind = "managed"  // a managed policy attached to a user, group or role
	PolicyBoundary PolicyKind = "boundary" // the principal's permissions boundary
	PolicyTrust    PolicyKind = "trust"    // a role's trust (assume-role) policy
)

// PolicyRef names one policy document as it applies to a principal.
type PolicyRef struct {
	Kind PolicyKind `json:"kind"`
	// Owner is the user, group or role that holds the policy: the entity
	// an inline policy is embedded in, a managed policy or boundary is
	// attached to, or whose trust policy it is.
	Owner model.Address `json:"owner"`
	// Name is the inline policy's name, or the managed policy's.
	Name string `json:"name,omitempty"`
	// ARN is the managed policy's ARN (boundaries are managed policies).
	ARN string `json:"arn,omitempty"`
	// AWSManaged is true for an AWS managed policy, whose document comes
	// from the catalog.
	AWSManaged bool `json:"aws_managed,omitempty"`
	// Document is the document evaluated.
	Document *policy.Document `json:"-"`
}

// String renders the policy for a message: user.tyler inline policy
// "own-objects", group.dev managed policy arn:aws:iam::aws:policy/ReadOnlyAccess.
func (p PolicyRef) String() string {
	switch p.Kind {
	case PolicyInline:
		return p.Owner.String() + " inline policy " + strconv.Quote(p.Name)
	case PolicyTrust:
		return p.Owner.String() + " trust policy"
	case PolicyBoundary:
		return p.Owner.String() + " permissions boundary " + p.ARN
	}
	return p.Owner.String() + " managed policy " + p.ARN
}

// StatementRef names one statement of a policy: the policy, the
// statement's index in its document's Statement list (what
// policy.SourceMap.Range and a JSON document's locator read as
// "Statement[i]"), its Sid and Effect.
type StatementRef struct {
	Policy PolicyRef `json:"policy"`
	Index  int       `json:"index"`
	Sid    string    `json:"sid,omitempty"`
	Effect string    `json:"effect"`
}

// Path is the statement's JSON path in its document, Statement[i], as
// policy problems and source maps name it.
func (s StatementRef) Path() string { return "Statement[" + strconv.Itoa(s.Index) + "]" }

// String renders the statement for a message.
func (s StatementRef) String() string {
	out := s.Policy.String() + " statement " + strconv.Itoa(s.Index)
	if s.Sid != "" {
		out += " (" + s.Sid + ")"
	}
	return out
}
