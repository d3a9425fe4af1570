package lang

import "testing"

func TestJSONValueRange(t *testing.T) {
	text := []byte(`{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["a:B", "c:\"D\""], "Resource": "*"},
    {"Effect":"Deny","Action":"x:Y","Condition":{"StringEquals":{"aws:username":["u1", 2, true, null]}}}
  ],
  "Es\u0063aped": {"k": [1, {"n": [] }]}
}`)
	for _, tc := range []struct{ path, want string }{
		{"Statement[0].Action[1]", `"c:\"D\""`},
		{"Statement[0].Action[0]", `"a:B"`},
		{"Statement[1].Action[0]", `"x:Y"`},
		{"Statement[1].Action", `"x:Y"`},
		{"Statement[1].Condition.StringEquals.aws:username[1]", `2`},
		{"Statement[1].Condition.StringEquals.aws:username[3]", `null`},
		{"Statement[1].Condition.StringEquals.aws:username[9]", `["u1", 2, true, null]`},
		{"Statement[0].NotAction", `{"Effect": "Allow", "Action": ["a:B", "c:\"D\""], "Resource": "*"}`},
		{"Version", `"2012-10-17"`},
		{"Escaped.k[1].n", `[]`},
		{"Statement[2]", "[\n    {\"Effect\": \"Allow\", \"Action\": [\"a:B\", \"c:\\\"D\\\"\"], \"Resource\": \"*\"},\n    {\"Effect\":\"Deny\",\"Action\":\"x:Y\",\"Condition\":{\"StringEquals\":{\"aws:username\":[\"u1\", 2, true, null]}}}\n  ]"},
		{"", string(text)},
	} {
		start, end := jsonValueRange(text, tc.path)
		if got := string(text[start:end]); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.path, got, tc.want)
		}
	}
	// Text that is not JSON gives the whole text, or what was found.
	for _, bad := range []string{``, `{`, `{"a": [1, 2`, `"abc`, `{"a" 1}`, `[1,,]`, `}`} {
		start, end := jsonValueRange([]byte(bad), "a[1].b")
		if start < 0 || end > len(bad) || start > end {
			t.Errorf("%q: range %d-%d outside the text", bad, start, end)
		}
	}
}

func TestPosAt(t *testing.T) {
	src := []byte("ab\ncé d\n\nx")
	for _, tc := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {6, 2, 3}, {9, 3, 1}, {10, 4, 1}, {11, 4, 2}, {99, 4, 2}, {-1, 1, 1},
	} {
		p := posAt(src, tc.off)
		if p.Line != tc.line || p.Column != tc.col {
			t.Errorf("posAt(%d) = %d:%d, want %d:%d", tc.off, p.Line, p.Column, tc.line, tc.col)
		}
	}
}

func FuzzJSONValueRange(f *testing.F) {
	f.Add([]byte(`{"Statement":[{"Action":["a","b"]}]}`), "Statement[0].Action[1]")
	f.Add([]byte(`{"a":{"b":[1,{"c":"\"]"}]}}`), "a.b[1].c")
	f.Add([]byte(`[`), "0")
	f.Fuzz(func(t *testing.T, text []byte, path string) {
		start, end := jsonValueRange(text, path)
		if start < 0 || end > len(text) || start > end {
			t.Fatalf("range %d-%d outside a text of %d bytes", start, end, len(text))
		}
	})
}
