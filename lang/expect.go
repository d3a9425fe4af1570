package lang

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/access"
)

// An expect block is an access test that lives in the repository and
// runs on every validate and plan: every combination of its principals,
// actions and resources must get its decision.
//
//	expect "developers-cannot-touch-iam" {
//	  principals = [group.developers, user.backup]
//	  actions    = ["iam:CreateUser", "iam:AttachUserPolicy"]
//	  resources  = ["*"]
//	  context    = { "aws:MultiFactorAuthPresent" = "true" }
//	  decision   = "denied"
//	}
var expectSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "principals", Required: true},
		{Name: "actions", Required: true},
		{Name: "resources", Required: true},
		{Name: "context"},
		{Name: "decision", Required: true},
	},
}

// maxExpectRequests bounds the requests one expect block makes (its
// principals, group members included, times its actions and resources).
const maxExpectRequests = 10_000

// expectation is a decoded expect block.
type expectation struct {
	block   *hcl.Block
	content *hcl.BodyContent
}

// declareExpect records an expect block; two with one label are an error.
func (l *loader) declareExpect(b *hcl.Block, bc *blockContent) {
	for _, x := range l.expects {
		if x.block.Labels[0] == b.Labels[0] {
			l.diags = append(l.diags, errorAt(b.LabelRanges[0], "Duplicate expect block",
				"An expect block named %q is declared already, at %s; give each a name of its own.", b.Labels[0], at(x.block.DefRange)))
			return
		}
	}
	l.diags = append(l.diags, bc.diags...)
	if bc.content != nil {
		l.expects = append(l.expects, &expectation{block: b, content: bc.content})
	}
}

// expectReferences adds what the expect blocks refer to to the main
// evaluation context, and reports what is wrong with it.
func (l *loader) expectReferences() {
	for _, x := range l.expects {
		for _, a := range x.content.Attributes {
			eachTraversal(a.Expr, func(t hcl.Traversal) {
				l.checkTraversal(t, scopeEntity, &l.refs)
			})
		}
	}
}

// checkExpectations checks every expect block, and evaluates its
// requests against the compiled account when the configuration compiled
// without errors (an account with errors is not the one declared).
func (l *loader) checkExpectations() {
	if len(l.expects) == 0 || l.account == nil {
		return
	}
	evaluate := !l.diags.HasErrors()
	now := time.Now
	if l.opts.Now != nil {
		now = l.opts.Now
	}
	e := access.New(l.account, access.Options{Now: now})
	cfg := &Config{places: l.places}
	for _, x := range l.expects {
		ev := &evaluator{l: l}
		ev.expect(x, e, cfg, evaluate)
		l.diags = append(l.diags, ev.diags...)
	}
}

// expectPrincipal is one principal an expect block names, with the
// element that names it.
type expectPrincipal struct {
	p   access.Principal
	rng hcl.Range
}

func (ev *evaluator) expect(x *expectation, e *access.Evaluator, cfg *Config, evaluate bool) {
	attrs := x.content.Attributes
	for _, name := range []string{"principals", "actions", "resources", "decision"} {
		if attrs[name] == nil {
			return // reported by the schema
		}
	}
	ctx := ev.l.ctx
	decision, okD := ev.str(attrs["decision"].Expr, ctx, "The decision")
	if okD && decision != "allowed" && decision != "denied" {
		ev.errorf(attrs["decision"].Expr.Range(), "Invalid decision", "An expect block's decision is \"allowed\" or \"denied\", not %q.", decision)
		okD = false
	}
	actions, okA := ev.strings(attrs["actions"].Expr, ctx, "The actions")
	resources, okR := ev.strings(attrs["resources"].Expr, ctx, "The resources")
	principals, okP := ev.expectPrincipals(attrs["principals"].Expr, ctx)
	reqCtx, okC := ev.expectContext(attrs["context"], ctx)
	if !okD || !okA || !okR || !okP || !okC || !evaluate {
		return
	}
	for _, list := range []struct {
		name  string
		items []string
		rng   hcl.Range
	}{{"actions", actions, attrs["actions"].Expr.Range()}, {"resources", resources, attrs["resources"].Expr.Range()}} {
		if len(list.items) == 0 {
			ev.errorf(list.rng, "Empty "+list.name, "An expect block checks at least one of its %s.", list.name)
			return
		}
	}
	if n := len(principals) * len(actions) * len(resources); n > maxExpectRequests {
		ev.errorf(x.block.DefRange, "Too many requests", "This expect block makes %d requests (principals, group members included, times actions times resources); iamc checks at most %d in one block. Split it.", n, maxExpectRequests)
		return
	}
	for _, p := range principals {
		for _, action := range actions {
			for _, resource := range resources {
				ev.l.expectedRequests++
				ans, err := e.Evaluate(access.Request{Principal: p.p, Action: action, Resource: resource, Context: reqCtx})
				if err != nil {
					ev.errorf(p.rng, "Expectation not checked", "The request of %s to %s on %s cannot be evaluated: %v.", p.p, action, resource, err)
					continue
				}
				if (decision == "denied") == ans.Decision.Denied() {
					continue
				}
				ev.expectFailed(x, p, action, resource, decision, ans, cfg)
			}
		}
	}
}

