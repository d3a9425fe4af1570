package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		path      string // ParseError.Path
		msg       string // in ParseError.Msg
	}{
		{"not JSON", `{"Statement": [`, "", "not valid JSON"},
		{"text after", `{"Statement": []} {}`, "", "after top-level value"},
		{"syntax error after an unknown element", `{"Statements": [}`, "", "not valid JSON"},
		{"a fraction without digits", `{"Statement": [], "X": 1.}`, "", "not valid JSON"},
		{"an exponent without digits", `{"Statement": [], "X": 1e+}`, "", "not valid JSON"},
		{"NUL", `{"Statement": [{"Sid": "a\u0000"}]}`, "Statement[0].Sid", "NUL"},
		{"NUL in a key", `{"Statement": [{"Condition": {"Bool": {"a\u0000": "true"}}}]}`, "Statement[0].Condition.Bool.a\x00", "NUL"},
		{"not an object", `["Statement"]`, "", "must be a JSON object, not a list"},
		{"no statement", `{"Version": "2012-10-17"}`, "", "has no Statement"},
		{"unknown element", `{"Statement": [], "Statements": []}`, "Statements", `unknown element "Statements"`},
		{"version type", `{"Version": 2012, "Statement": []}`, "Version", "must be a string, not a number"},
		{"statement type", `{"Statement": "x"}`, "Statement", "must be an object or a list of objects"},
		{"statement element type", `{"Statement": [{}, 1]}`, "Statement[1]", "a statement must be a JSON object, not a number"},
		{"unknown statement element", `{"Statement": [{"Effect": "Allow", "Actions": "s3:*"}]}`, "Statement[0].Actions", `unknown element "Actions"`},
		{"effect type", `{"Statement": [{"Effect": true}]}`, "Statement[0].Effect", "must be a string, not a boolean"},
		{"action element type", `{"Statement": [{"Action": ["s3:GetObject", 3]}]}`, "Statement[0].Action[1]", "must be a string, not a number"},
		{"resource type", `{"Statement": [{"Resource": {"a": "b"}}]}`, "Statement[0].Resource", "must be a string or a list of strings, not an object"},
		{"principal string", `{"Statement": [{"Principal": "123456789012"}]}`, "Statement[0].Principal", `use {"AWS": "123456789012"}`},
		{"principal type", `{"Statement": [{"Principal": ["*"]}]}`, "Statement[0].Principal", `must be "*" or an object`},
		{"principal identifiers", `{"Statement": [{"Principal": {"AWS": [null]}}]}`, "Statement[0].Principal.AWS[0]", "must be a string, not null"},
		{"condition type", `{"Statement": [{"Condition": []}]}`, "Statement[0].Condition", "must be an object of condition operators"},
		{"condition keys type", `{"Statement": [{"Condition": {"Bool": true}}]}`, "Statement[0].Condition.Bool", "must be an object of condition keys"},
		{"condition value type", `{"Statement": [{"Condition": {"StringEquals": {"aws:username": [{"a": 1}]}}}]}`,
			"Statement[0].Condition.StringEquals.aws:username[0]", "a condition value must be a string, boolean or number, not an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseJSON([]byte(tt.doc))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseJSON: %v, want a *ParseError", err)
			}
			if pe.Path != tt.path || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("ParseJSON: path %q, message %q; want path %q, a message with %q", pe.Path, pe.Msg, tt.path, tt.msg)
			}
		})
	}
}

func TestParseJSONValues(t *testing.T) {
	d, err := ParseJSON([]byte(`{"Statement": {"Effect": "Allow", "Action": [], "Resource": "*",
		"Condition": {"NumericLessThan": {"s3:max-keys": [10, 2.5]}, "Bool": {"aws:SecureTransport": false}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	s := d.Statements[0]
	if s.Action == nil || len(s.Action) != 0 {
		t.Errorf("Action [] read as %#v, want an empty non-nil list", s.Action)
	}
	if got := s.Condition["NumericLessThan"]["s3:max-keys"]; len(got) != 2 || got[0] != "10" || got[1] != "2.5" {
		t.Errorf("numbers read as %q", got)
	}
	if got := s.Condition["Bool"]["aws:SecureTransport"]; len(got) != 1 || got[0] != "false" {
		t.Errorf("a boolean read as %q", got)
	}
	if d.Version != "" || d.EffectiveVersion() != VersionOld {
		t.Errorf("Version %q, effective %q; want absent, effective %s", d.Version, d.EffectiveVersion(), VersionOld)
	}
}

func TestParseURLEncoded(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a+b/x y",` +
		`"Condition":{"StringLike":{"s3:prefix":"100%"}}}]}`
	want := MustParse(doc)
	// AWS encodes every reserved character, spaces as %20.
	aws := strings.ReplaceAll(url.QueryEscape(doc), "+", "%20")
	for _, tt := range []struct{ name, in string }{
		{"as AWS encodes", aws},
		{"spaces as plus signs", url.QueryEscape(doc)},
		{"not encoded", doc},
		{"not encoded, indented", "\n  " + doc},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseURLEncoded(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !Equal(d, want) {
				t.Errorf("read %s, want %s", Canonical(d), Canonical(want))
			}
		})
	}
	if _, err := ParseURLEncoded("%7B%zz"); err == nil {
		t.Error("a malformed escape was read without error")
	}
}

// TestWriteString checks the hand-written JSON string writer against
// encoding/json without HTML escaping.
func TestWriteString(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr", "\b\f\x00\x01\x1f\x7f",
		"<html>&amp;", "ünïcödé ☃ 𝄞", "\u2028\u2029", "bad \xff utf-8 \xc3", "${aws:username}",
	} {
		if got, want := jsonString(s), encodingJSON(t, s); got != want {
			t.Errorf("writeString(%q) = %s, want %s", s, got, want)
		}
	}
}

func jsonString(s string) string {
	var b bytes.Buffer
	writeString(&b, s)
	return b.String()
}

func encodingJSON(t testing.TB, s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
