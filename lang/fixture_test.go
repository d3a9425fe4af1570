package lang_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/iamc/iamc/lang"
)

// A fixture is a configuration to load: a single .iam.hcl file, or a
// .txtar archive of files whose comment holds the options, one a line:
//
//	var: NAME=VALUE          (--var, repeatable)
//	var-file: FILE           (--var-file, a file of the archive)
//	env: KEY=VALUE           (an environment variable)
//	account-id: ID           (Options.AccountID)
//	strict                   (--strict)
//	expect: SEVERITY: SUMMARY (a diagnostic without a source range)
//	at: FILE:LINE: SEVERITY: SUMMARY (a diagnostic on a line that cannot
//	    hold a comment: in a JSON file or a heredoc)
//
// Expected diagnostics are marked on the line they point at, in a comment
// that ends the line: `# ERROR: Summary` or `# WARNING: Summary`; several
// on one line are separated by " | ".
type fixture struct {
	name   string
	dir    string
	opts   lang.Options
	expect []string // "FILE:LINE: SEVERITY: SUMMARY", sorted
}

var markerRE = regexp.MustCompile(`#\s*((?:ERROR|WARNING):.*)$`)

func loadFixture(t *testing.T, path string) *fixture {
	t.Helper()
	dir := t.TempDir()
	f := &fixture{name: filepath.Base(path), dir: dir, opts: lang.Options{Dir: dir}}
	files := map[string][]byte{}
	if strings.HasSuffix(path, ".txtar") {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, af := range ar.Files {
			files[af.Name] = af.Data
		}
		for _, line := range strings.Split(string(ar.Comment), "\n") {
			key, val, _ := strings.Cut(strings.TrimSpace(line), ":")
			val = strings.TrimSpace(val)
			switch key {
			case "":
			case "var":
				f.opts.Vars = append(f.opts.Vars, val)
			case "var-file":
				f.opts.VarFiles = append(f.opts.VarFiles, filepath.Join(dir, val))
			case "env":
				f.opts.Environ = append(f.opts.Environ, val)
			case "account-id":
				f.opts.AccountID = val
			case "strict":
				f.opts.Strict = true
			case "expect":
				f.expect = append(f.expect, "-:0: "+val)
			case "at":
				f.expect = append(f.expect, val)
			default:
				if !strings.HasPrefix(key, "#") {
					t.Fatalf("%s: unknown option %q", path, line)
				}
			}
		}
	} else {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(path)] = data
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			m := markerRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			for _, part := range strings.Split(m[1], " | ") {
				sev, summary, _ := strings.Cut(part, ":")
				f.expect = append(f.expect, fmt.Sprintf("%s:%d: %s: %s", name, i+1, strings.TrimSpace(sev), strings.TrimSpace(summary)))
			}
		}
	}
	sort.Strings(f.expect)
	return f
}

// got renders diagnostics as the markers do, and checks that each has a
// subject inside a file of the configuration.
func (f *fixture) got(t *testing.T, cfg *lang.Config, diags hcl.Diagnostics) []string {
	t.Helper()
	var out []string
	for _, d := range diags {
		sev := "ERROR"
		if d.Severity == hcl.DiagWarning {
			sev = "WARNING"
		}
		if d.Subject == nil {
			out = append(out, fmt.Sprintf("-:0: %s: %s", sev, d.Summary))
			continue
		}
		rel, err := filepath.Rel(f.dir, d.Subject.Filename)
		if err != nil {
			rel = d.Subject.Filename
		}
		out = append(out, fmt.Sprintf("%s:%d: %s: %s", rel, d.Subject.Start.Line, sev, d.Summary))
		if cfg == nil || cfg.Files[d.Subject.Filename] == nil {
			t.Errorf("%s: the subject's file %s is not in Config.Files", d.Error(), d.Subject.Filename)
		} else if !d.Subject.CanSliceBytes(cfg.Files[d.Subject.Filename].Bytes) {
			t.Errorf("%s: the subject does not lie within its file", d.Error())
		}
		if d.Detail == "" || d.Summary == "" {
			t.Errorf("%s: a diagnostic needs a summary and a detail", d.Error())
			continue
		}
		if c := d.Detail[0]; c >= 'a' && c <= 'z' {
			t.Errorf("%s: a detail is a sentence, starting with a capital", d.Error())
		}
		if c := d.Summary[0]; c >= 'a' && c <= 'z' && !strings.Contains(strings.Fields(d.Summary)[0], ":") {
			t.Errorf("%s: a summary starts with a capital", d.Error())
		}
		if strings.HasSuffix(d.Summary, ".") {
			t.Errorf("%s: a summary ends without a full stop", d.Error())
		}
	}
	sort.Strings(out)
	return out
}

