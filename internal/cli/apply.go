package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/iamc/iamc/apply"
	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/internal/regularfile"
	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/render"
	"github.com/iamc/iamc/provider"
)

type applyCmd struct {
	config          configFlags
	provider        providerFlags
	autoApprove     bool
	credentialsOut  string
	parallelism     int
	allowEmptyScope bool
	now             nowFlag
	accounts        accountsFlags
}

func newApplyCmd(s Streams) *cobra.Command {
	a := &applyCmd{}
	c := &cobra.Command{
		Use:   "apply [DIR... | PLANFILE]",
		Short: "Make the account match the configuration (or carry out a plan file)",
		Long: `Apply computes the plan for DIR, shows it, asks for "yes" on a terminal
(or takes --auto-approve), and carries it out. Given a plan file written by
"iamc plan --out FILE", it carries out exactly that plan, and refuses when the
account has changed since the plan was made. Given several directories (one
per account), it applies them concurrently with --auto-approve, each under its
own heading, and ends with a summary.`,
		RunE: func(c *cobra.Command, args []string) error {
			if a.parallelism < 1 {
				return fmt.Errorf("--parallelism must be at least 1")
			}
			if a.accounts.several(args) {
				return a.runAccounts(c.Context(), s, args)
			}
			return a.run(c.Context(), s, dirArg(args))
		},
	}
	a.config.register(c)
	a.provider.register(c)
	a.accounts.register(c)
	c.Flags().BoolVar(&a.autoApprove, "auto-approve", false, "apply without asking for confirmation")
	c.Flags().StringVar(&a.credentialsOut, "credentials-out", "", "write the initial passwords of created login profiles and the secrets of created access keys to `FILE` (mode 0600)")
	c.Flags().IntVar(&a.parallelism, "parallelism", 4, "how many independent IAM calls to make at once")
	registerAllowEmptyScope(c, &a.allowEmptyScope)
	a.now.register(c)
	return c
}

func (a *applyCmd) run(ctx context.Context, s Streams, arg string) error {
	info, err := os.Stat(arg)
	if err != nil {
		return err
	}
	if info.Mode().IsRegular() {
		return a.runPlanFile(ctx, s, arg)
	}
	_, err = a.applyDir(ctx, s, arg)
	return err
}

// applyDir computes the plan for the configuration in dir and carries it
// out; it returns the plan once there is one, also when carrying it out
// fails.
func (a *applyCmd) applyDir(ctx context.Context, s Streams, dir string) (*plan.Plan, error) {
	sess, cfg, err := prepare(ctx, s, dir, &a.config, &a.provider, true)
	if err != nil {
		return nil, err
	}
	defer sess.Close()
	if err := a.now.clock(sess); err != nil {
		return nil, err
	}
	pl, current, err := computePlan(ctx, s, sess, cfg, a.allowEmptyScope, &a.now)
	if err != nil {
		return nil, err
	}
	return pl, a.carryOut(ctx, s, sess, pl, current, cfg, false)
}

