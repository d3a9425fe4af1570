package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

// anchors emits, for every entity, the steps the others hang on.
func (p *planner) anchors() {
	p.anchorPolicies()
	p.anchorGroups()
	p.anchorUsers()
	p.anchorRoles()
}

// awsPrincipals returns the folded AWS principals a document names.
func awsPrincipals(d *policy.Document) []string {
	if d == nil {
		return nil
	}
	var out []string
	for _, s := range d.Statements {
		if s.Principal == nil {
			continue
		}
		for _, id := range s.Principal.Entries["AWS"] {
			out = append(out, model.Fold(id))
		}
	}
	return out
}

// planTrusts makes every step that sets a trust policy wait for the users
// and roles it names that this plan creates, renames, moves or re-creates,
// and sets again the trust policies that name a role this plan replaces.
func (p *planner) planTrusts() {
	// The declared users and roles that the declared trust policies name
	// by ARN, found by name: few trusts name users or roles.
	declared := map[string]*ent{}
	for _, x := range p.roles {
		if x.des == nil {
			continue
		}
		for _, id := range awsPrincipals(x.des.AssumeRolePolicy) {
			if _, ok := declared[id]; ok {
				continue
			}
			declared[id] = p.principal(id)
		}
	}
	if len(declared) == 0 {
		return
	}
	// Roles that stay and whose declared trust names a replaced role get
	// their trust policy set again once the role exists again.
	for _, x := range p.roles {
		if x.st != stKeep || x.trustNode >= 0 {
			continue
		}
		var replaced []*ent
		for _, id := range awsPrincipals(x.des.AssumeRolePolicy) {
			if e := declared[id]; e != nil && e.st == stReplace && e != &x.ent {
				replaced = append(replaced, e)
			}
		}
		if len(replaced) == 0 {
			continue
		}
		e := replaced[0]
		x.trustNode = p.g.add(&op.UpdateAssumeRolePolicy{RoleName: x.newName, PolicyDocument: policy.CanonicalString(x.des.AssumeRolePolicy)}, e.addr, phRole, e.ord)
		p.after(&x.ent, x.trustNode)
		for _, r := range replaced {
			r.change.Notes = append(r.change.Notes, "sets the trust policy of "+x.addr.String()+", which names it, again once the role exists")
		}
	}
	p.orderTrusts(declared)
}

// orderTrusts makes every step that sets a declared trust policy wait for
// the users and roles it names that this plan creates, renames, moves or
// re-creates. Only trusts can make that a cycle, and only among roles the
// plan creates (or re-creates): a role's create is the step that sets its
// trust and the step after which others may name it, while nothing that
// creates, renames or moves a user waits for a role. So the cycles are
// found in the graph of those roles alone, with one depth-first search:
// each edge that closes one (an edge back to a role on the search's path,
// or from a role to itself) is left out, and what remains has no cycle.
// The role an edge leaves from is created with a trust policy without the
// principals of those edges, which may not exist yet, and gets its
// declared trust policy once they do.
func (p *planner) orderTrusts(declared map[string]*ent) {
	// The roles that the plan creates, as nodes of the graph.
	var nodes []*rolePair
	index := map[*ent]int{}
	for _, x := range p.roles {
		if x.des != nil && x.ready >= 0 && x.trustNode == x.ready {
			index[&x.ent] = len(nodes)
			nodes = append(nodes, x)
		}
	}
	next := make([][]int, len(nodes))
	for _, x := range p.roles {
		if x.des == nil || x.trustNode < 0 {
			continue
		}
		from, inGraph := index[&x.ent]
		for _, id := range awsPrincipals(x.des.AssumeRolePolicy) {
			e := declared[id]
			if e == nil || e.arnReady < 0 {
				continue
			}
			if to, ok := index[e]; ok && inGraph {
				if !slices.Contains(next[from], to) {
					next[from] = append(next[from], to)
				}
				continue
			}
			p.g.dep(x.trustNode, e.arnReady)
		}
	}
	const (
		white = iota // not reached yet
		grey         // on the search's path
		black        // done
	)
	color := make([]int8, len(nodes))
	var stack []searchFrame
	// back lists, per role, the roles its trust names that close a cycle,
	// and cycle describes the first cycle each closes.
	back := make([][]int, len(nodes))
	cycle := make([]string, len(nodes))
	for root := range nodes {
		if color[root] != white {
			continue
		}
		color[root] = grey
		stack = append(stack[:0], searchFrame{root, 0})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.i == len(next[f.n]) {
				color[f.n] = black
				stack = stack[:len(stack)-1]
				continue
			}
			to := next[f.n][f.i]
			f.i++
			x, e := nodes[f.n], nodes[to]
			switch color[to] {
			case grey:
				back[f.n] = append(back[f.n], to)
				if cycle[f.n] == "" {
					cycle[f.n] = describeCycle(nodes, stack, to)
				}
			case white:
				p.g.dep(x.trustNode, e.arnReady)
				color[to] = grey
				stack = append(stack, searchFrame{to, 0})
			default:
				p.g.dep(x.trustNode, e.arnReady)
			}
		}
	}
	for n, list := range back {
		if len(list) > 0 {
			p.deferTrust(nodes[n], nodes, list, cycle[n])
		}
	}
}

