package catalog

import (
	"slices"
	"strings"

	"github.com/iamc/iamc/internal/spell"
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
	i := spell.Closest(prefix, len(t.prefixes), func(i int) string { return t.prefixes[i] }, spell.QuarterOfWord)
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
		if i := spell.Closest(act, len(d.actions), func(i int) string { return d.actions[i].name(plen) }, spell.QuarterOfWord); i >= 0 {
			near = d.actions[i].full
			if spell.Distance(act, d.actions[i].name(plen), 1) <= 1 {
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
		dist := spell.Distance(prefix, e.prefix, len(prefix)+len(e.prefix))
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
