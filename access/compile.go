package access

import (
	"strings"

	"github.com/iamc/iamc/policy"
)

// compiledDoc is a policy document made ready for evaluation: action
// patterns folded, resource patterns and condition values compiled with
// their policy variables, condition operators decoded and their values
// parsed. A document is compiled once per evaluator, however many
// principals it applies to.
type compiledDoc struct {
	id    int // the evaluator's number for the document, for PolicySetKey
	stmts []compiledStmt
}

// compiledStmt is one statement of a compiledDoc.
type compiledStmt struct {
	index int
	sid   string
	// valid is false for a statement IAM would not accept and that so
	// never applies: an Effect other than Allow or Deny, or neither
	// Action nor NotAction.
	valid bool
	deny  bool

	notAction bool
	actions   []string // folded, escaped patterns

	// hasResource is false when the statement has neither Resource nor
	// NotResource, as a trust policy's statements: it applies to any
	// resource.
	hasResource bool
	notResource bool
	resources   []template

	principal    *principalSet // nil when absent
	notPrincipal *principalSet

	conds []condition
}

// compile compiles d. Policy variables are read only in a document of
// Version 2012-10-17; in any other they are literal text.
func compile(d *policy.Document) *compiledDoc {
	if d == nil {
		return &compiledDoc{}
	}
	vars := d.EffectiveVersion() == policy.Version2012
	out := &compiledDoc{stmts: make([]compiledStmt, len(d.Statements))}
	for i := range d.Statements {
		out.stmts[i] = compileStatement(i, &d.Statements[i], vars)
	}
	return out
}

func compileStatement(i int, s *policy.Statement, vars bool) compiledStmt {
	c := compiledStmt{index: i, sid: s.Sid}
	switch s.Effect {
	case "Allow":
		c.valid = true
	case "Deny":
		c.valid, c.deny = true, true
	}
	acts := s.Action
	if s.Action == nil && s.NotAction != nil {
		acts, c.notAction = s.NotAction, true
	}
	if acts == nil {
		c.valid = false
	}
	c.actions = make([]string, len(acts))
	for j, a := range acts {
		c.actions[j] = escapePattern(lowerASCII(a))
	}
	res := s.Resource
	if s.Resource == nil && s.NotResource != nil {
		res, c.notResource = s.NotResource, true
	}
	if res != nil {
		c.hasResource = true
		c.resources = make([]template, len(res))
		for j, r := range res {
			c.resources[j] = compileTemplate(r, vars)
		}
	}
	c.principal = compilePrincipal(s.Principal)
	c.notPrincipal = compilePrincipal(s.NotPrincipal)
	c.conds = compileConditions(s.Condition, vars)
	return c
}

// matchAction reports whether the statement's Action (or NotAction)
// covers the folded action.
func (s *compiledStmt) matchAction(action string) bool {
	hit := false
	for _, p := range s.actions {
		if p == "*" || glob(p, action) {
			hit = true
			break
		}
	}
	return hit != s.notAction
}

// matchResource reports whether the statement's Resource (or
// NotResource) covers the resource. A pattern whose policy variable
// cannot be resolved matches nothing in Resource; in NotResource it keeps
// the statement from applying unless the pattern could not match the
// resource whatever the variable stood for (an S3 pattern and an IAM
// resource), since IAM cannot tell that the resource is not one it
// names.
func (s *compiledStmt) matchResource(resource string, c *evalContext) bool {
	if !s.hasResource {
		return true
	}
	for i := range s.resources {
		p, ok := s.resources[i].resolve(c)
		switch {
		case ok && resourceMatch(p, resource):
			return !s.notResource
		case !ok && s.notResource && (c.unresolvedFails || resourceMatch(p, resource)):
			return false
		}
	}
	return s.notResource
}

// principalSet is a statement's Principal (or NotPrincipal).
type principalSet struct {
	wildcard bool                // "*" or {"AWS": "*"}
	ids      map[string][]string // by principal type: AWS, Federated, Service, CanonicalUser
}

func compilePrincipal(p *policy.Principal) *principalSet {
	if p == nil {
		return nil
	}
	out := &principalSet{wildcard: p.Wildcard, ids: map[string][]string{}}
	for typ, ids := range p.Entries {
		for _, id := range ids {
			if typ == "AWS" && id == "*" {
				out.wildcard = true
			}
			out.ids[typ] = append(out.ids[typ], id)
		}
	}
	return out
}

// principalMatch is how a Principal element names a request's principal.
type principalMatch int

const (
	noMatch       principalMatch = iota
	viaAccount                   // the principal's account (ID or root ARN)
	namedDirect                  // the principal's own ARN or unique id
	namedWildcard                // "*": every principal, a role's sessions included
	namedService                 // a service or federated principal, by name
)

// match says how the set names the principal p.
func (ps *principalSet) match(p *principal) principalMatch {
	if ps.wildcard {
		return namedWildcard
	}
	switch p.kind {
	case KindFederated:
		for _, id := range ps.ids["Federated"] {
			if id == p.name || id == "*" {
				return namedService
			}
		}
		return noMatch
	case KindService:
		for _, id := range ps.ids["Service"] {
			if id == p.name || id == "*" {
				return namedService
			}
		}
		return noMatch
	}
	best := noMatch
	for _, id := range ps.ids["AWS"] {
		switch {
		case id == p.arn || (p.id != "" && id == p.id):
			return namedDirect
		case p.account != "" && (id == p.account || id == rootARN(p.arn, p.account)):
			best = viaAccount
		}
	}
	return best
}

// rootARN is the root ARN of the account of a principal's ARN, in its
// partition: arn:aws:iam::ID:root.
func rootARN(arn, account string) string {
	partition := "aws"
	if parts := strings.SplitN(arn, ":", 3); len(parts) == 3 && parts[1] != "" {
		partition = parts[1]
	}
	return "arn:" + partition + ":iam::" + account + ":root"
}
