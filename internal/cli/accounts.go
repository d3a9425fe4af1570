package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/internal/accounts"
	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/render"
)

// accountsFlags are the flags of the commands that take several account
// directories: validate, plan and apply.
type accountsFlags struct {
	parallelism int
	shard       string
}

func (f *accountsFlags) register(c *cobra.Command) {
	c.Flags().IntVar(&f.parallelism, "account-parallelism", 4, "with several directories, how many accounts to work on at once")
	c.Flags().StringVar(&f.shard, "shard", "", "take only the directories whose index in the sorted list, from 0, is `I/N`: I modulo N (one job of a CI matrix of N)")
}

// several reports whether the arguments name several accounts (or a
// shard of them), which the command then runs one by one through
// runAccounts rather than as a single configuration.
func (f *accountsFlags) several(args []string) bool { return len(args) > 1 || f.shard != "" }

// accountResult is what one account's run produced: its output, held
// until it is shown under the account's heading, and its plan or error.
type accountResult struct {
	dir     string
	account string
	// plan is the account's plan while its work runs; keep then holds
	// what the summary needs of it, and the plan itself is dropped, so
	// that a run over hundreds of accounts does not keep every plan.
	plan   *plan.Plan
	summ   *planSummary
	err    error
	stdout bytes.Buffer
	stderr bytes.Buffer
}

// planSummary is what the summary and the exit status need of a plan.
type planSummary struct {
	creates, updates, replaces, deletes int
	changes, broadens                   bool
	json                                []byte // the JSON plan, compact, for --format json
}

// keep replaces the plan by its summary.
func (r *accountResult) keep() {
	if r.plan == nil {
		return
	}
	s := &planSummary{changes: !r.plan.Empty(), broadens: r.plan.Broadens()}
	s.creates, s.updates, s.replaces, s.deletes = r.plan.Counts()
	r.summ, r.plan = s, nil
}

// fanOut selects the directories (sorted, --shard) and runs work for each
// with its own streams, --account-parallelism at a time; show gets each
// result in the directories' order.
func (f *accountsFlags) fanOut(s Streams, dirs []string, work func(s Streams, r *accountResult), show func(r *accountResult)) ([]*accountResult, error) {
	if f.parallelism < 1 {
		return nil, fmt.Errorf("--account-parallelism must be at least 1")
	}
	var sh accounts.Shard
	if f.shard != "" {
		var err error
		if sh, err = accounts.ParseShard(f.shard); err != nil {
			return nil, err
		}
	}
	selected, err := accounts.Select(dirs, sh)
	if err != nil {
		return nil, err
	}
	var results []*accountResult
	accounts.Run(selected, f.parallelism, func(dir string) *accountResult {
		r := &accountResult{dir: dir}
		no := func() bool { return false }
		work(Streams{Stdin: strings.NewReader(""), Stdout: &r.stdout, Stderr: &r.stderr, IsTerminal: no, StdoutIsTerminal: no, Environ: s.Environ}, r)
		r.keep()
		if msg := errorMessage(r.err); msg != "" {
			fprintf(&r.stderr, "iamc: %s: %s\n", r.dir, msg)
		}
		return r
	}, func(_ int, _ string, r *accountResult) {
		show(r)
		results = append(results, r)
	})
	if len(results) == 0 {
		fprintf(s.Stderr, "iamc: no directory in shard %s of %s\n", f.shard, english.CountOf(len(dirs), "directory", "directories"))
	}
	return results, nil
}

// errorMessage is what the CLI prints for err: "" for none, or for one
// whose explanation was printed already.
func errorMessage(err error) string {
	var ee *exitError
	if err == nil || errors.As(err, &ee) && ee.msg == "" {
		return ""
	}
	if ee != nil {
		return ee.msg
	}
	return err.Error()
}

// errorColumn is an account's error in one line, for the summary: the
// error, or the first error diagnostic it printed.
func (r *accountResult) errorColumn() string {
	if r.err == nil {
		return "-"
	}
	if msg := errorMessage(r.err); msg != "" {
		return strings.ReplaceAll(msg, "\n", " ")
	}
	for _, line := range strings.Split(r.stderr.String(), "\n") {
		if strings.Contains(line, ": error: ") {
			return line
		}
	}
	return "failed"
}