// runPlanFile applies a plan written by plan --out, after checking that it
// is for this account and this state file, that the account has not
// changed since, and that the plan computed again from what the file
// records is the one it records. A plan file it refuses makes it write
// nothing, not even a lock file.
func (a *applyCmd) runPlanFile(ctx context.Context, s Streams, path string) error {
	data, err := regularfile.Read(path, plan.MaxFileSize)
	if err != nil {
		return err
	}
	f, err := plan.ReadFile(path, data)
	if err != nil {
		return err
	}
	if a.provider.name == "" {
		a.provider.name = f.Provider
	}
	if a.provider.name != f.Provider {
		return fmt.Errorf("%s is a plan for the %s provider, not %s", path, f.Provider, a.provider.name)
	}
	if err := a.provider.resolve(s, f.Dir); err != nil {
		return err
	}
	if a.provider.location() != "" {
		// The state file is the one this apply would use, never the one
		// the file names: an edited plan file cannot write elsewhere.
		abs, err := filepath.Abs(a.provider.location())
		if err != nil {
			return err
		}
		if abs != f.State {
			return fmt.Errorf("%s was planned against the memory account in %s, but this apply uses %s (from --state, IAMC_STATE, or the default under %s): give --state %s, or run iamc plan again", path, f.State, abs, f.Dir, f.State)
		}
		if !a.provider.exists() && f.Fingerprint != plan.Fingerprint(model.NewAccount(f.Account)) {
			return fmt.Errorf("%s was planned against the memory account in %s, which does not exist", path, a.provider.location())
		}
		// Check first with a read that creates nothing.
		sess, err := a.provider.openAccount(ctx, s, false, f.Account, nil, f.AssumeRole)
		if err != nil {
			return err
		}
		_, _, err = verifyPlanFile(ctx, path, f, sess)
		sess.Close()
		if err != nil {
			return err
		}
	}
	sess, err := a.provider.openAccount(ctx, s, true, f.Account, nil, f.AssumeRole)
	if err != nil {
		return err
	}
	defer sess.Close()
	if err := a.now.clock(sess); err != nil {
		return err
	}
	pl, current, err := verifyPlanFile(ctx, path, f, sess)
	if err != nil {
		return err
	}
	return a.carryOut(ctx, s, sess, pl, current, nil, true)
}

// verifyPlanFile reads the account and returns the plan the file records
// when it applies to the account as it is (plan.File.Check).
func verifyPlanFile(ctx context.Context, path string, f *plan.File, sess *session) (*plan.Plan, *model.Account, error) {
	current, err := provider.ReadFor(ctx, sess.prov, provider.ReadHints{Desired: f.Desired, Scope: f.Scope})
	if err != nil {
		return nil, nil, err
	}
	pl, err := f.Check(path, sess.ident.Account, sess.ident.Caller, current)
	if err != nil {
		return nil, nil, err
	}
	return pl, current, nil
}

// carryOut runs the plan. A plan computed now (fromFile false) is shown
// and needs approval; a plan file was reviewed when it was made, and is its
// own approval, as in Terraform. cfg, when known, maps a failed step back
// to the block that declares its entity.
func (a *applyCmd) carryOut(ctx context.Context, s Streams, sess *session, pl *plan.Plan, current *model.Account, cfg *lang.Config, fromFile bool) error {
	if pl.Empty() {
		fprintf(s.Stdout, "No changes. The account matches the configuration.\n")
		return sess.Close()
	}
	journal := apply.JournalPath(pl.Dir)
	folded, err := apply.FoldJournal(journal, a.credentialsOut)
	if err != nil {
		return err
	}
	if folded.Journal != "" || len(folded.Temps) > 0 {
		fprintf(s.Stderr, "iamc: %s of an interrupted apply (%s) are now in %s (mode 0600)\n",
			english.CountOf(folded.Passwords, "password", "passwords"), strings.Join(append(nonEmpty(folded.Journal), folded.Temps...), ", "), a.credentialsOut)
	}
	var creds *apply.CredentialsFile
	if apply.NeedsCredentials(pl) {
		if a.credentialsOut == "" {
			return fmt.Errorf("%v; nothing was changed", apply.ErrNoCredentialSink)
		}
		c, err := apply.OpenCredentialsFile(a.credentialsOut, journal)
		if err != nil {
			return err
		}
		creds = c
	}
	if !fromFile {
		if err := renderPlan(s, pl, "text", render.Options{}); err != nil {
			return err
		}
	}
	if !fromFile && !a.autoApprove {
		if err := confirm(s, pl); err != nil {
			return err
		}
	}
	parallelism := a.parallelism
	if sess.sequential {
		// The memory account does each call in microseconds: one at a
		// time keeps its progress in plan order.
		parallelism = 1
	}
	var setbacks func() (int, int)
	if sb, ok := sess.prov.(interface{ Setbacks() (int, int) }); ok {
		setbacks = sb.Setbacks
	}
	view := newProgress(s, len(pl.Steps), setbacks)
	sess.logs.route(view.log)
	opts := apply.Options{
		Parallelism:    parallelism,
		PasswordPolicy: apply.PasswordPolicyFor(pl, current),
		Progress:       view.event,
	}
	if creds != nil {
		opts.Credentials = creds
	}
	enter(ctx, writing)
	rep, runErr := apply.Run(ctx, pl, sess.prov, opts)
	view.finish()
	sess.logs.route(nil)
	if creds != nil {
		if err := creds.Close(); err != nil {
			fprintf(s.Stderr, "iamc: %v; the next iamc apply writes them to its --credentials-out file\n", err)
		}
	}
	closeErr := sess.Close()
	if rep != nil {
		printReport(s, rep, pl, cfg)
	}
	if runErr != nil {
		if rep == nil {
			return runErr
		}
		return silent(ExitError)
	}
	if closeErr != nil {
		return fmt.Errorf("every step was done, but saving the account failed: %w", closeErr)
	}
	c, u, r, d := pl.Counts()
	fprintf(s.Stdout, "Apply complete: %d created, %d updated, %d replaced, %d deleted (%s).\n", c, u, r, d, english.CountOf(len(pl.Steps), "IAM call", "IAM calls"))
	if creds != nil {
		fprintf(s.Stdout, "%s written to %s (mode 0600).\n", secretsWritten(pl), creds.Path())
	}
	return nil
}

