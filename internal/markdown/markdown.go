// Package markdown writes text into Markdown safely: code spans and
// lines of text in which nothing a value holds reads as markup, a line
// break or an HTML tag. The Markdown plan and the Markdown audit use it.
package markdown

import (
	"fmt"
	"strings"
	"unicode"
)

// Code writes s as a Markdown code span, with enough backticks around it.
// Control characters are written as escapes (\n), so that a value cannot
// end the span's paragraph or start lines of its own.
func Code(s string) string {
	s = escapeControls(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || s == "" {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// escaper escapes what Markdown reads as emphasis, code, links, table
// cells and HTML.
var escaper = strings.NewReplacer(`\`, `\\`, "_", `\_`, "*", `\*`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "|", `\|`)

// Escape makes s a line of text that Markdown shows as written: markup
// characters escaped, control characters written as escapes.
func Escape(s string) string { return escaper.Replace(escapeControls(s)) }

// escapeControls writes control characters as Go-style escapes.
func escapeControls(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(c):
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}
