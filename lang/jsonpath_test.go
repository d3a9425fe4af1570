package lang

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func TestDocumentRange(t *testing.T) {
	src := `document = jsonencode({
  Version = "2012-10-17"
  Statement = [
    { Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
    { "Effect" = "Deny", Action = ["a:B", "c:D"], Condition = { StringEquals = { "aws:username" = "x" } } },
  ]
})
other = local.doc
object = { Statement = { Action = "x:Y" } }
`
	f, diags := hclsyntax.ParseConfig([]byte(src), "t.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	attrs, _ := f.Body.JustAttributes()
	text := func(attr, path string) string {
		r := documentRange(attrs[attr].Expr, path)
		return string(r.SliceBytes(f.Bytes))
	}
	for _, tc := range []struct{ attr, path, want string }{
		{"document", "Statement[1].Action[1]", `"c:D"`},
		{"document", "Statement[0].Action[0]", `"s3:GetObject"`},
		{"document", "Statement[1].Effect", `"Deny"`},
		{"document", "Statement[1].Condition.StringEquals.aws:username", `"x"`},
		{"document", "Version", `"2012-10-17"`},
		{"document", "Statement[0].NotAction", `{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }`},
		{"document", "Statement[7].Action", "[\n    { Effect = \"Allow\", Action = \"s3:GetObject\", Resource = \"*\" },\n    { \"Effect\" = \"Deny\", Action = [\"a:B\", \"c:D\"], Condition = { StringEquals = { \"aws:username\" = \"x\" } } },\n  ]"},
		{"other", "Statement[0].Action", "local.doc"},
		{"object", "Statement[0].Action[0]", `"x:Y"`},
	} {
		if got := text(tc.attr, tc.path); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.attr, tc.path, got, tc.want)
		}
	}
}
