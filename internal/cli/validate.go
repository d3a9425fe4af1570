package cli

import (
	"github.com/spf13/cobra"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/lang"
)

type validateCmd struct {
	config   configFlags
	accounts accountsFlags
}

func newValidateCmd(s Streams) *cobra.Command {
	v := &validateCmd{}
	c := &cobra.Command{
		Use:   "validate [DIR...]",
		Short: "Check the configuration: every error at once, with its place; no account needed",
		RunE: func(c *cobra.Command, args []string) error {
			if v.accounts.several(args) {
				return v.runAccounts(s, args)
			}
			return v.run(s, dirArg(args))
		},
	}
	v.config.register(c)
	v.accounts.register(c)
	return c
}

func (v *validateCmd) run(s Streams, dir string) error {
	_, err := v.validateDir(s, dir)
	return err
}

// validateDir compiles the configuration in dir and says what it holds.
func (v *validateCmd) validateDir(s Streams, dir string) (*lang.Config, error) {
	cfg, err := v.config.load(s, dir, "", nil)
	if err != nil {
		return nil, err
	}
	a := cfg.Account
	fprintf(s.Stdout, "The configuration is valid: %s, %s, %s, %s.\n",
		english.CountOf(len(a.Users), "user", "users"), english.CountOf(len(a.Groups), "group", "groups"),
		english.CountOf(len(a.Roles), "role", "roles"), english.CountOf(len(a.Policies), "managed policy", "managed policies"))
	if cfg.Expectations > 0 {
		fprintf(s.Stdout, "%s met (%s checked).\n", english.CountOf(cfg.Expectations, "expect block", "expect blocks"), english.CountOf(cfg.ExpectedRequests, "request", "requests"))
	}
	return cfg, nil
}
