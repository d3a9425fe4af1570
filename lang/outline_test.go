package lang_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamc/iamc/lang"
)

// TestOutlinesDrawDiagnostics: the outlines a Config keeps draw every
// diagnostic of the invalid fixtures exactly as the whole files do.
func TestOutlinesDrawDiagnostics(t *testing.T) {
	paths, _ := filepath.Glob("testdata/invalid/*")
	count := 0
	for _, path := range paths {
		f := loadFixture(t, path)
		cfg, diags := lang.Load(f.opts)
		if cfg == nil {
			continue
		}
		whole := map[string]*hcl.File{}
		for name, of := range cfg.Files {
			whole[name] = of
			if strings.HasSuffix(name, ".hcl") {
				if _, ok := of.Body.(*hclsyntax.Body); ok {
					wf, _ := hclsyntax.ParseConfig(of.Bytes, name, hcl.InitialPos)
					whole[name] = wf
				}
			}
		}
		for _, d := range diags {
			if d.Subject == nil {
				continue
			}
			count++
			var a, b bytes.Buffer
			hcl.NewDiagnosticTextWriter(&a, cfg.Files, 78, false).WriteDiagnostic(d)
			hcl.NewDiagnosticTextWriter(&b, whole, 78, false).WriteDiagnostic(d)
			if a.String() != b.String() {
				t.Errorf("%s: the outline draws\n%s\nthe whole file\n%s", f.name, a.String(), b.String())
			}
		}
	}
	if count < 100 {
		t.Fatalf("only %d diagnostics compared", count)
	}
}

// TestConfigKeepsNoSyntaxTree: a compiled Config holds the files' bytes
// and block headers, not their syntax trees, which would stay in memory
// while the plan is made.
func TestConfigKeepsNoSyntaxTree(t *testing.T) {
	f := loadFixture(t, "testdata/valid/design.txtar")
	cfg, diags := lang.Load(f.opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	blocks := 0
	for name, file := range cfg.Files {
		body, ok := file.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			blocks++
			if len(b.Body.Attributes) > 0 || len(b.Body.Blocks) > 0 {
				t.Errorf("%s: block %s %v keeps its body", name, b.Type, b.Labels)
			}
		}
	}
	if blocks == 0 {
		t.Fatal("no block in the files")
	}
}
