package cli

import (
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/catalog"
)

// Version is iamc's version, set at build time with
// -ldflags "-X github.com/iamc/iamc/internal/cli.Version=v1.2.3"; else the
// module version from the build information.
var Version = ""

func newVersionCmd(s Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print iamc's version and the versions and dates of its embedded catalogs",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			v := Version
			if v == "" {
				v = "(devel)"
				if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
					v = bi.Main.Version
				}
			}
			i := catalog.DataInfo()
			fprintf(s.Stdout, "iamc %s\n", v)
			fprintf(s.Stdout, "action catalog:   %s %s (data of %s): %d services, %d actions\n", i.ActionsPackage, i.ActionsVersion, i.ActionsDate, i.Services, i.Actions)
			fprintf(s.Stdout, "managed policies: %s %s (data of %s): %d policies\n", i.ManagedPackage, i.ManagedVersion, i.ManagedDate, i.ManagedPolicies)
			return nil
		},
	}
}
