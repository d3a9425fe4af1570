package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamc/iamc/internal/cli"
)

// TestApplyAsksOnATerminal: without --auto-approve, apply shows the plan
// and asks; only "yes" goes ahead.
func TestApplyAsksOnATerminal(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.iam.hcl"), []byte("user \"tyler\" {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(answer string) (int, string, string) {
		var out, errb bytes.Buffer
		code := cli.Run(context.Background(), []string{"apply", dir}, cli.Streams{
			Stdin: strings.NewReader(answer), Stdout: &out, Stderr: &errb,
			IsTerminal: func() bool { return true },
		})
		return code, out.String(), errb.String()
	}
	for _, answer := range []string{"no\n", "y\n", "YES\n", ""} {
		code, out, errs := run(answer)
		if code != cli.ExitError || !strings.Contains(out, `Only "yes" is accepted.`) || !strings.Contains(errs, "apply cancelled: nothing was changed") {
			t.Fatalf("answer %q: exit %d\n%s\n%s", answer, code, out, errs)
		}
		if !strings.Contains(out, "+ user.tyler") {
			t.Errorf("answer %q: the plan was not shown before the question:\n%s", answer, out)
		}
	}
	code, out, errs := run("yes\n")
	if code != cli.ExitOK || !strings.Contains(out, "Apply complete: 1 created") {
		t.Fatalf("yes: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, _ := run(""); code != cli.ExitOK || !strings.Contains(out, "No changes.") {
		t.Errorf("after yes, apply again: exit %d\n%s", code, out)
	}
}
