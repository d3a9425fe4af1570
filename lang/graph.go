package lang

import (
	"maps"
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
)

// graphNode is a node being evaluated: a local value or an entity's
// instances (their names, paths and ARNs).
type graphNode struct {
	name  string // local.x, user.x
	rng   hcl.Range
	local *local
	e     *entity
}

// evaluateGraph evaluates the locals and the entities' instances in
// dependency order: a local may refer to entities (their names, paths,
// ARNs) and to other locals, and an entity's for_each, name and path may
// refer to locals. A cycle is an error.
func (l *loader) evaluateGraph() {
	var stack []graphNode
	for _, name := range l.localNames {
		l.evalLocal(l.locals[name], &stack)
	}
	for k := range numKinds {
		for _, e := range l.entityOrder[k] {
			l.evalEntity(e, &stack)
		}
	}
	l.checkPendingKeys()
}

// cycle reports a cycle that closes at the node named name: the node on
// top of the stack refers back to it, and the error points at that
// reference's expression.
func (l *loader) cycle(stack []graphNode, name string) {
	rng := hcl.Range{}
	if len(stack) > 0 {
		rng = stack[len(stack)-1].referenceTo(name)
	}
	start := 0
	for i, n := range stack {
		if n.name == name {
			start = i
		}
	}
	names := make([]string, 0, len(stack)-start+1)
	for _, n := range stack[start:] {
		names = append(names, n.name)
	}
	names = append(names, name)
	l.diags = append(l.diags, errorAt(rng, "Cycle in references",
		"These refer to each other in a cycle, so none can be evaluated: %s. Break the cycle.", joinPath(names)))
	l.bad = append(l.bad, rng)
}

// chainTooLong reports, once, a chain of references longer than
// MaxReferenceChain: evaluation follows it by recursion.
func (l *loader) chainTooLong(stack []graphNode, rng hcl.Range) bool {
	if len(stack) < MaxReferenceChain {
		return false
	}
	if !l.chainReported {
		l.chainReported = true
		l.diags = append(l.diags, errorAt(rng, "References nest too deeply",
			"This is the end of a chain of %d references, each to the next (%s refers to %s, and so on); iamc follows no longer chain. Refer to fewer locals in turn.",
			len(stack), stack[0].name, stack[1].name))
	}
	return true
}

// evalDeps evaluates what refs refers to among the nodes.
func (l *loader) evalDeps(refs *refSet, stack *[]graphNode) {
	if refs == nil {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(refs.locals)) {
		if lc := l.locals[name]; lc != nil {
			l.evalLocal(lc, stack)
		}
	}
	for k := range numKinds {
		for _, label := range slices.Sorted(maps.Keys(refs.entities[k])) {
			if e := l.entities[k][label]; e != nil {
				l.evalEntity(e, stack)
			}
		}
	}
}

func (l *loader) evalLocal(lc *local, stack *[]graphNode) {
	name := "local." + lc.name
	switch lc.state {
	case evaluated:
		return
	case visiting:
		l.cycle(*stack, name)
		return
	}
	if l.chainTooLong(*stack, lc.attr.Expr.Range()) {
		lc.value, lc.state = cty.DynamicVal, evaluated
		return
	}
	lc.state = visiting
	*stack = append(*stack, graphNode{name: name, rng: lc.attr.Expr.Range(), local: lc})
	l.evalDeps(lc.refs, stack)
	v, diags := lc.attr.Expr.Value(l.nodeContext(lc.refs))
	l.addEvalDiags(diags)
	if diags.HasErrors() {
		v = cty.DynamicVal
	} else if err := checkSize(v); err != nil {
		l.diags = append(l.diags, errorAt(lc.attr.Expr.Range(), "Value too large", "The value of local.%s %v.", lc.name, err))
		v = cty.DynamicVal
	}
	lc.value = v
	lc.state = evaluated
	*stack = (*stack)[:len(*stack)-1]
}

