package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// outline returns what diagnostics need of a native-syntax file once it
// is compiled: its bytes and its top-level blocks' headers and ranges,
// which name the block a diagnostic is in ("in user "tyler""). The syntax
// tree of a configuration is several times its size; a Config keeps only
// the outlines, so that planning and printing do not hold it. Other files
// are returned as they are.
func outline(f *hcl.File) *hcl.File {
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return f
	}
	out := &hclsyntax.Body{
		Attributes: body.Attributes,
		Blocks:     make(hclsyntax.Blocks, len(body.Blocks)),
		SrcRange:   body.SrcRange,
		EndRange:   body.EndRange,
	}
	for i, b := range body.Blocks {
		out.Blocks[i] = &hclsyntax.Block{
			Type:            b.Type,
			Labels:          b.Labels,
			Body:            &hclsyntax.Body{SrcRange: b.Body.SrcRange, EndRange: b.Body.EndRange},
			TypeRange:       b.TypeRange,
			LabelRanges:     b.LabelRanges,
			OpenBraceRange:  b.OpenBraceRange,
			CloseBraceRange: b.CloseBraceRange,
		}
	}
	return &hcl.File{Body: out, Bytes: f.Bytes, Nav: navigation{out}}
}
