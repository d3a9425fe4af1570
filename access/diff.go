package access

import (
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// Grant is one thing a policy set lets its principal do, or denies it:
// an action (as the catalog spells it; a pattern the catalog knows no
// action for stays as written) on a resource pattern as written ("not
// " before a NotResource list), under a condition (its canonical JSON,
// "" for none).
type Grant struct {
	Effect    string `json:"effect"` // "Allow" or "Deny"
	Action    string `json:"action"`
	Resource  string `json:"resource"`
	Condition string `json:"condition,omitempty"`
}

// Service is the grant's service prefix: "s3".
func (g Grant) Service() string {
	s, _, _ := strings.Cut(g.Action, ":")
	return strings.ToLower(s)
}

// Level is the grant's action's access level as the catalog gives it:
// "List", "Read", "Write", "Permissions management", "Tagging"; "" for
// an action the catalog does not know.
func (g Grant) Level() string {
	info, ok := catalog.Action(g.Action)
	if !ok {
		return ""
	}
	level, _, _ := strings.Cut(info.AccessLevel, ",")
	return level
}

// TrustGrant is one principal a role's trust policy lets assume it, with
// the action (sts:AssumeRole, ...WithWebIdentity, ...WithSAML) and the
// condition.
type TrustGrant struct {
	Principal string `json:"principal"` // "AWS arn:aws:iam::...", "Service ec2.amazonaws.com", "Federated ...", "*"
	Action    string `json:"action"`
	Condition string `json:"condition,omitempty"`
}

// Change is what a group of principals gains and loses, together: the
// same grants for each of them.
type Change struct {
	// Principals are the users and roles with this change, sorted.
	Principals []model.Address `json:"principals"`
	// Group, when set, is a group whose members are exactly Principals
	// and whose change this is (its policies or its members changed).
	Group string `json:"group,omitempty"`
	// Gained are Allow grants the principals did not have, and Deny
	// grants that no longer apply to them (both widen access); Lost, the
	// opposite.
	Gained []Grant `json:"gained"`
	Lost   []Grant `json:"lost"`
}

// TrustChange is who may newly assume a role, and who no longer may.
type TrustChange struct {
	Role   model.Address `json:"role"`
	Gained []TrustGrant  `json:"gained"`
	Lost   []TrustGrant  `json:"lost"`
}

// Delta is the access difference between two accounts: what each user
// and role may do, and who may assume each role, before and after.
type Delta struct {
	// Broadens says some principal may do something it could not: a
	// grant gained (a changed condition counts, as no condition is
	// provably narrower here), a deny lost, a new principal, or a trust
	// that lets someone new assume a role.
	Broadens bool `json:"broadens"`
	// NewPrincipals are the users and roles the second account has and
	// the first has not.
	NewPrincipals []model.Address `json:"new_principals"`
	Changes       []Change        `json:"changes"`
	Trusts        []TrustChange   `json:"trusts"`
}

// Empty reports whether nothing changes.
func (d *Delta) Empty() bool {
	return len(d.NewPrincipals) == 0 && len(d.Changes) == 0 && len(d.Trusts) == 0
}

// Diff computes the access difference between two accounts (a plan's
// current and desired ones). The grants of each distinct set of policies
// (the same documents, as policy.Key tells them) are computed once, and
// each document's once, so that a change seen by thousands of users costs
// about what one costs. What the diff counts is a model of the policies,
// not an evaluation of every request: actions are expanded through the
// catalog, resources and conditions compared as written, a permissions
// boundary limits actions (not resources), and a Deny removes an Allow
// only when it applies to every resource and has no condition.
func Diff(before, after *model.Account) *Delta {
	g := &grants{docs: map[*policy.Document]*docGrants{}, sets: map[string]map[Grant]bool{}}
	eb, ea := New(before, Options{}), New(after, Options{})
	d := &Delta{NewPrincipals: []model.Address{}, Changes: []Change{}, Trusts: []TrustChange{}}
	type delta struct{ gained, lost []Grant }
	byKey := map[string]*Change{}
	var keys []string
	consider := func(addr model.Address, inBefore, inAfter bool) {
		p := Principal{Kind: PrincipalKind(addr.Kind), Name: addr.Name}
		var sb, sa map[Grant]bool
		var kb, ka string
		if inBefore {
			kb, sb = g.set(eb, p)
		}
		if inAfter {
			ka, sa = g.set(ea, p)
		}
		if inBefore && inAfter && kb == ka {
			return
		}
		var ch delta
		for gr := range sa {
			if !sb[gr] {
				ch.gained = append(ch.gained, gr)
			}
		}
		for gr := range sb {
			if !sa[gr] {
				ch.lost = append(ch.lost, gr)
			}
		}
		// A Deny that goes widens access, one that comes narrows it.
		ch.gained, ch.lost = swapDenies(ch.gained, ch.lost)
		if len(ch.gained) == 0 && len(ch.lost) == 0 {
			return
		}
		sortGrants(ch.gained)
		sortGrants(ch.lost)
		key := grantsKey(ch.gained) + "\x00" + grantsKey(ch.lost)
		c := byKey[key]
		if c == nil {
			c = &Change{Gained: nonNilGrants(ch.gained), Lost: nonNilGrants(ch.lost)}
			byKey[key] = c
			keys = append(keys, key)
		}
		c.Principals = append(c.Principals, addr)
		if len(ch.gained) > 0 {
			d.Broadens = true
		}
	}
	for _, kind := range []model.Kind{model.KindUser, model.KindRole} {
		for _, name := range principalNames(before, after, kind) {
			inB, inA := hasPrincipal(before, kind, name), hasPrincipal(after, kind, name)
			addr := model.Address{Kind: kind, Name: name}
			if inA && !inB {
				d.NewPrincipals = append(d.NewPrincipals, addr)
				d.Broadens = true
			}
			consider(addr, inB, inA)
		}
	}
	for _, k := range keys {
		c := byKey[k]
		sort.Slice(c.Principals, func(i, j int) bool { return c.Principals[i].Less(c.Principals[j]) })
		c.Group = groupOf(before, after, c.Principals)
		d.Changes = append(d.Changes, *c)
	}
	sort.SliceStable(d.Changes, func(i, j int) bool {
		return d.Changes[i].Principals[0].Less(d.Changes[j].Principals[0])
	})
	for _, name := range principalNames(before, after, model.KindRole) {
		tb, ta := trustGrants(before.Role(name)), trustGrants(after.Role(name))
		var tc TrustChange
		for t := range ta {
			if !tb[t] {
				tc.Gained = append(tc.Gained, t)
			}
		}
		for t := range tb {
			if !ta[t] {
				tc.Lost = append(tc.Lost, t)
			}
		}
		if len(tc.Gained)+len(tc.Lost) == 0 {
			continue
		}
		if len(tc.Gained) > 0 {
			d.Broadens = true
		}
		sortTrust(tc.Gained)
		sortTrust(tc.Lost)
		tc.Role = model.RoleAddr(roleName(before, after, name))
		tc.Gained, tc.Lost = nonNilTrust(tc.Gained), nonNilTrust(tc.Lost)
		d.Trusts = append(d.Trusts, tc)
	}
	return d
}

// swapDenies moves Deny grants that were gained to lost and lost to
// gained: a gained Deny narrows access, a lost one widens it. Each moved
// grant keeps its Effect, so that it reads as "denied" or "no longer
// denied".
func swapDenies(gained, lost []Grant) ([]Grant, []Grant) {
	var g, l []Grant
	for _, x := range gained {
		if x.Effect == "Deny" {
			l = append(l, x)
		} else {
			g = append(g, x)
		}
	}
	for _, x := range lost {
		if x.Effect == "Deny" {
			g = append(g, x)
		} else {
			l = append(l, x)
		}
	}
	return g, l
}

// grants caches the grants of documents and of policy sets.
type grants struct {
	docs  map[*policy.Document]*docGrants
	byKey map[string]*docGrants
	sets  map[string]map[Grant]bool
}

type docGrants struct {
	key    string
	allows []Grant
	denies []Grant
	// actions are the actions the document allows on some resource, for
	// a permissions boundary.
	actions map[string]bool
}

// set returns the key of a principal's policy set and its grants.
func (g *grants) set(e *Evaluator, p Principal) (string, map[Grant]bool) {
	identity, boundary, err := e.Policies(p)
	if err != nil {
		return "", nil
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
	out := map[Grant]bool{}
	denied := map[string]bool{} // actions denied on every resource, unconditionally
	add := func(d *docGrants) {
		for _, gr := range d.denies {
			out[gr] = true
			if (gr.Resource == "*") && gr.Condition == "" {
				denied[strings.ToLower(gr.Action)] = true
			}
		}
	}
	for _, d := range docs {
		add(d)
	}
	if bound != nil {
		add(bound)
	}
	for _, d := range docs {
		for _, gr := range d.allows {
			a := strings.ToLower(gr.Action)
			if denied[a] || bound != nil && !bound.actions[a] {
				continue
			}
			out[gr] = true
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
	if g.byKey == nil {
		g.byKey = map[string]*docGrants{}
	}
	if dg, ok := g.byKey[key]; ok {
		g.docs[d] = dg
		return dg
	}
	dg := &docGrants{key: key, actions: map[string]bool{}}
	if d != nil {
		for _, s := range d.Statements {
			actions := expandActions(s.Action, s.NotAction)
			resources := []string(s.Resource)
			if len(s.NotResource) > 0 {
				resources = []string{"not " + strings.Join(s.NotResource, ",")}
			}
			if len(resources) == 0 {
				resources = []string{"*"}
			}
			cond := conditionText(s.Condition)
			for _, a := range actions {
				for _, r := range resources {
					gr := Grant{Effect: s.Effect, Action: a, Resource: r, Condition: cond}
					if s.Effect == "Deny" {
						dg.denies = append(dg.denies, gr)
					} else {
						dg.allows = append(dg.allows, gr)
						dg.actions[strings.ToLower(a)] = true
					}
				}
			}
		}
	}
	g.byKey[key] = dg
	g.docs[d] = dg
	return dg
}

// expandActions returns the catalog's actions that Action patterns match,
// or that NotAction patterns do not; a pattern that matches no action of
// the catalog stays as written.
func expandActions(action, notAction []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(a string) {
		if !seen[strings.ToLower(a)] {
			seen[strings.ToLower(a)] = true
			out = append(out, a)
		}
	}
	if len(notAction) > 0 {
		excluded := map[string]bool{}
		for _, p := range notAction {
			for _, a := range catalog.MatchActions(p) {
				excluded[strings.ToLower(a)] = true
			}
		}
		for _, a := range allActions() {
			if !excluded[strings.ToLower(a)] {
				add(a)
			}
		}
		return out
	}
	for _, p := range action {
		m := catalog.MatchActions(p)
		if len(m) == 0 {
			add(p)
		}
		for _, a := range m {
			add(a)
		}
	}
	return out
}

// allActions is every action of the catalog.
var allActions = sync.OnceValue(func() []string {
	var out []string
	for _, s := range catalog.ServicePrefixes() {
		out = append(out, catalog.MatchActions(s+":*")...)
	}
	return out
})

// conditionText is a condition block's canonical JSON (encoding/json
// sorts map keys), "" for none.
func conditionText(c policy.Conditions) string {
	if len(c) == 0 {
		return ""
	}
	data, err := json.Marshal(c)
	if err != nil {
		return "?"
	}
	return string(data)
}

// trustGrants are who a role's trust policy lets assume the role.
func trustGrants(r *model.Role) map[TrustGrant]bool {
	out := map[TrustGrant]bool{}
	if r == nil || r.AssumeRolePolicy == nil {
		return out
	}
	for _, s := range r.AssumeRolePolicy.Statements {
		if s.Effect != "Allow" || s.Principal == nil {
			continue
		}
		var actions []string
		for _, a := range expandActions(s.Action, s.NotAction) {
			if strings.HasPrefix(strings.ToLower(a), "sts:assumerole") {
				actions = append(actions, a)
			}
		}
		cond := conditionText(s.Condition)
		var who []string
		if s.Principal.Wildcard {
			who = append(who, "*")
		}
		for typ, ids := range s.Principal.Entries {
			for _, id := range ids {
				who = append(who, typ+" "+id)
			}
		}
		for _, w := range who {
			for _, a := range actions {
				out[TrustGrant{Principal: w, Action: a, Condition: cond}] = true
			}
		}
	}
	return out
}

func principalNames(before, after *model.Account, kind model.Kind) []string {
	seen := map[string]bool{}
	var out []string
	add := func(name string) {
		if f := model.Fold(name); !seen[f] {
			seen[f] = true
			out = append(out, name)
		}
	}
	for _, a := range []*model.Account{after, before} {
		switch kind {
		case model.KindUser:
			for _, u := range a.SortedUsers() {
				add(u.Name)
			}
		case model.KindRole:
			for _, r := range a.SortedRoles() {
				add(r.Name)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return model.Fold(out[i]) < model.Fold(out[j]) })
	return out
}

func hasPrincipal(a *model.Account, kind model.Kind, name string) bool {
	if kind == model.KindUser {
		return a.User(name) != nil
	}
	return a.Role(name) != nil
}

func roleName(before, after *model.Account, name string) string {
	if r := after.Role(name); r != nil {
		return r.Name
	}
	if r := before.Role(name); r != nil {
		return r.Name
	}
	return name
}

// groupOf names a group whose members, in either account, are exactly
// the principals, when they are all users: a change that comes from the
// group reads better under its name.
func groupOf(before, after *model.Account, principals []model.Address) string {
	if len(principals) < 2 {
		return ""
	}
	want := map[string]bool{}
	for _, p := range principals {
		if p.Kind != model.KindUser {
			return ""
		}
		want[model.Fold(p.Name)] = true
	}
	for _, a := range []*model.Account{after, before} {
		for _, g := range a.SortedGroups() {
			members := a.GroupMembers(g.Name)
			if len(members) != len(want) {
				continue
			}
			all := true
			for _, m := range members {
				if !want[model.Fold(m)] {
					all = false
					break
				}
			}
			if all {
				return g.Name
			}
		}
	}
	return ""
}

var levelOrder = map[string]int{"List": 0, "Read": 1, "Write": 2, "Permissions management": 3, "Tagging": 4, "": 5}

func sortGrants(gs []Grant) {
	sort.Slice(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if a.Service() != b.Service() {
			return a.Service() < b.Service()
		}
		if la, lb := levelOrder[a.Level()], levelOrder[b.Level()]; la != lb {
			return la < lb
		}
		if a.Effect != b.Effect {
			return a.Effect < b.Effect
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		if a.Condition != b.Condition {
			return a.Condition < b.Condition
		}
		return a.Action < b.Action
	})
}

func sortTrust(ts []TrustGrant) {
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].Principal != ts[j].Principal {
			return ts[i].Principal < ts[j].Principal
		}
		if ts[i].Action != ts[j].Action {
			return ts[i].Action < ts[j].Action
		}
		return ts[i].Condition < ts[j].Condition
	})
}

func grantsKey(gs []Grant) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(g.Effect + "\x1f" + g.Action + "\x1f" + g.Resource + "\x1f" + g.Condition + "\x1e")
	}
	return b.String()
}

func nonNilGrants(g []Grant) []Grant {
	if g == nil {
		return []Grant{}
	}
	return g
}

func nonNilTrust(t []TrustGrant) []TrustGrant {
	if t == nil {
		return []TrustGrant{}
	}
	return t
}
