package access

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// Options configure an Evaluator.
type Options struct {
	// Now gives the time of a request (aws:CurrentTime, aws:EpochTime);
	// nil means the clock.
	Now func() time.Time
}

// Evaluator answers requests against one account as IAM would. It
// compiles each policy document once, on first use, and each user's and
// role's set of policies once; it is safe for concurrent use. The account
// must not change while the evaluator is in use.
type Evaluator struct {
	account *model.Account
	now     func() time.Time

	mu       sync.Mutex
	docs     map[*policy.Document]*compiledDoc
	managed  map[string]*managedDoc // AWS managed policies, by ARN
	policies map[string]*model.ManagedPolicy
	roles    map[string]*model.Role // by ARN
	sets     map[model.Address]*policySet
	groups   map[model.Address]*setPart
	nextID   int // the id of the next document compiled

	// unresolvedFails is set by tests only (see evalContext).
	unresolvedFails bool
}

// managedDoc is an AWS managed policy read from the catalog.
type managedDoc struct {
	name string
	doc  *policy.Document
}

// New returns an evaluator of requests against the account a.
func New(a *model.Account, opts Options) *Evaluator {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Evaluator{
		account: a,
		now:     now,
		docs:    map[*policy.Document]*compiledDoc{},
		managed: map[string]*managedDoc{},
		sets:    map[model.Address]*policySet{},
		groups:  map[model.Address]*setPart{},
	}
}

// docRef is a compiled document with the policy it is.
type docRef struct {
	ref PolicyRef
	doc *compiledDoc
}

// policySet holds what applies to a user's or role's requests: its
// identity-based policies, in order (its own inline, its own attached,
// then each group's inline and attached), and its permissions boundary.
type policySet struct {
	identity []docRef
	boundary *docRef
	warnings []string
	key      string
	// derived are the context keys iamc derives for the principal
	// (principalContext), folded.
	derived map[string][]string
}

// ErrNoSuchPrincipal is the error of a request whose user or role the
// account does not have.
var ErrNoSuchPrincipal = errors.New("no such principal")

// Evaluate answers one request. It fails only on a request that cannot be
// evaluated: a user or role the account does not have, an empty action or
// resource.
func (e *Evaluator) Evaluate(req Request) (*Answer, error) {
	if req.Action == "" {
		return nil, fmt.Errorf("the request has no action: give service:Action (s3:GetObject)")
	}
	if req.Resource == "" {
		return nil, fmt.Errorf("the request has no resource: give an ARN, or \"*\" for an action that takes none")
	}
	p, err := e.resolve(req.Principal)
	if err != nil {
		return nil, err
	}
	var derived map[string][]string
	if p.set != nil {
		derived = p.set.derived
	}
	c := newEvalContext(derived, req.Context, e.now(), p.account)
	c.unresolvedFails = e.unresolvedFails
	r := &run{c: c, action: lowerASCII(req.Action), resource: req.Resource}
	var ans *Answer
	if role := e.trustedRole(r.action, req.Resource); role != nil {
		ans = e.assume(r, p, role)
	} else {
		ans = e.identity(r, p)
	}
	ans.MissingContextKeys = c.missingKeys()
	ans.PrincipalKeys = c.principalKeys()
	ans.NotCovered = NotCovered
	if ans.Statements == nil {
		ans.Statements = []StatementRef{}
	}
	if p.set != nil {
		ans.Warnings = append(ans.Warnings, p.set.warnings...)
	}
	return ans, nil
}

// run is the state of one evaluation.
type run struct {
	c        *evalContext
	action   string // folded
	resource string
}

// scan evaluates the statements of the documents that apply to the
// request, returning the Allow and Deny statements that apply and, for a
// trust policy, how the allowing statements name the principal. The
// Principal and NotPrincipal of an identity-based policy's statement are
// ignored (IAM refuses them there); a trust policy's statement applies
// only to the principals its Principal names, or to those its
// NotPrincipal does not.
func (r *run) scan(docs []docRef, p *principal) (allows, denies []StatementRef, how principalMatch) {
	for i := range docs {
		d := &docs[i]
		for j := range d.doc.stmts {
			s := &d.doc.stmts[j]
			if !s.valid || !s.matchAction(r.action) || !s.matchResource(r.resource, r.c) {
				continue
			}
			m := namedDirect
			if d.ref.Kind == PolicyTrust {
				switch {
				case s.principal != nil:
					if m = s.principal.match(p); m == noMatch {
						continue
					}
				case s.notPrincipal != nil:
					if s.notPrincipal.match(p) != noMatch {
						continue
					}
					m = namedWildcard
				default:
					continue
				}
			}
			if !holds(s.conds, r.c) {
				continue
			}
			ref := StatementRef{Policy: d.ref, Index: s.index, Sid: s.sid, Effect: "Allow"}
			if s.deny {
				ref.Effect = "Deny"
				denies = append(denies, ref)
				continue
			}
			allows = append(allows, ref)
			if m > how {
				how = m
			}
		}
	}
	return allows, denies, how
}

