package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"

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
// found in the graph of those roles alone, with one depth-first search,
// and each edge that closes one (an edge back to a role on the search's
// path) is left out: what remains has no cycle.
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
			if e == nil || e.arnReady < 0 || e == &x.ent {
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
	type frame struct{ n, i int }
	var stack []frame
	var cycles []string
	for root := range nodes {
		if color[root] != white {
			continue
		}
		color[root] = grey
		stack = append(stack[:0], frame{root, 0})
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
				cycles = append(cycles, x.addr.String()+" and "+e.addr.String())
			case white:
				p.g.dep(x.trustNode, e.arnReady)
				color[to] = grey
				stack = append(stack, frame{to, 0})
			default:
				p.g.dep(x.trustNode, e.arnReady)
			}
		}
	}
	for _, c := range cycles {
		p.warnings = append(p.warnings, c+" name each other in their trust policies and are both created by this plan: IAM rejects a trust policy that names a principal that does not exist yet (MalformedPolicyDocument: Invalid principal), so one of them may fail until the other exists")
	}
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
			broken = append(broken, t.addr.String())
		}
		if len(broken)+len(reset) == 0 {
			return
		}
		all := sortedNames(append(append([]string(nil), broken...), reset...))
		whose := "the trust policy of " + joinList(all)
		if len(all) > 1 {
			whose = "the trust policies of " + joinList(all)
		}
		msg := fmt.Sprintf("%s is %s and is named as a principal by %s: AWS rewrites such principals to an internal id when the %s is deleted, and the trust silently breaks",
			e.addr, verb, whose, e.addr.Kind)
		if len(reset) > 0 {
			msg += "; this plan sets the trust policy of " + joinList(sortedNames(reset)) + " again once the new " + string(e.addr.Kind) + " exists"
		}
		if len(broken) > 0 && len(reset) > 0 {
			msg += ", but not that of " + joinList(sortedNames(broken))
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
		parts = appendCount(parts, counts[k.kind], k.noun)
	}
	suggestion := `iamc { manage = ["/your-path/"] }`
	if prefixes := p.declaredPrefixes(); len(prefixes) > 0 {
		quoted := make([]string, len(prefixes))
		for i, s := range prefixes {
			quoted[i] = `"` + s + `"`
		}
		suggestion = "iamc { manage = [" + strings.Join(quoted, ", ") + "] }"
	}
	p.warnings = append(p.warnings, fmt.Sprintf("The configuration declares no iamc { manage } scope, so iamc manages every user, group, role and policy of the account outside AWS's reserved paths: this plan deletes %s that the configuration never mentions (%s). To leave the rest of the account alone, declare the path prefixes this configuration owns, e.g. %s",
		countString(total, "entity"), joinList(parts), suggestion))
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
