package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
)

// target is what one element of a reference list resolves to: a declared
// entity's instance, or (for policies) an ARN: an AWS managed policy's, or
// a customer policy's that this configuration does not declare.
type target struct {
	in  *instance
	arn string
	rng hcl.Range
}

// policyARN is the ARN a policy target stands for.
func (t target) policyARN() string {
	if t.in != nil {
		return t.in.arn
	}
	return t.arn
}

// refList evaluates a list of references to entities of kind want; attr
// names the attribute (groups, members, policies) for messages. An
// element written literally is checked on its own and its errors point at
// it; a list given any other way is evaluated and its values checked.
func (ev *evaluator) refList(expr hcl.Expression, ctx *hcl.EvalContext, want kind, attr string) []target {
	if elems, diags := hcl.ExprList(expr); !diags.HasErrors() {
		out := make([]target, 0, len(elems))
		for _, el := range elems {
			if t, ok := ev.refElem(el, ctx, want, attr); ok {
				out = append(out, t)
			}
		}
		return out
	}
	v, ok := ev.value(expr, ctx)
	if !ok || v.IsNull() {
		return nil
	}
	ty := v.Type()
	if !(ty.IsListType() || ty.IsSetType() || ty.IsTupleType()) {
		switch {
		case (ty.IsMapType() || ty.IsObjectType()) && isInstanceMap(v):
			ev.errorf(expr.Range(), "Invalid value", "The %s argument is a list: to list every instance of a block with for_each, write values(%s).", attr, rangeText(ev.l, expr.Range()))
		case ty == cty.String || ty.IsObjectType() && ty.HasAttribute("arn"):
			ev.errorf(expr.Range(), "Invalid value", "The %s argument is a list: write [%s].", attr, rangeText(ev.l, expr.Range()))
		default:
			ev.errorf(expr.Range(), "Invalid value", "The %s argument must be a list of references, not %s.", attr, ty.FriendlyName())
		}
		return nil
	}
	out := make([]target, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if t, ok := ev.refValue(e, expr.Range(), want, attr); ok {
			out = append(out, t)
		}
	}
	return out
}

// refOne evaluates a single reference (permissions_boundary).
func (ev *evaluator) refOne(expr hcl.Expression, ctx *hcl.EvalContext, want kind, attr string) (target, bool) {
	return ev.refElem(expr, ctx, want, attr)
}

// refElem resolves one element: directly when it is a plain reference
// (user.x, group.x["k"], aws.policy.NAME), else by its value.
func (ev *evaluator) refElem(el hcl.Expression, ctx *hcl.EvalContext, want kind, attr string) (target, bool) {
	if trav, diags := hcl.AbsTraversalForExpr(el); !diags.HasErrors() {
		if t, handled, ok := ev.resolveTraversal(trav, el.Range(), want, attr); handled {
			return t, ok
		}
	}
	v, ok := ev.value(el, ctx)
	if !ok {
		return target{}, false
	}
	if v.IsNull() {
		if attr == "permissions_boundary" {
			return target{}, false
		}
		ev.errorf(el.Range(), "Invalid value", "An element of %s is null.", attr)
		return target{}, false
	}
	return ev.refValue(v, el.Range(), want, attr)
}

