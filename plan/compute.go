package plan

import (
	"errors"
	"time"

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
	// Access asks for Plan.Access, what the plan changes in who may do
	// what. It costs about what the rest of the plan does on an account
	// whose every principal changes, so callers that only apply or
	// compare plans leave it off.
	Access bool
	// Now is the time the plan is made at: the ages of access keys are
	// taken at it (rotation, deletion of inactive keys). Zero plans no
	// step that depends on a key's age.
	Now time.Time
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
	p.planInstanceProfiles()
	p.planProviders()
	p.planTrusts()
	p.planQuotaOrder()
	p.warn()
	p.warnNewKindDeletes()
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
		Notices:  p.notices,
		Now:      opts.Now,
	}
	if opts.Access {
		out.Access = p.access()
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
	profiles []*profilePair // instance_profiles.go
	oidcs    []*oidcPair    // providers.go
	samls    []*samlPair

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
	notices         []string
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
