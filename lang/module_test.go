package lang_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/lang"
)

// modulesTree writes a repository with a configuration in root/account and
// modules m0..m(n-1) under root/modules; module i uses module i+1 calls
// times (under distinct labels), and declares a group of its own.
func modulesTree(t *testing.T, n, calls int) string {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	dirs := map[string]string{"account": `module "m" { source = "../modules/m0" }` + "\n"}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "variable \"suffix\" {\n  default = \"\"\n}\ngroup \"g\" {\n  name = \"g%d${var.suffix}\"\n}\n", i)
		if i+1 < n {
			for c := range calls {
				fmt.Fprintf(&b, "module \"m%d\" {\n  source = \"../m%d\"\n  suffix = \"${var.suffix}-%d\"\n}\n", c, i+1, c)
			}
		}
		dirs[fmt.Sprintf("modules/m%d", i)] = b.String()
	}
	for d, src := range dirs {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(root, d), map[string]string{"main.iam.hcl": src})
	}
	return root
}

func summaries(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			out = append(out, d.Summary)
		}
	}
	return out
}

func TestModuleLimits(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n, calls int
		groups   int    // when no error
		summary  string // an error expected
	}{
		{name: "nested", n: 4, calls: 1, groups: 4},
		{name: "used twice at each level", n: 4, calls: 2, groups: 1 + 2 + 4 + 8},
		{name: "too deep", n: lang.MaxModuleDepth + 3, calls: 1, summary: "Modules nested too deeply"},
		// 2^11 loads without the bound.
		{name: "too many", n: 11, calls: 2, summary: "Too many modules"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := modulesTree(t, tc.n, tc.calls)
			cfg, diags := lang.Load(lang.Options{Dir: filepath.Join(root, "account")})
			errs := summaries(diags)
			if tc.summary == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected errors: %v", diags)
				}
				if got := len(cfg.Account.Groups); got != tc.groups {
					t.Errorf("%d groups, want %d", got, tc.groups)
				}
				if _, ok := cfg.Addresses["module.m.group.g"]; !ok {
					t.Errorf("no address module.m.group.g in %v", cfg.Addresses)
				}
				return
			}
			found := false
			for _, s := range errs {
				found = found || s == tc.summary
			}
			if !found {
				t.Errorf("errors %q, want one %q", errs, tc.summary)
			}
		})
	}
}

func TestModuleDirs(t *testing.T) {
	root := modulesTree(t, 3, 2)
	got, err := lang.ModuleDirs(filepath.Join(root, "account"), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(root, "modules/m0"), filepath.Join(root, "modules/m1"), filepath.Join(root, "modules/m2")}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ModuleDirs = %q, want %q", got, want)
	}
	// With the root at the account's directory, the modules are outside it.
	got, err = lang.ModuleDirs(filepath.Join(root, "account"), filepath.Join(root, "account"))
	if err != nil || len(got) != 0 {
		t.Errorf("ModuleDirs with a narrower root = %q, %v, want none", got, err)
	}
}
