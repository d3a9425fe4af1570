package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/iamc/iamc/lang"
)

// snippetSources are files whose lines end in every way hcl's writer
// tells apart: newlines, carriage returns with and without newlines,
// empty lines, no final newline, and characters of several bytes.
var snippetSources = []string{
	"user \"a\" {\n  path = \"/x/\"\n}\n\ngroup \"g\" {\n  members = [user.a]\n}\n",
	"user \"a\" {\r\n  path = \"/x/\"\r\n}\r\n\r\ngroup \"g\" {}",
	"a = 1\rb = 2\r\n\rc = 3\n\n\n",
	"# é ñ 漢字 👩‍👩‍👧\nuser \"ü\" {\n  tags = { k = \"ça\" }\n}",
	"\n\n",
	"x",
	"",
	"\r",
	"locals {\n\tt = \"tab\"\n}\nlocals {}\n",
	"a = \"\xed0\"\nb = \xff\n\xe2\x82\nc = 1\n", // not UTF-8: hcl's clusters may hold a newline
}

// hclText is what hcl's own writer draws for d.
// hclText is what hcl's writer draws, with the two differences iamc
// makes on purpose (sourceLine): characters a terminal acts on are
// escaped, and a line longer than maxSnippetLine, which iamc cuts around
// the diagnostic's place, is replaced by longLine on both sides.
func hclText(t testing.TB, files map[string]*hcl.File, d *hcl.Diagnostic) string {
	t.Helper()
	return asDrawn(rawHCLText(t, files, d), true)
}

func ourText(files map[string]*hcl.File, d *hcl.Diagnostic) string {
	return asDrawn(rawOurText(files, d), false)
}

const longLine = "<a line cut around its subject>"

var snippetLineRE = regexp.MustCompile(`^(\s*\d+: )(.*)$`)

func asDrawn(text string, escape bool) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		m := snippetLineRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		units := displayUnits([]byte(m[2]))
		switch {
		case escape && len(units) > maxSnippetLine, !escape && strings.Contains(m[2], "…"):
			lines[i] = m[1] + longLine
		case escape:
			lines[i] = m[1] + join(units)
		}
	}
	return strings.Join(lines, "\n")
}

func rawHCLText(t testing.TB, files map[string]*hcl.File, d *hcl.Diagnostic) string {
	t.Helper()
	// iamc never shows the values of an expression (they may be large, or
	// come from a file), so hcl is asked to draw without them too.
	c := *d
	c.Expression, c.EvalContext = nil, nil
	d = &c
	var buf bytes.Buffer
	if err := hcl.NewDiagnosticTextWriter(&buf, files, diagWidth, false).WriteDiagnostic(d); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func rawOurText(files map[string]*hcl.File, d *hcl.Diagnostic) string {
	var buf bytes.Buffer
	newSources(files, diagWidth).write(&buf, d)
	return buf.String()
}

// parsed returns src as hcl's parser gives it (its navigation draws the
// ", in ..." of a snippet), or as bare bytes when it does not parse.
func parsed(name string, src []byte) *hcl.File {
	if f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos); f != nil && !diags.HasErrors() {
		return f
	}
	return &hcl.File{Body: hcl.EmptyBody(), Bytes: src}
}

// TestSnippetMatchesHCL draws every range of small files, with and
// without a context range, and compares with hcl's writer byte for byte.
func TestSnippetMatchesHCL(t *testing.T) {
	const detail = "A detail long enough to be wrapped at the fixed width of the diagnostics, which is seventy-eight columns, so that wrapping is compared too."
	for _, src := range snippetSources {
		files := map[string]*hcl.File{"f.iam.hcl": parsed("f.iam.hcl", []byte(src))}
		for start := 0; start <= len(src)+1; start++ {
			for end := start; end <= len(src)+1; end++ {
				subject := hcl.Range{Filename: "f.iam.hcl", Start: hcl.Pos{Line: 1, Column: 1, Byte: start}, End: hcl.Pos{Line: 1, Column: 1, Byte: end}}
				ds := []*hcl.Diagnostic{
					{Severity: hcl.DiagError, Summary: "S", Detail: detail, Subject: &subject},
					{Severity: hcl.DiagWarning, Summary: "S", Subject: &subject, Context: &hcl.Range{Filename: "f.iam.hcl", Start: hcl.Pos{Byte: 0}, End: hcl.Pos{Byte: start}}},
					{Severity: hcl.DiagError, Summary: "S", Subject: &subject, Context: &hcl.Range{Filename: "f.iam.hcl", Start: hcl.Pos{Byte: end}, End: hcl.Pos{Byte: len(src)}}},
				}
				for _, d := range ds {
					if want, got := hclText(t, files, d), ourText(files, d); got != want {
						t.Fatalf("source %q, bytes %d to %d, context %v:\nhcl draws:\n%s\nwe draw:\n%s", src, start, end, d.Context, want, got)
					}
				}
			}
		}
	}
}

