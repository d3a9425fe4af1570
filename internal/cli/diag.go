package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// diagWidth is the fixed width details are wrapped at, so that output is
// the same on every terminal and in tests.
const diagWidth = 78

// repeatedWarnings is how many warnings with the same summary are shown
// in full before the rest are summed up in one line (unless
// --all-warnings); groupedAddresses is how many of the rest that line
// names.
const (
	repeatedWarnings = 3
	groupedAddresses = 10
)

// printDiagnostics writes each diagnostic as a compiler does: a first line
// `FILE:LINE:COL: error: Summary` with FILE relative to the working
// directory, then the source snippet as hcl's diagnostic writer draws it,
// then the detail. Of the warnings with the same summary, the first three
// are shown and the rest summed up in one line naming where they are,
// unless allWarnings; errors are always all shown.
func printDiagnostics(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics, allWarnings bool) {
	if len(diags) == 0 {
		return
	}
	wd, _ := os.Getwd()
	rel := make(map[string]*hcl.File, len(files))
	for name, f := range files {
		rel[relPathIn(wd, name)] = f
	}
	src := newSources(rel, diagWidth)
	sorted := make(hcl.Diagnostics, len(diags))
	for i, d := range diags {
		sorted[i] = relDiagnostic(wd, d)
	}
	sort.SliceStable(sorted, func(i, j int) bool { return diagLess(sorted[i], sorted[j]) })
	var groups map[string]*warningGroup
	if !allWarnings {
		groups = groupWarnings(src, sorted)
	}
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	seen := map[string]int{}
	for _, d := range sorted {
		g := groups[d.Summary]
		if d.Severity != hcl.DiagWarning || g == nil {
			writeDiagnostic(bw, src, d)
			continue
		}
		seen[d.Summary]++
		switch n := seen[d.Summary]; {
		case n < repeatedWarnings:
			writeDiagnostic(bw, src, d)
		case n == repeatedWarnings:
			writeDiagnostic(bw, src, d)
			g.write(bw, d.Summary)
		}
	}
}

// warningGroup is the warnings of one summary beyond the first three.
type warningGroup struct {
	hidden    int
	addresses []string // distinct, at most groupedAddresses
	more      bool     // more distinct addresses than those
}

// groupWarnings finds the summaries that more than repeatedWarnings
// warnings share, and where the ones not shown are.
func groupWarnings(src *sources, sorted hcl.Diagnostics) map[string]*warningGroup {
	counts := map[string]int{}
	for _, d := range sorted {
		if d.Severity == hcl.DiagWarning {
			counts[d.Summary]++
		}
	}
	groups := map[string]*warningGroup{}
	seen := map[string]int{}
	named := map[string]map[string]bool{}
	for _, d := range sorted {
		if d.Severity != hcl.DiagWarning || counts[d.Summary] <= repeatedWarnings {
			continue
		}
		seen[d.Summary]++
		if seen[d.Summary] <= repeatedWarnings {
			continue
		}
		g := groups[d.Summary]
		if g == nil {
			g = &warningGroup{}
			groups[d.Summary] = g
			named[d.Summary] = map[string]bool{}
		}
		g.hidden++
		addr := src.address(d)
		if addr == "" || named[d.Summary][addr] {
			continue
		}
		named[d.Summary][addr] = true
		if len(g.addresses) == groupedAddresses {
			g.more = true
			continue
		}
		g.addresses = append(g.addresses, addr)
	}
	return groups
}

// write writes the line that stands for the warnings not shown:
// (and 1,664 more "Summary" warnings: user.x, user.y, ...)
func (g *warningGroup) write(w io.Writer, summary string) {
	noun := "warnings"
	if g.hidden == 1 {
		noun = "warning"
	}
	fmt.Fprintf(w, "(and %s more %q %s", thousands(g.hidden), summary, noun)
	if len(g.addresses) > 0 {
		fmt.Fprintf(w, ": %s", strings.Join(g.addresses, ", "))
		if g.more {
			io.WriteString(w, ", ...")
		}
	}
	io.WriteString(w, ")\n\n")
}

// thousands renders n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func diagLess(a, b *hcl.Diagnostic) bool {
	if a.Subject == nil || b.Subject == nil {
		return a.Subject == nil && b.Subject != nil
	}
	if a.Subject.Filename != b.Subject.Filename {
		return a.Subject.Filename < b.Subject.Filename
	}
	if a.Subject.Start.Line != b.Subject.Start.Line {
		return a.Subject.Start.Line < b.Subject.Start.Line
	}
	return a.Subject.Start.Column < b.Subject.Start.Column
}

// relDiagnostic returns d with its ranges' files named relative to wd.
func relDiagnostic(wd string, d *hcl.Diagnostic) *hcl.Diagnostic {
	c := *d
	c.Expression, c.EvalContext = nil, nil
	if d.Subject != nil {
		subj := *d.Subject
		subj.Filename = relPathIn(wd, subj.Filename)
		c.Subject = &subj
		if d.Context != nil {
			ctx := *d.Context
			ctx.Filename = relPathIn(wd, ctx.Filename)
			c.Context = &ctx
		}
	}
	return &c
}

func writeDiagnostic(w io.Writer, src *sources, d *hcl.Diagnostic) {
	sev := "error"
	if d.Severity == hcl.DiagWarning {
		sev = "warning"
	}
	if d.Subject != nil {
		fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, sev, d.Summary)
	} else {
		fmt.Fprintf(w, "%s: %s\n", sev, d.Summary)
	}
	// The snippet and the detail as hcl's writer draws them; its own first
	// line repeats the summary, which ours already gave.
	var buf bytes.Buffer
	src.write(&buf, d)
	out := buf.String()
	if i := strings.Index(out, "\n\n"); i >= 0 {
		out = out[i+2:]
	}
	io.WriteString(w, out)
	if !strings.HasSuffix(out, "\n\n") && out != "" {
		io.WriteString(w, "\n")
	}
}

// relPath returns path relative to the working directory when it is
// inside it, else path unchanged.
func relPath(path string) string {
	wd, _ := os.Getwd()
	return relPathIn(wd, path)
}

// relPathIn returns path relative to wd when it is inside it, else path
// unchanged; wd "" is unknown.
func relPathIn(wd, path string) string {
	if path == "" || !filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	if wd == "" {
		return path
	}
	r, err := filepath.Rel(wd, path)
	if err != nil || strings.HasPrefix(r, "..") {
		return path
	}
	return r
}