// showAccount writes an account's output under its heading.
func showAccount(s Streams, r *accountResult, markdown bool) {
	heading := "== " + r.dir
	if r.account != "" {
		heading += " (account " + r.account + ")"
	}
	if markdown {
		heading = "## " + strings.TrimPrefix(heading, "== ")
	} else {
		heading += " =="
	}
	fprintf(s.Stdout, "%s\n", heading)
	s.Stdout.Write(r.stdout.Bytes())
	fprintf(s.Stdout, "\n")
	s.Stderr.Write(r.stderr.Bytes())
}

// summary writes the table that ends a run over several accounts; with
// counts, the columns of a plan.
func summary(s Streams, results []*accountResult, counts, markdown bool) {
	header := []string{"ACCOUNT", "DIRECTORY"}
	if counts {
		header = append(header, "CREATES", "UPDATES", "REPLACES", "DELETES", "BROADENS ACCESS")
	}
	header = append(header, "ERROR")
	rows := [][]string{header}
	for _, r := range results {
		account := r.account
		if account == "" {
			account = "-"
		}
		row := []string{account, r.dir}
		if counts {
			if p := r.summ; p == nil {
				row = append(row, "-", "-", "-", "-", "-")
			} else {
				broadens := "no"
				if p.broadens {
					broadens = "yes"
				}
				row = append(row, fmt.Sprint(p.creates), fmt.Sprint(p.updates), fmt.Sprint(p.replaces), fmt.Sprint(p.deletes), broadens)
			}
		}
		rows = append(rows, append(row, r.errorColumn()))
	}
	if markdown {
		for i, row := range rows {
			fprintf(s.Stdout, "| %s |\n", strings.Join(row, " | "))
			if i == 0 {
				fprintf(s.Stdout, "|%s\n", strings.Repeat(" --- |", len(row)))
			}
		}
		return
	}
	tw := tabwriter.NewWriter(s.Stdout, 0, 0, 2, ' ', 0)
	for _, row := range rows {
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
}

// accountsStatus is the exit status of a run over several accounts: an
// error if any account failed; else, with detailed, ExitBroadens if any
// plan broadens access and ExitChanges if any has changes.
func accountsStatus(results []*accountResult, detailed bool) error {
	var changes, broadens bool
	failed := 0
	for _, r := range results {
		if r.err != nil {
			failed++
		}
		if r.summ != nil && r.summ.changes {
			changes = true
			broadens = broadens || r.summ.broadens
		}
	}
	if failed > 0 {
		return &exitError{code: ExitError, msg: fmt.Sprintf("%s of %d failed", english.CountOf(failed, "account", "accounts"), len(results))}
	}
	return planStatus(detailed, changes, broadens)
}

// refuseSharedState refuses --state and IAMC_STATE with several
// directories: each account's memory state is the default under its
// directory, and one file cannot be several accounts.
func (f *providerFlags) refuseSharedState(s Streams) error {
	if pf := f.flags.Lookup("state"); pf != nil && pf.Changed {
		return fmt.Errorf("--state names one account's state file: with several directories each account uses its own (.iamc/account.json under its directory)")
	}
	if getenv(s.Environ, "IAMC_STATE") != "" {
		return fmt.Errorf("IAMC_STATE names one account's state file: with several directories each account uses its own (.iamc/account.json under its directory); unset it")
	}
	return nil
}

// planFileNames maps each directory to DIRNAME.plan.json in outDir, and
// refuses two directories of the same name.
func planFileNames(outDir string, dirs []string) (map[string]string, error) {
	names := map[string]string{}
	seen := map[string]string{}
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			return nil, err
		}
		base := filepath.Base(abs)
		if other, ok := seen[base]; ok {
			return nil, fmt.Errorf("--out: directories %s and %s would both write %s.plan.json", other, d, base)
		}
		seen[base] = d
		names[d] = filepath.Join(outDir, base+".plan.json")
	}
	return names, nil
}

func (v *validateCmd) runAccounts(s Streams, dirs []string) error {
	results, err := v.accounts.fanOut(s, dirs, func(as Streams, r *accountResult) {
		c := *v
		c.config.manyAccounts = true
		cfg, err := c.validateDir(as, r.dir)
		r.err = err
		if cfg != nil {
			r.account = cfg.DeclaredAccountID
		}
	}, func(r *accountResult) { showAccount(s, r, false) })
	if err != nil {
		return err
	}
	summary(s, results, false, false)
	return accountsStatus(results, false)
}

