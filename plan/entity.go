package plan

import (
	"github.com/iamc/iamc/model"
)

// state is what the plan does with one entity.
type state int

const (
	stOut     state = iota // exists outside the manage scope: left alone
	stKeep                 // exists and is declared: updated in place, maybe renamed
	stCreate               // declared and does not exist
	stReplace              // exists and is declared, but IAM cannot make the change in place
	stDelete               // exists inside the scope and is not declared
)

// ent is what the planner knows of one user, group, role or policy, of any
// state. Steps that act on the entity as it is now are wired with before,
// steps that act on it as declared with after.
type ent struct {
	addr    model.Address // the declared name, or the current one for entities that are not declared
	st      state
	ord     int    // ordinal, for the order of steps
	fold    string // addr.Name folded, once known
	oldName string // its name now; "" when created
	newName string // its name after the plan; "" when deleted
	// ready is the step after which the entity exists under newName
	// (create, rename, re-create); gone the step that deletes it as it is
	// now (delete, or the delete of a replace); arnReady the step after
	// which its declared ARN names it (also a move to another path).
	ready, gone, arnReady int
	change                *Change
	// policies and boundary are the desired managed policy ARNs and
	// permissions boundary, resolved to what they will be.
	policies []string
	boundary string
	// outsideReported holds the entities outside the scope that a change
	// of this one would write, once reported.
	outsideReported map[model.Address]bool
}

func newEnt(kind model.Kind) ent {
	return ent{addr: model.Address{Kind: kind}, ready: -1, gone: -1, arnReady: -1}
}

// curName is the name to use in a step that acts on the entity as it is
// now: after a rename in place, its new name.
func (e *ent) curName() string {
	if e.st == stKeep {
		return e.newName
	}
	return e.oldName
}

// stays reports whether the entity exists both before and after the plan
// as the same IAM entity.
func (e *ent) stays() bool { return e.st == stKeep || e.st == stOut }

// before wires a step that acts on the entity as it is now: it runs after
// a rename in place and before the entity is deleted.
func (p *planner) before(e *ent, n int) {
	if e == nil {
		return
	}
	if e.st == stKeep && e.ready >= 0 {
		p.g.dep(n, e.ready)
	}
	if e.gone >= 0 {
		p.g.dep(e.gone, n)
	}
}

// after wires a step that acts on the entity as declared: it runs once the
// entity exists under its declared name.
func (p *planner) after(e *ent, n int) {
	if e != nil && e.ready >= 0 {
		p.g.dep(n, e.ready)
	}
}

type userPair struct {
	ent
	cur, des *model.User
	groups   []*groupPair // the desired groups
}

type groupPair struct {
	ent
	cur, des *model.Group
	// Members that join and leave, by user name, for the change.
	joined, left []string
}

type rolePair struct {
	ent
	cur, des *model.Role
	// why says why a role is replaced.
	why string
	// trustNode is the step that sets the declared trust policy, if any.
	trustNode int
}

type policyPair struct {
	ent
	cur, des       *model.ManagedPolicy
	curARN, newARN string
	why            string
}
