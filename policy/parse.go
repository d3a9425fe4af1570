package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// ParseError is a document that cannot be read, with the JSON path of the
// offending element (Statement[2].Action[0]; "" for the whole document).
type ParseError struct {
	Path string
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// ParseJSON reads an IAM policy document from JSON, as users write it and
// as AWS returns it. Elements may be a single value or a list; condition
// values may be strings, booleans or numbers. An error is a *ParseError.
func ParseJSON(data []byte) (*Document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return nil, &ParseError{Msg: "not valid JSON: " + jsonErr(err)}
	}
	if dec.More() {
		return nil, &ParseError{Msg: "not valid JSON: text after the document"}
	}
	if _, err := dec.Token(); err == nil {
		return nil, &ParseError{Msg: "not valid JSON: text after the document"}
	}
	d, err := fromValue(raw)
	if err == nil && bytes.Contains(data, []byte(`\u0000`)) {
		err = rejectNUL(d)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// ParseURLEncoded reads a document as GetAccountAuthorizationDetails and
// the Get*Policy calls return it: URL-encoded JSON.
// AWS encodes every reserved character, a plus sign as %2B, so a literal
// plus sign can only be an encoded space. A document that is not encoded
// at all (it starts with "{") is read as it is.
func ParseURLEncoded(s string) (*Document, error) {
	if strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "{") {
		return ParseJSON([]byte(s))
	}
	dec, err := url.QueryUnescape(s)
	if err != nil {
		return nil, &ParseError{Msg: "not a URL-encoded document: " + err.Error()}
	}
	return ParseJSON([]byte(dec))
}

// MustParse parses a document that is known to be valid, for tests and
// embedded data. It panics on error.
func MustParse(s string) *Document {
	d, err := ParseJSON([]byte(s))
	if err != nil {
		panic(fmt.Sprintf("policy.MustParse: %v", err))
	}
	return d
}

func jsonErr(err error) string {
	if se, ok := err.(*json.SyntaxError); ok {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	return err.Error()
}

func fromValue(raw any) (*Document, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, &ParseError{Msg: "a policy document must be a JSON object, not " + typeName(raw)}
	}
	d := &Document{}
	for _, k := range sortedKeys(obj) {
		v := obj[k]
		switch k {
		case "Version":
			s, ok := v.(string)
			if !ok {
				return nil, &ParseError{Path: "Version", Msg: "must be a string, not " + typeName(v)}
			}
			d.Version = s
		case "Id":
			s, ok := v.(string)
			if !ok {
				return nil, &ParseError{Path: "Id", Msg: "must be a string, not " + typeName(v)}
			}
			d.ID = s
		case "Statement":
			switch st := v.(type) {
			case map[string]any:
				s, err := statementFrom(st, "Statement")
				if err != nil {
					return nil, err
				}
				d.Statements = []Statement{s}
			case []any:
				d.Statements = make([]Statement, 0, len(st))
				for i, e := range st {
					path := fmt.Sprintf("Statement[%d]", i)
					m, ok := e.(map[string]any)
					if !ok {
						return nil, &ParseError{Path: path, Msg: "a statement must be a JSON object, not " + typeName(e)}
					}
					s, err := statementFrom(m, path)
					if err != nil {
						return nil, err
					}
					d.Statements = append(d.Statements, s)
				}
			default:
				return nil, &ParseError{Path: "Statement", Msg: "must be an object or a list of objects, not " + typeName(v)}
			}
		default:
			return nil, &ParseError{Path: k, Msg: fmt.Sprintf("unknown element %q; a policy document has Version, Id and Statement", k)}
		}
	}
	if _, ok := obj["Statement"]; !ok {
		return nil, &ParseError{Msg: "the document has no Statement"}
	}
	return d, nil
}

// rejectNUL fails on a string that holds the NUL character (written
// \u0000 in JSON): IAM takes none, and iamc uses it to mark values that
// are unknown when HCL is evaluated (see unknownValue). ParseJSON calls it
// only for a text that has the escape, so it may take its time.
func rejectNUL(d *Document) error {
	bad := func(path string, s string) error {
		if strings.IndexByte(s, 0) < 0 {
			return nil
		}
		return &ParseError{Path: path, Msg: "holds the NUL character (\\u0000), which IAM does not accept"}
	}
	list := func(path string, v []string) error {
		for j, s := range v {
			if err := bad(fmt.Sprintf("%s[%d]", path, j), s); err != nil {
				return err
			}
		}
		return nil
	}
	principal := func(path string, p *Principal) error {
		if p == nil {
			return nil
		}
		for _, t := range sortedKeys(p.Entries) {
			ids := p.Entries[t]
			if err := bad(path+"."+t, t); err != nil {
				return err
			}
			if err := list(path+"."+t, ids); err != nil {
				return err
			}
		}
		return nil
	}
	if err := bad("Version", d.Version); err != nil {
		return err
	}
	if err := bad("Id", d.ID); err != nil {
		return err
	}
	for i := range d.Statements {
		s := &d.Statements[i]
		p := fmt.Sprintf("Statement[%d]", i)
		for _, err := range []error{
			bad(p+".Sid", s.Sid), bad(p+".Effect", s.Effect),
			principal(p+".Principal", s.Principal), principal(p+".NotPrincipal", s.NotPrincipal),
			list(p+".Action", s.Action), list(p+".NotAction", s.NotAction),
			list(p+".Resource", s.Resource), list(p+".NotResource", s.NotResource),
		} {
			if err != nil {
				return err
			}
		}
		for _, op := range sortedKeys(s.Condition) {
			keys := s.Condition[op]
			if err := bad(p+".Condition."+op, op); err != nil {
				return err
			}
			for _, k := range sortedKeys(keys) {
				vals := keys[k]
				if err := bad(p+".Condition."+op+"."+k, k); err != nil {
					return err
				}
				if err := list(p+".Condition."+op+"."+k, vals); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func statementFrom(m map[string]any, path string) (Statement, error) {
	var s Statement
	var err error
	for _, k := range sortedKeys(m) {
		v := m[k]
		p := path + "." + k
		switch k {
		case "Sid":
			str, ok := v.(string)
			if !ok {
				return s, &ParseError{Path: p, Msg: "must be a string, not " + typeName(v)}
			}
			s.Sid = str
		case "Effect":
			str, ok := v.(string)
			if !ok {
				return s, &ParseError{Path: p, Msg: "must be a string, not " + typeName(v)}
			}
			s.Effect = str
		case "Action":
			s.Action, err = valuesFrom(v, p)
		case "NotAction":
			s.NotAction, err = valuesFrom(v, p)
		case "Resource":
			s.Resource, err = valuesFrom(v, p)
		case "NotResource":
			s.NotResource, err = valuesFrom(v, p)
		case "Principal":
			s.Principal, err = principalFrom(v, p)
		case "NotPrincipal":
			s.NotPrincipal, err = principalFrom(v, p)
		case "Condition":
			s.Condition, err = conditionsFrom(v, p)
		default:
			return s, &ParseError{Path: p, Msg: fmt.Sprintf("unknown element %q; a statement has Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition", k)}
		}
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

func valuesFrom(v any, path string) (Values, error) {
	switch x := v.(type) {
	case string:
		return Values{x}, nil
	case []any:
		out := make(Values, 0, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, &ParseError{Path: fmt.Sprintf("%s[%d]", path, i), Msg: "must be a string, not " + typeName(e)}
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, &ParseError{Path: path, Msg: "must be a string or a list of strings, not " + typeName(v)}
}

func principalFrom(v any, path string) (*Principal, error) {
	switch x := v.(type) {
	case string:
		if x != "*" {
			return nil, &ParseError{Path: path, Msg: fmt.Sprintf("a principal given as a string must be \"*\", not %q; use {\"AWS\": %q}", x, x)}
		}
		return &Principal{Wildcard: true}, nil
	case map[string]any:
		p := &Principal{Entries: map[string][]string{}}
		for _, k := range sortedKeys(x) {
			vals, err := valuesFrom(x[k], path+"."+k)
			if err != nil {
				return nil, err
			}
			p.Entries[k] = vals
		}
		return p, nil
	}
	return nil, &ParseError{Path: path, Msg: "must be \"*\" or an object of principal types, not " + typeName(v)}
}

func conditionsFrom(v any, path string) (Conditions, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &ParseError{Path: path, Msg: "must be an object of condition operators, not " + typeName(v)}
	}
	c := make(Conditions, len(m))
	for _, op := range sortedKeys(m) {
		keys, ok := m[op].(map[string]any)
		if !ok {
			return nil, &ParseError{Path: path + "." + op, Msg: "must be an object of condition keys, not " + typeName(m[op])}
		}
		km := make(map[string][]string, len(keys))
		for _, k := range sortedKeys(keys) {
			p := path + "." + op + "." + k
			vals, err := conditionValues(keys[k], p)
			if err != nil {
				return nil, err
			}
			km[k] = vals
		}
		c[op] = km
	}
	return c, nil
}

func conditionValues(v any, path string) ([]string, error) {
	scalar := func(e any, p string) (string, error) {
		switch x := e.(type) {
		case string:
			return x, nil
		case bool:
			if x {
				return "true", nil
			}
			return "false", nil
		case json.Number:
			return x.String(), nil
		}
		return "", &ParseError{Path: p, Msg: "a condition value must be a string, boolean or number, not " + typeName(e)}
	}
	if list, ok := v.([]any); ok {
		out := make([]string, 0, len(list))
		for i, e := range list {
			s, err := scalar(e, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, err := scalar(v, path)
	if err != nil {
		return nil, err
	}
	return []string{s}, nil
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number, float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// fold is how IAM compares action names and condition keys.
func fold(s string) string { return strings.ToLower(s) }
