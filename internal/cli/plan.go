package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/iamc/iamc/internal/atomicfile"
	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/render"
	"github.com/iamc/iamc/provider"
)

type planCmd struct {
	config           configFlags
	provider         providerFlags
	out              string
	format           string
	detailedExitcode bool
	allowEmptyScope  bool
	now              nowFlag
	accounts         accountsFlags
}

func newPlanCmd(s Streams) *cobra.Command {
	p := &planCmd{}
	c := &cobra.Command{
		Use:   "plan [DIR...]",
		Short: "Show the changes and the ordered IAM calls that make the account match the configuration",
		Long: `Plan compiles the configuration in DIR (default .), reads the account, and
shows the changes. Given several directories (one per account), it plans
them concurrently, each under its own heading, and ends with a summary.`,
		RunE: func(c *cobra.Command, args []string) error {
			return p.run(c.Context(), s, args)
		},
	}
	p.config.register(c)
	p.provider.register(c)
	p.accounts.register(c)
	c.Flags().StringVar(&p.out, "out", "", "also write a plan file to `FILE`, for `iamc apply FILE` (with several directories: into directory `FILE`, one DIRNAME.plan.json per account)")
	c.Flags().StringVar(&p.format, "format", "text", "`FORMAT` of the plan: text, json or markdown")
	c.Flags().BoolVar(&p.detailedExitcode, "detailed-exitcode", false, "exit 2 when the plan has changes, 3 when they broaden access (0: none, 1: error)")
	registerAllowEmptyScope(c, &p.allowEmptyScope)
	p.now.register(c)
	return c
}

func (p *planCmd) run(ctx context.Context, s Streams, dirs []string) error {
	switch p.format {
	case "text", "json", "markdown":
	default:
		return fmt.Errorf("unknown --format %q: use text, json or markdown", p.format)
	}
	if p.accounts.several(dirs) {
		return p.runAccounts(ctx, s, dirs)
	}
	dir := dirArg(dirs)
	pl, err := p.planDir(ctx, s, dir)
	if err != nil {
		return err
	}
	if err := renderPlan(s, pl, p.format, render.Options{ConfigWarnings: p.config.warnings}); err != nil {
		return err
	}
	return planStatus(p.detailedExitcode, !pl.Empty(), pl.Broadens())
}

// planStatus is the exit status of a plan that ran: with
// --detailed-exitcode, ExitBroadens when it has changes that broaden
// access, ExitChanges when it has others; otherwise success.
func planStatus(detailed, changes, broadens bool) error {
	switch {
	case !detailed || !changes:
		return nil
	case broadens:
		return silent(ExitBroadens)
	}
	return silent(ExitChanges)
}

// planDir computes the plan of the configuration in dir, and writes it
// to --out when given.
func (p *planCmd) planDir(ctx context.Context, s Streams, dir string) (*plan.Plan, error) {
	sess, cfg, err := prepare(ctx, s, dir, &p.config, &p.provider, false)
	if err != nil {
		return nil, err
	}
	defer sess.Close()
	pl, _, err := computePlan(ctx, s, sess, cfg, p.allowEmptyScope, &p.now)
	if err != nil {
		return nil, err
	}
	if p.out != "" {
		if err := writePlanFile(p.out, pl); err != nil {
			return nil, err
		}
	}
	if err := sess.Close(); err != nil {
		return nil, err
	}
	return pl, nil
}

// registerAllowEmptyScope adds the flag that lets a configuration that
// declares nothing delete what the scope holds.
func registerAllowEmptyScope(c *cobra.Command, v *bool) {
	c.Flags().BoolVar(v, "allow-empty-scope", false, "let a configuration that declares no user, group, role or policy delete every one inside the manage scope")
}

