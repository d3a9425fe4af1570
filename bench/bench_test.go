package bench

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/iamc/iamc/apply"
	"github.com/iamc/iamc/bench/orggen"
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
	dir := largeOrg(b)
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
