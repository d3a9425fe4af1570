package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// diagWidth is the fixed width details are wrapped at, so that output is
// the same on every terminal and in tests.
const diagWidth = 78

// printDiagnostics writes each diagnostic as a compiler does: a first line
// `FILE:LINE:COL: error: Summary` with FILE relative to the working
// directory, then the source snippet drawn by hcl's diagnostic writer, then
// the detail.
func printDiagnostics(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics) {
	if len(diags) == 0 {
		return
	}
	rel := map[string]*hcl.File{}
	for name, f := range files {
		rel[relPath(name)] = f
	}
	sorted := make(hcl.Diagnostics, len(diags))
	copy(sorted, diags)
	sort.SliceStable(sorted, func(i, j int) bool { return diagLess(sorted[i], sorted[j]) })
	for _, d := range sorted {
		writeDiagnostic(w, rel, d)
	}
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

func writeDiagnostic(w io.Writer, files map[string]*hcl.File, d *hcl.Diagnostic) {
	sev := "error"
	if d.Severity == hcl.DiagWarning {
		sev = "warning"
	}
	c := *d
	if d.Subject != nil {
		subj := *d.Subject
		subj.Filename = relPath(subj.Filename)
		c.Subject = &subj
		if d.Context != nil {
			ctx := *d.Context
			ctx.Filename = relPath(ctx.Filename)
			c.Context = &ctx
		}
		fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", subj.Filename, subj.Start.Line, subj.Start.Column, sev, d.Summary)
	} else {
		fmt.Fprintf(w, "%s: %s\n", sev, d.Summary)
	}
	// hcl's writer draws the snippet and wraps the detail; its own first
	// line repeats the summary, which ours already gave.
	var buf bytes.Buffer
	c.Expression, c.EvalContext = nil, nil
	if err := hcl.NewDiagnosticTextWriter(&buf, files, diagWidth, false).WriteDiagnostic(&c); err != nil {
		fmt.Fprintf(w, "%s\n\n", d.Detail)
		return
	}
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
	if path == "" || !filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	r, err := filepath.Rel(wd, path)
	if err != nil || strings.HasPrefix(r, "..") {
		return path
	}
	return r
}
