package lang

import (
	"github.com/iamc/iamc/model"

	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestCheckAlias(t *testing.T) {
	for _, tc := range []struct {
		alias string
		ok    bool
	}{
		{"acme", true},
		{"acme-prod-2", true},
		{"a1b", true},
		{"ab", false},
		{"a234567890123456789012345678901234567890123456789012345678901234", false}, // 64
		{"a23456789012345678901234567890123456789012345678901234567890123", true},   // 63
		{"-acme", false},
		{"acme-", false},
		{"ac--me", false},
		{"Acme", false},
		{"ac_me", false},
		{"ac.me", false},
	} {
		if got := checkAlias(tc.alias) == ""; got != tc.ok {
			t.Errorf("checkAlias(%q): valid %v, want %v (%s)", tc.alias, got, tc.ok, checkAlias(tc.alias))
		}
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"developers", "admins", "Readers"}
	for _, tc := range []struct{ given, want string }{
		{"developer", "developers"},
		{"admns", "admins"},
		{"readers", "Readers"},
		{"ops", ""},
		{"admins", ""}, // the name itself is not a suggestion
		{"", ""},
	} {
		if got := suggest(tc.given, names); got != tc.want {
			t.Errorf("suggest(%q) = %q, want %q", tc.given, got, tc.want)
		}
	}
}

func TestValidIdentifier(t *testing.T) {
	for _, tc := range []struct {
		s  string
		ok bool
	}{
		{"tyler", true},
		{"billing-read", true},
		{"_x", true},
		{"a1", true},
		{"1a", false},
		{"-a", false},
		{"bob.smith", false},
		{"a b", false},
		{"", false},
		{"café", true},
	} {
		if got := validIdentifier(tc.s); got != tc.ok {
			t.Errorf("validIdentifier(%q) = %v, want %v", tc.s, got, tc.ok)
		}
	}
}

func TestStatementIndex(t *testing.T) {
	for path, want := range map[string]int{
		"Statement[0]":            0,
		"Statement[12].Action[3]": 12,
		"Statement":               -1,
		"":                        -1,
		"Statement[x].Action":     -1,
		"Version":                 -1,
		"Statement[3":             -1,
	} {
		if got := statementIndex(path); got != want {
			t.Errorf("statementIndex(%q) = %d, want %d", path, got, want)
		}
	}
}

func TestBadRoleDescriptionChar(t *testing.T) {
	for _, tc := range []struct {
		s   string
		at  int
		bad rune
	}{
		{"", 0, 0},
		{"Runs the app", 0, 0},
		{"tab\tnewline\nreturn\r", 0, 0},
		{"~ and ¡ and ÿ", 0, 0},
		{"Café", 0, 0},
		{"日本語", 1, '日'},
		{"ok 😀", 4, '😀'},
		{"del\x7f", 4, 0x7f},
		{"nbsp\u00a0", 5, 0xa0},
		{"bell\a", 5, '\a'},
		{"Ā", 1, 'Ā'},
	} {
		at, c, bad := model.BadRoleDescriptionChar(tc.s)
		if bad != (tc.at != 0) || at != tc.at || c != tc.bad {
			t.Errorf("model.BadRoleDescriptionChar(%q) = %d, %q, %v; want %d, %q", tc.s, at, c, bad, tc.at, tc.bad)
		}
	}
}

func TestAtWritesFileLineColumn(t *testing.T) {
	r := hcl.Range{Filename: filepath.Join("conf", "a.iam.hcl"), Start: hcl.Pos{Line: 3, Column: 7, Byte: 20}, End: hcl.Pos{Line: 3, Column: 9, Byte: 22}}
	if got := at(r); got != "a.iam.hcl:3:7" {
		t.Errorf("at = %q, want a.iam.hcl:3:7", got)
	}
}
