package iamapi

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"time"
)

// Namespaces of the two APIs served.
const (
	iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"
	stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
)

// xmlw writes the XML of a response, element by element, in exactly the
// shape AWS answers with. Lists are written as AWS's query protocol
// writes them: <Name><member>...</member></Name>.
type xmlw struct {
	b bytes.Buffer
}

func (w *xmlw) open(name string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

func (w *xmlw) close(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// text writes <name>v</name>, escaped.
func (w *xmlw) text(name, v string) {
	w.open(name)
	w.chars(v)
	w.close(name)
}

// chars writes character data, escaped.
func (w *xmlw) chars(v string) { _ = xml.EscapeText(&w.b, []byte(v)) }

// opt writes <name>v</name> unless v is empty.
func (w *xmlw) opt(name, v string) {
	if v != "" {
		w.text(name, v)
	}
}

func (w *xmlw) boolean(name string, v bool) { w.text(name, strconv.FormatBool(v)) }

func (w *xmlw) integer(name string, v int) { w.text(name, strconv.Itoa(v)) }

// date writes a timestamp as IAM does: ISO 8601 in UTC, to the second.
func (w *xmlw) date(name string, t time.Time) {
	w.text(name, t.UTC().Format("2006-01-02T15:04:05Z"))
}

// optDate writes a timestamp unless it is zero.
func (w *xmlw) optDate(name string, t time.Time) {
	if !t.IsZero() {
		w.date(name, t)
	}
}

// doc writes a policy document as IAM returns it: URL-encoded.
func (w *xmlw) doc(name, text string) { w.text(name, encodeDocument(text)) }

// list writes <name><member>..</member>...</name>, calling fn once per
// element (fn writes the member's content).
func (w *xmlw) list(name string, n int, fn func(i int)) {
	w.open(name)
	for i := 0; i < n; i++ {
		w.open("member")
		fn(i)
		w.close("member")
	}
	w.close(name)
}

// strings writes a list of strings.
func (w *xmlw) strings(name string, v []string) {
	w.open(name)
	for _, s := range v {
		w.text("member", s)
	}
	w.close(name)
}

// page writes the IsTruncated and Marker elements of a paginated answer.
func (w *xmlw) page(next string) {
	w.boolean("IsTruncated", next != "")
	w.opt("Marker", next)
}

// encodeDocument URL-encodes a policy document as IAM does (RFC 3986:
// every byte but A-Z a-z 0-9 - _ . ~ becomes %XX, a space is %20).
func encodeDocument(s string) string {
	const hex = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	out := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			out = append(out, c)
			continue
		}
		out = append(out, '%', hex[c>>4], hex[c&15])
	}
	return string(out)
}

func unreserved(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}