// identity decides a request that no resource-based policy iamc knows
// takes part in: explicit deny in an identity-based policy or the
// boundary; else allowed when an identity-based policy allows it and the
// boundary (if any) does too; else implicit deny.
func (e *Evaluator) identity(r *run, p *principal) *Answer {
	if p.set == nil {
		return &Answer{Decision: ImplicitDeny,
			Reason: fmt.Sprintf("%s has no identity-based policies in the account: it can only assume roles whose trust policy names it", p.name)}
	}
	idAllow, idDeny, _ := r.scan(p.set.identity, p)
	bAllow, bDeny := r.boundary(p)
	if len(idDeny)+len(bDeny) > 0 {
		return &Answer{Decision: ExplicitDeny, Statements: append(idDeny, bDeny...),
			Reason: "an explicit Deny applies, and an explicit Deny overrides any Allow"}
	}
	if len(idAllow) == 0 {
		return &Answer{Decision: ImplicitDeny, Reason: "no identity-based policy allows the request"}
	}
	if p.set.boundary != nil && len(bAllow) == 0 {
		return &Answer{Decision: ImplicitDeny,
			Reason: "an identity-based policy allows the request, but the permissions boundary " + p.set.boundary.ref.ARN + " does not"}
	}
	return &Answer{Decision: Allowed, Statements: append(idAllow, bAllow...),
		Reason: allowedReason(p.set.boundary != nil)}
}

func allowedReason(boundary bool) string {
	if boundary {
		return "an identity-based policy allows the request and the permissions boundary allows it too"
	}
	return "an identity-based policy allows the request"
}

// boundary scans the principal's permissions boundary.
func (r *run) boundary(p *principal) (allows, denies []StatementRef) {
	if p.set == nil || p.set.boundary == nil {
		return nil, nil
	}
	allows, denies, _ = r.scan([]docRef{*p.set.boundary}, p)
	return allows, denies
}

// compiled returns d compiled, compiling it on first use. The caller
// holds e.mu.
func (e *Evaluator) compiled(d *policy.Document) *compiledDoc {
	if c, ok := e.docs[d]; ok {
		return c
	}
	c := compile(d)
	c.id = e.nextID
	e.nextID++
	e.docs[d] = c
	return c
}

// resolve finds a request's principal in the account and, for a user or
// role, its set of policies.
func (e *Evaluator) resolve(pr Principal) (*principal, error) {
	a := e.account
	p := &principal{kind: pr.Kind, name: pr.Name, account: a.ID}
	switch pr.Kind {
	case KindUser:
		u := a.User(pr.Name)
		if u == nil {
			return nil, fmt.Errorf("%w: the account has no user %q", ErrNoSuchPrincipal, pr.Name)
		}
		p.name, p.arn, p.id, p.tags = u.Name, u.ARNIn(a.ID), u.ID, u.Tags
	case KindRole:
		ro := a.Role(pr.Name)
		if ro == nil {
			return nil, fmt.Errorf("%w: the account has no role %q", ErrNoSuchPrincipal, pr.Name)
		}
		p.name, p.arn, p.id, p.tags = ro.Name, ro.ARNIn(a.ID), ro.ID, ro.Tags
	case KindForeign:
		parts := strings.SplitN(pr.Name, ":", arnParts)
		if len(parts) != arnParts || parts[0] != "arn" || parts[2] != "iam" || parts[4] == "" || (parts[4] == a.ID && parts[5] != "root") {
			return nil, fmt.Errorf("the principal %q is not the ARN of a user or role of another account, or of an account's root", pr.Name)
		}
		p.arn, p.account = pr.Name, parts[4]
		return p, nil
	case KindFederated, KindService:
		if pr.Name == "" {
			return nil, fmt.Errorf("the %s principal has no name", pr.Kind)
		}
		p.account = ""
		return p, nil
	default:
		return nil, fmt.Errorf("unknown kind of principal %q", pr.Kind)
	}
	addr, _ := pr.Address()
	p.set = e.policySet(addr.Key(), p)
	return p, nil
}
