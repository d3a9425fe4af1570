package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// Phases order the steps of a plan for a reader: the list is a valid
// sequential order because it is a topological order of the dependencies,
// and among the steps that are ready it takes the lowest phase first.
const (
	phAccount = iota
	phPolicy
	phGroup
	phUser
	phRole
	phRemove // removals from entities that stay
	phDeleteUser
	phDeleteRole
	phDeleteGroup
	phDeletePolicy
	phProfile        // instance profiles, once their roles exist
	phDeleteProfile  // instance profiles, once their roles are out
	phProvider       // identity providers
	phDeleteProvider // identity providers, last
)

// node is a step under construction. Its place in the sequential order is
// decided by its dependencies first, then by (phase, ord, seq): ord is the
// entity's ordinal, so that an entity's steps stay together, and seq the
// order in which the planner emitted them.
type node struct {
	op   op.Op
	addr model.Address
	key  uint64 // phase, ord and seq packed, for the order among ready nodes
}

// edge says that node runs after dep.
type edge struct{ node, dep int32 }

// graph collects the steps and their dependencies.
type graph struct {
	nodes []node
	edges []edge
	// once maps the key of a step that several changes may need (a
	// member removal that both a deleted user and a deleted group need)
	// to its node, so that it is emitted once.
	once map[string]int
}

// add emits a step and returns its node.
func (g *graph) add(o op.Op, addr model.Address, phase, ord int) int {
	seq := len(g.nodes)
	key := uint64(phase)<<56 | uint64(ord&(1<<28-1))<<28 | uint64(seq&(1<<28-1))
	g.nodes = append(g.nodes, node{op: o, addr: addr, key: key})
	return seq
}

// addOnce emits a step unless a step with the same key exists, and
// returns the node either way.
func (g *graph) addOnce(key string, o op.Op, addr model.Address, phase, ord int) int {
	if n, ok := g.once[key]; ok {
		return n
	}
	n := g.add(o, addr, phase, ord)
	if g.once == nil {
		g.once = map[string]int{}
	}
	g.once[key] = n
	return n
}

// dep records that n runs after each of on (negative values are no node).
func (g *graph) dep(n int, on ...int) {
	if n < 0 {
		return
	}
	for _, m := range on {
		if m >= 0 && m != n {
			g.edges = append(g.edges, edge{int32(n), int32(m)})
		}
	}
}

// steps orders the nodes: a topological order of the dependencies that,
// among the ready nodes, takes the lowest (phase, ord, seq) first. A cycle
// is a bug of the planner, reported as an error.
func (g *graph) steps() ([]Step, error) {
	n := len(g.nodes)
	// Group the edges by node (a counting sort) and drop repeated ones:
	// the dependencies of i are edges[depStart[i]:depStart[i+1]], and its
	// children child[start[i]:start[i+1]].
	depStart := make([]int32, n+1)
	for _, e := range g.edges {
		depStart[e.node+1]++
	}
	for i := range n {
		depStart[i+1] += depStart[i]
	}
	grouped := make([]edge, len(g.edges))
	fill := slices.Clone(depStart[:n])
	for _, e := range g.edges {
		grouped[fill[e.node]] = e
		fill[e.node]++
	}
	w := int32(0)
	for i := range n {
		row := grouped[depStart[i]:depStart[i+1]]
		if len(row) > 1 {
			slices.SortFunc(row, func(a, b edge) int { return int(a.dep - b.dep) })
		}
		depStart[i] = w
		prev := int32(-1)
		for _, e := range row {
			if e.dep != prev {
				grouped[w] = e
				w++
				prev = e.dep
			}
		}
	}
	depStart[n] = w
	g.edges = grouped[:w]
	start := make([]int32, n+1)
	indeg := make([]int32, n)
	for _, e := range g.edges {
		start[e.dep+1]++
		indeg[e.node]++
	}
	for i := range n {
		start[i+1] += start[i]
	}
	child := make([]int32, len(g.edges))
	fill = slices.Clone(start[:n])
	for _, e := range g.edges {
		child[fill[e.dep]] = e.node
		fill[e.dep]++
	}
	q := readyQueue{nodes: g.nodes}
	for i := range g.nodes {
		if indeg[i] == 0 {
			q.push(i)
		}
	}
	id := make([]int, n)
	out := make([]Step, 0, n)
	for len(q.idx) > 0 {
		i := q.pop()
		id[i] = len(out) + 1
		out = append(out, Step{ID: id[i], Op: g.nodes[i].op, Address: g.nodes[i].addr})
		for _, c := range child[start[i]:start[i+1]] {
			indeg[c]--
			if indeg[c] == 0 {
				q.push(int(c))
			}
		}
	}
	if len(out) != n {
		return nil, g.cycle(indeg, depStart)
	}
	ids := make([]int, len(g.edges))
	for j, e := range g.edges {
		ids[j] = id[e.dep]
	}
	for i := range n {
		from, to := depStart[i], depStart[i+1]
		if from == to {
			continue
		}
		dep := ids[from:to:to]
		slices.Sort(dep)
		out[id[i]-1].DependsOn = dep
	}
	return out, nil
}

