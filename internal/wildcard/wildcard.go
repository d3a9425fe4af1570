package wildcard

// Has reports whether s holds a wildcard character.
func Has(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			return true
		}
	}
	return false
}

// Match reports whether name matches pattern. It runs in time
// proportional to len(pattern)*len(name) at worst and allocates nothing.
func Match(pattern, name string) bool {
	p, n := 0, 0
	star, mark := -1, 0
	for n < len(name) {
		if p < len(pattern) {
			c := pattern[p]
			if c == '*' {
				star, mark = p, n
				p++
				continue
			}
			if c == '?' || Fold(c) == Fold(name[n]) {
				p++
				n++
				continue
			}
		}
		if star < 0 {
			return false
		}
		p = star + 1
		mark++
		n = mark
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// Fold maps an ASCII upper-case letter to lower case and leaves every
// other byte as it is.
func Fold(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Compare orders a and b as strings.Compare orders their lower-cased
// forms (ASCII only), without building them.
func Compare(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		x, y := Fold(a[i]), Fold(b[i])
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}
