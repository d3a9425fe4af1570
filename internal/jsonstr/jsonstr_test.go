package jsonstr

import (
	"encoding/json"
	"testing"
)

func TestUnquote(t *testing.T) {
	tests := []struct {
		text   string // after the opening quote
		want   string
		nul    bool
		reason string // "" when valid
		offset int
	}{
		{text: `abc"`, want: "abc"},
		{text: `a\"b\\c\/d"`, want: `a"b\c/d`},
		{text: `\b\f\n\r\t"`, want: "\b\f\n\r\t"},
		{text: `\u00e9t\u00C9"`, want: "étÉ"},
		{text: `\ud83d\ude00"`, want: "😀"},
		{text: `\ud83dx"`, want: "\uFFFDx"},                     // a lone high surrogate
		{text: `\ude00"`, want: "\uFFFD"},                       // a lone low surrogate
		{text: `\ud83d\u0041"`, want: "\uFFFDA"},                // not a pair: both kept
		{text: "caf\xe9\"", want: "caf\uFFFD"},                  // invalid UTF-8
		{text: `a\u0000b"`, want: "a\x00b", nul: true},          // NUL is reported
		{text: "abc", reason: "unterminated string", offset: 4}, // offsets count the opening quote
		{text: `ab\`, reason: "unterminated string", offset: 3},
		{text: "a\tb\"", reason: `control character '\t' in a string`, offset: 2},
		{text: `\x"`, reason: `bad escape \x`, offset: 2},
		{text: `\u12"`, reason: `bad \u escape`, offset: 3},
		{text: `\u12g4"`, reason: `bad \u escape`, offset: 3},
	}
	for _, tt := range tests {
		data := []byte(`"` + tt.text)
		out, end, nul, err := Unquote([]byte("x"), data, 1)
		if tt.reason != "" {
			if err == nil || err.Reason != tt.reason || err.Offset != tt.offset {
				t.Errorf("Unquote(%q): error %v, want %q at %d", tt.text, err, tt.reason, tt.offset)
			}
			continue
		}
		if err != nil {
			t.Errorf("Unquote(%q): %v", tt.text, err)
			continue
		}
		if string(out) != "x"+tt.want || end != len(data) || nul != tt.nul {
			t.Errorf("Unquote(%q) = %q, %d, %v; want %q, %d, %v", tt.text, out, end, nul, "x"+tt.want, len(data), tt.nul)
		}
	}
}

// FuzzUnquote checks Unquote against encoding/json.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`abc"`, `\ud83d\ude00"`, `\ud83dx"`, "caf\xe9\"", `\u0000"`, `\x"`, `ab\`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		data := append([]byte(`"`), text...)
		out, end, nul, err := Unquote(nil, data, 1)
		var want string
		jerr := json.Unmarshal(data, &want)
		if err == nil && end == len(data) {
			if jerr != nil {
				t.Fatalf("Unquote(%q) = %q, but encoding/json: %v", data, out, jerr)
			}
			if string(out) != want {
				t.Fatalf("Unquote(%q) = %q, encoding/json %q", data, out, want)
			}
			if nul != (len(want) > 0 && containsNUL(want)) {
				t.Fatalf("Unquote(%q): NUL %v", data, nul)
			}
		}
		if jerr == nil && err != nil {
			t.Fatalf("Unquote(%q): %v, but encoding/json reads %q", data, err, want)
		}
		if err != nil && (err.Offset < 1 || err.Offset > len(data)) {
			t.Fatalf("Unquote(%q): offset %d out of the data", data, err.Offset)
		}
	})
}

func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}
