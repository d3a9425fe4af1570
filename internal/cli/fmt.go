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
	root  string
}

func newFmtCmd(s Streams) *cobra.Command {
	f := &fmtCmd{}
	c := &cobra.Command{
		Use:   "fmt [DIR]",
		Short: "Rewrite the *.iam.hcl files of DIR in canonical format",
		Long: `fmt rewrites every *.iam.hcl file of DIR in HCL's canonical layout and
prints the names of the files it changed, and likewise the files of the
modules it uses. With --check it changes nothing, prints the files that are
not formatted, and exits 1 when there are any.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return f.run(s, dirArg(args))
		},
	}
	c.Flags().BoolVar(&f.check, "check", false, "change nothing; exit 1 when a file is not formatted")
	registerRoot(c, &f.root)
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
	modules, err := lang.ModuleDirs(dir, f.root)
	if err != nil {
		return err
	}
	for _, m := range modules {
		more, err := filepath.Glob(filepath.Join(m, "*.iam.hcl"))
		if err != nil {
			return err
		}
		sort.Strings(more)
		names = append(names, more...)
	}
	files := map[string]*hcl.File{}
	var diags hcl.Diagnostics
	var unformatted []string
	for _, name := range names {
		src, err := lang.ReadConfigFile(filepath.Dir(name), filepath.Base(name))
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

// registerRoot adds --root, the repository root that module sources must
// stay inside.
func registerRoot(c *cobra.Command, v *string) {
	c.Flags().StringVar(v, "root", "", "the repository root `DIR` that module sources must stay inside (default: the nearest directory above the configuration holding .git)")
}
