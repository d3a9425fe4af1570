package policy

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/iamc/iamc/internal/nesting"
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
// values may be strings, booleans or numbers. Strings may not hold the
// NUL character. An error is a *ParseError, the first one met in the
// text.
func ParseJSON(data []byte) (*Document, error) {
	s := &scanner{data: data}
	d, err := s.document()
	if err == nil {
		if s.peek(); s.pos < len(data) {
			err = s.syntaxError()
		}
	}
	if err == nil {
		return d, nil
	}
	// The scanner stops at the first problem, which may come before a
	// syntax error further on; a text that is not JSON is reported as such,
	// in encoding/json's words (encoding/json walks nesting without
	// recursion limits of its own to fear).
	if !json.Valid(data) {
		var v any
		if serr := json.Unmarshal(data, &v); serr != nil {
			return nil, &ParseError{Msg: "not valid JSON: " + jsonErr(serr)}
		}
	}
	// A document the scanner reads nests only as deep as its grammar
	// (six levels): JSON nested deeper than any text iamc reads is said
	// to be so.
	if p := nesting.JSON(data, nesting.MaxDepth); p != nil {
		return nil, &ParseError{Msg: fmt.Sprintf("arrays and objects nest more than %d deep (at byte %d); iamc reads no deeper JSON", nesting.MaxDepth, p.Offset)}
	}
	if e, ok := err.(*elemError); ok {
		return nil, &ParseError{Path: e.path, Msg: e.msg}
	}
	return nil, err
}

