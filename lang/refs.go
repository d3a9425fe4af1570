package lang

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/catalog"
)

// refScope says where a reference is written, which decides the roots it
// may use.
type refScope int

const (
	scopeIamc    refScope = iota // the iamc block: var only
	scopeLocal                   // locals: everything but each
	scopeForEach                 // a for_each expression: everything but each
	scopeEntity                  // an entity block without for_each
	scopeEach                    // an entity block with for_each: each too
)

// roots are the names a reference can start with.
var roots = []string{"var", "local", "user", "group", "role", "policy", "instance_profile", "oidc_provider", "saml_provider", "aws", "account", "each", "iamc"}

// entityAttrs are the attributes of user.X, group.X, role.X, policy.X and
// aws.policy.NAME.
var entityAttrs = []string{"name", "path", "arn"}

// refSet is a set of things referred to: what an evaluation context must
// hold. Undeclared things are in it too (they are given unknown values,
// so that one bad reference gives one error).
type refSet struct {
	vars     map[string]bool
	locals   map[string]bool
	entities [numKinds]map[string]bool
	aws      map[string]bool // aws.policy.NAME
	awsOther map[string]bool // aws.X for X other than policy
	account  map[string]bool
	each     bool
	iamc     bool            // iamc.policy.NAME (builtin.go)
	unknown  map[string]bool // roots that are not roots
	modules  map[string]bool // module.NAME
}

func addTo(m *map[string]bool, k string) {
	if *m == nil {
		*m = map[string]bool{}
	}
	(*m)[k] = true
}

// union adds every reference of o to s.
func (s *refSet) union(o *refSet) {
	if o == nil {
		return
	}
	for k := range o.vars {
		addTo(&s.vars, k)
	}
	for k := range o.locals {
		addTo(&s.locals, k)
	}
	for i := range o.entities {
		for k := range o.entities[i] {
			addTo(&s.entities[i], k)
		}
	}
	for k := range o.aws {
		addTo(&s.aws, k)
	}
	for k := range o.awsOther {
		addTo(&s.awsOther, k)
	}
	for k := range o.account {
		addTo(&s.account, k)
	}
	for k := range o.unknown {
		addTo(&s.unknown, k)
	}
	for k := range o.modules {
		addTo(&s.modules, k)
	}
	s.each = s.each || o.each
	s.iamc = s.iamc || o.iamc
}

// checkReferences checks every reference of the configuration, records
// what the evaluation contexts need, and the dependencies of locals and
// of the entities' names and paths.
func (l *loader) checkReferences() {
	for _, name := range l.localNames {
		lc := l.locals[name]
		lc.refs = &refSet{}
		eachTraversal(lc.attr.Expr, func(t hcl.Traversal) {
			l.checkTraversal(t, scopeLocal, lc.refs)
		})
	}
	// The entities are checked several at a time, each group into its own
	// report, merged in order.
	var all []*entity
	for k := range numKinds {
		all = append(all, l.entityOrder[k]...)
	}
	const group = 64
	reports := make([]refCheck, (len(all)+group-1)/group)
	inParallel(len(reports), func(i int) {
		c := &reports[i]
		c.l = l
		for _, e := range all[i*group : min((i+1)*group, len(all))] {
			c.entityReferences(e)
		}
	})
	for i := range reports {
		l.merge(&reports[i])
	}
	for _, c := range []*hcl.BodyContent{l.aliasContent, l.passwordContent} {
		if c == nil {
			continue
		}
		for _, a := range c.Attributes {
			eachTraversal(a.Expr, func(t hcl.Traversal) {
				l.checkTraversal(t, scopeEntity, &l.refs)
			})
		}
	}
}

// refCheck checks references on its own: what it finds wrong, and what
// the main evaluation context needs, wait in it to be merged (merge), so
// that entities are checked in parallel.
type refCheck struct {
	l       *loader
	diags   hcl.Diagnostics
	bad     []hcl.Range
	pending []pendingKey
	refs    refSet // for l.refs
}