// TestInvalid loads each configuration of testdata/invalid and compares
// its diagnostics with the markers in it.
func TestInvalid(t *testing.T) {
	paths, _ := filepath.Glob("testdata/invalid/*")
	if len(paths) == 0 {
		t.Fatal("no fixtures")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f := loadFixture(t, path)
			cfg, diags := lang.Load(f.opts)
			got := f.got(t, cfg, diags)
			if strings.Join(got, "\n") != strings.Join(f.expect, "\n") {
				t.Errorf("diagnostics differ\n--- want\n%s\n--- got\n%s\n--- in full\n%s",
					strings.Join(f.expect, "\n"), strings.Join(got, "\n"), render(diags))
			}
			if len(f.expect) == 0 {
				t.Errorf("an invalid fixture marks no diagnostic")
			}
		})
	}
}

// TestValid compiles each configuration of testdata/valid and compares
// the result with its golden JSON (IAMC_UPDATE=1 rewrites them).
func TestValid(t *testing.T) {
	paths, _ := filepath.Glob("testdata/valid/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no fixtures")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f := loadFixture(t, path)
			cfg, diags := lang.Load(f.opts)
			got := f.got(t, cfg, diags)
			if strings.Join(got, "\n") != strings.Join(f.expect, "\n") {
				t.Fatalf("diagnostics differ\n--- want\n%s\n--- got\n%s\n--- in full\n%s",
					strings.Join(f.expect, "\n"), strings.Join(got, "\n"), render(diags))
			}
			out := golden(t, f, cfg)
			want := strings.TrimSuffix(path, ".txtar") + ".json"
			if os.Getenv("IAMC_UPDATE") == "1" {
				if err := os.WriteFile(want, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			data, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run with IAMC_UPDATE=1 to write it)", err)
			}
			if !bytes.Equal(data, out) {
				t.Errorf("the compiled configuration differs from %s (IAMC_UPDATE=1 rewrites it):\n%s", want, out)
			}
		})
	}
}

// golden renders what a load compiled: the account, scope, quotas and
// declarations.
func golden(t *testing.T, f *fixture, cfg *lang.Config) []byte {
	t.Helper()
	decls := map[string]string{}
	for addr, r := range cfg.Declarations {
		rel, _ := filepath.Rel(f.dir, r.Filename)
		decls[addr.String()] = fmt.Sprintf("%s:%d,%d", rel, r.Start.Line, r.Start.Column)
	}
	out, err := json.MarshalIndent(struct {
		Account           any               `json:"account"`
		DeclaredAccountID string            `json:"declared_account_id,omitempty"`
		Scope             any               `json:"scope"`
		ScopeDeclared     bool              `json:"scope_declared"`
		Quotas            any               `json:"quotas"`
		Declarations      map[string]string `json:"declarations"`
	}{cfg.Account, cfg.DeclaredAccountID, cfg.Scope, cfg.ScopeDeclared, cfg.Quotas, decls}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func render(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s\n    %s\n", d.Error(), d.Detail)
	}
	return b.String()
}
