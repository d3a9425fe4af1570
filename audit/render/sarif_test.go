package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/iamc/iamc/audit"
)

// sarifSchemaPath is the OASIS SARIF 2.1.0 schema, kept beside the
// repository (../shared/schemas from its root), not copied into it.
var sarifSchemaPath = filepath.Join("..", "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	f, err := os.Open(sarifSchemaPath)
	if err != nil {
		t.Skipf("the SARIF schema is not beside the repository: %v", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		findings []audit.Finding
	}{
		{"no findings", nil},
		{"findings", []audit.Finding{
			{ID: "root-mfa", Severity: audit.High, Entity: "root", Title: "The root user has no MFA device", Why: "w", Fix: "f",
				CIS: "Ensure MFA is enabled for the 'root' user account"},
			{ID: "privilege-escalation", Severity: audit.High, Entity: "user.dev", Title: "t", Why: "w", Fix: "f",
				Actions: []string{"iam:AttachUserPolicy"}, Path: []string{"attach AdministratorAccess to user.dev"},
				Location: &audit.Location{File: `users.iam.hcl`, Line: 12}},
			{ID: "user-direct-policies", Severity: audit.Low, Entity: "user.bot", Title: "t", Why: "w", Fix: "f"},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := SARIF(&b, Report{Account: "123456789012", Findings: tt.findings}); err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Fatalf("the SARIF log is not valid: %v\n%s", err, b.String())
			}
			var log struct {
				Runs []struct {
					Results []struct {
						RuleID    string `json:"ruleId"`
						Level     string `json:"level"`
						Locations []struct {
							Physical *struct {
								ArtifactLocation struct{ URI string } `json:"artifactLocation"`
								Region           struct{ StartLine int }
							} `json:"physicalLocation"`
						}
					}
				}
			}
			if err := json.Unmarshal(b.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			if got := len(log.Runs[0].Results); got != len(tt.findings) {
				t.Fatalf("%d results, want %d", got, len(tt.findings))
			}
			if len(tt.findings) > 0 {
				r := log.Runs[0].Results[1]
				if r.Level != "error" || r.Locations[0].Physical == nil || r.Locations[0].Physical.ArtifactLocation.URI != "users.iam.hcl" || r.Locations[0].Physical.Region.StartLine != 12 {
					t.Errorf("result = %+v", r)
				}
				if log.Runs[0].Results[2].Level != "note" {
					t.Errorf("a low finding is %q, want note", log.Runs[0].Results[2].Level)
				}
			}
		})
	}
}
