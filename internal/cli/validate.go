package cli

import (
	"github.com/spf13/cobra"

	"github.com/iamc/iamc/internal/english"
)

type validateCmd struct {
	config configFlags
}

func newValidateCmd(s Streams) *cobra.Command {
	v := &validateCmd{}
	c := &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check the configuration: every error at once, with its place; no account needed",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return v.run(s, dirArg(args))
		},
	}
	v.config.register(c)
	return c
}

func (v *validateCmd) run(s Streams, dir string) error {
	cfg, err := v.config.load(s, dir, "", nil)
	if err != nil {
		return err
	}
	a := cfg.Account
	fprintf(s.Stdout, "The configuration is valid: %s, %s, %s, %s.\n",
		english.CountOf(len(a.Users), "user", "users"), english.CountOf(len(a.Groups), "group", "groups"),
		english.CountOf(len(a.Roles), "role", "roles"), english.CountOf(len(a.Policies), "managed policy", "managed policies"))
	if cfg.Expectations > 0 {
		fprintf(s.Stdout, "%s met (%s checked).\n", english.CountOf(cfg.Expectations, "expect block", "expect blocks"), english.CountOf(cfg.ExpectedRequests, "request", "requests"))
	}
	return nil
}
