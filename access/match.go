package access

import (
	"strings"
	"unicode/utf8"
)

// Patterns are kept in an escaped form: a backslash makes the next
// character literal, so that the characters a policy variable stands for
// (${*}, ${?}, and whatever a context value holds) never act as
// wildcards. escapeLiteral and escapePattern build that form.

// escapeLiteral returns s as a pattern that matches s only.
func escapeLiteral(s string) string {
	if !strings.ContainsAny(s, `*?\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '*', '?', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// escapePattern returns s, in which * and ? are IAM's wildcards, in the
// escaped form: only its backslashes need escaping.
func escapePattern(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return strings.ReplaceAll(s, `\`, `\\`)
}

// unescape returns the literal text of an escaped pattern that holds no
// wildcard: what StringEquals compares.
func unescape(p string) string {
	if !strings.Contains(p, `\`) {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '\\' && i+1 < len(p) {
			i++
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

// glob reports whether s matches the escaped pattern p, where * matches
// any run of characters and ? any one character (a rune, not a byte). It
// backtracks only to the last *, so it runs in time linear in the
// lengths for the patterns policies hold.
func glob(p, s string) bool {
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		if pi < len(p) {
			switch c := p[pi]; {
			case c == '*':
				starP, starS = pi+1, si
				pi++
				continue
			case c == '?':
				_, w := utf8.DecodeRuneInString(s[si:])
				si += w
				pi++
				continue
			case c == '\\' && pi+1 < len(p):
				if s[si] == p[pi+1] {
					pi += 2
					si++
					continue
				}
			case s[si] == c:
				pi++
				si++
				continue
			}
		}
		if starP < 0 {
			return false
		}
		_, w := utf8.DecodeRuneInString(s[starS:])
		starS += w
		si, pi = starS, starP
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// hasWildcard reports whether the escaped pattern p holds an unescaped
// wildcard.
func hasWildcard(p string) bool {
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '*', '?':
			return true
		}
	}
	return false
}

// arnParts is the number of colon-separated parts of an ARN:
// arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, the resource holding any
// further colons.
const arnParts = 6

// arnGlob matches an ARN against an escaped ARN pattern part by part, as
// IAM matches ArnLike: a wildcard stays within its colon-separated part
// (the last part, the resource, runs to the end). A value or pattern that
// is not of six parts does not match.
func arnGlob(p, s string) bool {
	for i := 0; i < arnParts-1; i++ {
		pe, se := strings.IndexByte(p, ':'), strings.IndexByte(s, ':')
		if pe < 0 || se < 0 {
			return false
		}
		if !glob(p[:pe], s[:se]) {
			return false
		}
		p, s = p[pe+1:], s[se+1:]
	}
	return glob(p, s)
}

// resourceMatch matches a request's resource against an escaped Resource
// (or NotResource) pattern: "*" matches every resource, "*" included as a
// literal request resource; an ARN pattern matches an ARN part by part,
// the pattern's last part running to the end of the ARN (so that
// "arn:aws:s3:::*" and "arn:aws:*" cover what they appear to); anything
// else is matched as a whole.
func resourceMatch(p, s string) bool {
	if p == "*" {
		return true
	}
	if !strings.HasPrefix(p, "arn:") || !strings.HasPrefix(s, "arn:") {
		return glob(p, s)
	}
	n := strings.Count(p, ":") + 1
	if n > arnParts {
		n = arnParts
	}
	for i := 1; i < n; i++ {
		pe, se := strings.IndexByte(p, ':'), strings.IndexByte(s, ':')
		if se < 0 || !glob(p[:pe], s[:se]) {
			return false
		}
		p, s = p[pe+1:], s[se+1:]
	}
	return glob(p, s)
}

// lowerASCII lower-cases the ASCII letters of s, as IAM folds action
// names; it allocates only when s has an upper-case letter.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