// merge adds what c found to the loader.
func (l *loader) merge(c *refCheck) {
	l.diags = append(l.diags, c.diags...)
	l.bad = append(l.bad, c.bad...)
	l.pendingKeys = append(l.pendingKeys, c.pending...)
	l.refs.union(&c.refs)
}

// checkTraversal checks one reference, reports what is wrong with it, and
// adds what it refers to to refs.
func (l *loader) checkTraversal(t hcl.Traversal, scope refScope, refs *refSet) {
	c := &refCheck{l: l}
	c.traversal(t, scope, refs)
	l.merge(c)
}

// entityReferences checks the references of an entity block.
func (c *refCheck) entityReferences(e *entity) {
	l := c.l
	scope := scopeEntity
	if e.forEach != nil {
		scope = scopeEach
		e.identRefs = &refSet{}
		eachTraversal(e.forEach.Expr, func(t hcl.Traversal) {
			c.traversal(t, scopeForEach, e.identRefs)
		})
	}
	for _, name := range []string{"name", "path", "url"} {
		if a := e.content.Attributes[name]; a != nil {
			if e.identRefs == nil {
				e.identRefs = &refSet{}
			}
			eachTraversal(a.Expr, func(t hcl.Traversal) {
				if t.RootName() == "module" {
					c.diags = append(c.diags, errorAt(t.SourceRange(), "Invalid reference to a module",
						"A %s is known before the modules are compiled: it may not refer to a module's entities.", name))
					c.bad = append(c.bad, t.SourceRange())
					return
				}
				c.traversal(t, scope, e.identRefs)
			})
		}
	}
	c.refs.union(e.identRefs)
	var direct refSet // references resolved without evaluation
	walkBody(e.block.Body, func(a string, expr hcl.Expression, top bool) {
		if top && (a == "for_each" || a == "name" || a == "path") {
			return
		}
		if top && isRefList(a) {
			if elems, diags := hcl.ExprList(expr); !diags.HasErrors() {
				for _, el := range elems {
					if t, diags := hcl.AbsTraversalForExpr(el); !diags.HasErrors() && l.direct(t) {
						c.traversal(t, scope, &direct)
						continue
					}
					eachTraversal(el, func(t hcl.Traversal) {
						c.traversal(t, scope, &c.refs)
					})
				}
				return
			}
		}
		eachTraversal(expr, func(t hcl.Traversal) {
			c.traversal(t, scope, &c.refs)
		})
	})
}

// isRefList reports whether an entity's attribute is a list of references
// (or one reference) that refList resolves.
func isRefList(attr string) bool {
	switch attr {
	case "groups", "members", "policies":
		return true
	}
	return false
}

// direct reports whether a list element written as t is resolved by
// resolveTraversal without evaluation: user.x (or user.x["k"] for an
// entity with for_each), aws.policy.NAME. Such references need no value
// in the evaluation context.
func (l *loader) direct(t hcl.Traversal) bool {
	root := t.RootName()
	if root == "aws" {
		return len(t) == 3
	}
	k, ok := kindByName(root)
	if !ok || len(t) < 2 {
		return false
	}
	label, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return false
	}
	e := l.entities[k][label.Name]
	if e == nil {
		return true // an error either way
	}
	if e.forEach == nil {
		return len(t) == 2
	}
	if len(t) != 3 {
		return false
	}
	_, ok = t[2].(hcl.TraverseIndex)
	return ok
}

// walkBody calls fn with every attribute of body and of its nested
// blocks; top is true for the body's own attributes. A body in HCL's JSON
// syntax is read as attributes only: its nested blocks are values of them.
func walkBody(body hcl.Body, fn func(name string, expr hcl.Expression, top bool)) {
	if b, ok := body.(*hclsyntax.Body); ok {
		walkSyntaxBody(b, fn, true)
		return
	}
	attrs, _ := body.JustAttributes()
	for _, a := range attrs {
		fn(a.Name, a.Expr, true)
	}
}

