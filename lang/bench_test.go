package lang_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamc/iamc/bench/orggen"
	"github.com/iamc/iamc/lang"
)

var (
	largeOnce sync.Once
	largeDir  string
	largeErr  error
)

// largeOrg writes the large generated organisation once per test binary.
func largeOrg(tb testing.TB) string {
	largeOnce.Do(func() {
		largeDir, largeErr = os.MkdirTemp("", "iamc-lang-org-")
		if largeErr == nil {
			largeErr = orggen.Write(largeDir, orggen.Large, 1)
		}
	})
	if largeErr != nil {
		tb.Fatal(largeErr)
	}
	return largeDir
}

// BenchmarkParseOnly is the floor: hclsyntax parsing the large
// organisation's files, and nothing else.
func BenchmarkParseOnly(b *testing.B) {
	dir := largeOrg(b)
	names, _ := filepath.Glob(filepath.Join(dir, "*.iam.hcl"))
	srcs := make([][]byte, len(names))
	size := 0
	for i, n := range names {
		srcs[i], _ = os.ReadFile(n)
		size += len(srcs[i])
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for j, n := range names {
			if _, diags := hclsyntax.ParseConfig(srcs[j], n, hcl.InitialPos); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
	}
}

// BenchmarkLoad is the whole of Load on the same files: reading, parsing,
// evaluating and checking. The target is at most twice ParseOnly.
func BenchmarkLoad(b *testing.B) {
	dir := largeOrg(b)
	for b.Loop() {
		cfg, diags := lang.Load(lang.Options{Dir: dir})
		if len(diags) > 0 || len(cfg.Account.Users) != orggen.Large.Users {
			b.Fatalf("%d users; %v", len(cfg.Account.Users), diags)
		}
	}
}
