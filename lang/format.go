package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Format returns the canonical layout of one configuration file, as
// hclwrite formats it, for iamc fmt. A file that does not parse is not
// formatted: its syntax diagnostics are returned instead.
func Format(filename string, src []byte) ([]byte, hcl.Diagnostics) {
	if d := nestingProblem(filename, src, false); d != nil {
		return nil, hcl.Diagnostics{d}
	}
	if _, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos); diags.HasErrors() {
		return nil, diags
	}
	return hclwrite.Format(src), nil
}