func walkSyntaxBody(b *hclsyntax.Body, fn func(string, hcl.Expression, bool), top bool) {
	for name, a := range b.Attributes {
		fn(name, a.Expr, top)
	}
	for _, blk := range b.Blocks {
		walkSyntaxBody(blk.Body, fn, false)
	}
}

// traversal checks one reference, reports what is wrong with it, and
// adds what it refers to to refs.
func (c *refCheck) traversal(t hcl.Traversal, scope refScope, refs *refSet) {
	l := c.l
	root := t.RootName()
	rng := t.SourceRange()
	bad := func(summary, detail string, args ...any) {
		c.diags = append(c.diags, errorAt(rng, summary, detail, args...))
		c.bad = append(c.bad, rng)
	}
	if scope == scopeIamc && root != "var" {
		bad("Invalid reference in the iamc block", "The iamc block is read before anything else: it may refer to variables (var.NAME) only.")
		addTo(&refs.unknown, root)
		return
	}
	attr := func(i int) (string, bool) {
		if i >= len(t) {
			return "", false
		}
		return stepName(t[i])
	}
	switch root {
	case "var":
		name, ok := attr(1)
		if !ok {
			bad("Invalid reference", "A variable is referred to as var.NAME.")
			return
		}
		addTo(&refs.vars, name)
		if l.variables[name] == nil {
			bad("Reference to undeclared input variable", "No variable named %q is declared.%s Declare it with a variable block.", name, didYouMean(name, l.varNames))
		}
	case "local":
		name, ok := attr(1)
		if !ok {
			bad("Invalid reference", "A local value is referred to as local.NAME.")
			return
		}
		addTo(&refs.locals, name)
		if l.locals[name] == nil {
			bad("Reference to undeclared local value", "No local value named %q is defined.%s Define it in a locals block.", name, didYouMean(name, l.localNames))
		}
	case "user", "group", "role", "policy", "instance_profile", "oidc_provider", "saml_provider":
		k, _ := kindByName(root)
		c.entityTraversal(k, t, refs, bad)
	case "aws":
		checkAWSTraversal(t, refs, bad)
	case "iamc":
		checkIamcTraversal(t, refs, bad)
	case "account":
		name, ok := attr(1)
		if !ok {
			bad("Invalid reference", "The account's id is referred to as account.id.")
			addTo(&refs.unknown, root)
			return
		}
		addTo(&refs.account, name)
		if name != "id" {
			bad("Unsupported attribute", "The account has one attribute, id; %q is not one.%s", name, didYouMean(name, []string{"id"}))
		}
	case "module":
		c.moduleTraversal(t, scope, refs, bad)
	case "each":
		refs.each = true
		if scope != scopeEach {
			bad("Reference to \"each\" outside for_each", "References to each.key and each.value work only in a block with for_each, outside its for_each expression.")
			return
		}
		name, ok := attr(1)
		if !ok || (name != "key" && name != "value") {
			bad("Invalid reference", "In a block with for_each, each.key is the instance's key and each.value its value.%s", didYouMean(name, []string{"key", "value"}))
		}
	default:
		addTo(&refs.unknown, root)
		bad("Reference to unknown object", "There is no object named %q.%s A reference starts with var, local, user, group, role, policy, instance_profile, oidc_provider, saml_provider, aws, account, each or iamc.", root, didYouMean(root, roots))
	}
}

