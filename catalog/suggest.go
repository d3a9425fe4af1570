package catalog

import (
	"slices"
	"strings"

	"github.com/iamc/iamc/internal/wildcard"
)

// SuggestService returns the service prefix closest to prefix, for a
// "did you mean" on an unknown one ("s4" → "s3", "IAM" → "iam"), or "" when
// none is close.
func SuggestService(prefix string) string {
	t := actionTable()
	if e := t.service(prefix); e != nil {
		return e.prefix
	}
	i := closest(prefix, len(t.prefixes), func(i int) string { return t.prefixes[i] })
	if i < 0 {
		return ""
	}
	return t.prefixes[i]
}

// SuggestAction returns the action closest to name, for a "did you mean":
// "s3:GetObjects" → "s3:GetObject", "s4:GetObject" → "s3:GetObject",
// "iam:AssumeRole" → "sts:AssumeRole". A known action gives its canonical
// spelling. For a pattern whose service prefix is unknown it proposes the
// pattern with the closest prefix when that matches something
// ("s4:Get*" → "s3:Get*"). It returns "" when nothing is close.
func SuggestAction(name string) string {
	prefix, act, ok := strings.Cut(name, ":")
	if !ok || prefix == "" || act == "" {
		return ""
	}
	t := actionTable()
	e := t.service(prefix)
	if e == nil {
		if p := SuggestService(prefix); p != "" {
			e = t.service(p)
		}
	}
	if wildcard.Has(act) {
		if e != nil && e.prefix != prefix && len(MatchActions(e.prefix+":"+act)) > 0 {
			return e.prefix + ":" + act
		}
		return ""
	}
	// A near miss within the service wins; then the same name in another
	// service ("iam:AssumeRole"); then a farther miss within the service.
	var near string
	if e != nil {
		d := t.load(e)
		plen := len(e.prefix)
		if i := closest(act, len(d.actions), func(i int) string { return d.actions[i].name(plen) }); i >= 0 {
			near = d.actions[i].full
			if distance(act, d.actions[i].name(plen), 1) <= 1 {
				return near
			}
		}
	}
	if other := t.elsewhere(prefix, act); other != "" {
		return other
	}
	return near
}

// elsewhere finds act (any case) in a service other than prefix: the only
// one that has it, or among several the one whose prefix is closest to
// prefix ("" on a tie). It decodes every service, once; it serves error
// messages only.
func (t *actionIndex) elsewhere(prefix, act string) string {
	best, bestDist, tie := "", -1, false
	for i := range t.services {
		e := &t.services[i]
		if wildcard.Compare(e.prefix, prefix) == 0 {
			continue
		}
		d := t.load(e)
		j, ok := slices.BinarySearchFunc(d.actions, act, func(a actionEntry, x string) int {
			return wildcard.Compare(a.name(len(e.prefix)), x)
		})
		if !ok {
			continue
		}
		dist := distance(prefix, e.prefix, len(prefix)+len(e.prefix))
		switch {
		case bestDist < 0 || dist < bestDist:
			best, bestDist, tie = d.actions[j].full, dist, false
		case dist == bestDist:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// maxDistance is how far (in edits) a suggestion may be from a word of n
// bytes: a quarter of its length, at least 1 and at most 3.
func maxDistance(n int) int {
	return min(max(n/4, 1), 3)
}

// closest returns the index of the candidate nearest to word (by
// distance, ties to the lowest index) within maxDistance, or -1; nothing
// is near an empty word.
func closest(word string, n int, candidate func(int) string) int {
	if word == "" {
		return -1
	}
	limit := maxDistance(len(word))
	best, bestDist := -1, limit+1
	for i := 0; i < n; i++ {
		c := candidate(i)
		if d := len(c) - len(word); d >= bestDist || -d >= bestDist {
			continue
		}
		if d := distance(word, c, bestDist-1); d < bestDist {
			best, bestDist = i, d
			if d == 0 {
				break
			}
		}
	}
	return best
}

// distance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of adjacent
// bytes, each costing 1), comparing ASCII letters without regard to case.
// Once it knows the distance exceeds limit it stops and returns limit+1.
func distance(a, b string, limit int) int {
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
		bj := wildcard.Fold(b[j-1])
		for i := 1; i <= len(a); i++ {
			ai := wildcard.Fold(a[i-1])
			cost := 1
			if ai == bj {
				cost = 0
			}
			v := min(prev[i]+1, cur[i-1]+1, prev[i-1]+cost)
			if i > 1 && j > 1 && ai == wildcard.Fold(b[j-2]) && wildcard.Fold(a[i-2]) == bj {
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
