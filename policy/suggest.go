package policy

import (
	"strconv"
	"strings"

	"github.com/agext/levenshtein"
)

// closest returns the candidate that s most likely misspells, or "" when
// none is close: a candidate equal to s but for case wins, else the one at
// the least edit distance (compared without regard to case), if that
// distance is at most a third of its length (and at least 1, at most 3).
func closest(s string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(s, c) {
			return c
		}
	}
	ls := strings.ToLower(s)
	best, bestDist := "", 0
	for _, c := range candidates {
		limit := min(max(len(c)/3, 1), 3)
		d := levenshtein.Distance(ls, strings.ToLower(c), nil)
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// didYouMean is the detail's tail for a suggestion, "" for none.
func didYouMean(suggestion string) string {
	if suggestion == "" {
		return ""
	}
	return " Did you mean " + strconv.Quote(suggestion) + "?"
}
