package plan

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/iamc/iamc/model"
)

// Options configure Compute.
type Options struct {
	// Scope is the set of path prefixes iamc manages; nil means
	// model.DefaultScope. Every desired entity must be inside it.
	Scope model.Scope
	// ScopeDeclared says the configuration has an iamc { manage } block.
	// Without one, a plan that deletes anything says how many entities the
	// configuration never mentions and suggests declaring the scope.
	ScopeDeclared bool
	// Quotas are the account's limits; the zero value means
	// model.DefaultQuotas. The caps decide whether removals run before
	// additions, and when a policy's oldest version is deleted.
	Quotas model.Quotas
	// AllowEmptyScope lets a configuration that declares no user, group,
	// role or managed policy delete every one the scope holds; without
	// it that is a conflict.
	AllowEmptyScope bool
}

// Compute compares the desired account with the current one and returns
// the plan that turns the current account into the desired one: the
// changes per entity and the ordered IAM calls that make them.
//
// Compute is pure: it does no I/O and changes neither account. It fails
// only for conflicts no plan can resolve: a declared entity whose name is
// taken by an entity outside the manage scope or under an AWS-reserved
// path, a reference to a managed policy that does not exist or that the
// plan deletes, an entity that would exceed one of IAM's caps because of
// what it holds outside the scope, an account that would hold more
// users, groups, roles or policies than its quota (counting those outside
// the scope), a policy to delete or replace that a role under AWS's
// reserved paths uses, a declared trust policy that names a user or role
// this plan deletes, renames or moves. The error names every such
// address. The error is a Conflicts listing every conflict found.
//
// Beyond those, a plan that is not safe to apply is an internal error,
// never returned: steps that form a cycle, or a create and a delete of
// one entity (kind and folded name, so also one ARN) other than as one
// replace whose create waits for its delete. A current account with an
// entity that is not valid can lead there; providers refuse to read one.
func Compute(desired, current *model.Account, opts Options) (*Plan, error) {
	if desired == nil || current == nil {
		return nil, errors.New("plan: both the desired and the current account are needed")
	}
	p := newPlanner(desired, current, opts)
	p.match()
	p.checkEmptyScope()
	if len(p.errs) > 0 {
		return nil, p.err()
	}
	// What no plan can do, found before any step, all at once.
	p.checkAccountQuotas()
	p.resolveReferences()
	p.index()
	p.checkReservedUses()
	p.checkTrustPrincipals()
	if len(p.errs) > 0 {
		return nil, p.err()
	}
	est := p.estimateSteps()
	p.g.nodes = make([]node, 0, est)
	p.g.edges = make([]edge, 0, 2*est)
	p.anchors()

	p.planAccount()
	p.planPolicies()
	p.planGroups()
	p.planUsers()
	p.planRoles()
	p.planUserDeletes()
	p.planRoleDeletes()
	p.planGroupDeletes()
	p.planPolicyCleanup()
	p.planTrusts()
	p.planQuotaOrder()
	p.warn()
	if len(p.errs) > 0 {
		return nil, p.err()
	}

	steps, err := p.g.steps()
	if err != nil {
		return nil, err
	}
	changes := p.sortedChanges()
	chainEntities(steps, len(changes))
	if err := checkLifecycles(steps, changes); err != nil {
		return nil, err
	}
	out := &Plan{
		Account:  p.acct,
		Changes:  changes,
		Steps:    steps,
		Warnings: p.warnings,
	}
	if out.Changes == nil {
		out.Changes = []Change{}
	}
	if out.Steps == nil {
		out.Steps = []Step{}
	}
	return out, nil
}

// planner holds one computation.
type planner struct {
	des, cur *model.Account
	scope    model.Scope
	quotas   model.Quotas
	opts     Options
	acct     string // the account id ARNs are made with

	g graph

	users    []*userPair
	groups   []*groupPair
	roles    []*rolePair
	policies []*policyPair

	userByCur, userByDes   map[string]*userPair
	groupByCur, groupByDes map[string]*groupPair
	roleByName             map[string]*rolePair // folded name, current or desired
	policyByName           map[string]*policyPair
	policyByCurARN         map[string]*policyPair
	policyByDesARN         map[string]*policyPair
	resolved               map[string]string // a declared policy reference → its ARN after the plan

	// attached maps a current managed policy ARN to the entities it is
	// attached to; boundaryOf to the users and roles it bounds.
	attached   map[string][]*ent
	boundaryOf map[string][]*ent
	// reservedUses are the managed policies that roles under AWS's
	// reserved paths use.
	reservedUses []reservedUse
	// members maps a current group (folded name) to its current members.
	members map[string][]*userPair
	// releases maps an entity's key to the step that ends its use of its
	// current permissions boundary, when the entity's own change does.
	releases map[model.Address]int

	passwordPolicyNode int

	// alias and password are the changes of the account's singletons;
	// entities keep theirs.
	alias, password *Change
	warnings        []string
	errs            Conflicts
}

