package access

import (
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/policy"
)

// What a policy set grants is held per (effect, resource, condition) as
// a set of actions: a bit per action of the catalog, in an order that
// puts each service's actions of one access level side by side, and the
// actions the catalog does not know by name. A wildcard that expands to
// every action is a few hundred words, unions and differences are word
// operations, and a difference reads out as lines directly.

// actionIndex orders the catalog's actions by service, access level and
// name, and says where each service's level starts and ends.
type actionIndex struct {
	names   []string       // by index
	index   map[string]int // lowered name → index
	byName  map[string]int // name as the catalog spells it → index
	ranges  []levelRange   // in index order
	rangeOf []int32        // by index, the index of its range
	levels  map[string]int // per service, how many levels it has
	words   int
}

type levelRange struct {
	service, level string
	start, end     int
}

var levelOrder = map[string]int{"List": 0, "Read": 1, "Write": 2, "Permissions management": 3, "Tagging": 4, LevelUnknown: 5}

var catalogIndex = sync.OnceValue(func() *actionIndex {
	type entry struct{ name, svc, level string }
	var all []entry
	for _, s := range catalog.ServicePrefixes() {
		for _, a := range catalog.MatchActions(s + ":*") {
			level := LevelUnknown
			if info, ok := catalog.Action(a); ok {
				level, _, _ = strings.Cut(info.AccessLevel, ",")
			}
			all = append(all, entry{a, strings.ToLower(s), level})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.svc != b.svc {
			return a.svc < b.svc
		}
		if la, lb := levelOrder[a.level], levelOrder[b.level]; la != lb {
			return la < lb
		}
		return a.name < b.name
	})
	x := &actionIndex{index: make(map[string]int, len(all)), byName: make(map[string]int, len(all)), levels: map[string]int{}}
	for _, e := range all {
		if _, dup := x.index[strings.ToLower(e.name)]; dup {
			continue
		}
		at := len(x.names)
		x.index[strings.ToLower(e.name)] = at
		x.byName[e.name] = at
		x.names = append(x.names, e.name)
		if n := len(x.ranges); n == 0 || x.ranges[n-1].service != e.svc || x.ranges[n-1].level != e.level {
			x.ranges = append(x.ranges, levelRange{service: e.svc, level: e.level, start: at})
		}
		x.ranges[len(x.ranges)-1].end = len(x.names)
		x.rangeOf = append(x.rangeOf, int32(len(x.ranges)-1))
	}
	for _, r := range x.ranges {
		x.levels[r.service]++
	}
	x.words = (len(x.names) + 63) / 64
	return x
})

// actionSet is a set of actions: the catalog's by bit, others by name.
type actionSet struct {
	bits  []uint64          // nil when no catalog action
	other map[string]string // lowered → as written
}

func (s *actionSet) empty() bool {
	if s == nil {
		return true
	}
	for _, w := range s.bits {
		if w != 0 {
			return false
		}
	}
	return len(s.other) == 0
}

// addAll adds t's actions to s.
func (s *actionSet) addAll(t *actionSet) {
	if t == nil {
		return
	}
	if t.bits != nil {
		if s.bits == nil {
			s.bits = make([]uint64, len(t.bits))
		}
		for i, w := range t.bits {
			s.bits[i] |= w
		}
	}
	for k, v := range t.other {
		if s.other == nil {
			s.other = map[string]string{}
		}
		s.other[k] = v
	}
}

// minus returns the actions of s that t does not hold: s itself when t
// is empty, so the result is only to be read.
func (s *actionSet) minus(t *actionSet) *actionSet {
	out := &actionSet{}
	if s == nil {
		return out
	}
	if t == nil {
		return s
	}
	if s.bits != nil {
		out.bits = slices.Clone(s.bits)
		if t.bits != nil {
			for i, w := range t.bits {
				out.bits[i] &^= w
			}
		}
	}
	for k, v := range s.other {
		if t.other[k] == "" {
			if out.other == nil {
				out.other = map[string]string{}
			}
			out.other[k] = v
		}
	}
	return out
}

