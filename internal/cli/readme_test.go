package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/internal/cli"
)

// readmeCommands returns the commands of the README's first code block.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```sh\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no ```sh block")
	}
	return strings.Split(strings.TrimSpace(block), "\n")
}

// TestReadmeCommands keeps the README's two opening commands true: the
// first applies the startup example to a memory account (twice: the second
// run has nothing to do), the second is the test command CI runs.
func TestReadmeCommands(t *testing.T) {
	cmds := readmeCommands(t)
	if len(cmds) != 2 {
		t.Fatalf("the README starts with %d commands, want 2: %q", len(cmds), cmds)
	}
	if cmds[1] != "go test ./..." {
		t.Errorf("the README's test command is %q", cmds[1])
	}
	ci, err := os.ReadFile("../../.ci/run")
	if err != nil || !strings.Contains(string(ci), "\n"+cmds[1]+"\n") {
		t.Errorf(".ci/run does not run the README's test command %q", cmds[1])
	}
	args := strings.Fields(cmds[0])
	if len(args) < 4 || strings.Join(args[:3], " ") != "go run ./cmd/iamc" {
		t.Fatalf("the README's first command does not run iamc: %q", cmds[0])
	}
	args = args[3:]
	// Run it on a copy of the example, with the passwords in a temporary
	// directory, from the repository root as the README says.
	tmp := t.TempDir()
	example := filepath.Join(tmp, "examples", "startup")
	copyDir(t, "../../examples/startup", example)
	for i, a := range args {
		switch {
		case a == "examples/startup":
			args[i] = example
		case strings.HasPrefix(a, "/tmp/"):
			args[i] = filepath.Join(tmp, filepath.Base(a))
		}
	}
	for run, want := range []string{"Apply complete: 11 created", "No changes."} {
		var out, errb bytes.Buffer
		code := cli.Run(context.Background(), args, cli.Streams{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader("")})
		if code != 0 || !strings.Contains(out.String(), want) {
			t.Fatalf("run %d of %q: exit %d, want %q in\n%s\n%s", run+1, cmds[0], code, want, out.String(), errb.String())
		}
	}
}

// TestReadmeListsServedActions keeps the README's list of the actions
// iamc serve answers true.
func TestReadmeListsServedActions(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(data), "Actions served: ")
	list, _, ok2 := strings.Cut(list, ".\n")
	if !ok || !ok2 {
		t.Fatal("README.md has no \"Actions served: \" list")
	}
	var listed []string
	for _, a := range strings.Split(list, ",") {
		a = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(a), "(STS)"))
		listed = append(listed, strings.TrimSpace(a))
	}
	served := iamapi.Actions()
	if strings.Join(listed, ",") != strings.Join(served, ",") {
		t.Errorf("README lists\n%v\nserved are\n%v", listed, served)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