// chainEntities makes each step depend on the step before it, in plan
// order, of the same entity's change, so that the steps on one entity
// run one after another in plan order even when apply runs independent
// steps at once: a step that fails then stops what follows it on that
// entity (apply never starts a step whose dependency failed), where
// before a later step on the entity could already be running beside it.
// The order of the steps does not change: each new dependency is on an
// earlier step. entities is about how many entities the steps belong to.
func chainEntities(out []Step, entities int) {
	// First the steps that gain a dependency and how much room their new
	// lists take, then one array for all the lists.
	prev := make([]int, len(out)) // the step before on the entity, if new
	last := make(map[model.Address]int, entities)
	room := 0
	for i := range out {
		k := out[i].Address.Key()
		if p, ok := last[k]; ok {
			if _, found := slices.BinarySearch(out[i].DependsOn, p); !found {
				prev[i] = p
				room += len(out[i].DependsOn) + 1
			}
		}
		last[k] = out[i].ID
	}
	buf := make([]int, 0, room)
	for i, p := range prev {
		if p == 0 {
			continue
		}
		deps := out[i].DependsOn
		at, _ := slices.BinarySearch(deps, p)
		start := len(buf)
		buf = append(buf, deps[:at]...)
		buf = append(buf, p)
		buf = append(buf, deps[at:]...)
		out[i].DependsOn = buf[start:len(buf):len(buf)]
	}
}

// readyQueue is a binary heap of node indexes ordered by (phase, ord, seq).
type readyQueue struct {
	nodes []node
	idx   []int
}

func (q *readyQueue) less(i, j int) bool {
	return q.nodes[q.idx[i]].key < q.nodes[q.idx[j]].key
}

func (q *readyQueue) push(n int) {
	q.idx = append(q.idx, n)
	for i := len(q.idx) - 1; i > 0; {
		parent := (i - 1) / 2
		if !q.less(i, parent) {
			break
		}
		q.idx[i], q.idx[parent] = q.idx[parent], q.idx[i]
		i = parent
	}
}

func (q *readyQueue) pop() int {
	top := q.idx[0]
	last := len(q.idx) - 1
	q.idx[0] = q.idx[last]
	q.idx = q.idx[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && q.less(l, m) {
			m = l
		}
		if r < last && q.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		q.idx[i], q.idx[m] = q.idx[m], q.idx[i]
		i = m
	}
	return top
}

// cycle describes a cycle among the nodes that could not be ordered.
func (g *graph) cycle(indeg, depStart []int32) error {
	start := -1
	for i := range g.nodes {
		if indeg[i] > 0 {
			start = i
			break
		}
	}
	// Walk dependencies among the unordered nodes until one repeats.
	seen := map[int]int{}
	var path []int
	for n := start; n >= 0; {
		if at, ok := seen[n]; ok {
			path = path[at:]
			break
		}
		seen[n] = len(path)
		path = append(path, n)
		next := -1
		for _, e := range g.edges[depStart[n]:depStart[n+1]] {
			if indeg[e.dep] > 0 {
				next = int(e.dep)
				break
			}
		}
		n = next
	}
	var b strings.Builder
	for i, n := range path {
		if i > 0 {
			b.WriteString(" after ")
		}
		b.WriteString(op.Command(g.nodes[n].op, 40))
	}
	return fmt.Errorf("internal error: the steps of the plan form a cycle: %s", b.String())
}