// searchFrame is a role on the search's path, with the index of the next
// role its trust names to visit.
type searchFrame struct{ n, i int }

// describeCycle names the roles of the cycle that the edge from the top
// of the search's path to the role to closes.
func describeCycle(nodes []*rolePair, stack []searchFrame, to int) string {
	top := len(stack) - 1
	if stack[top].n == to {
		return "its trust policy names the role itself"
	}
	at := top
	for at > 0 && stack[at].n != to {
		at--
	}
	var parts []string
	for i := at; i <= top; i++ {
		e := nodes[to]
		if i < top {
			e = nodes[stack[i+1].n]
		}
		parts = append(parts, nodes[stack[i].n].addr.String()+" names "+e.addr.String())
	}
	return english.Join(parts) + " in their trust policies, a cycle of roles this plan creates"
}

// deferTrust creates a role of a cycle with a trust policy that names no
// principal the plan creates in that cycle, and sets its declared trust
// policy once every principal it names exists.
func (p *planner) deferTrust(x *rolePair, nodes []*rolePair, back []int, why string) {
	leave := map[string]bool{}
	var names []string
	for _, n := range back {
		e := nodes[n]
		names = append(names, e.addr.String())
		leave[model.Fold(model.RoleARN(p.acct, e.des.Path, e.des.Name))] = true
	}
	sort.Strings(names)
	first, placeholder := p.trustWithout(x.des.AssumeRolePolicy, leave)
	create := *p.g.nodes[x.ready].op.(*op.CreateRole)
	create.AssumeRolePolicyDocument = policy.CanonicalString(first)
	p.g.nodes[x.ready].op = &create
	x.trustNode = p.g.add(&op.UpdateAssumeRolePolicy{RoleName: x.newName, PolicyDocument: policy.CanonicalString(x.des.AssumeRolePolicy)}, x.addr, phRole, x.ord)
	p.after(&x.ent, x.trustNode)
	for _, n := range back {
		p.g.dep(x.trustNode, nodes[n].arnReady)
	}
	note := "created with its trust policy without " + english.Join(names)
	if placeholder {
		note = "created with a placeholder trust policy that grants nothing (a Deny of sts:AssumeRole to the account's root)"
	}
	verb := " exists: "
	if len(names) > 1 {
		verb = " exist: "
	}
	note += ", then given its declared one once " + english.Join(names) + verb + why +
		", and IAM rejects a trust policy that names a principal that does not exist yet (MalformedPolicyDocument: Invalid principal)"
	ch := p.change(&x.ent, Create)
	ch.Notes = append(ch.Notes, note)
}

