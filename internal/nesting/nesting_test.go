package nesting

import (
	"strings"
	"testing"
)

func TestHCL(t *testing.T) {
	deep := func(open, close string, n int) string {
		return "x = " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n) + "\n"
	}
	tests := []struct {
		name string
		src  string
		at   int // -1: within the limits
		ops  bool
	}{
		{"flat", "user \"a\" {\n  groups = [group.a-b, group.c]\n}\n", -1, false},
		{"brackets at the limit", deep("[", "]", 8), -1, false},
		{"brackets over", deep("[", "]", 9), 4 + 8, false},
		{"parentheses over", deep("(", ")", 9), 4 + 8, false},
		{"objects over", "x = " + strings.Repeat("{a=", 9) + "1" + strings.Repeat("}", 9), 4 + 8*3, false},
		{"blocks over", strings.Repeat("a {\n", 9) + strings.Repeat("}\n", 9), 34, false},
		{"closed brackets do not add up", strings.Repeat(deep("[", "]", 8), 50), -1, false},
		{"interpolations over", "x = \"" + strings.Repeat("${\"", 5) + strings.Repeat("\"}", 5) + "\"\n", 16, false},
		{"escaped interpolation", "x = \"$${[[[[[[[[[[[[\"\n", -1, false},
		{"brackets in strings and comments", "# [[[[[[[[[[[\n// ((((((((((\n/* {{{{{{{{{{ */\nx = \"[[[[[[[[[[[[\\\"[[[[[[\"\n", -1, false},
		{"heredoc text", "x = <<EOT\n[[[[[[[[[[[[[[[[[[\nEOT\ny = 1\n", -1, false},
		{"heredoc interpolation", "x = <<-EOT\n  ${[[[[[[[[[1]]]]]]]]]}\n  EOT\n", 21, false},
		{"directives", "x = <<EOT\n" + strings.Repeat("%{if true}", 8) + "\nEOT\n", 70, false},
		{"operators chain", "x = 1" + strings.Repeat("+1", 20) + "\n", 5 + 2*15, true},
		{"operators reset per attribute", strings.Repeat("x = 1"+strings.Repeat("+1", 10)+"\n", 10), -1, false},
		{"operators reset per element", "x = [" + strings.Repeat("1+1, ", 40) + "]\n", -1, false},
		{"negations", "x = " + strings.Repeat("!", 16) + "true\n", 4 + 15, true},
		{"dashes in names are not operators", "x = [" + strings.Repeat("a-b-c-d-e.", 20) + "x]\n", -1, false},
		{"exponents are not operators", "x = [1e-5, 2E+3, 1.5e-10, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1, 1e-1]\n", -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := HCL([]byte(tt.src), 8, 15)
			if tt.at < 0 {
				if p != nil {
					t.Fatalf("problem at %d (operators %v), want none", p.Offset, p.Operators)
				}
				return
			}
			if p == nil || p.Offset != tt.at || p.Operators != tt.ops {
				t.Fatalf("problem = %+v, want offset %d, operators %v", p, tt.at, tt.ops)
			}
		})
	}
}

// The scanner is a loop: a million open brackets cost time in proportion.
func TestHCLHuge(t *testing.T) {
	src := []byte("x = " + strings.Repeat("[", 1_000_000))
	if p := HCL(src, 64, 1000); p == nil || p.Offset != 4+64 {
		t.Fatalf("problem = %+v", p)
	}
	src = []byte("x = 1" + strings.Repeat("+1", 1_000_000))
	if p := HCL(src, 64, 1000); p == nil || !p.Operators {
		t.Fatalf("problem = %+v", p)
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		src string
		at  int
	}{
		{`{"a": [1, {"b": [2]}]}`, -1},
		{`[[[[1]]]]`, -1},
		{`[[[[[1]]]]]`, 4},
		{`{"[[[[[[": "]]]]{{{{{{\"[[[["}`, -1},
		{`[{"a":[{"b":[1]}]}]`, 12},
		{strings.Repeat("[1],", 100), -1},
	}
	for _, tt := range tests {
		p := JSON([]byte(tt.src), 4)
		if tt.at < 0 && p != nil || tt.at >= 0 && (p == nil || p.Offset != tt.at) {
			t.Errorf("JSON(%s) = %+v, want %d", tt.src, p, tt.at)
		}
	}
}

func FuzzHCL(f *testing.F) {
	f.Add([]byte("x = <<EOT\n${[[1]]}\nEOT\n"), 4, 10)
	f.Add([]byte("x = \"${\"${1}\"}\" # [[[\n"), 3, 2)
	f.Fuzz(func(t *testing.T, src []byte, depth, ops int) {
		depth, ops = depth%100, ops%100
		if p := HCL(src, depth, ops); p != nil && (p.Offset < 0 || p.Offset >= len(src)) {
			t.Fatalf("offset %d outside the text of %d bytes", p.Offset, len(src))
		}
	})
}
