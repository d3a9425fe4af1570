package memory

import (
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/iamc/iamc/internal/jsonstr"
)

// reader reads the JSON grammar for decodeFile: objects and arrays walked
// with callbacks, strings, whole numbers, booleans and times, each as
// encoding/json reads them. The first error stops it; later calls do
// nothing.
type reader struct {
	data []byte
	// text is data as a string: strings without escapes are slices of it,
	// which saves an allocation per string (the state keeps the file's
	// text alive, about its own size).
	text string
	pos  int
	err  error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		line, col := lineColumn(r.data, r.pos)
		r.err = fmt.Errorf("line %d, column %d: %s", line, col, fmt.Sprintf(format, args...))
	}
	r.pos = len(r.data) // stop
}

// lineColumn returns the line and the column, in characters, both from 1,
// of byte pos of data.
func lineColumn(data []byte, pos int) (line, col int) {
	pos = min(max(pos, 0), len(data))
	line, start := 1, 0
	for i := 0; i < pos; i++ {
		if data[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, 1 + utf8.RuneCount(data[start:pos])
}

func (r *reader) unknown(key []byte) { r.fail("unknown field %q", key) }

func (r *reader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// next skips white space and returns the next byte, 0 at the end.
func (r *reader) next() byte {
	r.ws()
	if r.pos >= len(r.data) {
		return 0
	}
	return r.data[r.pos]
}

func (r *reader) expect(c byte) bool {
	if r.next() != c {
		if r.pos >= len(r.data) {
			r.fail("unexpected end of the file, want %q", c)
		} else {
			r.fail("found %q, want %q", r.data[r.pos], c)
		}
		return false
	}
	r.pos++
	return true
}

// literal consumes word (true, false, null) if it is next.
func (r *reader) literal(word string) bool {
	r.ws()
	if len(r.data)-r.pos >= len(word) && string(r.data[r.pos:r.pos+len(word)]) == word {
		r.pos += len(word)
		return true
	}
	return false
}

// null consumes a null if one is next.
func (r *reader) null() bool { return r.err == nil && r.literal("null") }

// object reads an object, calling fn for each member with the key read
// and the reader at the member's value, which fn must read. A key given
// twice is an error.
func (r *reader) object(fn func(key []byte)) {
	if !r.expect('{') {
		return
	}
	var seenBuf [24][]byte
	seen := seenBuf[:0]
	if r.next() == '}' {
		r.pos++
		return
	}
	for r.err == nil {
		if r.next() != '"' {
			r.fail("want a field name")
			return
		}
		key := r.rawKey()
		for _, k := range seen {
			if string(k) == string(key) {
				r.fail("field %q appears twice", key)
				return
			}
		}
		seen = append(seen, key)
		if !r.expect(':') {
			return
		}
		fn(key)
		if r.err != nil {
			return
		}
		switch r.next() {
		case ',':
			r.pos++
		case '}':
			r.pos++
			return
		default:
			r.fail("want , or } after a field")
			return
		}
	}
}

// rawKey reads a field name, as bytes when it has no escapes.
func (r *reader) rawKey() []byte {
	start := r.pos + 1
	for i := start; i < len(r.data); i++ {
		c := r.data[i]
		if c == '"' {
			r.pos = i + 1
			return r.data[start:i]
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
	}
	return []byte(r.str())
}

// array reads an array, calling fn at each element, which fn must read.
func (r *reader) array(fn func()) {
	if !r.expect('[') {
		return
	}
	if r.next() == ']' {
		r.pos++
		return
	}
	for r.err == nil {
		fn()
		if r.err != nil {
			return
		}
		switch r.next() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			return
		default:
			r.fail("want , or ] after an element")
			return
		}
	}
}

func (r *reader) bool() bool {
	switch {
	case r.literal("true"):
		return true
	case r.literal("false"), r.literal("null"):
		return false
	}
	r.fail("want true or false")
	return false
}

// time reads a time as encoding/json does (time.Time's UnmarshalJSON on
// the quoted text); null leaves t as it is.
func (r *reader) time(t *time.Time) {
	if r.null() {
		return
	}
	if r.next() != '"' {
		r.fail("want a time as a string")
		return
	}
	start := r.pos
	r.str()
	if r.err != nil {
		return
	}
	if err := t.UnmarshalJSON(r.data[start:r.pos]); err != nil {
		r.pos = start
		r.fail("%v", err)
	}
}

// number reads the text of a JSON number.
func (r *reader) number() string {
	r.ws()
	start := r.pos
	i := r.pos
	if i < len(r.data) && r.data[i] == '-' {
		i++
	}
	switch {
	case i < len(r.data) && r.data[i] == '0':
		i++
	case i < len(r.data) && r.data[i] >= '1' && r.data[i] <= '9':
		for i < len(r.data) && r.data[i] >= '0' && r.data[i] <= '9' {
			i++
		}
	default:
		r.fail("want a number")
		return ""
	}
	if i < len(r.data) && (r.data[i] == '.' || r.data[i] == 'e' || r.data[i] == 'E') {
		r.fail("want a whole number")
		return ""
	}
	r.pos = i
	return string(r.data[start:i])
}

// int reads a whole number that fits an int (encoding/json's rules: no
// fraction or exponent); null reads as 0.
func (r *reader) int() int {
	if r.null() {
		return 0
	}
	s := r.number()
	if r.err != nil {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, strconv.IntSize)
	if err != nil || n < math.MinInt || n > math.MaxInt {
		r.fail("number %s out of range", s)
		return 0
	}
	return int(n)
}

func (r *reader) uint64() uint64 {
	if r.null() {
		return 0
	}
	s := r.number()
	if r.err != nil {
		return 0
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		r.fail("number %s out of range", s)
		return 0
	}
	return n
}

// str reads a string as encoding/json does: escapes decoded, invalid
// UTF-8 and lone surrogates replaced by U+FFFD; null reads as "".
func (r *reader) str() string {
	if r.null() {
		return ""
	}
	if r.next() != '"' {
		r.fail("want a string")
		return ""
	}
	start := r.pos + 1
	// Fast path: plain ASCII without escapes.
	for i := start; i < len(r.data); i++ {
		c := r.data[i]
		if c == '"' {
			r.pos = i + 1
			return r.text[start:i]
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
	}
	return r.slowString(start)
}

func (r *reader) slowString(start int) string {
	// The decoded string is at most as long as its JSON text: allocate
	// once.
	n := start
	for n < len(r.data) && r.data[n] != '"' {
		if r.data[n] == '\\' {
			n++
		}
		n++
	}
	buf, end, _, err := jsonstr.Unquote(make([]byte, 0, min(n, len(r.data))-start), r.data, start)
	r.pos = end
	if err != nil {
		r.fail("%s", err.Reason)
		return ""
	}
	return string(buf)
}