// TestSnippetMatchesHCLOnConfigurations compares every diagnostic of the
// invalid configurations of lang's tests, one directory each.
func TestSnippetMatchesHCLOnConfigurations(t *testing.T) {
	fixtures, _ := filepath.Glob("../../lang/testdata/*/*")
	count := 0
	for _, fixture := range fixtures {
		if info, err := os.Stat(fixture); err != nil || info.IsDir() {
			continue // a fuzz corpus, not a configuration
		}
		dir := t.TempDir()
		if strings.HasSuffix(fixture, ".txtar") {
			ar, err := txtar.ParseFile(fixture)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range ar.Files {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f.Name)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		} else {
			data, err := os.ReadFile(fixture)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(fixture)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cfg, diags := lang.Load(lang.Options{Dir: dir})
		if cfg == nil {
			continue
		}
		for _, d := range diags {
			count++
			if want, got := hclText(t, cfg.Files, d), ourText(cfg.Files, d); got != want {
				t.Errorf("%s: hcl draws:\n%s\nwe draw:\n%s", fixture, want, got)
			}
		}
	}
	if count < 100 {
		t.Fatalf("only %d diagnostics were compared", count)
	}
}

func TestSnippetJSONContext(t *testing.T) {
	src := []byte(`{"user": {"a": {"path": "/x/", "tags": {"k": "v"}}}, "group": {"g": {}}}`)
	f, diags := hcljson.Parse(src, "f.iam.json")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files := map[string]*hcl.File{"f.iam.json": f}
	for off := 0; off < len(src); off++ {
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "S", Subject: &hcl.Range{Filename: "f.iam.json", Start: hcl.Pos{Line: 1, Byte: off}, End: hcl.Pos{Line: 1, Byte: off + 1}}}
		if want, got := hclText(t, files, d), ourText(files, d); got != want {
			t.Fatalf("offset %d: hcl draws:\n%s\nwe draw:\n%s", off, want, got)
		}
	}
	// A file whose source is not known.
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "S", Detail: "D.", Subject: &hcl.Range{Filename: "gone.iam.hcl", Start: hcl.Pos{Line: 3}}}
	if want, got := hclText(t, files, d), ourText(files, d); got != want || !strings.Contains(got, "source code not available") {
		t.Fatalf("hcl draws:\n%s\nwe draw:\n%s", want, got)
	}
}

// FuzzSnippet compares the drawing of any range of any source with hcl's.
func FuzzSnippet(f *testing.F) {
	for _, src := range snippetSources {
		f.Add([]byte(src), 0, len(src)/2, 0, len(src))
	}
	f.Fuzz(func(t *testing.T, src []byte, start, end, ctxStart, ctxEnd int) {
		clamp := func(n int) int { return max(0, min(n, len(src)+1)) }
		start, end, ctxStart, ctxEnd = clamp(start), clamp(end), clamp(ctxStart), clamp(ctxEnd)
		if end < start {
			start, end = end, start
		}
		if ctxEnd < ctxStart {
			ctxStart, ctxEnd = ctxEnd, ctxStart
		}
		files := map[string]*hcl.File{"f.iam.hcl": parsed("f.iam.hcl", src)}
		d := &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "S",
			Detail:   string(src),
			Subject:  &hcl.Range{Filename: "f.iam.hcl", Start: hcl.Pos{Line: 1, Byte: start}, End: hcl.Pos{Line: 1, Byte: end}},
			Context:  &hcl.Range{Filename: "f.iam.hcl", Start: hcl.Pos{Byte: ctxStart}, End: hcl.Pos{Byte: ctxEnd}},
		}
		want, got := hclText(t, files, d), ourText(files, d)
		if !utf8.Valid(src) {
			// hcl may fold a newline into a line of bytes that are not
			// UTF-8, and draw it raw; iamc shows it escaped.
			got = strings.ReplaceAll(got, `\n`, "\n")
			want = strings.ReplaceAll(want, `\n`, "\n")
		}
		if got != want {
			t.Fatalf("source %q, bytes %d to %d, context %d to %d:\nhcl draws:\n%q\nwe draw:\n%q", src, start, end, ctxStart, ctxEnd, want, got)
		}
	})
}