// trustWithout returns a trust policy that grants at most what d grants
// and names none of the principals in leave (folded ARNs): d's statements
// without those principals, and without the statements left with none.
// Left out of a Deny, a principal would be allowed more; that, or no
// statement left, gives instead a placeholder that IAM accepts and that
// grants nothing: a Deny of sts:AssumeRole to the account's root. The
// second result says the placeholder was used.
func (p *planner) trustWithout(d *policy.Document, leave map[string]bool) (*policy.Document, bool) {
	src := d.Clone()
	out := &policy.Document{Version: src.Version, ID: src.ID}
	for _, st := range src.Statements {
		if st.Principal == nil || st.Principal.Wildcard {
			out.Statements = append(out.Statements, st)
			continue
		}
		ids := st.Principal.Entries["AWS"]
		kept := ids[:0:0]
		for _, id := range ids {
			if !leave[model.Fold(id)] {
				kept = append(kept, id)
			}
		}
		if len(kept) == len(ids) {
			out.Statements = append(out.Statements, st)
			continue
		}
		if st.Effect != "Allow" {
			return p.placeholderTrust(), true
		}
		if len(kept) > 0 {
			st.Principal.Entries["AWS"] = kept
		} else {
			delete(st.Principal.Entries, "AWS")
		}
		if len(st.Principal.Entries) > 0 {
			out.Statements = append(out.Statements, st)
		}
	}
	if len(out.Statements) == 0 {
		return p.placeholderTrust(), true
	}
	return out, false
}

// placeholderTrust is a trust policy that grants nothing.
func (p *planner) placeholderTrust() *policy.Document {
	return &policy.Document{Version: policy.Version2012, Statements: []policy.Statement{{
		Effect:    "Deny",
		Principal: &policy.Principal{Entries: map[string][]string{"AWS": {model.RootARN(p.acct)}}},
		Action:    policy.Values{"sts:AssumeRole"},
	}}}
}

// checkTrustPrincipals refuses declared trust policies that name a user or
// role of the account that this plan deletes, renames or moves away from
// the ARN the trust names (a role by replacing it elsewhere): AWS keeps a
// trust policy's principals by their unique ids and shows a deleted one
// as its id, a renamed one under its new ARN, so the role's trust policy
// would never match the configuration again, and setting it fails once
// the principal is gone (MalformedPolicyDocument: Invalid principal).
func (p *planner) checkTrustPrincipals() {
	for _, x := range p.roles {
		if x.des == nil {
			continue
		}
		seen := map[string]bool{}
		for _, id := range awsPrincipals(x.des.AssumeRolePolicy) {
			if seen[id] || p.principal(id) != nil {
				continue
			}
			seen[id] = true
			pa, err := model.ParseEntityARN(id)
			if err != nil || pa.Account != model.Fold(p.acct) {
				continue
			}
			var e *ent
			var curName, change string
			switch pa.Resource {
			case "user":
				if u := p.userByCur[pa.Name]; u != nil && model.Fold(u.cur.Path) == pa.Path {
					e, curName = &u.ent, u.cur.Name
					if u.des != nil {
						change = "renames or moves in place to " + model.UserARN(p.acct, u.des.Path, u.des.Name) + ": AWS shows the principal under its new ARN"
					}
				}
			case "role":
				if r := p.roleByName[pa.Name]; r != nil && r.cur != nil && model.Fold(r.cur.Path) == pa.Path {
					e, curName = &r.ent, r.cur.Name
					if r.des != nil {
						change = "replaces at " + model.RoleARN(p.acct, r.des.Path, r.des.Name) + ": AWS replaces a deleted principal in a trust policy with its internal id"
					}
				}
			}
			if e == nil || e.st == stOut {
				continue
			}
			named := originalCase(x.des.AssumeRolePolicy, id)
			if e.st == stDelete {
				p.errorf(x.addr, "its trust policy names %s %s (%s), which this plan deletes (it is inside the manage scope and not declared): AWS replaces a deleted principal in a trust policy with its internal id, so the trust policy would never match the configuration again. Declare %s, or take it out of the trust policy",
					e.addr.Kind, curName, named, e.addr)
				continue
			}
			p.errorf(x.addr, "its trust policy names %s %s by its current ARN %s, which this plan %s, so the trust policy would never match the configuration again. Name %s by its declared ARN",
				e.addr.Kind, curName, named, change, e.addr)
		}
	}
}