func (l *loader) evalEntity(e *entity, stack *[]graphNode) {
	name := e.addr()
	switch e.state {
	case evaluated:
		return
	case visiting:
		l.cycle(*stack, name)
		return
	}
	if l.chainTooLong(*stack, e.block.DefRange) {
		e.state = evaluated
		return
	}
	e.state = visiting
	*stack = append(*stack, graphNode{name: name, rng: e.block.DefRange, e: e})
	ctx := l.baseCtx
	if e.identRefs != nil {
		l.evalDeps(e.identRefs, stack)
		ctx = l.nodeContext(e.identRefs)
	}
	if e.forEach == nil {
		in := l.newInstance(e, "", false, cty.NilVal, ctx)
		e.instances = []*instance{in}
	} else {
		l.expand(e, ctx)
	}
	e.state = evaluated
	*stack = (*stack)[:len(*stack)-1]
}

// expand evaluates an entity's for_each and makes its instances.
func (l *loader) expand(e *entity, ctx *hcl.EvalContext) {
	v, diags := e.forEach.Expr.Value(ctx)
	l.addEvalDiags(diags)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		return
	}
	rng := e.forEach.Expr.Range()
	invalid := func(detail string, args ...any) {
		l.diags = append(l.diags, errorAt(rng, "Invalid for_each argument", detail, args...))
	}
	ty := v.Type()
	if v.IsNull() {
		invalid("The for_each argument takes a map, or a set of strings, not null.")
		return
	}
	type kv struct {
		key string
		val cty.Value
	}
	var items []kv
	switch {
	case ty.IsMapType() || ty.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			k, val := it.Element()
			items = append(items, kv{k.AsString(), val})
		}
	case ty.IsSetType():
		if !ty.ElementType().Equals(cty.String) {
			invalid("The for_each argument takes a set of strings, not a set of %s.", ty.ElementType().FriendlyName())
			return
		}
		for it := v.ElementIterator(); it.Next(); {
			_, val := it.Element()
			if val.IsNull() {
				invalid("The set given to for_each holds null; every key must be a string.")
				return
			}
			items = append(items, kv{val.AsString(), val})
		}
	case ty.IsListType() || ty.IsTupleType():
		invalid("The for_each argument takes a map, or a set of strings, not a list: convert the list with toset(...).")
		return
	default:
		invalid("The for_each argument takes a map, or a set of strings, not %s.", ty.FriendlyName())
		return
	}
	if len(items) > MaxInstances {
		invalid("The for_each argument has %d keys; iamc makes at most %d instances of a block.", len(items), MaxInstances)
		return
	}
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	e.byKey = make(map[string]*instance, len(items))
	for _, it := range items {
		each := cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(it.key), "value": it.val})
		in := l.newInstance(e, it.key, true, each, ctx)
		e.instances = append(e.instances, in)
		e.byKey[it.key] = in
	}
}

// entityValue is what a reference to the entity evaluates to: its
// instance's object (name, path, arn), or for a block with for_each the
// map of its instances' objects by key; unknown where the entity could
// not be evaluated (an error reported already). It is built on first use:
// most entities are referred to directly, in lists, and need no value.
func (e *entity) entityValue() cty.Value {
	if e.valueBuilt {
		return e.value
	}
	if e.state != evaluated {
		return cty.DynamicVal
	}
	e.valueBuilt = true
	switch {
	case e.forEach == nil:
		e.value = e.instances[0].object()
	case e.byKey == nil:
		e.value = cty.DynamicVal
	case len(e.instances) == 0:
		e.value = cty.MapValEmpty(entityObjectType)
	default:
		objs := make(map[string]cty.Value, len(e.instances))
		for _, in := range e.instances {
			objs[in.key] = in.object()
		}
		e.value = cty.MapVal(objs)
	}
	return e.value
}

// object is the instance's object: name, path and arn; unknown when they
// are not valid (an error reported already).
func (in *instance) object() cty.Value {
	if !in.valid {
		return cty.DynamicVal
	}
	return entityObject(in.name, in.path, in.arn)
}

