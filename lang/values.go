package lang

import (
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// evaluator evaluates expressions and collects diagnostics. The loader has
// one for its sequential phases; entities compiled in parallel each get
// their own, merged afterwards.
type evaluator struct {
	l     *loader
	diags hcl.Diagnostics
	// files are files other than the configuration's that diagnostics
	// point into (a document read by file()), merged into Config.Files.
	files map[string]*hcl.File
}

// add appends diagnostics of evaluation, except those about references
// already reported as invalid.
func (ev *evaluator) add(diags hcl.Diagnostics) {
	for _, d := range diags {
		if !ev.l.isBad(d) {
			ev.diags = append(ev.diags, d)
		}
	}
}

func (ev *evaluator) errorf(rng hcl.Range, summary, detail string, args ...any) {
	ev.diags = append(ev.diags, errorAt(rng, summary, detail, args...))
}

// value evaluates expr. It reports false when the value cannot be used:
// evaluation failed, or the value is not wholly known (which follows from
// an error reported elsewhere).
func (ev *evaluator) value(expr hcl.Expression, ctx *hcl.EvalContext) (cty.Value, bool) {
	v, diags := expr.Value(ctx)
	ev.add(diags)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		return cty.DynamicVal, false
	}
	if err := checkSize(v); err != nil {
		ev.errorf(expr.Range(), "Value too large", "This value %v.", err)
		return cty.DynamicVal, false
	}
	return v, true
}

// str evaluates expr to a string; what names it in messages ("The path").
func (ev *evaluator) str(expr hcl.Expression, ctx *hcl.EvalContext, what string) (string, bool) {
	if s, ok := literalString(expr); ok {
		return s, true
	}
	v, ok := ev.value(expr, ctx)
	if !ok {
		return "", false
	}
	if v.IsNull() {
		ev.errorf(expr.Range(), "Invalid value", "%s must be a string, not null.", what)
		return "", false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil {
		ev.errorf(expr.Range(), "Invalid value", "%s must be a string, not %s.", what, v.Type().FriendlyName())
		return "", false
	}
	return s.AsString(), true
}

// boolean evaluates expr to a bool.
func (ev *evaluator) boolean(expr hcl.Expression, ctx *hcl.EvalContext, what string) (bool, bool) {
	v, ok := ev.value(expr, ctx)
	if !ok {
		return false, false
	}
	if v.IsNull() {
		ev.errorf(expr.Range(), "Invalid value", "%s must be true or false, not null.", what)
		return false, false
	}
	b, err := convert.Convert(v, cty.Bool)
	if err != nil {
		ev.errorf(expr.Range(), "Invalid value", "%s must be true or false, not %s.", what, v.Type().FriendlyName())
		return false, false
	}
	return b.True(), true
}

// integer evaluates expr to a whole number.
func (ev *evaluator) integer(expr hcl.Expression, ctx *hcl.EvalContext, what string) (int, bool) {
	v, ok := ev.value(expr, ctx)
	if !ok {
		return 0, false
	}
	if v.IsNull() {
		ev.errorf(expr.Range(), "Invalid value", "%s must be a whole number, not null.", what)
		return 0, false
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil {
		ev.errorf(expr.Range(), "Invalid value", "%s must be a whole number, not %s.", what, v.Type().FriendlyName())
		return 0, false
	}
	bf := n.AsBigFloat()
	i, acc := bf.Int64()
	if acc != big.Exact || i < -1<<31 || i > 1<<31-1 {
		ev.errorf(expr.Range(), "Invalid value", "%s must be a whole number; %s is not.", what, bf.Text('g', -1))
		return 0, false
	}
	return int(i), true
}

// strings evaluates expr to a list of strings.
func (ev *evaluator) strings(expr hcl.Expression, ctx *hcl.EvalContext, what string) ([]string, bool) {
	v, ok := ev.value(expr, ctx)
	if !ok {
		return nil, false
	}
	ty := v.Type()
	if v.IsNull() || !(ty.IsListType() || ty.IsSetType() || ty.IsTupleType()) {
		ev.errorf(expr.Range(), "Invalid value", "%s must be a list of strings, not %s.", what, friendly(v))
		return nil, false
	}
	out := make([]string, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			ev.errorf(expr.Range(), "Invalid value", "%s must be a list of strings; it holds null.", what)
			return nil, false
		}
		s, err := convert.Convert(e, cty.String)
		if err != nil {
			ev.errorf(expr.Range(), "Invalid value", "%s must be a list of strings; it holds %s.", what, e.Type().FriendlyName())
			return nil, false
		}
		out = append(out, s.AsString())
	}
	return out, true
}

// literalString returns the value of a string written literally ("/x/"),
// without evaluating it.
func literalString(expr hcl.Expression) (string, bool) {
	t, ok := expr.(*hclsyntax.TemplateExpr)
	if !ok || len(t.Parts) != 1 {
		return "", false
	}
	lit, ok := t.Parts[0].(*hclsyntax.LiteralValueExpr)
	if !ok || lit.Val.Type() != cty.String || lit.Val.IsNull() {
		return "", false
	}
	return lit.Val.AsString(), true
}

// friendly names a value's type for a message.
func friendly(v cty.Value) string {
	if v.IsNull() {
		return "null"
	}
	return v.Type().FriendlyName()
}

// The loader's own evaluations, in its sequential phases.

func (l *loader) addEvalDiags(diags hcl.Diagnostics) {
	for _, d := range diags {
		if !l.isBad(d) {
			l.diags = append(l.diags, d)
		}
	}
}

func (l *loader) evalString(expr hcl.Expression, ctx *hcl.EvalContext, what string) (string, bool) {
	ev := evaluator{l: l}
	s, ok := ev.str(expr, ctx, what)
	l.diags = append(l.diags, ev.diags...)
	return s, ok
}

// stringValue converts a string, number or bool to a string.
func stringValue(v cty.Value) (string, bool) {
	if v.IsNull() || !v.IsKnown() {
		return "", false
	}
	switch v.Type() {
	case cty.String, cty.Number, cty.Bool:
		s, err := convert.Convert(v, cty.String)
		if err != nil {
			return "", false
		}
		return s.AsString(), true
	}
	return "", false
}