func (p *planCmd) runAccounts(ctx context.Context, s Streams, dirs []string) error {
	if err := p.provider.refuseSharedState(s); err != nil {
		return err
	}
	var outs map[string]string
	if p.out != "" {
		var err error
		if outs, err = planFileNames(p.out, dirs); err != nil {
			return err
		}
		if err := os.MkdirAll(p.out, 0o755); err != nil {
			return err
		}
	}
	results, err := p.accounts.fanOut(s, dirs, func(as Streams, r *accountResult) {
		c := *p
		c.out = outs[r.dir]
		c.config.manyAccounts = true
		r.plan, r.err = c.planDir(ctx, as, r.dir)
		if r.plan == nil {
			return
		}
		r.account = r.plan.Account
		if p.format == "json" {
			var doc, compact bytes.Buffer
			if err := render.JSON(&doc, r.plan); err != nil {
				r.err = err
			} else if err := json.Compact(&compact, doc.Bytes()); err != nil {
				r.err = err
			}
			r.keep()
			r.summ.json = compact.Bytes()
			return
		}
		r.err = renderPlan(as, r.plan, p.format, render.Options{ConfigWarnings: c.config.warnings})
	}, func(r *accountResult) {
		if p.format == "json" {
			writeAccountJSON(s, r)
			return
		}
		showAccount(s, r, p.format == "markdown")
	})
	if err != nil {
		return err
	}
	if p.format != "json" {
		summary(s, results, true, p.format == "markdown")
	}
	return accountsStatus(results, p.detailedExitcode)
}

// writeAccountJSON writes an account's result as one line of JSON, its
// plan (the JSON plan format) included, and its messages to stderr.
func writeAccountJSON(s Streams, r *accountResult) {
	type line struct {
		Directory      string          `json:"directory"`
		Account        string          `json:"account,omitempty"`
		Creates        int             `json:"creates"`
		Updates        int             `json:"updates"`
		Replaces       int             `json:"replaces"`
		Deletes        int             `json:"deletes"`
		BroadensAccess bool            `json:"broadens_access"`
		Error          string          `json:"error,omitempty"`
		Plan           json.RawMessage `json:"plan,omitempty"`
	}
	l := line{Directory: r.dir, Account: r.account}
	if r.err != nil {
		l.Error = r.errorColumn()
	}
	if p := r.summ; p != nil {
		l.Creates, l.Updates, l.Replaces, l.Deletes = p.creates, p.updates, p.replaces, p.deletes
		l.BroadensAccess = p.broadens
		if len(p.json) > 0 {
			l.Plan = p.json
		}
	}
	data, err := json.Marshal(l)
	if err != nil {
		data, _ = json.Marshal(line{Directory: r.dir, Error: err.Error()})
	}
	s.Stdout.Write(append(data, '\n'))
	s.Stderr.Write(r.stderr.Bytes())
}

func (a *applyCmd) runAccounts(ctx context.Context, s Streams, dirs []string) error {
	if err := a.provider.refuseSharedState(s); err != nil {
		return err
	}
	if !a.autoApprove {
		return fmt.Errorf("apply with several directories does not ask for confirmation: review their plans (iamc plan DIR...) and pass --auto-approve")
	}
	if a.credentialsOut != "" {
		return fmt.Errorf("--credentials-out is not supported with several directories: apply the accounts that create login profiles or access keys one at a time")
	}
	for _, d := range dirs {
		info, err := os.Stat(d)
		if err != nil {
			return err
		}
		if !info.IsDir() {
			return fmt.Errorf("%s is not a directory: apply takes one plan file, or one or more configuration directories", d)
		}
	}
	results, err := a.accounts.fanOut(s, dirs, func(as Streams, r *accountResult) {
		c := *a
		c.config.manyAccounts = true
		r.plan, r.err = c.applyDir(ctx, as, r.dir)
		if r.plan != nil {
			r.account = r.plan.Account
		}
	}, func(r *accountResult) { showAccount(s, r, false) })
	if err != nil {
		return err
	}
	summary(s, results, true, false)
	return accountsStatus(results, false)
}
