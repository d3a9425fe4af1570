package catalog

import (
	"strings"
	"sync"

	"github.com/iamc/iamc/internal/wildcard"
)

// legacySet is data/legacy-actions.txt decoded: the names and patterns of
// AWS managed policy documents that match nothing in the action catalog.
type legacySet struct {
	all      []string // as written, sorted case folded
	literals []string // those without wildcards
	patterns []string // those with
}

var legacy = sync.OnceValue(func() *legacySet {
	s := &legacySet{}
	ls := lines{legacyTxt}
	for line, ok := ls.next(); ok; line, ok = ls.next() {
		if line == "" || line[0] == '#' {
			continue
		}
		s.all = append(s.all, line)
		if wildcard.Has(line) {
			s.patterns = append(s.patterns, line)
		} else {
			s.literals = append(s.literals, line)
		}
	}
	return s
})

// LegacyActions lists the legacy actions and patterns: those that AWS's
// own managed policy documents name but the action catalog does not list
// (mostly of retired services such as deeplens or mobilehub, and some of
// current services that the reference no longer or not yet lists).
func LegacyActions() []string {
	return append([]string(nil), legacy().all...)
}

// IsLegacyAction reports whether name, an action or a pattern, is legacy
// (compared without regard to case): it is one of LegacyActions, or a
// legacy pattern covers it ("deeplens:CreateModel" and "deeplens:Get*" by
// "deeplens:*"), or it is a pattern with a literal service prefix that
// matches a legacy action ("mobilehub:List*"). A validator accepts such
// names with a warning rather than rejecting AWS's own documents.
func IsLegacyAction(name string) bool {
	s := legacy()
	for _, p := range s.patterns {
		// The name's own wildcards are text here, so a pattern covers a
		// narrower pattern of its service.
		if wildcard.Match(p, name) {
			return true
		}
	}
	if !wildcard.Has(name) {
		for _, l := range s.literals {
			if strings.EqualFold(l, name) {
				return true
			}
		}
		return false
	}
	if prefix, _, ok := strings.Cut(name, ":"); !ok || wildcard.Has(prefix) {
		return false
	}
	for _, l := range s.literals {
		if wildcard.Match(name, l) {
			return true
		}
	}
	return false
}