// resolveTraversal resolves a plain reference without evaluating it. It
// reports handled false for a reference it leaves to evaluation (var,
// local, each, or one that goes on to an attribute); ok is false when the
// reference is handled but unusable (an error reported here or before).
func (ev *evaluator) resolveTraversal(t hcl.Traversal, rng hcl.Range, want kind, attr string) (target, bool, bool) {
	l := ev.l
	root := t.RootName()
	if root == "iamc" {
		ev.errorf(rng, invalidSummary(attr), "The reference %s is a policy document that iamc provides, not a managed policy: give it to an inline_policy block (or a policy block) as document = %s.", traversalText(t), traversalText(t))
		return target{}, true, false
	}
	if root == "aws" {
		if len(t) != 3 {
			return target{}, false, false
		}
		name, ok := stepName(t[2])
		if !ok {
			return target{}, false, false
		}
		arn, known := catalog.ManagedPolicyARN(name)
		if !known {
			return target{}, true, false // reported by checkReferences
		}
		if want != kPolicy {
			ev.wrongKind(rng, want, kPolicy, attr, "aws.policy."+name)
			return target{}, true, false
		}
		if model.IsServiceRolePolicy(arn) {
			ev.notAttachable("aws.policy."+name, rng, attr)
			return target{}, true, false
		}
		return target{arn: arn, rng: rng}, true, true
	}
	k, ok := kindByName(root)
	if !ok || len(t) < 2 {
		return target{}, false, false
	}
	label, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return target{}, true, false
	}
	e := l.entities[k][label.Name]
	if e == nil {
		return target{}, true, false
	}
	rest := t[2:]
	var in *instance
	if e.forEach != nil {
		if len(rest) == 0 {
			ev.errorf(rng, "Missing instance key", "The block %s has for_each: name one of its instances as %s[\"KEY\"], or all of them with values(%s) in place of the list.", e.addr(), e.addr(), e.addr())
			return target{}, true, false
		}
		idx, ok := rest[0].(hcl.TraverseIndex)
		if !ok || idx.Key.Type() != cty.String || !idx.Key.IsKnown() || idx.Key.IsNull() {
			return target{}, false, false
		}
		if in = e.byKey[idx.Key.AsString()]; in == nil {
			return target{}, true, false // reported by checkPendingKeys
		}
		rest = rest[1:]
	} else {
		if len(rest) > 0 {
			return target{}, false, false
		}
		in = e.instances[0]
	}
	if len(rest) > 0 {
		return target{}, false, false
	}
	if k != want {
		ev.wrongKind(rng, want, k, attr, in.addr())
		return target{}, true, false
	}
	if !in.valid {
		return target{}, true, false
	}
	return target{in: in, rng: rng}, true, true
}

// stepName is the name one step of a traversal gives: .name or ["name"].
func stepName(s hcl.Traverser) (string, bool) {
	switch s := s.(type) {
	case hcl.TraverseAttr:
		return s.Name, true
	case hcl.TraverseIndex:
		if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
			return s.Key.AsString(), true
		}
	}
	return "", false
}

// refValue recognises an entity from its value: an object whose arn names
// an entity of the configuration, or, where a policy is expected, an ARN
// string. rng is the element's own range when the list is written
// literally, else the list's.
func (ev *evaluator) refValue(v cty.Value, rng hcl.Range, want kind, attr string) (target, bool) {
	if !v.IsWhollyKnown() {
		return target{}, false
	}
	if v.IsNull() {
		ev.errorf(rng, "Invalid value", "An element of %s is null.", attr)
		return target{}, false
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		if want == kPolicy {
			return ev.policyByARN(v.AsString(), rng, attr)
		}
		ev.errorf(rng, invalidSummary(attr), "The %s argument holds references to %s (%s.LABEL), not strings such as %q.", attr, want.plural(), want, v.AsString())
		return target{}, false
	case ty.IsObjectType() && ty.HasAttribute("arn"):
		arnV := v.GetAttr("arn")
		if arnV.IsNull() || arnV.Type() != cty.String {
			break
		}
		arn := arnV.AsString()
		p, err := model.ParseEntityARN(arn)
		if err != nil {
			ev.errorf(rng, invalidSummary(attr), "The element's arn is not an IAM ARN: %v.", err)
			return target{}, false
		}
		if want == kPolicy && p.Resource == "policy" {
			return ev.policyByARN(arn, rng, attr)
		}
		got, _ := kindByName(p.Resource)
		in := ev.l.byName[got][model.Fold(p.Name)]
		if got != want {
			what := got.String() + " " + quote(p.Name)
			if in != nil {
				what = in.addr()
			}
			ev.wrongKind(rng, want, got, attr, what)
			return target{}, false
		}
		if in == nil || in.arn != arn {
			ev.errorf(rng, "Reference to undeclared "+want.String(), "No %s with the ARN %q is declared.", want, arn)
			return target{}, false
		}
		return target{in: in, rng: rng}, true
	case (ty.IsMapType() || ty.IsObjectType()) && isInstanceMap(v):
		ev.errorf(rng, "Missing instance key", "An element of %s is the map of a for_each block's instances, not one entity: pick one by its key, or list them all with values(...).", attr)
		return target{}, false
	}
	if attr == "permissions_boundary" {
		ev.errorf(rng, invalidSummary(attr), "A permissions boundary is one managed policy (policy.LABEL, aws.policy.NAME or a policy's ARN), not %s.", ty.FriendlyName())
		return target{}, false
	}
	ev.errorf(rng, invalidSummary(attr), "The %s argument holds references to %s (%s.LABEL), not %s.", attr, want.plural(), want, ty.FriendlyName())
	return target{}, false
}

