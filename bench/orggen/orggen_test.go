package orggen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamc/iamc/bench/orggen"
	"github.com/iamc/iamc/lang"
)

func TestWriteValidates(t *testing.T) {
	sizes := []orggen.Sizes{
		{Users: 300, Groups: 40, Roles: 80, Policies: 120},
		{Users: 0, Groups: 0, Roles: 0, Policies: 0},
		{Users: 10, Groups: 2, Roles: 1, Policies: 2},
	}
	if !testing.Short() {
		sizes = append(sizes, orggen.Large)
	}
	for _, s := range sizes {
		dir := t.TempDir()
		if err := orggen.Write(dir, s, 7); err != nil {
			t.Fatal(err)
		}
		cfg, diags := lang.Load(lang.Options{Dir: dir})
		if len(diags) > 0 {
			t.Fatalf("%+v: the generated configuration has diagnostics:\n%v", s, diags)
		}
		a := cfg.Account
		if len(a.Users) != s.Users || len(a.Groups) != s.Groups || len(a.Roles) != s.Roles || len(a.Policies) != s.Policies {
			t.Errorf("%+v: compiled %d users, %d groups, %d roles, %d policies", s, len(a.Users), len(a.Groups), len(a.Roles), len(a.Policies))
		}
		for _, u := range a.Users {
			if n := len(u.Groups); n < 2 || n > 5 {
				t.Errorf("user %s is in %d groups, want 2 to 5", u.Name, n)
			}
		}
		for _, g := range a.Groups {
			if n := len(g.ManagedPolicies); n < 2 || n > 5 {
				t.Errorf("group %s has %d policies, want 2 to 5", g.Name, n)
			}
		}
		for _, r := range a.Roles {
			if n := len(r.ManagedPolicies); n < 2 || n > 5 {
				t.Errorf("role %s has %d policies, want 2 to 5", r.Name, n)
			}
		}
	}
}

func TestWriteDeterministic(t *testing.T) {
	s := orggen.Sizes{Users: 200, Groups: 20, Roles: 30, Policies: 50}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, w := range []struct {
		dir  string
		seed int64
	}{{a, 3}, {b, 3}, {c, 4}} {
		if err := orggen.Write(w.dir, s, w.seed); err != nil {
			t.Fatal(err)
		}
	}
	if !sameFiles(t, a, b) {
		t.Errorf("the same seed wrote different files")
	}
	if sameFiles(t, a, c) {
		t.Errorf("different seeds wrote the same files")
	}
}

func sameFiles(t *testing.T, a, b string) bool {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(a, "*"))
	if len(names) == 0 {
		t.Fatal("no files written")
	}
	for _, n := range names {
		x, _ := os.ReadFile(n)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(n)))
		if err != nil || !bytes.Equal(x, y) {
			return false
		}
	}
	return true
}

func TestWriteRejects(t *testing.T) {
	for _, s := range []orggen.Sizes{
		{Users: -1},
		{Users: 10, Groups: 1, Policies: 5},
		{Groups: 5, Policies: 1},
	} {
		if err := orggen.Write(t.TempDir(), s, 1); err == nil {
			t.Errorf("%+v: no error", s)
		}
	}
}
