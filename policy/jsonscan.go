package policy

import (
	"unicode/utf16"
	"unicode/utf8"
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
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for {
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
		if err := member(key); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		default:
			return s.syntaxError()
		}
	}
}

// array reads a list, calling elem with each element's index and the
// scanner at the element, which elem must consume.
func (s *scanner) array(elem func(i int) error) error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.peek() == ']' {
		s.pos++
		return nil
	}
	for i := 0; ; i++ {
		if err := elem(i); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
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
	buf := make([]byte, 0, len(s.data)-start)
	nul := false
	for i := start; i < len(s.data); {
		c := s.data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			if nul {
				return string(buf), errNUL
			}
			return string(buf), nil
		case c < 0x20:
			s.pos = i
			return "", s.syntaxError()
		case c < utf8.RuneSelf && c != '\\':
			buf = append(buf, c)
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s.data[i:])
			if r == utf8.RuneError && size == 1 {
				buf = utf8.AppendRune(buf, utf8.RuneError)
			} else {
				buf = append(buf, s.data[i:i+size]...)
			}
			i += size
		default: // a backslash
			if i+1 >= len(s.data) {
				s.pos = len(s.data)
				return "", s.syntaxError()
			}
			e := s.data[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := hex4(s.data, i)
				if !ok {
					s.pos = i
					return "", s.syntaxError()
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2, ok := rune(-1), false
					if i+1 < len(s.data) && s.data[i] == '\\' && s.data[i+1] == 'u' {
						r2, ok = hex4(s.data, i+2)
					}
					if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				if r == 0 {
					nul = true
				}
				buf = utf8.AppendRune(buf, r)
			default:
				s.pos = i - 1
				return "", s.syntaxError()
			}
		}
	}
	s.pos = len(s.data)
	return "", s.syntaxError()
}

// hex4 reads the four hexadecimal digits of a \u escape at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
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
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			s.pos = i
			return "", s.syntaxError()
		}
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			s.pos = i
			return "", s.syntaxError()
		}
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	}
	s.pos = i
	return string(d[start:i]), nil
}
