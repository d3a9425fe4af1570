package lang

import (
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestEachTraversal checks eachTraversal against hcl's own Variables on
// every kind of expression.
func TestEachTraversal(t *testing.T) {
	for _, src := range []string{
		`user.a`,
		`"x-${var.env}-${local.y}"`,
		`[group.a, group.b["k"].arn, aws.policy.ReadOnlyAccess]`,
		`{ team = local.t, (local.k) = 1, "q" = var.q, a.b = 3 }`,
		`merge(local.tags, { x = each.key })`,
		`var.a ? local.b : -local.c + 1`,
		`(user.x).name`,
		`local.m[var.k]`,
		`[for u in values(user.dev) : u.arn if u.name != local.skip]`,
		`{ for k, v in local.m : k => v.x if var.on }`,
		`local.list[*].arn`,
		"<<EOT\n%{ for x in local.xs }${x}-${var.sep}%{ endfor }\nEOT\n",
		`!var.off && local.on`,
		`null`,
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "x.hcl", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", src, diags)
		}
		var got, want []string
		eachTraversal(expr, func(tr hcl.Traversal) { got = append(got, render(tr)) })
		for _, tr := range expr.Variables() {
			want = append(want, render(tr))
		}
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: eachTraversal gives %v, Variables %v", src, got, want)
		}
	}
}

func render(tr hcl.Traversal) string {
	return tr.RootName() + "@" + tr.SourceRange().String()
}
