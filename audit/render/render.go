package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/iamc/iamc/audit"
	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/internal/markdown"
)

// Report is what an audit found, as the renderers take it.
type Report struct {
	Account  string          `json:"account"`
	Findings []audit.Finding `json:"findings"`
}

// Text writes the findings grouped by severity, highest first, each with
// its entity, declaration, why, fix, CIS title and path.
func Text(w io.Writer, r Report) error {
	fmt.Fprintf(w, "Audit of account %s: %s.\n", r.Account, count(r.Findings))
	for _, sev := range audit.Severities {
		fs := ofSeverity(r.Findings, sev)
		if len(fs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d)\n", strings.ToUpper(sev.String()), len(fs))
		for _, f := range fs {
			fmt.Fprintf(w, "\n  [%s] %s\n", f.ID, f.Title)
			fmt.Fprintf(w, "    entity: %s", f.Entity)
			if f.Location != nil {
				fmt.Fprintf(w, " (%s)", f.Location)
			}
			fmt.Fprintln(w)
			for i, s := range f.Path {
				fmt.Fprintf(w, "    %d. %s\n", i+1, s)
			}
			fmt.Fprintf(w, "    why: %s\n    fix: %s\n", f.Why, f.Fix)
			if f.CIS != "" {
				fmt.Fprintf(w, "    CIS: %s\n", f.CIS)
			}
		}
	}
	return nil
}

// JSON writes the report as one JSON object.
func JSON(w io.Writer, r Report) error {
	if r.Findings == nil {
		r.Findings = []audit.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// Markdown writes the report as a Markdown section per severity, for a
// pull request's comment or a wiki page.
func Markdown(w io.Writer, r Report) error {
	fmt.Fprintf(w, "## Audit of account %s\n\n%s.\n", r.Account, english.Capitalize(count(r.Findings)))
	for _, sev := range audit.Severities {
		fs := ofSeverity(r.Findings, sev)
		if len(fs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n### %s (%d)\n", english.Capitalize(sev.String()), len(fs))
		for _, f := range fs {
			fmt.Fprintf(w, "\n- **%s** `%s` — `%s`", markdown.Escape(f.Title), f.ID, f.Entity)
			if f.Location != nil {
				fmt.Fprintf(w, " at `%s`", f.Location)
			}
			fmt.Fprintln(w)
			for i, s := range f.Path {
				fmt.Fprintf(w, "  %d. %s\n", i+1, markdown.Escape(s))
			}
			fmt.Fprintf(w, "  - Why: %s\n  - Fix: %s\n", markdown.Escape(f.Why), markdown.Escape(f.Fix))
			if f.CIS != "" {
				fmt.Fprintf(w, "  - CIS: %s\n", markdown.Escape(f.CIS))
			}
		}
	}
	return nil
}

func ofSeverity(fs []audit.Finding, s audit.Severity) []audit.Finding {
	var out []audit.Finding
	for _, f := range fs {
		if f.Severity == s {
			out = append(out, f)
		}
	}
	return out
}

func count(fs []audit.Finding) string {
	if len(fs) == 0 {
		return "no findings"
	}
	var parts []string
	for _, sev := range audit.Severities {
		if n := len(ofSeverity(fs, sev)); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	return fmt.Sprintf("%s (%s)", english.Count(len(fs), "finding"), strings.Join(parts, ", "))
}
