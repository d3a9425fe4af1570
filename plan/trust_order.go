package plan

import (
	"slices"
	"sort"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

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
