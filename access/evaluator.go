package access

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/iamc/iamc/catalog"
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
	c := newEvalContext(principalContext(p), req.Context, e.now(), p.account)
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
// request, returning the Allow and Deny statements that apply.
func (r *run) scan(docs []docRef, p *principal) (allows, denies []StatementRef, how principalMatch) {
	for i := range docs {
		d := &docs[i]
		for j := range d.doc.stmts {
			s := &d.doc.stmts[j]
			if !s.valid || !s.matchAction(r.action) || !s.matchResource(r.resource, r.c) {
				continue
			}
			m := namedDirect
			if s.principal != nil {
				if m = s.principal.match(p); m == noMatch {
					continue
				}
			}
			if s.notPrincipal != nil && s.notPrincipal.match(p) != noMatch {
				continue
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

// trustActions are the actions that a role's trust policy governs.
var trustActions = map[string]bool{
	"sts:assumerole":                true,
	"sts:assumerolewithsaml":        true,
	"sts:assumerolewithwebidentity": true,
	"sts:tagsession":                true,
	"sts:setsourceidentity":         true,
	"sts:setcontext":                true,
}

// trustedRole returns the role of the account whose ARN is the resource,
// when the action is one its trust policy governs.
func (e *Evaluator) trustedRole(action, resource string) *model.Role {
	if !trustActions[action] || !strings.Contains(resource, ":role/") {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.roles == nil {
		e.roles = make(map[string]*model.Role, len(e.account.Roles))
		for _, ro := range e.account.Roles {
			e.roles[principalARN(e.account.ID, "role", ro.Path, ro.Name, ro.ARN)] = ro
		}
	}
	return e.roles[resource]
}

// assume decides a request that a role's trust policy governs, as IAM
// decides a request within one account that a resource-based policy
// takes part in (the trust policy is the role's resource-based policy):
//   - an explicit Deny in the trust policy, an identity-based policy or
//     the boundary denies;
//   - a trust statement that names the principal itself (its ARN or its
//     unique id) allows a user whatever its identity-based policies and
//     boundary say, and allows a role when its boundary (if any) allows
//     the request too: a resource-based policy that names a role's ARN is
//     limited by the role's boundary, one that names a user's ARN is not;
//   - a trust statement whose principal is "*" names every principal,
//     a role's sessions included, and so allows as one naming a user
//     does;
//   - a trust statement that names the principal's account only
//     delegates to the account: the request needs an identity-based
//     policy that allows it and the boundary's allow, as any other;
//   - a federated or service principal needs a trust statement naming it;
//   - nothing in the trust policy allowing the principal is an implicit
//     deny, whatever the identity-based policies say: a trust policy must
//     allow the principal explicitly.
func (e *Evaluator) assume(r *run, p *principal, role *model.Role) *Answer {
	trust := e.trustDoc(role)
	tAllow, tDeny, how := r.scan([]docRef{trust}, p)
	var idAllow, idDeny, bAllow, bDeny []StatementRef
	if p.set != nil {
		idAllow, idDeny, _ = r.scan(p.set.identity, p)
		bAllow, bDeny = r.boundary(p)
	}
	if denies := append(append(tDeny, idDeny...), bDeny...); len(denies) > 0 {
		return &Answer{Decision: ExplicitDeny, Statements: denies,
			Reason: "an explicit Deny applies, and an explicit Deny overrides any Allow"}
	}
	roleName := "role." + role.Name
	if len(tAllow) == 0 {
		return &Answer{Decision: ImplicitDeny,
			Reason: "the trust policy of " + roleName + " does not allow " + principalName(p) + " (a trust policy must allow the principal explicitly)"}
	}
	boundaryOK := p.set == nil || p.set.boundary == nil || len(bAllow) > 0
	switch {
	case how == namedService:
		return &Answer{Decision: Allowed, Statements: tAllow,
			Reason: "the trust policy of " + roleName + " allows " + principalName(p)}
	case how == namedWildcard:
		return &Answer{Decision: Allowed, Statements: tAllow,
			Reason: "the trust policy of " + roleName + " allows every principal (\"*\"), which no identity-based policy or boundary needs to allow"}
	case how == namedDirect && p.kind == KindUser:
		return &Answer{Decision: Allowed, Statements: tAllow,
			Reason: "the trust policy of " + roleName + " names the user itself, which no identity-based policy or boundary needs to allow"}
	case how == namedDirect && boundaryOK:
		return &Answer{Decision: Allowed, Statements: append(tAllow, bAllow...),
			Reason: "the trust policy of " + roleName + " names the role itself" + boundaryNote(p)}
	case how == namedDirect:
		return &Answer{Decision: ImplicitDeny,
			Reason: "the trust policy of " + roleName + " names the role, but its permissions boundary " + p.set.boundary.ref.ARN + " does not allow the request"}
	}
	// The trust delegates to the principal's account.
	if len(idAllow) == 0 {
		return &Answer{Decision: ImplicitDeny,
			Reason: "the trust policy of " + roleName + " allows the account, which leaves it to the identity-based policies, and none allows the request"}
	}
	if !boundaryOK {
		return &Answer{Decision: ImplicitDeny,
			Reason: "the trust policy of " + roleName + " allows the account and an identity-based policy allows the request, but the permissions boundary " + p.set.boundary.ref.ARN + " does not"}
	}
	stmts := append(append(tAllow, idAllow...), bAllow...)
	return &Answer{Decision: Allowed, Statements: stmts,
		Reason: "the trust policy of " + roleName + " allows the account and " + allowedReason(p.set.boundary != nil)}
}

func boundaryNote(p *principal) string {
	if p.set != nil && p.set.boundary != nil {
		return ", and the role's permissions boundary allows the request"
	}
	return ""
}

func principalName(p *principal) string {
	switch p.kind {
	case KindUser, KindRole:
		return string(p.kind) + "." + p.name
	}
	return p.name
}

// trustDoc returns the role's compiled trust policy.
func (e *Evaluator) trustDoc(role *model.Role) docRef {
	e.mu.Lock()
	defer e.mu.Unlock()
	return docRef{
		ref: PolicyRef{Kind: PolicyTrust, Owner: model.RoleAddr(role.Name), Document: role.AssumeRolePolicy},
		doc: e.compiled(role.AssumeRolePolicy),
	}
}

// compiled returns d compiled, compiling it on first use. The caller
// holds e.mu.
func (e *Evaluator) compiled(d *policy.Document) *compiledDoc {
	if c, ok := e.docs[d]; ok {
		return c
	}
	c := compile(d)
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
		p.name, p.arn, p.id, p.tags = u.Name, principalARN(a.ID, "user", u.Path, u.Name, u.ARN), u.ID, u.Tags
	case KindRole:
		ro := a.Role(pr.Name)
		if ro == nil {
			return nil, fmt.Errorf("%w: the account has no role %q", ErrNoSuchPrincipal, pr.Name)
		}
		p.name, p.arn, p.id, p.tags = ro.Name, principalARN(a.ID, "role", ro.Path, ro.Name, ro.ARN), ro.ID, ro.Tags
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
	p.set = e.policySet(addr.Key())
	return p, nil
}

// policySet returns the set of policies of the user or role at the
// (folded) address, building it on first use.
func (e *Evaluator) policySet(addr model.Address) *policySet {
	e.mu.Lock()
	defer e.mu.Unlock()
	if s, ok := e.sets[addr]; ok {
		return s
	}
	s := &policySet{}
	a := e.account
	var keys []string
	add := func(ref PolicyRef) {
		if ref.Document == nil {
			return
		}
		s.identity = append(s.identity, docRef{ref: ref, doc: e.compiled(ref.Document)})
		keys = append(keys, fmt.Sprintf("%p", ref.Document))
	}
	inline := func(owner model.Address, list []model.InlinePolicy) {
		for _, ip := range list {
			add(PolicyRef{Kind: PolicyInline, Owner: owner, Name: ip.Name, Document: ip.Document})
		}
	}
	attached := func(owner model.Address, arns []string) {
		for _, arn := range arns {
			ref, ok := e.managedRef(PolicyManaged, owner, arn)
			if !ok {
				s.warnings = append(s.warnings, fmt.Sprintf("the policy %s attached to %s is neither in the account nor an AWS managed policy: it was left out", arn, owner))
				continue
			}
			add(ref)
		}
	}
	var boundary string
	var owner model.Address
	switch addr.Kind {
	case model.KindUser:
		u := a.User(addr.Name)
		owner = model.UserAddr(u.Name)
		inline(owner, u.InlinePolicies)
		attached(owner, u.ManagedPolicies)
		for _, gname := range u.Groups {
			g := a.Group(gname)
			if g == nil {
				s.warnings = append(s.warnings, fmt.Sprintf("%s is in group %q, which the account does not have", owner, gname))
				continue
			}
			gaddr := model.GroupAddr(g.Name)
			inline(gaddr, g.InlinePolicies)
			attached(gaddr, g.ManagedPolicies)
		}
		boundary = u.PermissionsBoundary
	case model.KindRole:
		ro := a.Role(addr.Name)
		owner = model.RoleAddr(ro.Name)
		inline(owner, ro.InlinePolicies)
		attached(owner, ro.ManagedPolicies)
		boundary = ro.PermissionsBoundary
	}
	if boundary != "" {
		ref, ok := e.managedRef(PolicyBoundary, owner, boundary)
		if !ok {
			// A boundary iamc cannot read still bounds: it is taken to
			// allow nothing.
			s.warnings = append(s.warnings, fmt.Sprintf("the permissions boundary %s of %s is neither in the account nor an AWS managed policy: it was taken to allow nothing", boundary, owner))
			ref = PolicyRef{Kind: PolicyBoundary, Owner: owner, ARN: boundary, Document: &policy.Document{}}
		}
		s.boundary = &docRef{ref: ref, doc: e.compiled(ref.Document)}
		keys = append(keys, "boundary", fmt.Sprintf("%p", ref.Document))
	}
	s.key = strings.Join(keys, " ")
	e.sets[addr] = s
	return s
}

// managedRef finds the managed policy with the given ARN: a customer
// managed policy of the account, or an AWS managed policy of the
// catalog. The caller holds e.mu.
func (e *Evaluator) managedRef(kind PolicyKind, owner model.Address, arn string) (PolicyRef, bool) {
	if e.policies == nil {
		e.policies = make(map[string]*model.ManagedPolicy, len(e.account.Policies))
		for _, mp := range e.account.Policies {
			e.policies[principalARN(e.account.ID, "policy", mp.Path, mp.Name, mp.ARN)] = mp
			if mp.ARN != "" && e.account.ID != "" {
				e.policies[model.PolicyARN(e.account.ID, mp.Path, mp.Name)] = mp
			}
		}
	}
	if mp := e.policies[arn]; mp != nil && mp.Document != nil {
		return PolicyRef{Kind: kind, Owner: owner, Name: mp.Name, ARN: arn, Document: mp.Document}, true
	}
	if !model.IsAWSManagedPolicyARN(arn) {
		return PolicyRef{}, false
	}
	m, ok := e.managed[arn]
	if !ok {
		if cp, found := catalog.ManagedPolicyByARN(arn); found {
			if d, err := policy.ParseJSON([]byte(cp.Document)); err == nil {
				m = &managedDoc{name: cp.Name, doc: d}
			}
		}
		e.managed[arn] = m
	}
	if m == nil {
		return PolicyRef{}, false
	}
	return PolicyRef{Kind: kind, Owner: owner, Name: m.name, ARN: arn, AWSManaged: true, Document: m.doc}, true
}

// Policies returns the identity-based policies that apply to a user's or
// role's requests, in the order they are evaluated, and its permissions
// boundary (nil when it has none). Principals whose lists hold the same
// documents get the same answers to the same requests, except where a
// policy reads a key derived from the principal (Answer.PrincipalKeys
// says when one did): package plan groups principals by PolicySetKey so as
// to evaluate each distinct set once.
func (e *Evaluator) Policies(pr Principal) (identity []PolicyRef, boundary *PolicyRef, err error) {
	p, err := e.resolve(pr)
	if err != nil {
		return nil, nil, err
	}
	if p.set == nil {
		return nil, nil, nil
	}
	for _, d := range p.set.identity {
		identity = append(identity, d.ref)
	}
	if p.set.boundary != nil {
		b := p.set.boundary.ref
		boundary = &b
	}
	return identity, boundary, nil
}

// PolicySetKey returns a key that two users or roles share when the same
// documents (the same *policy.Document values, in the same order) make
// up their identity-based policies and boundary.
func (e *Evaluator) PolicySetKey(pr Principal) (string, error) {
	p, err := e.resolve(pr)
	if err != nil {
		return "", err
	}
	if p.set == nil {
		return "", nil
	}
	return p.set.key, nil
}
