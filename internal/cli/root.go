package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

func newRoot(ctx context.Context, s Streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "iamc",
		Short: "Compile HCL that declares an AWS account's IAM into an exact plan of IAM calls, and apply it",
		Long: `iamc compiles the *.iam.hcl files of a directory, reads the account as it
is, and shows the exact changes and the ordered IAM API calls that make the
account match (iamc plan); iamc apply carries them out.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		// Bare `iamc` prints help and exits 0; unknown commands are errors.
		Args: cobra.NoArgs,
	}
	root.SetIn(s.Stdin)
	root.SetOut(s.Stdout)
	root.SetErr(s.Stderr)
	root.SetContext(ctx)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: ExitError, msg: fmt.Sprintf("%v (see %s --help)", err, c.CommandPath())}
	})
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(
		newValidateCmd(s),
		newPlanCmd(s),
		newApplyCmd(s),
		newImportCmd(s),
		newFmtCmd(s),
		newServeCmd(s),
		newCanCmd(s),
		newAuditCmd(s),
		newVersionCmd(s),
	)
	return root
}

// dirArg returns the configuration directory from a command's arguments.
func dirArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}
