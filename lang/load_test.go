package lang_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadDirectory(t *testing.T) {
	for _, tc := range []struct {
		name    string
		files   map[string]string
		dir     string // relative to the temporary directory; "" is the directory itself
		summary string // the one error expected, "" for none
		config  bool   // whether a Config is returned
	}{
		{name: "missing directory", dir: "nope", summary: "Cannot read the configuration directory"},
		{name: "no files", files: map[string]string{"readme.md": "x", "main.tf": "x"}, summary: "No configuration files"},
		{name: "syntax error", files: map[string]string{"a.iam.hcl": "user \"a\" {\n", "b.iam.hcl": "user \"b\" {}\n"}, summary: "Unclosed configuration block", config: true},
		{name: "json syntax error", files: map[string]string{"a.iam.json": "{"}, summary: "Root value must be object", config: true},
		{name: "empty file", files: map[string]string{"a.iam.hcl": ""}, config: true},
		{name: "only other files are skipped", files: map[string]string{"a.iam.hcl": "user \"a\" {}\n", "b.hcl": "garbage {"}, config: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tc.files)
			cfg, diags := lang.Load(lang.Options{Dir: filepath.Join(dir, tc.dir)})
			if (cfg != nil) != tc.config {
				t.Errorf("config returned: %v, want %v", cfg != nil, tc.config)
			}
			switch {
			case tc.summary == "" && diags.HasErrors():
				t.Errorf("unexpected errors: %v", diags)
			case tc.summary != "" && (len(diags) == 0 || diags[0].Summary != tc.summary):
				t.Errorf("diagnostics %v, want one with summary %q", diags, tc.summary)
			}
			if cfg != nil && cfg.Account == nil {
				t.Errorf("a returned Config has an account")
			}
		})
	}
}

// TestAccountID checks which account id the ARNs are built with.
func TestAccountID(t *testing.T) {
	const declared = `iamc { account_id = "111111111111" }
user "a" {}
`
	for _, tc := range []struct {
		name, src, opt, wantID, wantDeclared string
	}{
		{"placeholder", "user \"a\" {}\n", "", lang.PlaceholderAccountID, ""},
		{"declared", declared, "", "111111111111", "111111111111"},
		{"provider wins", declared, "222222222222", "222222222222", "111111111111"},
		{"provider", "user \"a\" {}\n", "222222222222", "222222222222", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string]string{"main.iam.hcl": tc.src})
			cfg, diags := lang.Load(lang.Options{Dir: dir, AccountID: tc.opt})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if cfg.Account.ID != tc.wantID || cfg.DeclaredAccountID != tc.wantDeclared {
				t.Errorf("account %s, declared %q; want %s, %q", cfg.Account.ID, cfg.DeclaredAccountID, tc.wantID, tc.wantDeclared)
			}
			if want := model.UserARN(tc.wantID, "/", "a"); cfg.Account.User("a").ARN != want {
				t.Errorf("ARN %s, want %s", cfg.Account.User("a").ARN, want)
			}
		})
	}
}

// TestAssumeRole checks that iamc { assume_role } reaches the Config.
func TestAssumeRole(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"main.iam.hcl": `variable "role" { default = "iamc" }
iamc {
  account_id  = "111111111111"
  assume_role = "arn:aws:iam::111111111111:role/ci/${var.role}"
}
`})
	cfg, diags := lang.Load(lang.Options{Dir: dir})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if want := "arn:aws:iam::111111111111:role/ci/iamc"; cfg.AssumeRole != want {
		t.Errorf("AssumeRole %q, want %q", cfg.AssumeRole, want)
	}
}

// TestIamcOnly: a load that stops after the iamc block reads its
// assume_role, compiles no entity, and so reports no entity's error.
func TestIamcOnly(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"main.iam.hcl": `variable "role" { default = "iamc" }
iamc {
  account_id  = "111111111111"
  assume_role = "arn:aws:iam::111111111111:role/ci/${var.role}"
}
user "u" {
  groups = [group.missing]
}
`})
	if _, diags := lang.Load(lang.Options{Dir: dir}); !diags.HasErrors() {
		t.Fatal("the whole load reports no error for a missing group")
	}
	cfg, diags := lang.Load(lang.Options{Dir: dir, IamcOnly: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if want := "arn:aws:iam::111111111111:role/ci/iamc"; cfg.AssumeRole != want {
		t.Errorf("AssumeRole %q, want %q", cfg.AssumeRole, want)
	}
	if len(cfg.Account.Users) != 0 {
		t.Errorf("%d users compiled", len(cfg.Account.Users))
	}
}

// TestDiagnosticsSorted checks that diagnostics come sorted by file, line
// and column, whatever order the files and checks produce them in.
func TestDiagnosticsSorted(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"b.iam.hcl": "user \"b\" {\n  groups = [group.x]\n  path = \"bad\"\n}\n",
		"a.iam.hcl": "group \"g\" {\n  members = [user.y, user.z]\n}\n",
	})
	_, diags := lang.Load(lang.Options{Dir: dir})
	if len(diags) != 4 {
		t.Fatalf("got %d diagnostics, want 4: %v", len(diags), diags)
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%s:%d:%d", filepath.Base(d.Subject.Filename), d.Subject.Start.Line, d.Subject.Start.Column))
	}
	want := "a.iam.hcl:2:14 a.iam.hcl:2:22 b.iam.hcl:2:13 b.iam.hcl:3:10"
	if strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}

