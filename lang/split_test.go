package lang

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/iamc/iamc/bench/orggen"
)

// samePieces reports how src's pieces compare with the whole: cut is
// false when splitFile did not cut it or its pieces did not parse
// cleanly (the whole file is then parsed as it is), else the joined file
// must be what hclsyntax makes of the whole, node for node.
func samePieces(t *testing.T, name string, src []byte, size int) (cut bool) {
	t.Helper()
	pieces := splitFile(src, size)
	if pieces == nil {
		return false
	}
	if pieces[0].start != 0 || pieces[len(pieces)-1].end != len(src) {
		t.Fatalf("%s: the pieces do not cover the file: %+v", name, pieces)
	}
	bodies := make([]*hclsyntax.Body, len(pieces))
	decodings := make([]*decoded, len(pieces))
	for i, p := range pieces {
		if i > 0 && p.start != pieces[i-1].end {
			t.Fatalf("%s: the pieces do not follow each other: %+v", name, pieces)
		}
		var diags hcl.Diagnostics
		if bodies[i], diags = parsePiece(src, name, p); diags.HasErrors() {
			return false
		}
		decodings[i] = decodeBody(bodies[i])
	}
	joined, ok := joinPieces(src, bodies)
	if !ok {
		return false
	}
	whole, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s (pieces of %d bytes): the pieces parse cleanly but the whole does not: %v", name, size, diags)
	}
	if !reflect.DeepEqual(joined.Body, whole.Body) {
		t.Fatalf("%s (pieces of %d bytes): the joined pieces are not the whole file's syntax tree", name, size)
	}
	if !reflect.DeepEqual(joinDecoded(joined.Body, decodings), decodeBody(whole.Body)) {
		t.Fatalf("%s (pieces of %d bytes): the joined pieces do not decode as the whole file", name, size)
	}
	for off := 0; off <= len(src); off += 7 {
		type nav interface{ ContextString(int) string }
		if a, b := joined.Nav.(nav).ContextString(off), whole.Nav.(nav).ContextString(off); a != b {
			t.Fatalf("%s: context at %d is %q, the whole file's %q", name, off, a, b)
		}
	}
	return len(pieces) > 1
}

// configurationSources are the native-syntax files of lang's fixtures,
// the examples and a generated organisation.
func configurationSources(t *testing.T) map[string][]byte {
	out := map[string][]byte{}
	paths, _ := filepath.Glob("testdata/*/*")
	more, _ := filepath.Glob("../examples/*/*.iam.hcl")
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if !strings.HasSuffix(p, ".txtar") {
			out[p] = data
			continue
		}
		for _, f := range txtar.Parse(data).Files {
			if strings.HasSuffix(f.Name, ".hcl") {
				out[p+"/"+f.Name] = f.Data
			}
		}
	}
	dir := t.TempDir()
	if err := orggen.Write(dir, orggen.Sizes{Users: 300, Groups: 30, Roles: 60, Policies: 90}, 5); err != nil {
		t.Fatal(err)
	}
	gen, _ := filepath.Glob(filepath.Join(dir, "*.iam.hcl"))
	for _, p := range gen {
		data, _ := os.ReadFile(p)
		out[p] = data
	}
	return out
}

func TestSplitFileJoinsToTheWhole(t *testing.T) {
	cut := 0
	for name, src := range configurationSources(t) {
		for _, size := range []int{1, 100, pieceSize} {
			if samePieces(t, name, src, size) {
				cut++
			}
		}
	}
	if cut < 50 {
		t.Errorf("only %d files were cut in pieces", cut)
	}
}

func TestSplitFile(t *testing.T) {
	tests := []struct {
		name string
		src  string
		cuts []int // where pieces start after the first; nil: not split at all
	}{
		{"blocks", "a {}\nb {}\nc {}\n", []int{5, 10}},
		{"inside a block", "a {\n  x = 1\n}\nb {}\n", []int{14}},
		{"brackets", "a {\n  x = [\n1,\n]\n}\n", []int{}},
		{"string with a brace", "a {\n  x = \"}\"\n}\nb {}\n", []int{16}},
		{"escaped quote", "a {\n  x = \"\\\"}\"\n}\nb {}\n", []int{18}},
		{"interpolation across lines", "a {\n  x = \"${{\n k = 1\n}.k}\"\n}\nb {}\n", []int{30}},
		{"literal $${", "a {\n  x = \"$${\"\n}\nb {}\n", []int{18}},
		{"directive", "a {\n  x = \"%{if true}y%{endif}\"\n}\nb {}\n", []int{34}},
		{"line comments", "# }\na {} // {\n/* {\n */ b {}\n", []int{4, 14}},
		{"comment with a quote", "# \"\na {}\nb {}\n", []int{4, 9}},
		{"crlf", "a {}\r\nb {}\r\n", []int{6}},
		{"heredoc", "a {\n  x = <<EOT\n}\nEOT\n}\n", nil},
		{"unclosed string", "a {\n  x = \"\n}\n", nil},
		{"unclosed comment", "a {}\n/* x\n", nil},
		{"unbalanced", "a {}\n}\nb {}\n", nil},
		{"carriage return alone", "a {}\rb {}\n", nil},
		{"byte order mark inside", "a {}\n\xef\xbb\xbfb {}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pieces := splitFile([]byte(tt.src), 1)
			if tt.cuts == nil {
				if pieces != nil {
					t.Fatalf("cut into %+v, want not cut", pieces)
				}
				return
			}
			got := []int{}
			for _, p := range pieces[1:] {
				got = append(got, p.start)
			}
			if !reflect.DeepEqual(got, tt.cuts) {
				t.Fatalf("pieces %+v, want cuts at %v", pieces, tt.cuts)
			}
			samePieces(t, tt.name, []byte(tt.src), 1)
		})
	}
}

// FuzzSplitFile: whatever the source, pieces that parse cleanly join to
// exactly what hclsyntax makes of the whole file.
func FuzzSplitFile(f *testing.F) {
	for _, src := range []string{
		"a {}\nb {}\n",
		"user \"x\" {\n  tags = { a = \"${var.x}\" }\n}\n# c\ngroup \"g\" {\n}\n",
		"a {\n  x = \"${{\n k = 1\n}.k}\"\n}\nb {}\n",
		"locals {\n  l = [for x in [1,2] : x if x > 1]\n}\n/* a\n*/\nb \"c\" \"d\" {}\n",
	} {
		f.Add([]byte(src), 1)
	}
	f.Fuzz(func(t *testing.T, src []byte, size int) {
		samePieces(t, "f.iam.hcl", src, max(size, 1))
	})
}