// computePlan reads the account and compares it with the configuration.
func computePlan(ctx context.Context, s Streams, sess *session, cfg *lang.Config, allowEmptyScope bool, nf *nowFlag) (*plan.Plan, *model.Account, error) {
	now, err := nf.time()
	if err != nil {
		return nil, nil, err
	}
	current, err := provider.ReadFor(ctx, sess.prov, provider.ReadHints{Desired: cfg.Account, Scope: cfg.Scope})
	if err != nil {
		return nil, nil, err
	}
	pl, err := plan.Compute(cfg.Account, current, plan.Options{Scope: cfg.Scope, ScopeDeclared: cfg.ScopeDeclared, Quotas: cfg.Quotas, AllowEmptyScope: allowEmptyScope, Access: true, Now: now})
	var conflicts plan.Conflicts
	if errors.As(err, &conflicts) {
		printConflicts(s, cfg, conflicts)
		return nil, nil, silent(ExitError)
	}
	if err != nil {
		return nil, nil, err
	}
	pl.Account = sess.ident.Account
	pl.Provider = sess.ident.Provider
	pl.Caller = sess.ident.Caller
	pl.State = sess.state
	pl.AssumeRole = sess.assumedRole
	pl.Dir = cfg.Dir
	pl.Fingerprint = plan.Fingerprint(current)
	pl.Desired = cfg.Account
	pl.Scope = cfg.Scope
	pl.ScopeDeclared = cfg.ScopeDeclared
	pl.AllowEmptyScope = allowEmptyScope
	quotas := cfg.Quotas
	pl.Quotas = &quotas
	return pl, current, nil
}

// renderPlan writes the plan to stdout as it is rendered. Rendering
// fails only when writing does (the JSON plan is encoded whole before it
// is written), and a plan held whole in memory, in a buffer grown by
// doubling, raised a run's peak: the large generated organisation's
// text plan is 9 MB.
func renderPlan(s Streams, pl *plan.Plan, format string, o render.Options) error {
	w := bufio.NewWriterSize(s.Stdout, 64<<10)
	var err error
	switch format {
	case "json":
		err = render.JSON(w, pl)
	case "markdown":
		err = render.Markdown(w, pl, o)
	default:
		err = render.Text(w, pl, o)
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// writePlanFile writes the plan file atomically. It records the
// configuration directory and the memory account's state file by their
// absolute paths, so that the plan can be applied from any directory.
func writePlanFile(path string, pl *plan.Plan) error {
	c := *pl
	for _, p := range []*string{&c.State, &c.Dir} {
		if *p == "" {
			continue
		}
		abs, err := filepath.Abs(*p)
		if err != nil {
			return err
		}
		*p = abs
	}
	f, err := plan.NewFile(&c)
	if err != nil {
		return err
	}
	data, err := f.Marshal()
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		return fmt.Errorf("writing the plan to %s: %w", path, err)
	}
	return nil
}

// printConflicts shows why no plan can be made, each reason at the block
// that declares the entity it is about.
func printConflicts(s Streams, cfg *lang.Config, conflicts plan.Conflicts) {
	diags := make(hcl.Diagnostics, 0, len(conflicts))
	for _, c := range conflicts {
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "No plan can make this change", Detail: c.Error()}
		if c.Address.Kind != "" {
			d.Summary = fmt.Sprintf("No plan can make %s as declared", c.Address)
			d.Detail = english.Capitalize(c.Message)
			if r, ok := cfg.Declarations[c.Address.Key()]; ok {
				d.Subject = r.Ptr()
			} else {
				// Not declared: a delete, which the scope decides.
				d.Detail = "Undeclared " + c.Address.String() + ": " + c.Message
				d.Subject = cfg.ScopeRange
			}
		}
		if c.Summary != "" {
			d.Summary = c.Summary
		}
		if c.EmptyScope {
			d.Subject = cfg.ScopeRange
			d.Detail = c.Message + ". If that is what you want, run again with --allow-empty-scope"
		}
		if !strings.HasSuffix(d.Detail, ".") {
			d.Detail += "."
		}
		diags = append(diags, d)
	}
	printDiagnostics(s.Stderr, cfg.Files, diags, false)
}
