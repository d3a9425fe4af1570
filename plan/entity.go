package plan

import (
	"unicode"
	"unicode/utf8"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
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

func inlineByName(list []model.InlinePolicy) map[string]*model.InlinePolicy {
	m := make(map[string]*model.InlinePolicy, len(list))
	for i := range list {
		m[model.Fold(list[i].Name)] = &list[i]
	}
	return m
}

// docEqual reports whether two documents mean the same, trying a cheap
// structural comparison before policy.Equal.
func docEqual(a, b *policy.Document) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	if sameDocument(a, b) {
		return true
	}
	return policy.Key(a) == policy.Key(b)
}

// sameDocument reports whether two documents are the same statement for
// statement, each list compared as a set (actions without regard to
// case), which is enough for policy.Equal and needs no allocation. It is
// a fast path: documents that differ here may still be equal.
func sameDocument(a, b *policy.Document) bool {
	if a.Version != b.Version || a.ID != b.ID || len(a.Statements) != len(b.Statements) {
		return false
	}
	for i := range a.Statements {
		s, t := &a.Statements[i], &b.Statements[i]
		if s.Sid != t.Sid || s.Effect != t.Effect ||
			!sameSet(s.Action, t.Action, true) || !sameSet(s.NotAction, t.NotAction, true) ||
			!sameSet(s.Resource, t.Resource, false) || !sameSet(s.NotResource, t.NotResource, false) ||
			!samePrincipal(s.Principal, t.Principal) || !samePrincipal(s.NotPrincipal, t.NotPrincipal) ||
			len(s.Condition) != len(t.Condition) || (s.Condition == nil) != (t.Condition == nil) {
			return false
		}
		for op, keys := range s.Condition {
			other, ok := t.Condition[op]
			if !ok || len(other) != len(keys) {
				return false
			}
			for k, v := range keys {
				w, ok := other[k]
				if !ok || !sameSet(v, w, false) {
					return false
				}
			}
		}
	}
	return true
}

// sameSet reports whether two lists hold the same values, in any order
// and with any repetition; folded compares them without regard to case.
// Long lists are left to policy.Key.
func sameSet[S ~[]string](a, b S, folded bool) bool {
	if (a == nil) != (b == nil) || len(a) > 64 || len(b) > 64 {
		return false
	}
	return subset(a, b, folded) && subset(b, a, folded)
}

func subset[S ~[]string](a, b S, folded bool) bool {
outer:
	for i, x := range a {
		if i < len(b) && (b[i] == x || folded && foldEqual(b[i], x)) {
			continue
		}
		for _, y := range b {
			if y == x || folded && foldEqual(x, y) {
				continue outer
			}
		}
		return false
	}
	return true
}

func samePrincipal(a, b *policy.Principal) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if a.Wildcard != b.Wildcard || len(a.Entries) != len(b.Entries) {
		return false
	}
	for k, v := range a.Entries {
		w, ok := b.Entries[k]
		if !ok || !sameSet(v, w, false) {
			return false
		}
	}
	return true
}

// foldEqual reports whether strings.ToLower(a) == strings.ToLower(b), as
// policy compares actions, without allocating.
func foldEqual(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == b
}
