package access

import (
	"encoding/binary"
	"hash/maphash"
	"maps"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/model"
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
	x := &actionIndex{byName: make(map[string]int, len(all)), levels: map[string]int{}}
	seen := make(map[string]bool, len(all)) // lowered names: the catalog spells each action once
	for _, e := range all {
		if seen[strings.ToLower(e.name)] {
			continue
		}
		at := len(x.names)
		seen[strings.ToLower(e.name)] = true
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
	if t.empty() {
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

// clone returns a copy of s that may be changed.
func (s *actionSet) clone() *actionSet {
	out := &actionSet{bits: slices.Clone(s.bits)}
	if len(s.other) > 0 {
		out.other = maps.Clone(s.other)
	}
	return out
}

// names are the actions of s, as the catalog spells them, then the
// others as written.
func (s *actionSet) names() []string {
	x := catalogIndex()
	var out []string
	for wi, w := range s.bits {
		for w != 0 {
			out = append(out, x.names[wi*64+bits.TrailingZeros64(w)])
			w &= w - 1
		}
	}
	for _, a := range slices.Sorted(maps.Values(s.other)) {
		out = append(out, a)
	}
	return out
}

// remove takes t's actions out of s, in place.
func (s *actionSet) remove(t *actionSet) {
	if s.bits != nil && t.bits != nil {
		for i, w := range t.bits {
			s.bits[i] &^= w
		}
	}
	for k := range t.other {
		delete(s.other, k)
	}
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

// grantBuilder builds a grant set from sets it may share: a key's first
// set is kept as it is, and copied only when a second one joins it, so
// that a policy set whose statements do not overlap costs no copy.
type grantBuilder struct {
	set   grantSet
	owned map[grantKey]bool
}

func newGrantBuilder() *grantBuilder {
	return &grantBuilder{set: grantSet{}, owned: map[grantKey]bool{}}
}

// add adds s's actions under k; s is never changed.
func (b *grantBuilder) add(k grantKey, s *actionSet) {
	if s.empty() {
		return
	}
	cur := b.set[k]
	switch {
	case cur == nil:
		b.set[k] = s
		return
	case !b.owned[k]:
		cur = cur.clone()
		b.set[k], b.owned[k] = cur, true
	}
	cur.addAll(s)
}

// docGrants is one document's grants, and the actions it allows on some
// resource (for a permissions boundary) and denies on every resource
// without a condition (which no allow can then grant).
type docGrants struct {
	key             string
	id              int // one per distinct key
	grants          grantSet
	allowed, denied *actionSet
}

// grants caches the grants of documents and of policy sets.
type grants struct {
	docs     map[*policy.Document]*docGrants
	byKey    map[string]*docGrants
	sets     map[string]grantSet
	patterns map[string][]int // what each action pattern matches
	groups   map[*model.Group]groupPart
}

// groupPart is the documents a group holds, shared by its members.
type groupPart struct {
	docs []*docGrants
	ids  []int
}

func newGrants() *grants {
	return &grants{docs: map[*policy.Document]*docGrants{}, byKey: map[string]*docGrants{}, sets: map[string]grantSet{}, patterns: map[string][]int{},
		groups: map[*model.Group]groupPart{}}
}

// docSet is a principal's policies as documents' grants, and a key
// that tells distinct sets apart.
type docSet struct {
	key   string
	docs  []*docGrants
	bound *docGrants
}

// policies returns a principal's policy set, read from the account as
// the evaluator reads it (a group or an attached policy the account does
// not have is left out; a boundary it does not have allows nothing); its
// grants are computed only when asked (grantsOf), since most principals'
// sets do not change.
func (g *grants) policies(e *Evaluator, kind model.Kind, name string) docSet {
	a := e.account
	var ps docSet
	var ids []int
	var boundary string
	var owner model.Address
	switch kind {
	case model.KindUser:
		u := a.User(name)
		if u == nil {
			return docSet{key: "\x02"}
		}
		owner = model.UserAddr(u.Name)
		ids = g.part(e, owner, u.InlinePolicies, u.ManagedPolicies, &ps.docs, ids)
		for _, gname := range u.Groups {
			if gr := a.Group(gname); gr != nil {
				gp, ok := g.groups[gr]
				if !ok {
					gp.ids = g.part(e, model.GroupAddr(gr.Name), gr.InlinePolicies, gr.ManagedPolicies, &gp.docs, nil)
					g.groups[gr] = gp
				}
				ps.docs = append(ps.docs, gp.docs...)
				ids = append(ids, gp.ids...)
			}
		}
		boundary = u.PermissionsBoundary
	case model.KindRole:
		r := a.Role(name)
		if r == nil {
			return docSet{key: "\x02"}
		}
		owner = model.RoleAddr(r.Name)
		ids = g.part(e, owner, r.InlinePolicies, r.ManagedPolicies, &ps.docs, ids)
		boundary = r.PermissionsBoundary
	}
	slices.Sort(ids)
	key := make([]byte, 0, 8*len(ids)+8)
	for _, id := range ids {
		key = strconv.AppendInt(append(key, ' '), int64(id), 10)
	}
	if boundary != "" {
		e.mu.Lock()
		ref, ok := e.managedRef(PolicyBoundary, owner, boundary)
		e.mu.Unlock()
		if !ok {
			ref.Document = &policy.Document{}
		}
		ps.bound = g.doc(ref.Document)
		key = strconv.AppendInt(append(key, 'b'), int64(ps.bound.id), 10)
	}
	ps.key = string(key)
	return ps
}

// part appends the documents a user, group or role holds itself to docs,
// and their ids to ids.
func (g *grants) part(e *Evaluator, owner model.Address, inline []model.InlinePolicy, attached []string, docs *[]*docGrants, ids []int) []int {
	for _, ip := range inline {
		if ip.Document != nil {
			dg := g.doc(ip.Document)
			*docs = append(*docs, dg)
			ids = append(ids, dg.id)
		}
	}
	if len(attached) == 0 {
		return ids
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, arn := range attached {
		if ref, ok := e.managedRef(PolicyManaged, owner, arn); ok && ref.Document != nil {
			dg := g.doc(ref.Document)
			*docs = append(*docs, dg)
			ids = append(ids, dg.id)
		}
	}
	return ids
}

// grantsOf returns what a policy set grants, computed once per key.
func (g *grants) grantsOf(ps docSet) grantSet {
	if s, ok := g.sets[ps.key]; ok {
		return s
	}
	out := newGrantBuilder()
	denied := &actionSet{}
	for _, d := range append(ps.docs[:len(ps.docs):len(ps.docs)], ps.bound) {
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
	for _, d := range ps.docs {
		for k, s := range d.grants {
			if k.effect == "Deny" {
				continue
			}
			s = s.minus(denied)
			if ps.bound != nil {
				s = s.within(ps.bound.allowed)
			}
			out.add(k, s)
		}
	}
	g.sets[ps.key] = out.set
	return out.set
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
	dg := &docGrants{key: key, id: len(g.byKey), allowed: &actionSet{}, denied: &actionSet{}}
	b := newGrantBuilder()
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
				b.add(grantKey{s.Effect, r, cond}, actions)
				switch {
				case s.Effect != "Deny":
					dg.allowed.addAll(actions)
				case r == "*" && cond == "":
					dg.denied.addAll(actions)
				}
			}
		}
	}
	dg.grants = b.set
	g.byKey[key] = dg
	g.docs[d] = dg
	return dg
}

// rawDelta is what a principal gains and loses, as grant sets: gained
// holds the Allows that come and the Denies that go, lost the opposite,
// each under its own key (so a Deny in gained reads "no longer denied").
type rawDelta struct{ gained, lost grantSet }

func (r rawDelta) empty() bool { return len(r.gained) == 0 && len(r.lost) == 0 }

// compareGrants returns what a principal gains and loses going from one
// grant set to another.
func compareGrants(before, after grantSet) rawDelta {
	r := rawDelta{gained: grantSet{}, lost: grantSet{}}
	put := func(into grantSet, k grantKey, s *actionSet) {
		if !s.empty() {
			into[k] = s
		}
	}
	for k, s := range after {
		if k.effect == "Deny" {
			put(r.lost, k, s.minus(before[k]))
		} else {
			put(r.gained, k, s.minus(before[k]))
		}
	}
	for k, s := range before {
		if k.effect == "Deny" {
			put(r.gained, k, s.minus(after[k]))
		} else {
			put(r.lost, k, s.minus(after[k]))
		}
	}
	return r
}

// hash tells distinct deltas apart without reading them out: 128 bits
// of two seeded hashes over each key and its action bits, in key order.
func (r rawDelta) hash() string {
	var out []byte
	for i, gs := range []grantSet{r.gained, r.lost} {
		keys := make([]grantKey, 0, len(gs))
		for k := range gs {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(a, b int) bool {
			x, y := keys[a], keys[b]
			if x.effect != y.effect {
				return x.effect < y.effect
			}
			if x.resource != y.resource {
				return x.resource < y.resource
			}
			return x.condition < y.condition
		})
		var h1, h2 maphash.Hash
		h1.SetSeed(hashSeeds[0])
		h2.SetSeed(hashSeeds[1])
		for _, k := range keys {
			for _, h := range []*maphash.Hash{&h1, &h2} {
				h.WriteString(k.effect + "\x1f" + k.resource + "\x1f" + k.condition + "\x1e")
				s := gs[k]
				for _, w := range s.bits {
					var b [8]byte
					binary.LittleEndian.PutUint64(b[:], w)
					h.Write(b[:])
				}
				others := slices.Sorted(maps.Keys(s.other))
				h.WriteString(strings.Join(others, "\x1f") + "\x1d")
			}
		}
		out = binary.LittleEndian.AppendUint64(out, h1.Sum64())
		out = binary.LittleEndian.AppendUint64(out, h2.Sum64())
		out = append(out, byte(i), byte(len(keys)))
	}
	return string(out)
}

var hashSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// readOut reads a grant set out as lines, folded.
func readOut(gs grantSet) []Line {
	var out []Line
	for k, s := range gs {
		out = append(out, lines(k, s)...)
	}
	return foldLines(out)
}

// lines reads a set of actions granted under k as lines, one per
// service and access level.
func lines(k grantKey, s *actionSet) []Line {
	if s.empty() {
		return nil
	}
	x := catalogIndex()
	var out []Line
	// A whole range (every action of a service at a level) is counted,
	// not named: the catalog names them, and a wildcard's lines would
	// otherwise hold thousands of names each.
	for _, r := range x.ranges {
		n := 0
		for i := r.start; i < r.end; {
			w := s.bits[i/64] >> (i % 64)
			span := min(64-i%64, r.end-i)
			if span < 64 {
				w &= (1 << span) - 1
			}
			n += bits.OnesCount64(w)
			i += span
		}
		if n == 0 {
			continue
		}
		l := Line{Effect: k.effect, Service: r.service, Level: r.level, Count: n,
			Resource: k.resource, Condition: k.condition, Every: n == r.end-r.start}
		if !l.Every {
			for i := r.start; i < r.end; i++ {
				if s.bits[i/64]&(1<<(i%64)) != 0 {
					l.Actions = append(l.Actions, x.names[i])
				}
			}
		}
		out = append(out, l)
	}
	byService := map[string][]string{}
	for _, a := range s.other {
		svc, _, _ := strings.Cut(a, ":")
		byService[strings.ToLower(svc)] = append(byService[strings.ToLower(svc)], a)
	}
	for svc, actions := range byService {
		sort.Strings(actions)
		out = append(out, Line{Effect: k.effect, Service: svc, Level: LevelUnknown, Actions: actions, Count: len(actions),
			Resource: k.resource, Condition: k.condition})
	}
	return out
}

// slowDelta turns off delta's fast path, for the test that holds the two
// paths to the same answers.
var slowDelta = false

// delta is what a principal gains and loses going from one policy set to
// another. When the documents that come and go hold no Deny and the
// boundary stays, only the grants of those documents are compared, with
// the other set's grants under the same resource and condition: a user
// whose groups hold hundreds of statements costs what its change costs.
// Otherwise the two sets' grants are compared whole.
func (g *grants) delta(before, after docSet, inBefore, inAfter bool) rawDelta {
	if !inBefore || !inAfter || slowDelta {
		return g.wholeDelta(before, after, inBefore, inAfter)
	}
	removed, added := docDifference(before.docs, after.docs)
	sameBound := before.bound == after.bound
	if !sameBound || hasDeny(removed) || hasDeny(added) {
		return g.wholeDelta(before, after, inBefore, inAfter)
	}
	// The denies and the boundary are the same before and after.
	denied := &actionSet{}
	for _, d := range append(before.docs[:len(before.docs):len(before.docs)], before.bound) {
		if d != nil {
			denied.addAll(d.denied)
		}
	}
	changed := func(docs, others []*docGrants) grantSet {
		moved := newGrantBuilder()
		for _, d := range docs {
			for k, s := range d.grants {
				x := s.minus(denied)
				if before.bound != nil {
					x = x.within(before.bound.allowed)
				}
				moved.add(k, x)
			}
		}
		out := grantSet{}
		for k, s := range moved.set {
			owned := false
			for _, o := range others {
				h := o.grants[k]
				if h == nil {
					continue
				}
				if !owned {
					s, owned = s.clone(), true
				}
				s.remove(h)
			}
			if !s.empty() {
				out[k] = s
			}
		}
		return out
	}
	return rawDelta{gained: changed(added, before.docs), lost: changed(removed, after.docs)}
}

// wholeDelta compares the whole grants of two policy sets.
func (g *grants) wholeDelta(before, after docSet, inBefore, inAfter bool) rawDelta {
	var sb, sa grantSet
	if inBefore {
		sb = g.grantsOf(before)
	}
	if inAfter {
		sa = g.grantsOf(after)
	}
	return compareGrants(sb, sa)
}

// docDifference returns the documents of a that b lacks and those of b
// that a lacks, counting repeats.
func docDifference(a, b []*docGrants) (onlyA, onlyB []*docGrants) {
	count := map[*docGrants]int{}
	for _, d := range a {
		count[d]++
	}
	for _, d := range b {
		count[d]--
	}
	for _, d := range a {
		if count[d] > 0 {
			onlyA = append(onlyA, d)
			count[d]--
		}
	}
	for _, d := range b {
		if count[d] < 0 {
			onlyB = append(onlyB, d)
			count[d]++
		}
	}
	return onlyA, onlyB
}

func hasDeny(docs []*docGrants) bool {
	for _, d := range docs {
		for k := range d.grants {
			if k.effect == "Deny" {
				return true
			}
		}
	}
	return false
}