// isInstanceMap reports whether v is a map of entity objects: what a
// reference to a block with for_each gives without a key.
func isInstanceMap(v cty.Value) bool {
	if v.LengthInt() == 0 {
		return false
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if !e.Type().IsObjectType() || !e.Type().HasAttribute("arn") {
			return false
		}
	}
	return true
}

// policyByARN resolves a managed policy's ARN: an AWS managed policy
// (checked against the catalog), a declared customer policy, or a
// customer policy outside the managed scope, which another configuration
// owns. attr names the attribute, for messages.
func (ev *evaluator) policyByARN(arn string, rng hcl.Range, attr string) (target, bool) {
	l := ev.l
	p, err := model.ParseEntityARN(arn)
	if err != nil {
		ev.errorf(rng, "Invalid policy ARN", "%s. A managed policy is policy.LABEL, aws.policy.NAME, or an ARN such as \"arn:aws:iam::aws:policy/ReadOnlyAccess\".", english.Capitalize(err.Error()))
		return target{}, false
	}
	if p.Resource != "policy" {
		ev.errorf(rng, "Invalid policy reference", "%q is the ARN of a %s, not of a managed policy.", arn, p.Resource)
		return target{}, false
	}
	if p.Account == "aws" {
		if catalog.IsManagedPolicyARN(arn) {
			if model.IsServiceRolePolicy(arn) {
				ev.notAttachable(quote(arn), rng, attr)
				return target{}, false
			}
			return target{arn: arn, rng: rng}, true
		}
		detail := "AWS has no managed policy with the ARN " + quote(arn) + "."
		if s := catalog.SuggestManagedPolicy(p.Name); s != "" {
			if sa, ok := catalog.ManagedPolicyARN(s); ok {
				detail += " Did you mean " + quote(sa) + "?"
			}
		}
		ev.errorf(rng, "Unknown AWS managed policy", "%s", detail)
		return target{}, false
	}
	if !l.placeholderID && p.Account != l.accountID {
		ev.errorf(rng, "Policy of another account",
			"The policy %q belongs to account %s, and IAM attaches only this account's (%s) customer managed policies and AWS managed policies. Declare a policy of your own with the same document, or use an AWS managed one.", arn, p.Account, l.accountID)
		return target{}, false
	}
	if in := l.byName[kPolicy][model.Fold(p.Name)]; in != nil && in.name == p.Name {
		if in.path != p.Path {
			ev.errorf(rng, "Policy path mismatch", "The declared %s has the path %q, but this ARN says %q. Refer to it as %s.", in.addr(), in.path, p.Path, in.addr())
			return target{}, false
		}
		return target{in: in, rng: rng}, true
	}
	if l.scope.Contains(p.Path) {
		if l.placeholderID && p.Account != l.accountID {
			// Without a known account id, the ARN's account may be this
			// one or another: say what each would mean.
			ev.errorf(rng, "Reference to undeclared policy",
				"No policy called %q is declared.%s The account id is not known here (declare it with iamc { account_id = \"...\" }), so %s is checked for its form only. If it is another account: IAM attaches only this account's customer managed policies and AWS managed policies. If it is this account: the path %q is inside the paths this configuration manages, where iamc deletes what is not declared, so declare the policy, or refer to a declared one as policy.LABEL.",
				p.Name, didYouMean(p.Name, l.names(kPolicy)), p.Account, p.Path)
			return target{}, false
		}
		ev.errorf(rng, "Reference to undeclared policy",
			"No policy called %q is declared, and its path %q is inside the paths this configuration manages, where iamc deletes what is not declared.%s Declare the policy, or refer to a declared one as policy.LABEL.",
			p.Name, p.Path, didYouMean(p.Name, l.names(kPolicy)))
		return target{}, false
	}
	return target{arn: arn, rng: rng}, true
}

