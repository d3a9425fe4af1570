package jsonstr

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Error is what is wrong with a JSON string, and where.
type Error struct {
	Offset int    // byte offset in the data of the offending text
	Reason string // "control character", "bad \\u escape", ...
}

func (e *Error) Error() string { return e.Reason }

// Unquote decodes the JSON string whose text starts at data[start], just
// after its opening quote, appending the decoded string to dst. It
// returns the extended dst, the offset just after the closing quote, and
// whether the string holds U+0000 (written \u0000), which IAM refuses and
// iamc uses to mark unknown values.
func Unquote(dst, data []byte, start int) (out []byte, end int, hasNUL bool, err *Error) {
	for i := start; i < len(data); {
		c := data[i]
		switch {
		case c == '"':
			return dst, i + 1, hasNUL, nil
		case c < 0x20:
			return dst, i, hasNUL, &Error{Offset: i, Reason: "control character " + strconv.QuoteRune(rune(c)) + " in a string"}
		case c < utf8.RuneSelf && c != '\\':
			dst = append(dst, c)
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			} else {
				dst = append(dst, data[i:i+size]...)
			}
			i += size
		default: // a backslash
			if i+1 >= len(data) {
				return dst, i, hasNUL, &Error{Offset: i, Reason: "unterminated string"}
			}
			e := data[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				dst = append(dst, e)
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				r, ok := hex4(data, i)
				if !ok {
					return dst, i, hasNUL, &Error{Offset: i, Reason: `bad \u escape`}
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2, ok := rune(-1), false
					if i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						r2, ok = hex4(data, i+2)
					}
					if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				if r == 0 {
					hasNUL = true
				}
				dst = utf8.AppendRune(dst, r)
			default:
				return dst, i - 1, hasNUL, &Error{Offset: i - 1, Reason: `bad escape \` + string(rune(e))}
			}
		}
	}
	return dst, len(data), hasNUL, &Error{Offset: len(data), Reason: "unterminated string"}
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
