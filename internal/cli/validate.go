package cli

import (
	"github.com/spf13/cobra"
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
		plural(len(a.Users), "user", "users"), plural(len(a.Groups), "group", "groups"),
		plural(len(a.Roles), "role", "roles"), plural(len(a.Policies), "managed policy", "managed policies"))
	if cfg.Expectations > 0 {
		fprintf(s.Stdout, "%s met (%s checked).\n", plural(cfg.Expectations, "expect block", "expect blocks"), plural(cfg.ExpectedRequests, "request", "requests"))
	}
	return nil
}
