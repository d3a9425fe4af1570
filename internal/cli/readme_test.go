package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/internal/cli"
	"github.com/iamc/iamc/provider/memory"
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
	for run, want := range []string{"Apply complete: 12 created", "No changes."} {
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

// TestReadmeJSONPlanKeys: every key of a JSON plan is in the README's
// table of the format, and every key the table names is in a plan.
func TestReadmeJSONPlanKeys(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(data), "## The JSON plan\n")
	section, _, _ = strings.Cut(section, "\n## ")
	documented := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 || !strings.Contains(cells[1], "`") {
			continue
		}
		var base string
		for _, part := range strings.Split(cells[1], ",") {
			key := strings.Trim(strings.TrimSpace(part), "`")
			if strings.HasPrefix(key, ".") {
				key = base + key
			} else {
				base = key[:strings.LastIndex(key, ".")+1]
				base = strings.TrimSuffix(base, ".")
			}
			documented[key] = true
		}
	}
	dir := t.TempDir()
	src := `instance_profile "keep" {}
instance_profile "old" {}
group "g" {
  inline_policy "read" {
    statement {
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
  }
}
user "u" {
  groups = [group.g]
  tags   = { team = "web" }
}
role "r" {
  description = "before"
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com"]
      }
    }
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.iam.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	s := cli.Streams{Stdout: &out, Stderr: &errs, Stdin: strings.NewReader("")}
	if code := cli.Run(context.Background(), []string{"apply", "--auto-approve", dir}, s); code != 0 {
		t.Fatalf("apply: %d\n%s", code, errs.String())
	}
	src = strings.Replace(src, `"before"`, `"after"`, 1)
	src = strings.Replace(src, `tags   = { team = "web" }`, ``, 1)
	src = strings.Replace(src, `groups = [group.g]`, ``, 1)
	src = strings.Replace(src, `"ec2.amazonaws.com"`, `"lambda.amazonaws.com"`, 1)
	src = strings.Replace(src, `instance_profile "old" {}`, ``, 1) // deleted with a notice
	src = strings.Replace(src, `description = "after"`, `description = "after"
  policies    = [policy.p]`, 1)
	src = strings.Replace(src, `group "g" {`, `policy "p" {
  statement {
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}
group "g" {`, 1)
	if err := os.WriteFile(filepath.Join(dir, "main.iam.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := cli.Run(context.Background(), []string{"plan", "--format", "json", dir}, s); code != 0 {
		t.Fatalf("plan: %d\n%s", code, errs.String())
	}
	var plan any
	if err := json.Unmarshal(out.Bytes(), &plan); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if prefix == "steps[].params" {
				seen[prefix] = true
				return
			}
			for k, x := range v {
				key := k
				if prefix != "" {
					key = prefix + "." + k
				}
				seen[key] = true
				walk(key, x)
			}
		case []any:
			for _, x := range v {
				walk(prefix+"[]", x)
			}
		}
	}
	walk("", plan)
	for key := range seen {
		if strings.HasPrefix(key, "changes[].documents[].before.") || strings.HasPrefix(key, "changes[].documents[].after.") {
			continue // the document itself
		}
		if !documented[key] {
			t.Errorf("the JSON plan has %q, which the README does not document", key)
		}
	}
	for key := range documented {
		if !seen[key] && key != "account.caller" && key != "account.state" {
			t.Errorf("the README documents %q, which the JSON plan does not have", key)
		}
	}
}

// TestReadmePullRequestComment keeps the README's pull-request comment
// real: the gitops example applied through iamc serve's handler, the
// pull request the README shows added, and the Markdown plan that
// iamc prints for it. IAMC_UPDATE=1 writes the plan into the README.
func TestReadmePullRequestComment(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	_, section, ok := strings.Cut(readme, "### A pipeline: examples/gitops\n")
	if !ok {
		t.Fatal("README.md has no section \"A pipeline: examples/gitops\"")
	}
	_, hcl, ok1 := strings.Cut(section, "\n```hcl\n")
	hcl, _, ok2 := strings.Cut(hcl, "\n```\n")
	_, comment, ok3 := strings.Cut(section, "\n````markdown\n")
	comment, _, ok4 := strings.Cut(comment, "````\n")
	if !ok1 || !ok2 || !ok3 || !ok4 {
		t.Fatal("the gitops section lacks its ```hcl pull request or its ````markdown comment")
	}

	dir := filepath.Join(t.TempDir(), "gitops")
	copyDir(t, "../../examples/gitops", dir)
	srv := httptest.NewServer(iamapi.NewHandler(memory.New("123456789012"), iamapi.Options{}))
	defer srv.Close()
	for k, v := range map[string]string{"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
		"AWS_CONFIG_FILE": filepath.Join(dir, "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "none"),
		"AWS_EC2_METADATA_DISABLED": "true"} {
		t.Setenv(k, v)
	}
	run := func(want int, args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		code := cli.Run(context.Background(), args, cli.Streams{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader("")})
		if code != want {
			t.Fatalf("iamc %s: exit %d, want %d\n%s\n%s", strings.Join(args, " "), code, want, out.String(), errb.String())
		}
		return out.String()
	}
	aws := []string{"--provider", "aws", "--endpoint-url", srv.URL}
	run(0, append([]string{"apply", "--auto-approve", dir}, aws...)...)
	f, err := os.OpenFile(filepath.Join(dir, "people.iam.hcl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("\n" + hcl + "\n")
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
	run(0, "fmt", "--check", dir)
	got := run(3, append([]string{"plan", "--format", "markdown", "--detailed-exitcode", "--out", filepath.Join(dir, "plan.json"), dir}, aws...)...)
	if got == comment {
		return
	}
	if os.Getenv("IAMC_UPDATE") != "" {
		updated := strings.Replace(readme, "\n````markdown\n"+comment+"````\n", "\n````markdown\n"+got+"````\n", 1)
		if err := os.WriteFile("../../README.md", []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the README's pull-request comment is not what iamc prints (IAMC_UPDATE=1 rewrites it); iamc prints:\n%s", got)
}
