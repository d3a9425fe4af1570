package spell

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// characters, each costing 1, with letters compared without regard to
// case. Strings of ASCII are compared byte by byte without allocating;
// others rune by rune. Once the distance is known to exceed limit,
// Distance stops and returns limit+1.
func Distance(a, b string, limit int) int {
	if isASCII(a) && isASCII(b) {
		return osa([]byte(a), []byte(b), limit)
	}
	return osa(lowerRunes(a), lowerRunes(b), limit)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lowerRunes(s string) []rune {
	r := []rune(s)
	for i, c := range r {
		r[i] = unicode.ToLower(c)
	}
	return r
}

// fold maps an ASCII upper-case letter to lower case (a rune sequence is
// lowered before).
func fold[E byte | rune](c E) E {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func osa[E byte | rune](a, b []E, limit int) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	var buf [3 * 65]int
	var prev2, prev, cur []int
	if n := len(a) + 1; 3*n <= len(buf) {
		prev2, prev, cur = buf[:n], buf[n:2*n], buf[2*n:3*n]
	} else {
		prev2, prev, cur = make([]int, n), make([]int, n), make([]int, n)
	}
	for i := range prev {
		prev[i] = i
	}
	for j := 1; j <= len(b); j++ {
		cur[0] = j
		rowMin := j
		bj := fold(b[j-1])
		for i := 1; i <= len(a); i++ {
			ai := fold(a[i-1])
			cost := 1
			if ai == bj {
				cost = 0
			}
			v := min(prev[i]+1, cur[i-1]+1, prev[i-1]+cost)
			if i > 1 && j > 1 && ai == fold(b[j-2]) && fold(a[i-2]) == bj {
				v = min(v, prev2[i-2]+1)
			}
			cur[i] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(a)], limit+1)
}

// Limit is the largest distance at which candidate may be suggested for
// word.
type Limit func(word, candidate string) int

// QuarterOfWord allows a quarter of the word's length in bytes, at least
// 1 and at most 3: for long lists of long names (actions, managed
// policies), where a short word would otherwise be near too much.
func QuarterOfWord(word, _ string) int { return min(max(len(word)/4, 1), 3) }

// ThirdOfCandidate allows a third of the candidate's length in bytes, at
// least 1 and at most 3: for short lists of keywords (operators,
// principal types).
func ThirdOfCandidate(_, candidate string) int { return min(max(len(candidate)/3, 1), 3) }

// Fixed allows n whatever the lengths, as hcl suggests names.
func Fixed(n int) Limit { return func(string, string) int { return n } }

// Closest returns the index of the candidate, among n, that word most
// likely misspells, or -1 when none is close: the first one equal to word
// (case aside), else the nearest within limit (ties go to the lowest
// index). Nothing is near an empty word.
func Closest(word string, n int, candidate func(int) string, limit Limit) int {
	if word == "" {
		return -1
	}
	best, bestDist := -1, 0
	ascii := isASCII(word)
	for i := 0; i < n; i++ {
		c := candidate(i)
		if strings.EqualFold(c, word) {
			return i
		}
		lim := limit(word, c)
		if best >= 0 {
			lim = min(lim, bestDist-1)
		}
		// Byte lengths this far apart cannot be close (for ASCII, where
		// a byte is a character).
		if d := len(c) - len(word); (d > lim || -d > lim) && ascii && isASCII(c) {
			continue
		}
		if d := Distance(word, c, lim); d <= lim {
			best, bestDist = i, d
		}
	}
	return best
}

// ClosestString is Closest over a list: the candidate, or "".
func ClosestString(word string, candidates []string, limit Limit) string {
	if i := Closest(word, len(candidates), func(i int) string { return candidates[i] }, limit); i >= 0 {
		return candidates[i]
	}
	return ""
}

// DidYouMean is the tail of a message that suggests s, ` Did you mean
// "s"?`, or "" when s is "".
func DidYouMean(s string) string {
	if s == "" {
		return ""
	}
	return " Did you mean " + strconv.Quote(s) + "?"
}
