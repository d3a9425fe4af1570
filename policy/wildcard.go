package policy

import "strings"

// hasWildcard reports whether s holds one of IAM's wildcards, * or ?.
func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// matchFold reports whether name matches pattern, where * matches any run
// of characters and ? any one character, compared as IAM compares action
// names: without regard to ASCII case. It backtracks only to the last *,
// so it runs in time linear in the lengths for the patterns IAM sees.
func matchFold(pattern, name string) bool {
	p, n := 0, 0
	star, mark := -1, 0
	for n < len(name) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, n
			p++
		case p < len(pattern) && (pattern[p] == '?' || lowerASCII(pattern[p]) == lowerASCII(name[n])):
			p++
			n++
		case star >= 0:
			p = star + 1
			mark++
			n = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
