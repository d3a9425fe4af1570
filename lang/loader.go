package lang

import (
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/iamc/iamc/model"
)

// loader holds one Load: the parsed files, the declarations found in them,
// what has been evaluated so far, and the diagnostics.
type loader struct {
	opts   Options
	src    *sourceDir // what configuration files and file() may read
	places *places    // where each compiled document is declared
	diags  hcl.Diagnostics
	files  map[string]*hcl.File
	order  []configFile
	funcs  map[string]function.Function

	accountID         string
	placeholderID     bool // accountID stands in for an unknown account
	declaredAccountID string
	assumeRole        string
	scope             model.Scope
	scopeDeclared     bool
	scopeRange        *hcl.Range // iamc { manage }, when declared
	quotas            model.Quotas

	iamcBlock        *hcl.Block
	iamcContent      *hcl.BodyContent
	variables        map[string]*variable
	varNames         []string // in declaration order
	locals           map[string]*local
	localNames       []string // in declaration order
	aliasBlock       *hcl.Block
	aliasContent     *hcl.BodyContent
	passwordBlock    *hcl.Block
	passwordContent  *hcl.BodyContent
	expects          []*expectation
	expectedRequests int // requests the expect blocks checked

	entities    [numKinds]map[string]*entity // by label
	entityOrder [numKinds][]*entity          // in declaration order
	labelCache  [numKinds][]string           // sorted labels, for suggestions
	labelOnce   [numKinds]sync.Once
	// byName indexes the instances of each kind by folded IAM name: the
	// first declared when two collide (the collision is an error).
	byName [numKinds]map[string]*instance

	// refs is everything the entity blocks refer to: the main evaluation
	// context holds exactly this.
	refs refSet
	// pendingKeys are literal instance keys (user.x["k"]) to check once
	// the instances are known.
	pendingKeys []pendingKey
	// chainReported says a too long chain of references was reported.
	chainReported bool
	// bad holds the ranges of references already reported as invalid:
	// diagnostics of evaluation about them are dropped.
	bad []hcl.Range

	baseCtx *hcl.EvalContext // functions only
	ctx     *hcl.EvalContext // the main context

	account      *model.Account
	declarations map[model.Address]hcl.Range

	// modules are the module blocks, in declaration order, and what
	// their loads add to the Config.
	modules         []*moduleBlock
	moduleByName    map[string]*moduleBlock
	moduleFiles     map[string]*hcl.File
	moduleAddresses map[string]model.Address
	moduleExpects   int
}

func newLoader(opts Options) *loader {
	l := &loader{
		opts:         opts,
		files:        map[string]*hcl.File{},
		variables:    map[string]*variable{},
		locals:       map[string]*local{},
		accountID:    opts.AccountID,
		scope:        model.DefaultScope,
		quotas:       model.DefaultQuotas,
		declarations: map[model.Address]hcl.Range{},

		moduleByName:    map[string]*moduleBlock{},
		moduleFiles:     map[string]*hcl.File{},
		moduleAddresses: map[string]model.Address{},
	}
	for k := range numKinds {
		l.entities[k] = map[string]*entity{}
		l.byName[k] = map[string]*instance{}
	}
	if opts.Quotas != nil {
		l.quotas = *opts.Quotas
	}
	if l.accountID == "" {
		l.accountID = PlaceholderAccountID
		l.placeholderID = true
	}
	l.src = newSourceDir(opts.Dir)
	l.places = &places{}
	if opts.module != nil {
		l.places = opts.module.shared.places
	}
	l.funcs = functions(l.src)
	l.baseCtx = &hcl.EvalContext{Functions: l.funcs}
	return l
}

// entity is one user, group, role or policy block.
type entity struct {
	kind    kind
	label   string
	block   *hcl.Block
	content *hcl.BodyContent
	remain  hcl.Body // policy blocks: what holds the statement blocks
	forEach *hcl.Attribute

	// identRefs are the references of for_each, name and path: what the
	// entity's instances (names, paths, ARNs) depend on.
	identRefs *refSet
	state     evalState

	instances []*instance
	byKey     map[string]*instance
	// value is what user.LABEL evaluates to (entityValue).
	value      cty.Value
	valueBuilt bool
}

// addr renders the entity's address as written in the configuration.
func (e *entity) addr() string { return e.kind.String() + "." + e.label }

// instance is an entity block for one key of its for_each, or the block
// itself without for_each.
type instance struct {
	e        *entity
	key      string
	hasKey   bool
	each     cty.Value // the each object, for blocks with for_each
	name     string
	path     string
	arn      string
	nameRng  hcl.Range // where the name comes from
	pathRng  hcl.Range
	valid    bool // name and path are known and valid
	user     *model.User
	group    *model.Group
	role     *model.Role
	policy   *model.ManagedPolicy
	profile  *model.InstanceProfile
	ignore   map[string]bool // role instances: the warnings it silences
	oidc     *model.OIDCProvider
	saml     *model.SAMLProvider
	members  []memberRef // group instances: the users of members
	groupsAt hcl.Range   // user instances: where its groups come from
}

// memberRef is a user named in a group's members, with where.
type memberRef struct {
	user *instance
	rng  hcl.Range
}

// addr renders the instance's address: user.dev["alice"].
func (in *instance) addr() string {
	if in.hasKey {
		return in.e.addr() + "[" + quote(in.key) + "]"
	}
	return in.e.addr()
}

// evalState marks a node of the evaluation graph (locals, entities).
type evalState int

const (
	unvisited evalState = iota
	visiting
	evaluated
)

// variable is a variable block and its value.
type variable struct {
	name       string
	block      *hcl.Block
	typ        cty.Type
	hasDefault bool
	def        cty.Value
	value      cty.Value
	set        bool // a value came from --var, --var-file or the environment
	failed     bool // its type, default or a value given was invalid (reported)
}

// local is one attribute of a locals block.
type local struct {
	name  string
	attr  *hcl.Attribute
	refs  *refSet
	state evalState
	value cty.Value
}

// pendingKey is a literal instance key of a reference, checked once the
// instances are known.
type pendingKey struct {
	e   *entity
	key string
	rng hcl.Range
}