// entityTraversal checks user.X, group.X, role.X and policy.X, with an
// instance key where the entity has for_each, and an attribute.
func (c *refCheck) entityTraversal(k kind, t hcl.Traversal, refs *refSet, bad func(string, string, ...any)) {
	l := c.l
	if len(t) < 2 {
		bad("Invalid reference", "A %s is referred to by its label: %s.LABEL.", k, k)
		return
	}
	step, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		bad("Invalid reference", "A %s is referred to by its label: %s.LABEL.", k, k)
		return
	}
	label := step.Name
	addTo(&refs.entities[k], label)
	e := l.entities[k][label]
	if e == nil {
		detail := "No " + k.String() + " labelled " + quote(label) + " is declared." + didYouMean(label, l.labels(k))
		for other := range numKinds {
			if other != k && l.entities[other][label] != nil {
				detail += " There is " + other.String() + "." + label + ": " + kindAdvice(k, other)
				break
			}
		}
		bad("Reference to undeclared "+k.String(), "%s", detail)
		return
	}
	rest := t[2:]
	if e.forEach != nil && len(rest) > 0 {
		switch s := rest[0].(type) {
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
				c.pending = append(c.pending, pendingKey{e: e, key: s.Key.AsString(), rng: t.SourceRange()})
			}
			rest = rest[1:]
		case hcl.TraverseAttr:
			bad("Missing instance key", "The block %s has for_each: refer to one of its instances as %s[\"KEY\"], or to all of them as values(%s).", e.addr(), e.addr(), e.addr())
			return
		}
	} else if e.forEach == nil && len(rest) > 0 {
		if _, ok := rest[0].(hcl.TraverseIndex); ok {
			bad("Unexpected instance key", "The block %s has no for_each, so it has no instances to pick: refer to it as %s.", e.addr(), e.addr())
			return
		}
	}
	if len(rest) > 0 {
		if a, ok := rest[0].(hcl.TraverseAttr); ok && !isEntityAttr(a.Name) {
			bad("Unsupported attribute", "A %s has the attributes name, path and arn; %q is not one.%s", k, a.Name, didYouMean(a.Name, entityAttrs))
		}
	}
}

// kindAdvice explains which list takes the other kind.
func kindAdvice(want, got kind) string {
	switch {
	case want == kGroup && got == kUser:
		return "groups hold users through members (or the user's groups), and IAM groups do not nest."
	case want == kUser && got == kGroup:
		return "IAM groups hold users only; they do not nest."
	}
	return "references name the kind they refer to."
}

func isEntityAttr(s string) bool { return s == "name" || s == "path" || s == "arn" }

// checkAWSTraversal checks aws.policy.NAME (or aws.policy["NAME"]).
func checkAWSTraversal(t hcl.Traversal, refs *refSet, bad func(string, string, ...any)) {
	if len(t) < 2 {
		bad("Invalid reference", "An AWS managed policy is referred to as aws.policy.NAME.")
		addTo(&refs.unknown, "aws")
		return
	}
	step, ok := t[1].(hcl.TraverseAttr)
	if !ok || step.Name != "policy" {
		name := ""
		if ok {
			name = step.Name
			addTo(&refs.awsOther, name)
		} else {
			addTo(&refs.unknown, "aws")
		}
		bad("Invalid reference", "An AWS managed policy is referred to as aws.policy.NAME; aws has no other attribute.%s", didYouMean(name, []string{"policy"}))
		return
	}
	var name string
	if len(t) > 2 {
		switch s := t[2].(type) {
		case hcl.TraverseAttr:
			name = s.Name
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
				name = s.Key.AsString()
			}
		}
	}
	if name == "" {
		bad("Invalid reference", "An AWS managed policy is referred to by its name: aws.policy.NAME.")
		addTo(&refs.unknown, "aws")
		return
	}
	addTo(&refs.aws, name)
	if _, ok := catalog.ManagedPolicyARN(name); !ok {
		detail := "AWS has no managed policy called " + quote(name) + "."
		if s := catalog.SuggestManagedPolicy(name); s != "" {
			detail += " Did you mean " + quote(s) + "?"
		}
		bad("Reference to unknown AWS managed policy", "%s", detail)
		return
	}
	if len(t) > 3 {
		if a, ok := t[3].(hcl.TraverseAttr); ok && !isEntityAttr(a.Name) {
			bad("Unsupported attribute", "An AWS managed policy has the attributes name, path and arn; %q is not one.%s", a.Name, didYouMean(a.Name, entityAttrs))
		}
	}
}