// newInstance evaluates an instance's name and path, checks them, and
// makes its object (name, path, arn).
func (l *loader) newInstance(e *entity, key string, hasKey bool, each cty.Value, ctx *hcl.EvalContext) *instance {
	in := &instance{e: e, key: key, hasKey: hasKey, each: each}
	if in.hasKey {
		ctx = ctx.NewChild()
		ctx.Variables = map[string]cty.Value{"each": each}
	}
	nameOK, pathOK := true, true
	if e.kind == kOIDCProvider {
		nameOK = l.oidcName(e, in, ctx)
	} else if a := e.content.Attributes["name"]; a != nil {
		in.nameRng = a.Expr.Range()
		in.name, nameOK = l.evalString(a.Expr, ctx, "The name")
	} else if in.hasKey {
		in.name, in.nameRng = key, e.forEach.Expr.Range()
	} else {
		in.name, in.nameRng = e.label, e.block.LabelRanges[0]
	}
	in.path = "/"
	in.pathRng = e.block.DefRange
	if a := e.content.Attributes["path"]; a != nil {
		in.pathRng = a.Expr.Range()
		in.path, pathOK = l.evalString(a.Expr, ctx, "The path")
	}
	if nameOK {
		if err := model.CheckName(e.kind.model(), in.name); err != nil {
			nameOK = false
			detail := english.Capitalize(err.Error()) + "."
			if a := e.content.Attributes["name"]; a == nil && !in.hasKey {
				detail += " Give the IAM name in the name attribute."
			}
			l.diags = append(l.diags, errorAt(in.nameRng, "Invalid "+e.kind.String()+" name", "%s", detail))
		}
	}
	if pathOK {
		pathOK = l.checkEntityPath(e, in.path, in.pathRng, e.content.Attributes["path"] != nil)
	}
	in.valid = nameOK && pathOK
	if in.valid {
		in.arn = model.ARN(l.accountID, e.kind.arnResource(), in.path, in.name)
	}
	return in
}

// checkEntityPath checks a path: IAM's rules, not AWS-reserved, and inside
// the managed scope.
func (l *loader) checkEntityPath(e *entity, path string, rng hcl.Range, written bool) bool {
	if e.kind.isProvider() {
		return true // no path: in scope as a whole
	}
	if err := model.CheckPath(path); err != nil {
		l.diags = append(l.diags, errorAt(rng, "Invalid path", "%s.", english.Capitalize(err.Error())))
		return false
	}
	if model.IsReservedPath(path) {
		l.diags = append(l.diags, errorAt(rng, "Reserved path",
			"The path %q is reserved by AWS (%s): iamc never declares, changes or deletes anything under it. Choose another path.",
			path, english.JoinQuoted(model.ReservedPathPrefixes)))
		return false
	}
	if !l.scope.Contains(path) {
		detail := "The path " + quote(path) + " is outside the paths this configuration manages (iamc { manage = " + l.scope.String() + " }), so iamc would neither create nor update this " + e.kind.String() + "."
		if !written {
			detail += " Without a path attribute the path is \"/\": give the " + e.kind.String() + " a path inside the managed scope."
		} else {
			detail += " Use a path inside the managed scope, or add its prefix to manage."
		}
		l.diags = append(l.diags, errorAt(rng, "Path outside the managed scope", "%s", detail))
		return false
	}
	return true
}

// referenceTo returns the range of the node's expression that refers to
// the node named target: a local's expression, or the for_each, name or
// path of an entity.
func (n graphNode) referenceTo(target string) hcl.Range {
	if n.local != nil {
		return n.local.attr.Expr.Range()
	}
	for _, name := range []string{"for_each", "name", "path"} {
		a := n.e.content.Attributes[name]
		if a == nil {
			continue
		}
		for _, t := range a.Expr.Variables() {
			if refName(t) == target {
				return a.Expr.Range()
			}
		}
	}
	return n.rng
}

// refName names the node a reference is to: local.x or user.x.
func refName(t hcl.Traversal) string {
	if len(t) < 2 {
		return ""
	}
	step, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return ""
	}
	return t.RootName() + "." + step.Name
}
