package bench

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/iamc/iamc/apply"
	"github.com/iamc/iamc/bench/orggen"
	"github.com/iamc/iamc/internal/cli"
	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/provider/memory"
)

var (
	orgOnce sync.Once
	orgDir  string
	orgErr  error
)

// largeOrg writes the large generated organisation once per run.
func largeOrg(b *testing.B) string {
	orgOnce.Do(func() {
		dir, err := os.MkdirTemp("", "iamc-bench-org-")
		if err != nil {
			orgErr = err
			return
		}
		orgDir = dir
		orgErr = orggen.Write(dir, orggen.Large, 1)
	})
	if orgErr != nil {
		b.Fatal(orgErr)
	}
	return orgDir
}

// BenchmarkParseOnly is the floor: hclsyntax parsing the same files, and
// nothing else.
func BenchmarkParseOnly(b *testing.B) {
	parseOnly(b, largeOrg(b))
}

// parseOnly is hclsyntax parsing every file of dir, one after the other
// on one goroutine: the floor a shape is measured against.
func parseOnly(b *testing.B, dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, "*.iam.hcl"))
	srcs := make([][]byte, len(names))
	for i, n := range names {
		srcs[i], _ = os.ReadFile(n)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := hclparse.NewParser()
		for j, n := range names {
			if _, diags := p.ParseHCL(srcs[j], n); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
	}
}

var (
	shapeMu   sync.Mutex
	shapeDirs = map[string]string{}
)

// shapeOrg writes an organisation of the given shape once per run.
func shapeOrg(b *testing.B, name string, sh orggen.Shape) string {
	shapeMu.Lock()
	defer shapeMu.Unlock()
	if dir := shapeDirs[name]; dir != "" {
		return dir
	}
	dir, err := os.MkdirTemp("", "iamc-bench-"+name+"-")
	if err != nil {
		b.Fatal(err)
	}
	if err := orggen.WriteShape(dir, sh, 1); err != nil {
		b.Fatal(err)
	}
	shapeDirs[name] = dir
	return dir
}

// shapes are the organisations that stress one path each, with the exit
// code iamc validate gives them.
var shapes = []struct {
	name  string
	shape orggen.Shape
	exit  int
}{
	{"large", orggen.Shape{Sizes: orggen.Large}, cli.ExitOK},
	// Users with a policy attached directly: one warning each.
	{"warnings-250", orggen.Shape{Sizes: orggen.Large, DirectPolicies: 250}, cli.ExitOK},
	{"warnings-1000", orggen.Shape{Sizes: orggen.Large, DirectPolicies: 1000}, cli.ExitOK},
	{"warnings-1667", orggen.Shape{Sizes: orggen.Large, DirectPolicies: 1667}, cli.ExitOK},
	{"warnings-4000", orggen.Shape{Sizes: orggen.Large, DirectPolicies: 4000}, cli.ExitOK},
	// References to undeclared groups, all in one file: one error each.
	{"badrefs-250", orggen.Shape{Sizes: orggen.Large, BadGroupRefs: 250}, cli.ExitError},
	{"badrefs-1000", orggen.Shape{Sizes: orggen.Large, BadGroupRefs: 1000}, cli.ExitError},
	{"badrefs-4000", orggen.Shape{Sizes: orggen.Large, BadGroupRefs: 4000}, cli.ExitError},
	// 13.2 MB: every quota raised to its most, larger policies.
	{"huge", orggen.Shape{Sizes: orggen.Huge, Statements: 10}, cli.ExitOK},
	// 1,561 files of 5 entities each.
	{"many-files", orggen.Shape{Sizes: orggen.Large, PerFile: 5}, cli.ExitOK},
}

// BenchmarkShapes runs iamc validate on each shape, diagnostics printed
// (to nowhere), beside the parse floor of the same files.
func BenchmarkShapes(b *testing.B) {
	for _, sh := range shapes {
		b.Run(sh.name+"/parse", func(b *testing.B) {
			parseOnly(b, shapeOrg(b, sh.name, sh.shape))
		})
		b.Run(sh.name+"/validate", func(b *testing.B) {
			dir := shapeOrg(b, sh.name, sh.shape)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if code := cli.Run(context.Background(), []string{"validate", dir}, cli.Streams{Stdout: io.Discard, Stderr: io.Discard}); code != sh.exit {
					b.Fatalf("iamc validate %s: exit %d, want %d", sh.name, code, sh.exit)
				}
			}
		})
	}
}

// BenchmarkValidatePlanEmpty compiles the configuration and plans it
// against an empty memory account.
func BenchmarkValidatePlanEmpty(b *testing.B) {
	dir := largeOrg(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cfg, diags := lang.Load(lang.Options{Dir: dir, AccountID: model.DefaultAccountID})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		acct := memory.New(model.DefaultAccountID)
		current, err := acct.Read(ctx)
		if err != nil {
			b.Fatal(err)
		}
		p, err := plan.Compute(cfg.Account, current, plan.Options{Scope: cfg.Scope, Quotas: cfg.Quotas})
		if err != nil || p.Empty() {
			b.Fatalf("plan: %v (empty %v)", err, p != nil && p.Empty())
		}
	}
}

// BenchmarkNoopPlan compiles the configuration and plans it against the
// account it was applied to: the plan must be empty.
func BenchmarkNoopPlan(b *testing.B) {
	dir := largeOrg(b)
	ctx := context.Background()
	acct := applied(b, dir)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cfg, diags := lang.Load(lang.Options{Dir: dir, AccountID: model.DefaultAccountID})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		current, err := acct.Read(ctx)
		if err != nil {
			b.Fatal(err)
		}
		p, err := plan.Compute(cfg.Account, current, plan.Options{Scope: cfg.Scope, Quotas: cfg.Quotas})
		if err != nil || !p.Empty() {
			b.Fatalf("plan: %v (%d steps)", err, len(p.Steps))
		}
	}
}

// applied returns a memory account with the configuration applied.
func applied(b *testing.B, dir string) *memory.Account {
	ctx := context.Background()
	cfg, diags := lang.Load(lang.Options{Dir: dir, AccountID: model.DefaultAccountID})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	acct := memory.New(model.DefaultAccountID)
	current, _ := acct.Read(ctx)
	p, err := plan.Compute(cfg.Account, current, plan.Options{Scope: cfg.Scope, Quotas: cfg.Quotas})
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range p.Steps {
		if lp, ok := s.Op.(*op.CreateLoginProfile); ok {
			if lp.Password, err = apply.GeneratePassword(cfg.Account.PasswordPolicy); err != nil {
				b.Fatal(err)
			}
		}
		if err := acct.Do(ctx, s.Op); err != nil {
			b.Fatalf("step %d: %v", s.ID, err)
		}
	}
	return acct
}

// TestMain sets the collector as iamc's main does, so that the
// benchmarks measure iamc as it runs.
func TestMain(m *testing.M) {
	cli.TuneGC()
	os.Exit(m.Run())
}
