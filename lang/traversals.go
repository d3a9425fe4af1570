package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// eachTraversal calls fn with every reference of expr to the root scope:
// what expr.Variables() returns, without building the list, and without
// hclsyntax's general walker for the common expressions. Expressions that
// open a scope of their own (for, splat) and those of HCL's JSON syntax
// are left to Variables, which knows their scoping.
func eachTraversal(expr hcl.Expression, fn func(hcl.Traversal)) {
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		fn(e.Traversal)
	case *hclsyntax.LiteralValueExpr:
	case *hclsyntax.TemplateExpr:
		for _, p := range e.Parts {
			eachTraversal(p, fn)
		}
	case *hclsyntax.TemplateWrapExpr:
		eachTraversal(e.Wrapped, fn)
	case *hclsyntax.TemplateJoinExpr:
		eachTraversal(e.Tuple, fn)
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			eachTraversal(x, fn)
		}
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			eachTraversal(item.KeyExpr, fn)
			eachTraversal(item.ValueExpr, fn)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		// A bare name is a literal key, not a reference.
		if hcl.ExprAsKeyword(e.Wrapped) == "" {
			eachTraversal(e.Wrapped, fn)
		}
	case *hclsyntax.FunctionCallExpr:
		for _, a := range e.Args {
			eachTraversal(a, fn)
		}
	case *hclsyntax.ParenthesesExpr:
		eachTraversal(e.Expression, fn)
	case *hclsyntax.ConditionalExpr:
		eachTraversal(e.Condition, fn)
		eachTraversal(e.TrueResult, fn)
		eachTraversal(e.FalseResult, fn)
	case *hclsyntax.BinaryOpExpr:
		eachTraversal(e.LHS, fn)
		eachTraversal(e.RHS, fn)
	case *hclsyntax.UnaryOpExpr:
		eachTraversal(e.Val, fn)
	case *hclsyntax.IndexExpr:
		eachTraversal(e.Collection, fn)
		eachTraversal(e.Key, fn)
	case *hclsyntax.RelativeTraversalExpr:
		eachTraversal(e.Source, fn)
	default:
		for _, t := range expr.Variables() {
			fn(t)
		}
	}
}