// originalCase returns the principal of d that folds to id, as written.
func originalCase(d *policy.Document, id string) string {
	for _, st := range d.Statements {
		if st.Principal == nil {
			continue
		}
		for _, x := range st.Principal.Entries["AWS"] {
			if model.Fold(x) == id {
				return x
			}
		}
	}
	return id
}

// warn adds the warnings about trusts that deletes and replaces break and
// about deletes that a declared scope would avoid.
func (p *planner) warn() {
	trusters := map[string][]*rolePair{}
	add := func(x *rolePair, d *policy.Document) {
		for _, id := range awsPrincipals(d) {
			list := trusters[id]
			if len(list) == 0 || list[len(list)-1] != x {
				trusters[id] = append(list, x)
			}
		}
	}
	for _, x := range p.roles {
		if x.cur != nil {
			add(x, x.cur.AssumeRolePolicy)
		}
		if x.des != nil {
			add(x, x.des.AssumeRolePolicy)
		}
	}
	check := func(e *ent, arn, newARN, verb string) {
		var broken, reset []string
		for _, t := range trusters[model.Fold(arn)] {
			if &t.ent == e || t.st == stDelete {
				continue
			}
			// A trust set by this plan after the entity exists again, and
			// naming it as it will be, is whole.
			if newARN != "" && t.des != nil && t.trustNode >= 0 && slices.Contains(awsPrincipals(t.des.AssumeRolePolicy), model.Fold(newARN)) {
				reset = append(reset, t.addr.String())
				continue
			}
			// A declared trust that does not name it replaces the one that
			// does.
			if t.des != nil && !slices.Contains(awsPrincipals(t.des.AssumeRolePolicy), model.Fold(arn)) {
				continue
			}
			broken = append(broken, t.addr.String())
		}
		if len(broken)+len(reset) == 0 {
			return
		}
		all := sortedNames(append(append([]string(nil), broken...), reset...))
		whose := "the trust policy of " + english.Join(all)
		if len(all) > 1 {
			whose = "the trust policies of " + english.Join(all)
		}
		msg := fmt.Sprintf("%s is %s and is named as a principal by %s: AWS rewrites such principals to an internal id when the %s is deleted, and the trust silently breaks",
			e.addr, verb, whose, e.addr.Kind)
		if len(reset) > 0 {
			msg += "; this plan sets the trust policy of " + english.Join(sortedNames(reset)) + " again once the new " + string(e.addr.Kind) + " exists"
		}
		if len(broken) > 0 && len(reset) > 0 {
			msg += ", but not that of " + english.Join(sortedNames(broken))
		}
		p.warnings = append(p.warnings, msg)
	}
	for _, x := range p.users {
		if x.st == stDelete {
			check(&x.ent, p.userARN(x.cur), "", "deleted")
		}
	}
	for _, x := range p.roles {
		switch x.st {
		case stDelete:
			check(&x.ent, p.roleARN(x.cur), "", "deleted")
		case stReplace:
			check(&x.ent, p.roleARN(x.cur), model.RoleARN(p.acct, x.des.Path, x.des.Name), "replaced (deleted and created again)")
		}
	}
	if !p.opts.ScopeDeclared {
		p.suggestScope()
	}
}

// suggestScope warns, when no scope is declared, how many entities the
// plan deletes that the configuration never mentions.
func (p *planner) suggestScope() {
	// A user or role that a declared trust policy names is mentioned.
	mentioned := map[string]bool{}
	for _, x := range p.roles {
		if x.des != nil {
			for _, id := range awsPrincipals(x.des.AssumeRolePolicy) {
				mentioned[id] = true
			}
		}
	}
	counts := map[model.Kind]int{}
	total := 0
	count := func(k model.Kind, st state, arn string) {
		if st == stDelete && (arn == "" || !mentioned[model.Fold(arn)]) {
			counts[k]++
			total++
		}
	}
	for _, x := range p.users {
		if x.st == stDelete {
			count(model.KindUser, x.st, p.userARN(x.cur))
		}
	}
	for _, x := range p.groups {
		count(model.KindGroup, x.st, "")
	}
	for _, x := range p.roles {
		if x.st == stDelete {
			count(model.KindRole, x.st, p.roleARN(x.cur))
		}
	}
	for _, x := range p.policies {
		count(model.KindPolicy, x.st, "")
	}
	if total == 0 {
		return
	}
	var parts []string
	for _, k := range []struct {
		kind model.Kind
		noun string
	}{{model.KindUser, "user"}, {model.KindGroup, "group"}, {model.KindRole, "role"}, {model.KindPolicy, "policy"}} {
		parts = english.AppendCount(parts, counts[k.kind], k.noun)
	}
	suggestion := `iamc { manage = ["/your-path/"] }`
	if prefixes := p.declaredPrefixes(); len(prefixes) > 0 {
		suggestion = "iamc { manage = " + model.Scope(prefixes).String() + " }"
	}
	p.warnings = append(p.warnings, fmt.Sprintf("The configuration declares no iamc { manage } scope, so iamc manages every user, group, role and policy of the account outside AWS's reserved paths: this plan deletes %s that the configuration never mentions (%s). To leave the rest of the account alone, declare the path prefixes this configuration owns, e.g. %s",
		english.Count(total, "entity"), english.Join(parts), suggestion))
}

