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
	for _, sh := range []orggen.Shape{
		{Sizes: orggen.Sizes{Users: 10, Groups: 2, Policies: 2}, DirectPolicies: 11},
		{Sizes: orggen.Sizes{Users: 10, Groups: 2, Policies: 2}, BadGroupRefs: -1},
		{Sizes: orggen.Sizes{Users: 10, Groups: 2}, DirectPolicies: 1},
		{Sizes: orggen.Sizes{Policies: 2}, Statements: -1},
	} {
		if err := orggen.WriteShape(t.TempDir(), sh, 1); err == nil {
			t.Errorf("%+v: no error", sh)
		}
	}
}

// TestWriteShape: each variation writes what it says, and nothing else
// changes in the configuration's diagnostics.
func TestWriteShape(t *testing.T) {
	s := orggen.Sizes{Users: 60, Groups: 310, Roles: 12, Policies: 20}
	dir := t.TempDir()
	sh := orggen.Shape{Sizes: s, DirectPolicies: 7, BadGroupRefs: 5, Statements: 9, PerFile: 4}
	if err := orggen.WriteShape(dir, sh, 3); err != nil {
		t.Fatal(err)
	}
	_, diags := lang.Load(lang.Options{Dir: dir})
	warnings, bad := 0, 0
	for _, d := range diags {
		switch {
		case d.Summary == "User with policies attached directly":
			warnings++
		case d.Summary == "Reference to undeclared group":
			bad++
			if filepath.Base(d.Subject.Filename) != "users-refs.iam.hcl" {
				t.Errorf("a bad reference in %s", d.Subject.Filename)
			}
		default:
			t.Errorf("unexpected diagnostic: %v", d)
		}
	}
	if warnings != 7 || bad != 5 {
		t.Errorf("%d direct-policy warnings and %d bad references, want 7 and 5", warnings, bad)
	}
	users, _ := filepath.Glob(filepath.Join(dir, "users-[0-9]*.iam.hcl"))
	groups, _ := filepath.Glob(filepath.Join(dir, "groups-*.iam.hcl"))
	if len(users) != 15 || len(groups) != 78 {
		t.Errorf("%d files of users and %d of groups, want 15 (60 users, 4 a file, numbered by place) and 78 (310 groups)", len(users), len(groups))
	}
	account, _ := os.ReadFile(filepath.Join(dir, "account.iam.hcl"))
	if !bytes.Contains(account, []byte("groups = 310")) || bytes.Contains(account, []byte("roles =")) {
		t.Errorf("the quotas raised are not exactly the groups':\n%s", account)
	}

	// More statements make larger policies.
	small, big := t.TempDir(), t.TempDir()
	if err := orggen.WriteShape(small, orggen.Shape{Sizes: orggen.Sizes{Policies: 50}}, 1); err != nil {
		t.Fatal(err)
	}
	if err := orggen.WriteShape(big, orggen.Shape{Sizes: orggen.Sizes{Policies: 50}, Statements: 10}, 1); err != nil {
		t.Fatal(err)
	}
	if a, b := dirSize(t, small), dirSize(t, big); b < 2*a {
		t.Errorf("10 statements at most wrote %d bytes, 3 wrote %d", b, a)
	}
	if _, diags := lang.Load(lang.Options{Dir: big}); len(diags) > 0 {
		t.Errorf("policies of 10 statements: %v", diags)
	}
}

func dirSize(t *testing.T, dir string) int {
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	n := 0
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		n += len(data)
	}
	return n
}
