package plan

import (
	"errors"
	"fmt"
	"sort"

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
// what it holds outside the scope. The error names every such address.
func Compute(desired, current *model.Account, opts Options) (*Plan, error) {
	if desired == nil || current == nil {
		return nil, errors.New("plan: both the desired and the current account are needed")
	}
	p := newPlanner(desired, current, opts)
	p.match()
	if len(p.errs) > 0 {
		return nil, p.err()
	}
	p.resolveReferences()
	if len(p.errs) > 0 {
		return nil, p.err()
	}
	p.index()
	p.g.nodes = make([]node, 0, 4*(len(p.users)+len(p.groups)+len(p.roles)+len(p.policies))+8)
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
	out := &Plan{
		FormatVersion: FormatVersion,
		Account:       p.acct,
		Changes:       p.sortedChanges(),
		Steps:         steps,
		Warnings:      p.warnings,
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
	// members maps a current group (folded name) to its current members.
	members map[string][]*userPair
	// releases maps an entity's key to the step that ends its use of its
	// current permissions boundary, when the entity's own change does.
	releases map[model.Address]int

	passwordPolicyNode int

	changes  map[model.Address]*Change
	warnings []string
	errs     []error
}

func newPlanner(des, cur *model.Account, opts Options) *planner {
	p := &planner{
		des: des, cur: cur, opts: opts,
		scope:              opts.Scope,
		quotas:             opts.Quotas,
		userByCur:          map[string]*userPair{},
		userByDes:          map[string]*userPair{},
		groupByCur:         map[string]*groupPair{},
		groupByDes:         map[string]*groupPair{},
		roleByName:         map[string]*rolePair{},
		policyByName:       map[string]*policyPair{},
		policyByCurARN:     map[string]*policyPair{},
		policyByDesARN:     map[string]*policyPair{},
		resolved:           map[string]string{},
		releases:           map[model.Address]int{},
		changes:            map[model.Address]*Change{},
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
	p.errs = append(p.errs, fmt.Errorf("%s: %s", addr, fmt.Sprintf(format, args...)))
}

func (p *planner) err() error {
	if len(p.errs) == 1 {
		return p.errs[0]
	}
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Error() < p.errs[j].Error() })
	return errors.Join(p.errs...)
}

// change returns the change of an entity, creating it with the action.
func (p *planner) change(e *ent, action Action) *Change {
	if e.change == nil {
		if e.fold == "" {
			e.fold = model.Fold(e.addr.Name)
		}
		e.change = &Change{Address: e.addr, Action: action}
		p.changes[model.Address{Kind: e.addr.Kind, Name: e.fold}] = e.change
	}
	return e.change
}

// singleton returns the change of the alias or the password policy.
func (p *planner) singleton(addr model.Address, action Action) *Change {
	c := p.changes[addr]
	if c == nil {
		c = &Change{Address: addr, Action: action}
		p.changes[addr] = c
	}
	return c
}

func (p *planner) sortedChanges() []Change {
	keys := make([]model.Address, 0, len(p.changes))
	for k := range p.changes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].Less(keys[j]) })
	out := make([]Change, 0, len(keys))
	for _, k := range keys {
		out = append(out, *p.changes[k])
	}
	return out
}