func jsonErr(err error) string {
	if se, ok := err.(*json.SyntaxError); ok {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	return err.Error()
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

// elemError is an element of the wrong type or content, at a path
// relative to the reader that met it; each enclosing reader prefixes its
// own step (within), and ParseJSON makes it a ParseError. Syntax errors
// are ParseErrors from the start, without a path.
type elemError struct{ path, msg string }

func (e *elemError) Error() string { return e.path + ": " + e.msg }

// within prefixes step to the path of an element error.
func within(step string, err error) error {
	if e, ok := err.(*elemError); ok {
		return &elemError{step + e.path, e.msg}
	}
	return err
}

// wrongKind is the error for a value of kind k where another is needed
// (msg names what is needed), or a syntax error where no value starts.
func (s *scanner) wrongKind(k, msg string) error {
	if k == "not a value" {
		return s.syntaxError()
	}
	return &elemError{"", msg + k}
}

func (s *scanner) document() (*Document, error) {
	if k := s.kind(); k != "an object" {
		return nil, s.wrongKind(k, "a policy document must be a JSON object, not ")
	}
	d := &Document{}
	hasStatement := false
	err := s.object(func(key string) error {
		var err error
		switch key {
		case "Version":
			d.Version, err = s.typedStr()
		case "Id":
			d.ID, err = s.typedStr()
		case "Statement":
			hasStatement = true
			err = s.statements(d)
		default:
			err = &elemError{"", fmt.Sprintf("unknown element %q; a policy document has Version, Id and Statement", key)}
		}
		return within(key, err)
	})
	if err != nil {
		return nil, err
	}
	if !hasStatement {
		return nil, &ParseError{Msg: "the document has no Statement"}
	}
	return d, nil
}

func (s *scanner) statements(d *Document) error {
	switch k := s.kind(); k {
	case "an object":
		st, err := s.statement()
		d.Statements = []Statement{st}
		return err
	case "a list":
		d.Statements = make([]Statement, 0, 4)
		return s.array(func(i int) error {
			st, err := s.statement()
			if err != nil {
				return within(index(i), err)
			}
			d.Statements = append(d.Statements, st)
			return nil
		})
	default:
		return s.wrongKind(k, "must be an object or a list of objects, not ")
	}
}

// indexes are the steps of the first list elements, built once.
var indexes = func() (p [16]string) {
	for i := range p {
		p[i] = "[" + strconv.Itoa(i) + "]"
	}
	return p
}()

// index is the path step of list element i: "[i]".
func index(i int) string {
	if i < len(indexes) {
		return indexes[i]
	}
	return "[" + strconv.Itoa(i) + "]"
}

func (s *scanner) statement() (Statement, error) {
	var st Statement
	if k := s.kind(); k != "an object" {
		return st, s.wrongKind(k, "a statement must be a JSON object, not ")
	}
	err := s.object(func(key string) error {
		var err error
		switch key {
		case "Sid":
			st.Sid, err = s.typedStr()
		case "Effect":
			st.Effect, err = s.typedStr()
		case "Action":
			st.Action, err = s.values()
		case "NotAction":
			st.NotAction, err = s.values()
		case "Resource":
			st.Resource, err = s.values()
		case "NotResource":
			st.NotResource, err = s.values()
		case "Principal":
			st.Principal, err = s.principal()
		case "NotPrincipal":
			st.NotPrincipal, err = s.principal()
		case "Condition":
			st.Condition, err = s.conditions()
		default:
			err = &elemError{"", fmt.Sprintf("unknown element %q; a statement has Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition", key)}
		}
		return within("."+key, err)
	})
	return st, err
}

// typedStr reads a string element.
func (s *scanner) typedStr() (string, error) {
	if k := s.kind(); k != "a string" {
		return "", s.wrongKind(k, "must be a string, not ")
	}
	return s.text()
}

// text reads a string, which may not hold NUL.
func (s *scanner) text() (string, error) {
	v, err := s.str()
	if err == errNUL {
		return "", &elemError{"", errNUL.Msg}
	}
	return v, err
}

// key checks an object key that becomes part of the document.
func key(k string) error {
	if strings.IndexByte(k, 0) >= 0 {
		return &elemError{"", errNUL.Msg}
	}
	return nil
}

// values reads the string-or-list value of Action, Resource, their Not
// forms and a principal's identifiers.
func (s *scanner) values() (Values, error) {
	switch k := s.kind(); k {
	case "a string":
		v, err := s.text()
		if err != nil {
			return nil, err
		}
		return Values{v}, nil
	case "a list":
		out := make(Values, 0, 4)
		err := s.array(func(i int) error {
			v, err := s.typedStr()
			if err != nil {
				return within(index(i), err)
			}
			out = append(out, v)
			return nil
		})
		return out, err
	default:
		return nil, s.wrongKind(k, "must be a string or a list of strings, not ")
	}
}

func (s *scanner) principal() (*Principal, error) {
	switch k := s.kind(); k {
	case "a string":
		v, err := s.text()
		if err != nil {
			return nil, err
		}
		if v != "*" {
			return nil, &elemError{"", fmt.Sprintf("a principal given as a string must be \"*\", not %q; use {\"AWS\": %q}", v, v)}
		}
		return &Principal{Wildcard: true}, nil
	case "an object":
		p := &Principal{Entries: map[string][]string{}}
		err := s.object(func(k string) error {
			if err := key(k); err != nil {
				return within("."+k, err)
			}
			v, err := s.values()
			p.Entries[k] = v
			return within("."+k, err)
		})
		return p, err
	default:
		return nil, s.wrongKind(k, "must be \"*\" or an object of principal types, not ")
	}
}

func (s *scanner) conditions() (Conditions, error) {
	if k := s.kind(); k != "an object" {
		return nil, s.wrongKind(k, "must be an object of condition operators, not ")
	}
	c := Conditions{}
	err := s.object(func(op string) error {
		if err := key(op); err != nil {
			return within("."+op, err)
		}
		if k := s.kind(); k != "an object" {
			return within("."+op, s.wrongKind(k, "must be an object of condition keys, not "))
		}
		keys := make(map[string][]string, 1)
		c[op] = keys
		return within("."+op, s.object(func(k string) error {
			if err := key(k); err != nil {
				return within("."+k, err)
			}
			v, err := s.conditionValues()
			keys[k] = v
			return within("."+k, err)
		}))
	})
	return c, err
}

// conditionValues reads a condition key's value: a scalar or a list of
// them.
func (s *scanner) conditionValues() ([]string, error) {
	if s.peek() != '[' {
		v, err := s.conditionValue()
		if err != nil {
			return nil, err
		}
		return []string{v}, nil
	}
	out := make([]string, 0, 2)
	err := s.array(func(i int) error {
		v, err := s.conditionValue()
		if err != nil {
			return within(index(i), err)
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

func (s *scanner) conditionValue() (string, error) {
	v, ok, err := s.scalar()
	switch {
	case err == errNUL:
		return "", &elemError{"", errNUL.Msg}
	case err != nil:
		return "", err
	case !ok:
		return "", s.wrongKind(s.kind(), "a condition value must be a string, boolean or number, not ")
	}
	return v, nil
}

// fold is how IAM compares action names and condition keys.
func fold(s string) string { return strings.ToLower(s) }