// expectFailed reports a request that did not get the expected decision,
// at the expect block, naming the statement that decided it and where.
func (ev *evaluator) expectFailed(x *expectation, p expectPrincipal, action, resource, want string, ans *access.Answer, cfg *Config) {
	got := map[access.Decision]string{access.Allowed: "allowed", access.ImplicitDeny: "denied (implicit)", access.ExplicitDeny: "denied (explicit)"}[ans.Decision]
	var b strings.Builder
	fmt.Fprintf(&b, "The request of %s to %s on %s is %s, not %s: %s.", p.p, action, resource, got, want, strings.TrimSuffix(ans.Reason, "."))
	for _, st := range ans.Statements {
		fmt.Fprintf(&b, " Decided by %s", st)
		if r, ok := cfg.StatementRange(st.Policy.Document, st.Index); ok {
			fmt.Fprintf(&b, " at %s", at(r))
		}
		b.WriteString(".")
	}
	if len(ans.MissingContextKeys) > 0 {
		fmt.Fprintf(&b, " The request does not give %s: add it to the block's context.", strings.Join(ans.MissingContextKeys, ", "))
	}
	ev.errorf(x.block.DefRange, "Expectation not met", "%s", b.String())
}

// expectPrincipals resolves the principals: users and roles of the
// configuration, and groups, each of which stands for its members.
func (ev *evaluator) expectPrincipals(expr hcl.Expression, ctx *hcl.EvalContext) ([]expectPrincipal, bool) {
	elems, diags := hcl.ExprList(expr)
	if diags.HasErrors() {
		ev.errorf(expr.Range(), "Invalid principals", "The principals of an expect block are a list of references written out: [user.x, role.y, group.z].")
		return nil, false
	}
	var out []expectPrincipal
	ok := true
	for _, el := range elems {
		t, isRef := el.(*hclsyntax.ScopeTraversalExpr)
		k, known := kUser, false
		if isRef {
			k, known = kindByName(t.Traversal.RootName())
		}
		if !known || k == kPolicy {
			ev.errorf(el.Range(), "Invalid principal", "A principal of an expect block is a user, a role or a group of the configuration: user.x, role.y, group.z.")
			ok = false
			continue
		}
		tg, found := ev.refElem(el, ctx, k, "principals")
		if !found || tg.in == nil {
			ok = false
			continue
		}
		switch k {
		case kUser:
			out = append(out, expectPrincipal{access.User(tg.in.name), el.Range()})
		case kRole:
			out = append(out, expectPrincipal{access.Role(tg.in.name), el.Range()})
		case kGroup:
			members := ev.l.account.GroupMembers(tg.in.name)
			if len(members) == 0 {
				ev.errorf(el.Range(), "Group without members", "The group %s has no members, so it stands for nobody: name users or roles, or give the group members.", tg.in.name)
				ok = false
				continue
			}
			sort.Strings(members)
			for _, m := range members {
				out = append(out, expectPrincipal{access.User(m), el.Range()})
			}
		}
	}
	return out, ok
}

// expectContext reads the context: a map of keys to a string, or a list
// of strings for a multivalued key.
func (ev *evaluator) expectContext(a *hcl.Attribute, ctx *hcl.EvalContext) (access.Context, bool) {
	out := access.Context{}
	if a == nil {
		return out, true
	}
	v, ok := ev.value(a.Expr, ctx)
	if !ok {
		return nil, false
	}
	ty := v.Type()
	if v.IsNull() || !(ty.IsMapType() || ty.IsObjectType()) {
		ev.errorf(a.Expr.Range(), "Invalid context", "The context is a map of context keys to a string, or a list of strings: { \"aws:MultiFactorAuthPresent\" = \"true\" }.")
		return nil, false
	}
	for it := v.ElementIterator(); it.Next(); {
		k, val := it.Element()
		key := k.AsString()
		switch {
		case !val.IsNull() && val.Type() == cty.String:
			out[key] = []string{val.AsString()}
		case !val.IsNull() && (val.Type().IsListType() || val.Type().IsTupleType() || val.Type().IsSetType()):
			for vi := val.ElementIterator(); vi.Next(); {
				_, e := vi.Element()
				if e.IsNull() || e.Type() != cty.String {
					ev.errorf(a.Expr.Range(), "Invalid context", "The value of context key %q is a string or a list of strings.", key)
					return nil, false
				}
				out[key] = append(out[key], e.AsString())
			}
		case !val.IsNull() && (val.Type() == cty.Bool || val.Type() == cty.Number):
			out[key] = []string{valueText(val)}
		default:
			ev.errorf(a.Expr.Range(), "Invalid context", "The value of context key %q is a string or a list of strings.", key)
			return nil, false
		}
	}
	return out, true
}

// valueText writes a bool or number as policy conditions compare it.
func valueText(v cty.Value) string {
	if v.Type() == cty.Bool {
		if v.True() {
			return "true"
		}
		return "false"
	}
	return v.AsBigFloat().Text('f', -1)
}