func TestFormat(t *testing.T) {
	src := "user \"a\" {\npath=\"/\"\n  groups   =   [group.g]\n}\n"
	want := "user \"a\" {\n  path   = \"/\"\n  groups = [group.g]\n}\n"
	out, diags := lang.Format("a.iam.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if string(out) != want {
		t.Errorf("Format:\n%s\nwant:\n%s", out, want)
	}
	again, _ := lang.Format("a.iam.hcl", out)
	if string(again) != string(out) {
		t.Errorf("Format is not idempotent")
	}
	if _, diags := lang.Format("b.iam.hcl", []byte("user \"a\" {")); !diags.HasErrors() {
		t.Errorf("Format accepted a file that does not parse")
	} else if d := diags[0]; d.Subject == nil || d.Subject.Filename != "b.iam.hcl" {
		t.Errorf("syntax error without its place: %v", d)
	}
}

// FuzzLoad loads any file as a configuration: it must never panic, and
// every diagnostic must have a place in the file or none.
// maxFuzzLoadInput bounds FuzzLoad's inputs: every construct it explores
// fits, and larger inputs only make executions slower.
const maxFuzzLoadInput = 4096

func FuzzLoad(f *testing.F) {
	// The seeds are the invalid fixtures but those built to take long
	// (limits.iam.hcl makes strings of 16 MiB on purpose): an execution
	// must take milliseconds, or the fuzzer, which minimizes every new
	// input by running it again and again, makes no progress.
	seeds, _ := filepath.Glob("testdata/invalid/*.iam.hcl")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err == nil && filepath.Base(s) != "limits.iam.hcl" && len(data) <= maxFuzzLoadInput {
			f.Add(data)
		}
	}
	f.Add([]byte("user \"a\" { for_each = toset([\"x\"])\n groups = [group.g[each.key]] }\ngroup \"g\" { for_each = user.a }\n"))
	f.Add([]byte("locals { a = local.a }\n"))
	f.Add([]byte("policy \"p\" { document = \"{}\" }\n"))
	f.Add([]byte(`{"user": {"a": {"groups": ["group.g"]}}, "group": {"g": {}}}`))
	f.Add([]byte(`[{"policy": {"p": {"statement": [{"actions": ["s3:GetObject"], "resources": ["*"]}]}}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzLoadInput {
			t.Skip("larger than the inputs this fuzzer explores")
		}
		dir := t.TempDir()
		// Inputs that look like JSON are loaded as HCL's JSON syntax too.
		name := "fuzz.iam.hcl"
		if len(data) > 0 && (data[0] == '{' || data[0] == '[') {
			name = "fuzz.iam.json"
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		// An input Load gets stuck on is a bug: no configuration of this
		// size may take seconds.
		stuck := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("Load took more than 10 s on %q", data)) })
		cfg, diags := lang.Load(lang.Options{Dir: dir, Vars: []string{"x=1"}})
		stuck.Stop()
		if cfg == nil {
			t.Fatalf("no Config for a directory with a file: %v", diags)
		}
		for _, d := range diags {
			if d.Subject == nil {
				continue
			}
			if f := cfg.Files[d.Subject.Filename]; f == nil || !d.Subject.CanSliceBytes(f.Bytes) {
				if d.Severity == hcl.DiagError && d.Subject.Filename != "" && !strings.HasPrefix(d.Subject.Filename, "<") {
					t.Errorf("diagnostic outside its file: %v", d)
				}
			}
		}
	})
}

// TestPolicyOfAnotherAccount checks what is said of a customer policy's
// ARN naming an account other than the configuration's: an error when
// the account id is known; without it, the account is checked for its
// form only, and an undeclared policy inside the scope is explained both
// ways.
func TestPolicyOfAnotherAccount(t *testing.T) {
	const src = `iamc { manage = ["/team/"] }
group "g" {
  path     = "/team/"
  policies = [%q]
}
`
	for _, tc := range []struct {
		name, arn, accountID string
		summary              string   // "" for no error
		detail               []string // in the detail
	}{
		{"known account", "arn:aws:iam::999999999999:policy/team/other", "111111111111",
			"Policy of another account", []string{`belongs to account 999999999999`, `IAM attaches only this account's (111111111111) customer managed policies and AWS managed policies`}},
		{"unknown account, inside the scope", "arn:aws:iam::999999999999:policy/team/other", "",
			"Reference to undeclared policy", []string{`No policy called "other" is declared.`, "999999999999 is checked for its form only", "If it is another account: IAM attaches only this account's customer managed policies and AWS managed policies.", `If it is this account: the path "/team/" is inside the paths`}},
		{"unknown account, outside the scope", "arn:aws:iam::999999999999:policy/elsewhere/other", "", "", nil},
		{"the account's own id", "arn:aws:iam::111111111111:policy/team/other", "111111111111",
			"Reference to undeclared policy", []string{`No policy called "other" is declared, and its path "/team/" is inside the paths`}},
		{"the account's own id, outside the scope", "arn:aws:iam::111111111111:policy/elsewhere/other", "111111111111", "", nil},
		{"malformed account", "arn:aws:iam::99999:policy/other", "",
			"Invalid policy ARN", []string{"not 12 digits"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string]string{"main.iam.hcl": fmt.Sprintf(src, tc.arn)})
			_, diags := lang.Load(lang.Options{Dir: dir, AccountID: tc.accountID})
			if tc.summary == "" {
				if len(diags) != 0 {
					t.Fatalf("diagnostics %v, want none", diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Summary != tc.summary {
				t.Fatalf("diagnostics %v, want one: %s", diags, tc.summary)
			}
			for _, want := range tc.detail {
				if !strings.Contains(diags[0].Detail, want) {
					t.Errorf("detail %q lacks %q", diags[0].Detail, want)
				}
			}
		})
	}
}

// TestDocumentPositions checks the exact place, and what the detail says,
// of problems in documents given as heredocs and read by file().
func TestDocumentPositions(t *testing.T) {
	const doc = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:GetObjekt"],
      "Resource": "*"
    }
  ]
}
`
	for _, tc := range []struct {
		name   string
		files  map[string]string
		at     string   // FILE:LINE:COL-LINE:COL of the one error
		detail []string // in its detail
		absent []string // not in its detail
	}{
		{"heredoc", map[string]string{"main.iam.hcl": "policy \"p\" {\n  document = <<EOF\n" + doc + "EOF\n}\n"},
			"main.iam.hcl:8:34-8:48", []string{"At Statement[0].Action[1]: "}, []string{"file()"}},
		{"indented heredoc", map[string]string{"main.iam.hcl": "policy \"p\" {\n  document = <<-EOF\n" + indent(doc, "    ") + "  EOF\n}\n"},
			"main.iam.hcl:8:38-8:52", nil, nil},
		{"heredoc with CRLF line ends", map[string]string{"main.iam.hcl": strings.ReplaceAll("policy \"p\" {\n  document = <<EOF\n"+doc+"EOF\n}\n", "\n", "\r\n")},
			"main.iam.hcl:8:34-8:48", nil, nil},
		{"file", map[string]string{"main.iam.hcl": "policy \"p\" {\n  document = file(\"p.json\")\n}\n", "p.json": doc},
			"p.json:6:34-6:48", []string{"(The document is p.json, read by file() at main.iam.hcl:2:14.)"}, nil},
		{"file with a byte order mark", map[string]string{"main.iam.hcl": "policy \"p\" {\n  document = file(\"p.json\")\n}\n", "p.json": "\ufeff" + doc},
			"p.json:6:34-6:48", nil, []string{"ï"}},
		{"file named by a variable", map[string]string{"main.iam.hcl": "variable \"f\" {\n  default = \"p.json\"\n}\npolicy \"p\" {\n  document = file(var.f)\n}\n", "p.json": doc},
			"p.json:6:34-6:48", []string{"read by file() at main.iam.hcl:5:14"}, nil},
		{"file through a local", map[string]string{"main.iam.hcl": "locals {\n  d = file(\"p.json\")\n}\npolicy \"p\" {\n  document = local.d\n}\n", "p.json": doc},
			"main.iam.hcl:5:14-5:21", []string{"At Statement[0].Action[1]: "}, nil},
		{"syntax error in a file", map[string]string{"main.iam.hcl": "policy \"p\" {\n  document = file(\"p.json\")\n}\n", "p.json": strings.Replace(doc, `"*"`, `"*",`, 1)},
			"p.json:8:5-8:6", []string{"not valid JSON: invalid character '}' looking for beginning of object key string, at line 8, column 5 of the document."}, []string{"byte"}},
		{"syntax error in a string", map[string]string{"main.iam.hcl": "policy \"p\" {\n  document = \"{\\\"Version\\\": 1,}\"\n}\n"},
			"main.iam.hcl:2:14-2:33", []string{"at line 1, column 15 of the document."}, []string{"byte"}},
		{"syntax error in a heredoc", map[string]string{"main.iam.hcl": "policy \"p\" {\n  document = <<EOF\n{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}\nEOF\n}\n"},
			"main.iam.hcl:5:3-5:4", []string{"at line 3, column 3 of the document."}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tc.files)
			cfg, diags := lang.Load(lang.Options{Dir: dir})
			if len(diags) != 1 {
				t.Fatalf("diagnostics %v, want one", diags)
			}
			d := diags[0]
			r := d.Subject
			got := fmt.Sprintf("%s:%d:%d-%d:%d", filepath.Base(r.Filename), r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
			if got != tc.at {
				t.Errorf("at %s, want %s (%s)", got, tc.at, d.Detail)
			}
			if f := cfg.Files[r.Filename]; f == nil || !r.CanSliceBytes(f.Bytes) {
				t.Errorf("the subject's file %s is not in Config.Files", r.Filename)
			}
			for _, want := range tc.detail {
				if !strings.Contains(d.Detail, want) {
					t.Errorf("detail %q lacks %q", d.Detail, want)
				}
			}
			for _, not := range tc.absent {
				if strings.Contains(d.Detail, not) {
					t.Errorf("detail %q has %q", d.Detail, not)
				}
			}
		})
	}
}

func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "")
}

// TestInvalidVariableValues checks that a value a variable cannot take
// names the variable, its type and where the value comes from.
func TestInvalidVariableValues(t *testing.T) {
	const src = `variable "n" {
  type = number
}
variable "on" {
  type = bool
}
variable "names" {
  type = list(string)
}
`
	for _, tc := range []struct {
		name    string
		vars    []string
		env     []string
		varFile string // the contents of vars.hcl, given with --var-file
		detail  string
	}{
		{"a word for a number", []string{"n=abc"}, nil, "",
			`The value of --var n must be a number, as variable "n" is of type number; "abc" is not one.`},
		{"a string for a number", []string{`n="abc"`}, nil, "",
			`The value of --var n must be a number, as variable "n" is of type number; "abc" is not one.`},
		{"a word for a bool", []string{"on=yes"}, nil, "",
			`The value of --var on must be true or false, as variable "on" is of type bool; "yes" is not one.`},
		{"broken HCL for a list", []string{"names=[a"}, nil, "",
			`The value of --var names must be a list written in HCL, such as ["a", "b"], as variable "names" is of type list(string); "[a" is not one (`},
		{"the environment", nil, []string{"IAMC_VAR_n=ten"}, "",
			`The value of the environment variable IAMC_VAR_n must be a number, as variable "n" is of type number; "ten" is not one.`},
		{"a variable file", nil, nil, "n = abc\n",
			`The value of n in --var-file `},
		{"a variable file's string", nil, nil, "n = \"many\"\n",
			`must be a number, as variable "n" is of type number; "many" is not one.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string]string{"main.iam.hcl": src})
			opts := lang.Options{Dir: dir, Vars: tc.vars, Environ: tc.env}
			if tc.varFile != "" {
				p := filepath.Join(dir, "vars.hcl")
				write(t, dir, map[string]string{"vars.hcl": tc.varFile})
				opts.VarFiles = []string{p}
			}
			_, diags := lang.Load(opts)
			var found []string
			for _, d := range diags {
				if d.Summary == "Invalid value for variable" {
					found = append(found, d.Detail)
				}
				if d.Summary == "Variables not allowed" {
					t.Errorf("HCL's words about references: %v", d)
				}
			}
			if len(found) != 1 || !strings.Contains(found[0], tc.detail) {
				t.Fatalf("details %q, want one with %q (all: %v)", found, tc.detail, diags)
			}
		})
	}
}

// TestAccountAlias checks the desired alias: nil (not managed) without an
// account block, a pointer to "" (no alias) for alias = null.
func TestAccountAlias(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      *string
	}{
		{"no account block", "user \"a\" {}\n", nil},
		{"an alias", "account {\n  alias = \"acme\"\n}\n", ptr("acme")},
		{"null", "account {\n  alias = null\n}\n", ptr("")},
		{"null from a conditional", "locals {\n  prod = false\n}\naccount {\n  alias = local.prod ? \"acme\" : null\n}\n", ptr("")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string]string{"main.iam.hcl": tc.src})
			cfg, diags := lang.Load(lang.Options{Dir: dir})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got := cfg.Account.Alias
			if (got == nil) != (tc.want == nil) || got != nil && *got != *tc.want {
				t.Errorf("alias %v, want %v", show(got), show(tc.want))
			}
		})
	}
}

func ptr(s string) *string { return &s }

func show(p *string) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", *p)
}