// labels returns the labels of the entities of a kind, sorted, for a
// did-you-mean; the list is made once, on the first error that needs it
// (entities are checked in parallel).
func (l *loader) labels(k kind) []string {
	l.labelOnce[k].Do(func() {
		out := make([]string, 0, len(l.entities[k]))
		for label := range l.entities[k] {
			out = append(out, label)
		}
		sort.Strings(out)
		l.labelCache[k] = out
	})
	return l.labelCache[k]
}

// checkPendingKeys checks the literal instance keys of references, once
// the instances are known.
func (l *loader) checkPendingKeys() {
	for _, p := range l.pendingKeys {
		if p.e.byKey == nil || p.e.byKey[p.key] != nil {
			continue // for_each could not be evaluated: reported already
		}
		keys := make([]string, 0, len(p.e.byKey))
		for k := range p.e.byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		l.diags = append(l.diags, errorAt(p.rng, "Reference to undeclared "+p.e.kind.String()+" instance",
			"The block %s has no instance with the key %q.%s Its keys come from its for_each.", p.e.addr(), p.key, didYouMean(p.key, keys)))
		l.bad = append(l.bad, p.rng)
	}
}

// isBad reports whether a diagnostic is about a reference reported
// already as invalid.
func (l *loader) isBad(d *hcl.Diagnostic) bool {
	if d.Subject == nil || len(l.bad) == 0 {
		return false
	}
	for _, r := range l.bad {
		if r.Filename == d.Subject.Filename && r.Overlaps(*d.Subject) {
			return true
		}
	}
	return false
}

// joinPath renders a cycle of nodes for a message.
func joinPath(names []string) string { return strings.Join(names, " → ") }

// moduleTraversal checks module.NAME.KIND.LABEL: the module is declared,
// and KIND is a kind of entity. Whether the module declares LABEL is
// known once it is compiled, and checked when the reference is evaluated.
func (c *refCheck) moduleTraversal(t hcl.Traversal, scope refScope, refs *refSet, bad func(string, string, ...any)) {
	l := c.l
	if scope == scopeLocal || scope == scopeForEach {
		bad("Invalid reference to a module", "Local values and for_each are known before the modules are compiled: they may not refer to a module's entities.")
		addTo(&refs.unknown, "module")
		return
	}
	name, ok := stepName(safeStep(t, 1))
	if !ok {
		bad("Invalid reference", "A module's entity is referred to as module.NAME.KIND.LABEL, such as module.baseline.group.admins.")
		addTo(&refs.unknown, "module")
		return
	}
	if l.moduleByName[name] == nil {
		var names []string
		for n := range l.moduleByName {
			names = append(names, n)
		}
		sort.Strings(names)
		bad("Reference to undeclared module", "No module block labelled %q is declared.%s", name, didYouMean(name, names))
		addTo(&refs.unknown, "module")
		return
	}
	kindName, ok := stepName(safeStep(t, 2))
	if _, isKind := kindByName(kindName); !ok || !isKind {
		bad("Invalid reference", "A module's entity is referred to as module.%s.KIND.LABEL, KIND one of user, group, role, policy, instance_profile, oidc_provider, saml_provider.%s", name, didYouMean(kindName, kindNames[:]))
		addTo(&refs.unknown, "module")
		return
	}
	addTo(&refs.modules, name)
}

// safeStep is t[i], or nil past its end.
func safeStep(t hcl.Traversal, i int) hcl.Traverser {
	if i >= len(t) {
		return nil
	}
	return t[i]
}