func newPlanner(des, cur *model.Account, opts Options) *planner {
	p := &planner{
		des: des, cur: cur, opts: opts,
		scope:              opts.Scope,
		quotas:             opts.Quotas,
		userByCur:          make(map[string]*userPair, len(cur.Users)),
		userByDes:          make(map[string]*userPair, len(des.Users)),
		groupByCur:         make(map[string]*groupPair, len(cur.Groups)),
		groupByDes:         make(map[string]*groupPair, len(des.Groups)),
		roleByName:         make(map[string]*rolePair, len(des.Roles)+len(cur.Roles)),
		policyByName:       make(map[string]*policyPair, len(des.Policies)+len(cur.Policies)),
		policyByCurARN:     make(map[string]*policyPair, len(cur.Policies)),
		policyByDesARN:     make(map[string]*policyPair, len(des.Policies)),
		resolved:           map[string]string{},
		releases:           map[model.Address]int{},
		passwordPolicyNode: -1,
	}
	if p.scope == nil {
		p.scope = model.DefaultScope
	}
	if p.quotas == (model.Quotas{}) {
		p.quotas = model.DefaultQuotas
	}
	p.acct = cur.ID
	if p.acct == "" {
		p.acct = des.ID
	}
	if p.acct == "" {
		p.acct = model.DefaultAccountID
	}
	return p
}

func (p *planner) errorf(addr model.Address, format string, args ...any) {
	p.errs = append(p.errs, Conflict{Address: addr, Message: fmt.Sprintf(format, args...)})
}

func (p *planner) err() error {
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Error() < p.errs[j].Error() })
	return p.errs
}

// Conflict is one reason no plan can be made. Address is the entity it is
// about, or the empty address for the account as a whole (a quota).
type Conflict struct {
	Address model.Address
	Message string
	// Summary, when set, says in a few words what kind of conflict it is;
	// the CLI has one of its own otherwise.
	Summary string `json:"summary,omitempty"`
	// EmptyScope marks the conflict of a configuration that declares
	// nothing (Options.AllowEmptyScope).
	EmptyScope bool `json:"empty_scope,omitempty"`
}

func (c Conflict) Error() string {
	if c.Address.Kind == "" {
		return c.Message
	}
	return c.Address.String() + ": " + c.Message
}

// Conflicts is the error Compute returns when no plan can be made: every
// conflict it found, sorted, so that each can be shown at the declaration
// it is about.
type Conflicts []Conflict

func (c Conflicts) Error() string {
	msgs := make([]string, len(c))
	for i, x := range c {
		msgs[i] = x.Error()
	}
	return strings.Join(msgs, "\n")
}

// change returns the change of an entity, creating it with the action.
func (p *planner) change(e *ent, action Action) *Change {
	if e.change == nil {
		e.change = &Change{Address: e.addr, Action: action}
	}
	return e.change
}

// singleton returns the change of the alias or the password policy.
func (p *planner) singleton(addr model.Address, action Action) *Change {
	c := &p.alias
	if addr.Kind == model.KindPasswordPolicy {
		c = &p.password
	}
	if *c == nil {
		*c = &Change{Address: addr, Action: action}
	}
	return *c
}

// sortedChanges lists the changes in address order: the singletons, then
// policies, groups, users and roles, each kind already sorted by name.
func (p *planner) sortedChanges() []Change {
	n := 2
	count := func(e *ent) {
		if e.change != nil {
			n++
		}
	}
	for _, x := range p.policies {
		count(&x.ent)
	}
	for _, x := range p.groups {
		count(&x.ent)
	}
	for _, x := range p.users {
		count(&x.ent)
	}
	for _, x := range p.roles {
		count(&x.ent)
	}
	out := make([]Change, 0, n)
	add := func(c *Change) {
		if c != nil {
			out = append(out, *c)
		}
	}
	add(p.alias)
	add(p.password)
	for _, x := range p.policies {
		add(x.change)
	}
	for _, x := range p.groups {
		add(x.change)
	}
	for _, x := range p.users {
		add(x.change)
	}
	for _, x := range p.roles {
		add(x.change)
	}
	return out
}

// estimateSteps guesses how many steps the plan has, from the entities
// that are created, replaced or deleted, so that the steps are allocated
// once.
func (p *planner) estimateSteps() int {
	n := 8
	for _, x := range p.users {
		switch x.st {
		case stCreate:
			n += 2 + len(x.groups) + len(x.policies) + len(x.des.InlinePolicies)
		case stDelete:
			n += 2 + len(x.cur.Groups) + len(x.cur.ManagedPolicies) + len(x.cur.InlinePolicies)
		case stKeep:
			n++
		}
	}
	for _, x := range p.groups {
		switch x.st {
		case stCreate:
			n += 1 + len(x.policies) + len(x.des.InlinePolicies)
		case stDelete:
			n += 1 + len(x.cur.ManagedPolicies) + len(x.cur.InlinePolicies)
		}
	}
	for _, x := range p.roles {
		switch x.st {
		case stCreate, stReplace:
			n += 1 + len(x.policies) + len(x.des.InlinePolicies)
		}
		if x.st == stDelete || x.st == stReplace {
			n += 1 + len(x.cur.ManagedPolicies) + len(x.cur.InlinePolicies)
		}
	}
	for _, x := range p.policies {
		if x.st != stKeep && x.st != stOut {
			n += 2
		}
	}
	return n
}
