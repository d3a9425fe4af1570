package cli_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// ghJob runs the run steps of one job of a GitHub Actions workflow, in
// order, as a runner does: each with bash -eo pipefail in the current
// directory, with the workflow's, job's and step's env, and files behind
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY ($WORK/github/). It stops at the
// first step that fails, and fails then (`! gh-job` expects that).
//
//	gh-job WORKFLOW JOB [NAME=VALUE ...]
//
// What GitHub does itself is not done: a `uses:` step is skipped and
// named, so are the steps that install iamc (`go install` of iamc: the
// iamc on PATH is the one under test). An env value that is an
// expression (${{ ... }}) other than a step's output must be given as
// NAME=VALUE. A run step with an
// `if:`, or an expression inside a script, is refused: expressions go
// through env, where the script cannot be injected into.
// stepOutput matches an expression that is one step's output.
var stepOutput = regexp.MustCompile(`^\$\{\{\s*steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\s*\}\}$`)

func ghJob(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: gh-job WORKFLOW JOB [NAME=VALUE ...]")
	}
	src, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	wf, err := parseYAML(string(src))
	if err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	given := map[string]string{}
	for _, kv := range args[2:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			ts.Fatalf("gh-job: %q is not NAME=VALUE", kv)
		}
		given[k] = v
	}
	job := wf.get("jobs").get(args[1])
	if job == nil {
		ts.Fatalf("%s has no job %q", args[0], args[1])
	}
	dir := ts.MkAbs(filepath.Join(ts.Getenv("WORK"), "github"))
	ts.Check(os.MkdirAll(dir, 0o755))
	summary := filepath.Join(dir, "summary.md")
	// The environment of a runner: what the test gives (iamc on PATH, the
	// served endpoint and its key, as configure-aws-credentials exports
	// a role's), and nothing else of the test process.
	env := []string{"CI=true", "GITHUB_ACTIONS=true", "GITHUB_STEP_SUMMARY=" + summary}
	for _, k := range []string{"PATH", "HOME", "TMPDIR", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
		"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL", "AWS_PAGER"} {
		env = append(env, k+"="+ts.Getenv(k))
	}
	outputs := map[string]map[string]string{} // step id → its outputs
	envOf := func(n *yamlNode, where string) []string {
		var out []string
		for _, kv := range n.get("env").pairs() {
			v := kv.val.str()
			if m := stepOutput.FindStringSubmatch(v); m != nil {
				v = outputs[m[1]][m[2]]
			} else if strings.Contains(v, "${{") {
				g, ok := given[kv.key]
				if !ok {
					ts.Fatalf("%s: env %s is %s: give it as %s=VALUE", where, kv.key, v, kv.key)
				}
				v = g
			}
			out = append(out, kv.key+"="+v)
		}
		return out
	}
	env = append(env, envOf(wf, "workflow")...)
	env = append(env, envOf(job, "job "+args[1])...)
	for i, step := range job.get("steps").items() {
		if uses := step.get("uses").str(); uses != "" {
			fmt.Fprintf(ts.Stdout(), "# uses %s (not run here)\n", uses)
			continue
		}
		name := step.get("name").str()
		if name == "" {
			name = fmt.Sprintf("step %d", i+1)
		}
		script := step.get("run").str()
		if script == "" {
			ts.Fatalf("job %s, %s: neither uses nor run", args[1], name)
		}
		if strings.HasPrefix(script, "go install ") && strings.Contains(script, "github.com/iamc/iamc/cmd/iamc@") {
			fmt.Fprintf(ts.Stdout(), "# %s: %s (the iamc under test is on PATH)\n", name, strings.TrimSpace(script))
			continue
		}
		if step.get("if") != nil {
			ts.Fatalf("job %s, %s: a run step with if: is not run by this test", args[1], name)
		}
		if strings.Contains(script, "${{") {
			ts.Fatalf("job %s, %s: an expression inside a script; pass it through env", args[1], name)
		}
		stepEnv := append(append([]string(nil), env...), envOf(step, "job "+args[1]+", "+name)...)
		output := filepath.Join(dir, fmt.Sprintf("output-%s-%d", args[1], i+1))
		if err := os.Remove(output); err != nil && !errors.Is(err, os.ErrNotExist) {
			ts.Fatalf("%v", err)
		}
		stepEnv = append(stepEnv, "GITHUB_OUTPUT="+output)
		fmt.Fprintf(ts.Stdout(), "# %s\n", name)
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
		cmd.Dir = ts.MkAbs(".")
		cmd.Env = stepEnv
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		ts.Stdout().Write(out.Bytes())
		ts.Stderr().Write(errb.Bytes())
		if err != nil {
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				ts.Fatalf("job %s, %s: %v", args[1], name, err)
			}
			fmt.Fprintf(ts.Stdout(), "# %s failed: exit %d\n", name, exit.ExitCode())
			if !neg {
				ts.Fatalf("job %s failed at %s", args[1], name)
			}
			return
		}
		// Later steps read this one's outputs, NAME=VALUE lines, as
		// ${{ steps.ID.outputs.NAME }}.
		if data, err := os.ReadFile(output); err == nil {
			id := step.get("id").str()
			outputs[id] = map[string]string{}
			for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					outputs[id][k] = v
				}
			}
			fmt.Fprintf(ts.Stdout(), "# %s outputs: %s\n", name, strings.Join(strings.Fields(string(data)), " "))
		}
	}
	if neg {
		ts.Fatalf("job %s succeeded", args[1])
	}
}