// within returns the actions of s that t holds too.
func (s *actionSet) within(t *actionSet) *actionSet {
	out := &actionSet{}
	if s == nil || t == nil {
		return out
	}
	if s.bits != nil && t.bits != nil {
		out.bits = make([]uint64, len(s.bits))
		for i := range s.bits {
			out.bits[i] = s.bits[i] & t.bits[i]
		}
	}
	for k, v := range s.other {
		if t.other[k] != "" {
			if out.other == nil {
				out.other = map[string]string{}
			}
			out.other[k] = v
		}
	}
	return out
}

// expand returns the actions that Action patterns match, or that
// NotAction patterns do not; a pattern that matches no action of the
// catalog stays as written. memo, when not nil, keeps what each pattern
// matches (catalog indices), for the next document that names it.
func expand(action, notAction []string, memo map[string][]int) *actionSet {
	x := catalogIndex()
	s := &actionSet{bits: make([]uint64, x.words)}
	set := func(p string) bool {
		m, ok := memo[p]
		if !ok {
			for _, a := range catalog.MatchActions(p) {
				if i, ok := x.byName[a]; ok {
					m = append(m, i)
				}
			}
			if memo != nil {
				memo[p] = m
			}
		}
		for _, i := range m {
			s.bits[i/64] |= 1 << (i % 64)
		}
		return len(m) > 0
	}
	if len(notAction) > 0 {
		for _, p := range notAction {
			set(p)
		}
		for i := range s.bits {
			s.bits[i] = ^s.bits[i]
		}
		if extra := len(s.bits)*64 - len(x.names); extra > 0 {
			s.bits[len(s.bits)-1] &= ^uint64(0) >> extra
		}
		return s
	}
	for _, p := range action {
		if !set(p) {
			if s.other == nil {
				s.other = map[string]string{}
			}
			s.other[strings.ToLower(p)] = p
		}
	}
	return s
}

// grantKey is what actions are granted or denied with.
type grantKey struct{ effect, resource, condition string }

// grantSet is what a policy, or a set of policies, grants and denies.
type grantSet map[grantKey]*actionSet

func (g grantSet) add(k grantKey, s *actionSet) {
	if s.empty() {
		return
	}
	if g[k] == nil {
		g[k] = &actionSet{}
	}
	g[k].addAll(s)
}

// docGrants is one document's grants, and the actions it allows on some
// resource (for a permissions boundary) and denies on every resource
// without a condition (which no allow can then grant).
type docGrants struct {
	key             string
	grants          grantSet
	allowed, denied *actionSet
}

// grants caches the grants of documents and of policy sets.
type grants struct {
	docs     map[*policy.Document]*docGrants
	byKey    map[string]*docGrants
	sets     map[string]grantSet
	patterns map[string][]int // what each action pattern matches
}

func newGrants() *grants {
	return &grants{docs: map[*policy.Document]*docGrants{}, byKey: map[string]*docGrants{}, sets: map[string]grantSet{}, patterns: map[string][]int{}}
}

// set returns the key of a principal's policy set and its grants.
func (g *grants) set(e *Evaluator, p Principal) (string, grantSet) {
	identity, boundary, err := e.Policies(p)
	if err != nil {
		return "", grantSet{}
	}
	var keys []string
	var docs []*docGrants
	for _, ref := range identity {
		dg := g.doc(ref.Document)
		keys = append(keys, dg.key)
		docs = append(docs, dg)
	}
	sort.Strings(keys)
	var bound *docGrants
	key := strings.Join(keys, "\x00")
	if boundary != nil {
		bound = g.doc(boundary.Document)
		key += "\x01" + bound.key
	}
	if s, ok := g.sets[key]; ok {
		return key, s
	}
	out := grantSet{}
	denied := &actionSet{}
	for _, d := range append(docs[:len(docs):len(docs)], bound) {
		if d == nil {
			continue
		}
		for k, s := range d.grants {
			if k.effect == "Deny" {
				out.add(k, s)
			}
		}
		denied.addAll(d.denied)
	}
	for _, d := range docs {
		for k, s := range d.grants {
			if k.effect == "Deny" {
				continue
			}
			s = s.minus(denied)
			if bound != nil {
				s = s.within(bound.allowed)
			}
			out.add(k, s)
		}
	}
	g.sets[key] = out
	return key, out
}

