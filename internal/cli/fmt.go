package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/iamc/iamc/internal/atomicfile"
	"github.com/iamc/iamc/lang"
)

type fmtCmd struct {
	check bool
}

func newFmtCmd(s Streams) *cobra.Command {
	f := &fmtCmd{}
	c := &cobra.Command{
		Use:   "fmt [DIR]",
		Short: "Rewrite the *.iam.hcl files of DIR in canonical format",
		Long: `fmt rewrites every *.iam.hcl file of DIR in HCL's canonical layout and
prints the names of the files it changed. With --check it changes nothing,
prints the files that are not formatted, and exits 1 when there are any.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return f.run(s, dirArg(args))
		},
	}
	c.Flags().BoolVar(&f.check, "check", false, "change nothing; exit 1 when a file is not formatted")
	return c
}

func (f *fmtCmd) run(s Streams, dir string) error {
	names, err := filepath.Glob(filepath.Join(dir, "*.iam.hcl"))
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("no *.iam.hcl files in %s", dir)
	}
	sort.Strings(names)
	files := map[string]*hcl.File{}
	var diags hcl.Diagnostics
	var unformatted []string
	for _, name := range names {
		src, err := lang.ReadConfigFile(dir, filepath.Base(name))
		if err != nil {
			return err
		}
		out, d := lang.Format(name, src)
		if d.HasErrors() {
			diags = append(diags, d...)
			files[name] = &hcl.File{Bytes: src}
			continue
		}
		if bytes.Equal(out, src) {
			continue
		}
		unformatted = append(unformatted, relPath(name))
		if !f.check {
			info, err := os.Stat(name)
			if err != nil {
				return err
			}
			if err := atomicfile.Write(name, out, info.Mode().Perm()); err != nil {
				return err
			}
		}
	}
	printDiagnostics(s.Stderr, files, diags, false)
	if len(unformatted) > 0 {
		fprintf(s.Stdout, "%s\n", strings.Join(unformatted, "\n"))
	}
	if diags.HasErrors() || (f.check && len(unformatted) > 0) {
		return silent(ExitError)
	}
	return nil
}
