package lang

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// documentRange narrows a document attribute's range to the part of it a
// JSON path names, when the document is written in HCL: an object or
// jsonencode({...}) of one. "Statement[1].Action[0]" in
//
//	document = jsonencode({ Statement = [{...}, { Action = ["a", "b"] }] })
//
// is the range of "a". Where the expression stops matching the path (a
// file(), a local, a computed list), the deepest part found is returned,
// at worst the whole expression.
func documentRange(expr hcl.Expression, path string) hcl.Range {
	e, ok := expr.(hclsyntax.Expression)
	if !ok {
		return expr.Range()
	}
	if call, ok := e.(*hclsyntax.FunctionCallExpr); ok {
		if call.Name != "jsonencode" || len(call.Args) != 1 {
			return expr.Range()
		}
		e = call.Args[0]
	}
	for _, seg := range pathSegments(path) {
		e = unparen(e)
		next := step(e, seg)
		if next == nil {
			break
		}
		e = next
	}
	return e.Range()
}

// step goes one segment down: a key of an object, or an index of a tuple.
// Index 0 of something that is not a tuple is that thing itself, as IAM
// reads a single value as a one-element list.
func step(e hclsyntax.Expression, seg string) hclsyntax.Expression {
	if i, err := strconv.Atoi(seg); err == nil {
		if t, ok := e.(*hclsyntax.TupleConsExpr); ok {
			if i >= 0 && i < len(t.Exprs) {
				return t.Exprs[i]
			}
			return nil
		}
		if i == 0 {
			return e
		}
		return nil
	}
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	for _, item := range obj.Items {
		if objectKey(item.KeyExpr) == seg {
			return item.ValueExpr
		}
	}
	return nil
}

// objectKey is the literal name of an object key: Action = or "Action" =.
func objectKey(e hclsyntax.Expression) string {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if name := hcl.ExprAsKeyword(k.Wrapped); name != "" {
			return name
		}
		e = k.Wrapped
	}
	switch k := unparen(e).(type) {
	case *hclsyntax.TemplateExpr:
		if len(k.Parts) == 1 {
			if lit, ok := k.Parts[0].(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull() {
				return lit.Val.AsString()
			}
		}
	case *hclsyntax.LiteralValueExpr:
		if k.Val.Type() == cty.String && k.Val.IsKnown() && !k.Val.IsNull() {
			return k.Val.AsString()
		}
	}
	return ""
}

func unparen(e hclsyntax.Expression) hclsyntax.Expression {
	for {
		p, ok := e.(*hclsyntax.ParenthesesExpr)
		if !ok {
			return e
		}
		e = p.Expression
	}
}

// pathSegments splits "Statement[1].Condition.StringEquals.aws:username"
// into Statement, 1, Condition, StringEquals, aws:username.
func pathSegments(path string) []string {
	var out []string
	for _, part := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			out = append(out, name)
		}
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			if !ok {
				break
			}
			out = append(out, idx)
			_, rest, _ = strings.Cut(after, "[")
		}
	}
	return out
}
