package cli

import (
	"context"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
)

type importCmd struct {
	provider providerFlags
	out      string
	manage   []string
}

func newImportCmd(s Streams) *cobra.Command {
	v := &importCmd{}
	c := &cobra.Command{
		Use:   "import",
		Short: "Write HCL that declares the account as it is",
		Long: `import reads the account and writes *.iam.hcl files into --out that declare
it as it is: customer managed policies, groups, users, roles, the password
policy and the alias, within --manage. A plan of the written directory
against the same account is empty. Existing *.iam.hcl files are never
overwritten.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return v.run(c.Context(), s)
		},
	}
	v.provider.register(c)
	c.Flags().StringVar(&v.out, "out", ".", "the `DIR` to write the configuration into")
	c.Flags().StringSliceVar(&v.manage, "manage", []string{"/"}, "import only entities under these path `PREFIXES`")
	return c
}

func (v *importCmd) run(ctx context.Context, s Streams) error {
	for _, p := range v.manage {
		if err := model.CheckPath(p); err != nil {
			return fmt.Errorf("--manage: %v", err)
		}
	}
	if err := v.provider.resolve(s, "."); err != nil {
		return err
	}
	if !v.provider.exists() {
		return fmt.Errorf("there is no %s account in %s to import", v.provider.kind.Name, v.provider.location())
	}
	sess, err := v.provider.openAccount(ctx, s, false, "", nil, "")
	if err != nil {
		return err
	}
	defer sess.Close()
	acct, err := sess.prov.Read(ctx)
	if err != nil {
		return fmt.Errorf("reading the account: %w", err)
	}
	written, err := lang.WriteFiles(v.out, lang.Declare(acct, model.Scope(v.manage)))
	for _, path := range written {
		fprintf(s.Stdout, "%s\n", relPath(path))
	}
	if err != nil {
		return err
	}
	// What was written must compile: check it now rather than at the next plan.
	cfg, diags := lang.Load(lang.Options{Dir: v.out, AccountID: acct.ID})
	if diags.HasErrors() {
		var hf map[string]*hcl.File
		if cfg != nil {
			hf = cfg.Files
		}
		printDiagnostics(s.Stderr, hf, diags, false)
		return fmt.Errorf("the imported configuration does not compile; this is a bug in iamc import")
	}
	return nil
}
