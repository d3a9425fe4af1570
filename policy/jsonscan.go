package policy

import (
	"unicode/utf8"

	"github.com/iamc/iamc/internal/jsonstr"
)

// scanner reads the JSON values of a policy document straight from its
// bytes: ParseJSON runs on every document iamc reads (thousands of them
// in a large account), and decoding into interface values first, as
// encoding/json does, costs several times as much. It accepts exactly
// RFC 8259 JSON, reads strings as encoding/json does (invalid UTF-8 and
// lone surrogates become U+FFFD), and keeps numbers as their text.
type scanner struct {
	data []byte
	pos  int
}

// errSyntax marks malformed JSON. ParseJSON replaces it with
// encoding/json's account of the error, which says where and what.
var errSyntax = &ParseError{Msg: "not valid JSON"}

func (s *scanner) syntaxError() error { return errSyntax }

// ws skips white space.
func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte, 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// expect consumes c after white space.
func (s *scanner) expect(c byte) error {
	if s.peek() != c {
		return s.syntaxError()
	}
	s.pos++
	return nil
}

// kind names the JSON type of the next value, for messages.
func (s *scanner) kind() string {
	switch c := s.peek(); {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "a list"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	}
	return "not a value"
}

// object reads an object, calling member for each key with the scanner
// at the key's value, which member must consume.
func (s *scanner) object(member func(key string) error) error {
	return s.sequence('{', '}', func(int) error {
		if s.peek() != '"' {
			return s.syntaxError()
		}
		// A key with NUL is the member's to judge: keys that become part
		// of the document are checked with key.
		key, err := s.str()
		if err != nil && err != errNUL {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		return member(key)
	})
}

// array reads a list, calling elem with each element's index and the
// scanner at the element, which elem must consume.
func (s *scanner) array(elem func(i int) error) error {
	return s.sequence('[', ']', elem)
}

// sequence reads an object or a list between open and end: items
// separated by commas, item reading each with its index.
func (s *scanner) sequence(open, end byte, item func(i int) error) error {
	if err := s.expect(open); err != nil {
		return err
	}
	if s.peek() == end {
		s.pos++
		return nil
	}
	for i := 0; ; i++ {
		if err := item(i); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case end:
			s.pos++
			return nil
		default:
			return s.syntaxError()
		}
	}
}

// errNUL is returned by str, with the string, for a string holding
// \u0000, which IAM does not accept and iamc uses to mark unknown values;
// the caller gives it a path.
var errNUL = &ParseError{Msg: "holds the NUL character (\\u0000), which IAM does not accept"}

// str reads a string. The common string, without escapes or non-ASCII
// bytes, costs one allocation (none for a few frequent values).
func (s *scanner) str() (string, error) {
	if err := s.expect('"'); err != nil {
		return "", err
	}
	start := s.pos
	for i := start; i < len(s.data); i++ {
		c := s.data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return intern(s.data[start:i]), nil
		case c == '\\' || c >= utf8.RuneSelf:
			return s.slowStr(start)
		case c < 0x20:
			s.pos = i
			return "", s.syntaxError()
		}
	}
	s.pos = len(s.data)
	return "", s.syntaxError()
}

// intern returns frequent strings without allocating.
func intern(b []byte) string {
	switch string(b) {
	case "Allow":
		return "Allow"
	case "Deny":
		return "Deny"
	case "*":
		return "*"
	case Version2012:
		return Version2012
	case "AWS":
		return "AWS"
	case "Service":
		return "Service"
	}
	return string(b)
}

// slowStr reads the rest of a string that has escapes or non-ASCII bytes,
// from start (just after the opening quote).
func (s *scanner) slowStr(start int) (string, error) {
	buf, end, nul, err := jsonstr.Unquote(make([]byte, 0, len(s.data)-start), s.data, start)
	s.pos = end
	if err != nil {
		return "", s.syntaxError()
	}
	if nul {
		return string(buf), errNUL
	}
	return string(buf), nil
}

// scalar reads a condition value: a string, a boolean or a number (kept
// as written), as IAM reads them all as strings. ok is false when the
// next value is of another type, which is left unread.
func (s *scanner) scalar() (v string, ok bool, err error) {
	switch c := s.peek(); {
	case c == '"':
		v, err = s.str()
		return v, true, err
	case c == 't':
		return "true", true, s.literal("true")
	case c == 'f':
		return "false", true, s.literal("false")
	case c == '-' || '0' <= c && c <= '9':
		v, err = s.number()
		return v, true, err
	}
	return "", false, nil
}

func (s *scanner) literal(word string) error {
	for i := 0; i < len(word); i++ {
		if s.pos >= len(s.data) || s.data[s.pos] != word[i] {
			return s.syntaxError()
		}
		s.pos++
	}
	return nil
}

// number reads a JSON number and returns its text.
func (s *scanner) number() (string, error) {
	start := s.pos
	d := s.data
	i := s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	default:
		s.pos = i
		return "", s.syntaxError()
	}
	// digits reads the digits a fraction or an exponent must have.
	digits := func() error {
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			s.pos = i
			return s.syntaxError()
		}
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
		return nil
	}
	if i < len(d) && d[i] == '.' {
		i++
		if err := digits(); err != nil {
			return "", err
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if err := digits(); err != nil {
			return "", err
		}
	}
	s.pos = i
	return string(d[start:i]), nil
}