// confirm asks for "yes" on a terminal; without one it refuses.
func confirm(s Streams, pl *plan.Plan) error {
	if s.IsTerminal == nil || !s.IsTerminal() {
		return fmt.Errorf("apply asks for confirmation, and stdin is not a terminal: review the plan and pass --auto-approve")
	}
	fprintf(s.Stdout, "\nDo you want to make these changes to account %s? Only \"yes\" is accepted.\n  Enter a value: ", pl.Account)
	line, err := bufio.NewReader(s.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if strings.TrimSpace(line) != "yes" {
		return &exitError{code: ExitError, msg: "apply cancelled: nothing was changed"}
	}
	return nil
}

// printReport says what a failed or interrupted run did and did not do,
// with the place of the failed entity's declaration when it is known.
func printReport(s Streams, rep *apply.Report, pl *plan.Plan, cfg *lang.Config) {
	if rep.OK() {
		return
	}
	var files map[string]*hcl.File
	if cfg != nil {
		files = cfg.Files
	}
	for _, f := range rep.Failed {
		d := &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("%s failed for %s", f.Step.Op.Action(), f.Step.Op.Target()),
			Detail:   fmt.Sprintf("Step %d (%s) failed: %v", f.Step.ID, op.Command(f.Step.Op, 60), f.Err),
		}
		if cfg != nil {
			if r, ok := cfg.Declarations[f.Step.Op.Target().Key()]; ok {
				d.Subject = &r
			}
		}
		printDiagnostics(s.Stderr, files, hcl.Diagnostics{d}, false)
	}
	var b bytes.Buffer
	if rep.Interrupted {
		fmt.Fprintf(&b, "Interrupted: the steps in flight were finished and no new step was started.\n")
	}
	fmt.Fprintf(&b, "%d of %d steps done", len(rep.Done), len(pl.Steps))
	if len(rep.Failed) > 0 {
		fmt.Fprintf(&b, ", %d failed", len(rep.Failed))
	}
	if len(rep.NotRun) > 0 {
		fmt.Fprintf(&b, ", %d not run", len(rep.NotRun))
	}
	fmt.Fprintf(&b, ". What was done is kept; run iamc apply again to finish.\n")
	if len(rep.NotRun) > 0 {
		fmt.Fprintf(&b, "Not run:\n")
		for _, id := range rep.NotRun {
			fmt.Fprintf(&b, "  %d. %s\n", id, op.Command(pl.Steps[id-1].Op, 60))
		}
	}
	s.Stderr.Write(b.Bytes())
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
