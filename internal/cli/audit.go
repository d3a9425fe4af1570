package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/audit"
	"github.com/iamc/iamc/audit/render"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

type auditCmd struct {
	config   configFlags
	provider providerFlags
	now      string
	format   string
	failOn   string
}

func newAuditCmd(s Streams) *cobra.Command {
	v := &auditCmd{}
	c := &cobra.Command{
		Use:   "audit [DIR]",
		Short: "Check the account's security posture: CIS checks, credentials, escalation paths, open trusts",
		Long: `audit reads the account (and its credential report, the root user's
MFA and keys, and roles' last use) and reports findings: the root user's
MFA and access keys, the password policy, users with policies attached
directly, console users without MFA, access keys older than 90 days,
passwords and keys unused for 45 days, users with two active keys, roles
unused for 90 days, principals with full administrator access,
privilege-escalation paths, and trusts open to strangers. Each finding has
an id, a severity, the entity, why it matters, how to fix it, and the CIS
AWS Foundations Benchmark recommendation it belongs to; when DIR holds a
configuration, the file and line that declare the entity.

Exit status: 0 when the audit ran, 2 when a finding reaches --fail-on,
1 on an error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return v.run(c.Context(), s, dirArg(args))
		},
	}
	v.config.register(c)
	v.provider.register(c)
	c.Flags().StringVar(&v.now, "now", "", "the `TIME` (RFC 3339) credentials' ages are counted to (default now)")
	c.Flags().StringVar(&v.format, "format", "text", "`FORMAT` of the report: text, json, markdown or sarif")
	c.Flags().StringVar(&v.failOn, "fail-on", "", "exit 2 when a finding is of this `SEVERITY` or higher: low, medium or high")
	return c
}

func (v *auditCmd) run(ctx context.Context, s Streams, dir string) error {
	write, ok := map[string]func(r render.Report) error{
		"text":     func(r render.Report) error { return render.Text(s.Stdout, r) },
		"json":     func(r render.Report) error { return render.JSON(s.Stdout, r) },
		"markdown": func(r render.Report) error { return render.Markdown(s.Stdout, r) },
		"sarif":    func(r render.Report) error { return render.SARIF(s.Stdout, r) },
	}[v.format]
	if !ok {
		return fmt.Errorf("unknown --format %q: use text, json, markdown or sarif", v.format)
	}
	var failOn audit.Severity
	if v.failOn != "" {
		var err error
		if failOn, err = audit.ParseSeverity(v.failOn); err != nil {
			return fmt.Errorf("--fail-on: %v", err)
		}
	}
	now := time.Now().UTC()
	if v.now != "" {
		t, err := time.Parse(time.RFC3339, v.now)
		if err != nil {
			return fmt.Errorf("--now %q is not an RFC 3339 time (2026-12-02T15:04:05Z)", v.now)
		}
		now = t
	}
	if err := v.provider.resolve(s, dir); err != nil {
		return err
	}
	sess, err := v.provider.openAccount(ctx, s, false, "", nil, v.provider.assumeRoleOf(s, dir, &v.config))
	if err != nil {
		return err
	}
	defer sess.Close()
	in := audit.Input{Now: now}
	if hasConfiguration(dir) {
		cfg, err := v.config.load(s, dir, sess.ident.Account, nil)
		if err != nil {
			return err
		}
		in.Declarations = map[model.Address]audit.Location{}
		for a, r := range cfg.Declarations {
			in.Declarations[a] = audit.Location{File: relPath(r.Filename), Line: r.Start.Line}
		}
	}
	// The credential report says what the audit needs of credentials:
	// the hints spare the AWS provider its calls per user.
	if in.Account, err = provider.ReadFor(ctx, sess.prov, provider.ForEvaluation(sess.ident.Account)); err != nil {
		return err
	}
	pr, ok := sess.prov.(provider.PostureReader)
	if !ok {
		return fmt.Errorf("the %s provider cannot read the credential report and the root user's posture", sess.ident.Provider)
	}
	if in.Posture, err = pr.Posture(ctx); err != nil {
		return fmt.Errorf("reading the credential report and account summary: %w", err)
	}
	findings := audit.Run(in)
	if err := write(render.Report{Account: sess.ident.Account, Findings: findings}); err != nil {
		return err
	}
	if failOn != 0 && audit.Reaches(findings, failOn) {
		return silent(ExitChanges)
	}
	return nil
}

// hasConfiguration reports whether dir holds configuration files.
func hasConfiguration(dir string) bool {
	for _, pat := range []string{"*.iam.hcl", "*.iam.json"} {
		if m, _ := filepath.Glob(filepath.Join(dir, pat)); len(m) > 0 {
			return true
		}
	}
	return false
}
