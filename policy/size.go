package policy

import (
	"unicode"
	"unicode/utf8"
)

// Size is the document's size as IAM counts it against its quotas: the
// characters of the canonical JSON iamc sends, white space excluded.
func Size(d *Document) int {
	return countNonSpace(Canonical(d))
}

// SizeOfJSON is the size as IAM counts it of a document's JSON text: its
// characters, white space excluded.
func SizeOfJSON(s string) int {
	return countNonSpace(s)
}

// countNonSpace counts the characters of s that are not white space. ASCII,
// nearly all of a policy, is counted byte by byte.
func countNonSpace[T ~string | ~[]byte](s T) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\t', '\n', '\v', '\f', '\r':
			default:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if !unicode.IsSpace(r) {
			n++
		}
		i += size
	}
	return n
}
