package layers

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/iamc/iamc/"

// forbidden lists, per package, the packages of ours it must not depend
// on, directly or not.
var forbidden = map[string][]string{
	"catalog":         {"policy", "model", "op", "plan", "provider", "lang", "apply", "iamapi", "internal/cli"},
	"policy":          {"model", "op", "plan", "provider", "lang", "apply", "iamapi", "internal/cli"},
	"model":           {"op", "plan", "provider", "lang", "apply", "iamapi", "internal/cli"},
	"op":              {"plan", "provider", "lang", "apply", "iamapi", "internal/cli"},
	"access":          {"op", "plan", "provider", "lang", "apply", "iamapi", "internal/cli"},
	"plan":            {"lang", "provider", "apply", "iamapi", "internal/cli"},
	"plan/render":     {"lang", "provider", "apply", "iamapi", "internal/cli"},
	"provider":        {"lang", "plan", "apply", "iamapi", "internal/cli"},
	"provider/memory": {"lang", "plan", "apply", "iamapi", "internal/cli", "provider/awsiam"},
	"provider/awsiam": {"lang", "plan", "apply", "iamapi", "internal/cli", "provider/memory"},
	// The registry lists the providers, and knows nothing else.
	"provider/registry": {"lang", "plan", "apply", "iamapi", "internal/cli"},
	"lang":              {"plan", "provider", "apply", "iamapi", "internal/cli"},
	"apply":             {"lang", "iamapi", "internal/cli", "provider/memory", "provider/awsiam"},
	"iamapi":            {"lang", "plan", "apply", "internal/cli", "provider/awsiam"},
	// The audit is pure, over an account and its posture: it reads no
	// configuration and no provider; its renderers likewise.
	"audit":        {"lang", "plan", "provider", "apply", "iamapi", "internal/cli"},
	"audit/render": {"lang", "plan", "provider", "apply", "iamapi", "internal/cli"},
	// The shared helpers under internal are leaves: the lowest layer,
	// catalog, imports them, so they import nothing of iamc.
	"internal/wildcard": leaf,
	"internal/spell":    leaf,
	"internal/jsonstr":  leaf,
	"internal/english":  leaf,
	"internal/accounts": leaf,
}

// leaf is every package of iamc: what a shared helper must not import.
var leaf = []string{"catalog", "policy", "model", "op", "access", "plan", "provider", "lang", "apply", "iamapi", "internal/cli"}

// thirdParty lists, per package, outside modules its own code must not
// import: the planner and the model do no I/O and know no HCL or AWS SDK.
// (They link HCL through policy, whose HCL statement form lives beside its
// JSON form, as DESIGN.md section 1 says.)
var thirdParty = map[string][]string{
	"model":  {"github.com/hashicorp/hcl", "github.com/aws/", "github.com/spf13/cobra"},
	"op":     {"github.com/hashicorp/hcl", "github.com/aws/", "github.com/spf13/cobra"},
	"access": {"github.com/hashicorp/hcl", "github.com/aws/", "github.com/spf13/cobra"},
	"plan":   {"github.com/hashicorp/hcl", "github.com/aws/", "github.com/spf13/cobra"},
	"apply":  {"github.com/hashicorp/hcl", "github.com/aws/", "github.com/spf13/cobra"},
	"policy": {"github.com/aws/", "github.com/spf13/cobra"},
	"lang":   {"github.com/aws/", "github.com/spf13/cobra"},
}

func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	for pkg := range forbidden {
		deps := listDeps(t, module+pkg)
		for _, bad := range forbidden[pkg] {
			if deps[module+bad] {
				t.Errorf("%s depends on %s, against DESIGN.md section 1", pkg, bad)
			}
		}
		imports := listImports(t, module+pkg)
		for _, prefix := range thirdParty[pkg] {
			for d := range imports {
				if strings.HasPrefix(d, prefix) {
					t.Errorf("%s depends on %s", pkg, d)
				}
			}
		}
	}
}

func listDeps(t *testing.T, pkg string) map[string]bool {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-json=ImportPath", pkg).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, stderr)
	}
	deps := map[string]bool{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct{ ImportPath string }
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.ImportPath != pkg {
			deps[p.ImportPath] = true
		}
	}
	return deps
}

func listImports(t *testing.T, pkg string) map[string]bool {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{join .Imports \"\\n\"}}", pkg).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", pkg, err)
	}
	imports := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		if line != "" {
			imports[line] = true
		}
	}
	return imports
}