// notAttachable reports an AWS service role policy in policies or
// permissions_boundary; what is the policy as written.
func (ev *evaluator) notAttachable(what string, rng hcl.Range, attr string) {
	if attr == "permissions_boundary" {
		ev.errorf(rng, "Service role policy as a permissions boundary",
			"The policy %s is an AWS service role policy (its path is /aws-service-role/): AWS attaches it only to the service-linked role of its service, and IAM refuses it as a permissions boundary (PolicyNotAttachable). Choose another policy.", what)
		return
	}
	ev.errorf(rng, "Service role policy cannot be attached",
		"The policy %s is an AWS service role policy (its path is /aws-service-role/): AWS attaches it only to the service-linked role of its service, and IAM refuses to attach it to users, groups and roles (PolicyNotAttachable). Remove it, or attach a policy meant for people or applications, such as a job function policy.", what)
}

// names returns the IAM names of the valid instances of a kind.
func (l *loader) names(k kind) []string {
	out := make([]string, 0, len(l.byName[k]))
	for _, in := range l.byName[k] {
		out = append(out, in.name)
	}
	return out
}

// invalidSummary is the summary of a wrong element of attr.
func invalidSummary(attr string) string {
	switch attr {
	case "members":
		return "Invalid group member"
	case "groups":
		return "Invalid group reference"
	case "permissions_boundary":
		return "Invalid permissions boundary"
	case "role":
		return "Invalid role reference"
	}
	return "Invalid policy reference"
}

// wrongKind reports an element of the wrong kind: group nesting on either
// side, a user where a policy is expected, and so on.
func (ev *evaluator) wrongKind(rng hcl.Range, want, got kind, attr, what string) {
	switch {
	case attr == "members" && got == kGroup:
		ev.errorf(rng, "Group nesting is not supported", "IAM groups hold users only, and %s is a group. Add its users to this group instead.", what)
	case attr == "groups" && got == kUser:
		ev.errorf(rng, invalidSummary(attr), "The groups argument holds groups only, and %s is a user. IAM groups hold users, not other users or groups.", what)
	case attr == "policies":
		ev.errorf(rng, invalidSummary(attr), "The policies argument holds managed policies (policy.LABEL, aws.policy.NAME or a policy's ARN), and %s is a %s.", what, got)
	case attr == "permissions_boundary":
		ev.errorf(rng, invalidSummary(attr), "A permissions boundary is one managed policy (policy.LABEL, aws.policy.NAME or a policy's ARN), and %s is a %s.", what, got)
	default:
		ev.errorf(rng, invalidSummary(attr), "The %s argument holds %s only, and %s is a %s.", attr, want.plural(), what, got)
	}
}

// elementRanges returns the ranges of the n elements of a list
// expression: each element's own when the list is written literally,
// else the whole expression's.
func elementRanges(expr hcl.Expression, n int) []hcl.Range {
	out := make([]hcl.Range, n)
	elems, diags := hcl.ExprList(expr)
	for i := range out {
		if !diags.HasErrors() && len(elems) == n {
			out[i] = elems[i].Range()
		} else {
			out[i] = expr.Range()
		}
	}
	return out
}

// rangeText returns the source text of a range, for a message.
func rangeText(l *loader, r hcl.Range) string {
	if f := l.files[r.Filename]; f != nil && r.CanSliceBytes(f.Bytes) {
		return string(r.SliceBytes(f.Bytes))
	}
	return "..."
}