// declaredPrefixes returns the first path segments of the declared
// entities ("/staff/"), or nil when some are declared at "/".
func (p *planner) declaredPrefixes() []string {
	set := map[string]bool{}
	add := func(path string) bool {
		i := strings.Index(path[1:], "/")
		if path == "/" || i < 0 {
			return false
		}
		set[path[:i+2]] = true
		return true
	}
	for _, u := range p.des.Users {
		if !add(u.Path) {
			return nil
		}
	}
	for _, g := range p.des.Groups {
		if !add(g.Path) {
			return nil
		}
	}
	for _, r := range p.des.Roles {
		if !add(r.Path) {
			return nil
		}
	}
	for _, x := range p.des.Policies {
		if !add(x.Path) {
			return nil
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// planQuotaOrder makes creates wait for deletes of the same kind when the
// account would otherwise exceed its cap on that kind of entity: the
// creates that fit in the room the account has now are free, and each of
// the others waits for a delete of its own. In any order that respects
// that, the creates done never outnumber the room plus the deletes done.
// checkAccountQuotas made sure there are enough deletes; a replace's
// create waits for its own delete.
func (p *planner) planQuotaOrder() {
	order := func(creates, deletes []int, current, quota int) {
		if current+len(creates) <= quota {
			return
		}
		waiting := creates[max(quota-current, 0):]
		for i := range min(len(waiting), len(deletes)) {
			p.g.dep(waiting[i], deletes[i])
		}
	}
	var c, d []int
	for _, x := range p.users {
		c, d = collect(&x.ent, c, d)
	}
	order(c, d, len(p.cur.Users), p.quotas.Users)
	c, d = nil, nil
	for _, x := range p.groups {
		c, d = collect(&x.ent, c, d)
	}
	order(c, d, len(p.cur.Groups), p.quotas.Groups)
	c, d = nil, nil
	for _, x := range p.roles {
		c, d = collect(&x.ent, c, d)
	}
	order(c, d, len(p.cur.Roles), p.quotas.Roles)
	c, d = nil, nil
	for _, x := range p.policies {
		c, d = collect(&x.ent, c, d)
	}
	order(c, d, len(p.cur.Policies), p.quotas.Policies)
}

func collect(e *ent, creates, deletes []int) ([]int, []int) {
	switch e.st {
	case stCreate:
		creates = append(creates, e.ready)
	case stDelete:
		deletes = append(deletes, e.gone)
	}
	return creates, deletes
}

// principal returns the declared user or role a folded principal ARN of
// this account names, or nil.
func (p *planner) principal(id string) *ent {
	pa, err := model.ParseEntityARN(id)
	if err != nil || pa.Account != model.Fold(p.acct) {
		return nil
	}
	switch pa.Resource {
	case "user":
		if x := p.userByDes[model.Fold(pa.Name)]; x != nil && model.Fold(x.des.Path) == pa.Path {
			return &x.ent
		}
	case "role":
		if x := p.roleByName[model.Fold(pa.Name)]; x != nil && x.des != nil && model.Fold(x.des.Path) == pa.Path {
			return &x.ent
		}
	}
	return nil
}