// doc returns a document's grants, computed once per document content.
func (g *grants) doc(d *policy.Document) *docGrants {
	if dg, ok := g.docs[d]; ok {
		return dg
	}
	key := ""
	if d != nil {
		key = policy.Key(d)
	}
	if dg, ok := g.byKey[key]; ok {
		g.docs[d] = dg
		return dg
	}
	dg := &docGrants{key: key, grants: grantSet{}, allowed: &actionSet{}, denied: &actionSet{}}
	if d != nil {
		for _, s := range d.Statements {
			actions := expand(s.Action, s.NotAction, g.patterns)
			resources := []string(s.Resource)
			if len(s.NotResource) > 0 {
				resources = []string{"not " + strings.Join(s.NotResource, ",")}
			}
			if len(resources) == 0 {
				resources = []string{"*"}
			}
			cond := conditionText(s.Condition)
			for _, r := range resources {
				dg.grants.add(grantKey{s.Effect, r, cond}, actions)
				switch {
				case s.Effect != "Deny":
					dg.allowed.addAll(actions)
				case r == "*" && cond == "":
					dg.denied.addAll(actions)
				}
			}
		}
	}
	g.byKey[key] = dg
	g.docs[d] = dg
	return dg
}

// compareGrants returns what a principal gains and loses going from one grant
// set to another, as lines: an Allow that comes or a Deny that goes is
// gained, the opposite lost.
func compareGrants(before, after grantSet) (gained, lost []Line) {
	for k, s := range after {
		d := s.minus(before[k])
		if k.effect == "Deny" {
			lost = append(lost, lines(k, d)...)
		} else {
			gained = append(gained, lines(k, d)...)
		}
	}
	for k, s := range before {
		d := s.minus(after[k])
		if k.effect == "Deny" {
			gained = append(gained, lines(k, d)...)
		} else {
			lost = append(lost, lines(k, d)...)
		}
	}
	return foldLines(gained), foldLines(lost)
}

// lines reads a set of actions granted under k as lines, one per
// service and access level.
func lines(k grantKey, s *actionSet) []Line {
	if s.empty() {
		return nil
	}
	x := catalogIndex()
	var out []Line
	cur := int32(-1)
	flush := func(actions []string) {
		if len(actions) == 0 {
			return
		}
		r := x.ranges[cur]
		out = append(out, Line{Effect: k.effect, Service: r.service, Level: r.level, Actions: actions,
			Resource: k.resource, Condition: k.condition, Every: len(actions) == r.end-r.start})
	}
	var actions []string
	for wi, w := range s.bits {
		for w != 0 {
			i := wi*64 + bits.TrailingZeros64(w)
			w &= w - 1
			if r := x.rangeOf[i]; r != cur {
				flush(actions)
				cur, actions = r, nil
			}
			actions = append(actions, x.names[i])
		}
	}
	flush(actions)
	byService := map[string][]string{}
	for _, a := range s.other {
		svc, _, _ := strings.Cut(a, ":")
		byService[strings.ToLower(svc)] = append(byService[strings.ToLower(svc)], a)
	}
	for svc, actions := range byService {
		sort.Strings(actions)
		out = append(out, Line{Effect: k.effect, Service: svc, Level: LevelUnknown, Actions: actions,
			Resource: k.resource, Condition: k.condition})
	}
	return out
}
