package cli

import (
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
)

// configFlags are the flags of every command that compiles a configuration.
type configFlags struct {
	vars     []string
	varFiles []string
	strict   bool
	// allWarnings shows every warning, not only the first three of each
	// summary.
	allWarnings bool
	// root is --root: the repository root for module sources.
	root string
	// manyAccounts is set for each account of a run over several: the
	// collector then runs as usual while it compiles, and no collection is
	// forced after. With accounts compiling side by side, turning it off
	// during compiles would keep it off nearly all the time, until the
	// heap limit, where it runs without pause; and a forced collection per
	// account would scan the other accounts' heaps.
	manyAccounts bool
	// warnings are the last load's warnings, one line each, for the
	// Markdown plan.
	warnings []string
}

func (f *configFlags) register(c *cobra.Command) {
	c.Flags().StringArrayVar(&f.vars, "var", nil, "set a variable: `NAME=VALUE` (repeatable)")
	c.Flags().StringArrayVar(&f.varFiles, "var-file", nil, "read variables from an HCL `FILE` (repeatable)")
	c.Flags().BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	c.Flags().BoolVar(&f.allWarnings, "all-warnings", false, "show every warning, not only the first three with the same summary")
	registerRoot(c, &f.root)
}

// load compiles the configuration in dir for the given account id ("" when
// no account is known) and quotas (nil: a new account's), prints its
// diagnostics, and fails when there are errors.
func (f *configFlags) load(s Streams, dir, accountID string, quotas *model.Quotas) (*lang.Config, error) {
	opts := f.options(s, dir, accountID)
	opts.Quotas = quotas
	restore := func() {}
	if !f.manyAccounts {
		restore = compiling()
	}
	cfg, diags := lang.Load(opts)
	restore()
	var files map[string]*hcl.File
	if cfg != nil {
		files = cfg.Files
	}
	printDiagnostics(s.Stderr, files, diags, f.allWarnings)
	f.warnings = warningLines(diags, f.allWarnings)
	if diags.HasErrors() {
		return nil, silent(ExitError)
	}
	if cfg == nil {
		return nil, fmt.Errorf("no configuration in %s", dir)
	}
	return cfg, nil
}

// countDiagnostics returns the number of errors and warnings.
func countDiagnostics(diags hcl.Diagnostics) (errs, warns int) {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs++
		} else {
			warns++
		}
	}
	return
}

func fprintf(w io.Writer, format string, args ...any) { fmt.Fprintf(w, format, args...) }

// warningLines are the warnings among diags, one line each
// ("main.iam.hcl:3:1: Summary: detail"), sorted; without all, only the
// first three of each summary and then a line that counts the others.
func warningLines(diags hcl.Diagnostics, all bool) []string {
	wd, _ := os.Getwd()
	var warns hcl.Diagnostics
	for _, d := range diags {
		if d.Severity == hcl.DiagWarning {
			warns = append(warns, relDiagnostic(wd, d))
		}
	}
	sort.SliceStable(warns, func(i, j int) bool { return diagLess(warns[i], warns[j]) })
	counts := map[string]int{}
	for _, d := range warns {
		counts[d.Summary]++
	}
	seen := map[string]int{}
	var out []string
	for _, d := range warns {
		seen[d.Summary]++
		switch n := seen[d.Summary]; {
		case all || n <= repeatedWarnings:
			line := d.Summary
			if d.Detail != "" {
				line += ": " + d.Detail
			}
			if d.Subject != nil {
				line = fmt.Sprintf("%s:%d:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, line)
			}
			out = append(out, line)
		case n == repeatedWarnings+1:
			more := counts[d.Summary] - repeatedWarnings
			noun := "warnings"
			if more == 1 {
				noun = "warning"
			}
			out = append(out, fmt.Sprintf("(and %s more %q %s)", thousands(more), d.Summary, noun))
		}
	}
	return out
}
