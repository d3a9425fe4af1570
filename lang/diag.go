package lang

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/internal/spell"
)

// errorAt returns an error diagnostic about the given range.
func errorAt(subject hcl.Range, summary, detail string, args ...any) *hcl.Diagnostic {
	if len(args) > 0 {
		detail = fmt.Sprintf(detail, args...)
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: subject.Ptr()}
}

// warningAt returns a warning diagnostic about the given range.
func warningAt(subject hcl.Range, summary, detail string, args ...any) *hcl.Diagnostic {
	d := errorAt(subject, summary, detail, args...)
	d.Severity = hcl.DiagWarning
	return d
}

// suggest returns the candidate closest to given, for a "did you mean":
// one that differs only in case, else the nearest within an edit distance
// of two (as hcl itself suggests names); given itself is not a
// suggestion. It returns "" when none is close.
func suggest(given string, candidates []string) string {
	others := slices.DeleteFunc(slices.Clone(candidates), func(c string) bool { return c == given })
	return spell.ClosestString(given, others, spell.Fixed(2))
}

// didYouMean returns ` Did you mean "x"?` for the closest candidate, or "".
func didYouMean(given string, candidates []string) string {
	return spell.DidYouMean(suggest(given, candidates))
}

// sortDiagnostics orders diagnostics by file, line and column; those
// without a subject come first. The sort is stable, so diagnostics about
// the same place keep the order in which they were found.
func sortDiagnostics(diags hcl.Diagnostics) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		if a == nil || b == nil {
			return a == nil && b != nil
		}
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Start.Line != b.Start.Line {
			return a.Start.Line < b.Start.Line
		}
		return a.Start.Column < b.Start.Column
	})
}

// dedupe drops diagnostics identical to an earlier one: the same
// severity, summary, detail and subject. Blocks with for_each are compiled
// once per instance, and an error in an expression that does not depend
// on the instance would otherwise be reported once for each.
func dedupe(diags hcl.Diagnostics) hcl.Diagnostics {
	type key struct {
		sev             hcl.DiagnosticSeverity
		summary, detail string
		subject         hcl.Range
	}
	seen := make(map[key]bool, len(diags))
	out := diags[:0]
	for _, d := range diags {
		k := key{sev: d.Severity, summary: d.Summary, detail: d.Detail}
		if d.Subject != nil {
			k.subject = *d.Subject
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}

// at renders a range as file:line:col, as diagnostics are printed, for a
// detail that points elsewhere in the configuration; the file is named
// within the configuration directory, where all of them are.
func at(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", filepath.Base(r.Filename), r.Start.Line, r.Start.Column)
}
