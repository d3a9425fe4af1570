package render

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"

	"github.com/iamc/iamc/audit"
)

// SARIF 2.1.0, as code-scanning tools read it: one run whose tool lists
// every check as a rule, and one result per finding, located at the
// entity's declaration when there is one (else at the entity, as a
// logical location).

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string         `json:"id"`
	Name             string         `json:"name,omitempty"`
	ShortDescription sarifMessage   `json:"shortDescription"`
	FullDescription  *sarifMessage  `json:"fullDescription,omitempty"`
	DefaultConfig    sarifConfig    `json:"defaultConfiguration"`
	Properties       map[string]any `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
	RuleIndex  int             `json:"ruleIndex"`
	Level      string          `json:"level"`
	Message    sarifMessage    `json:"message"`
	Locations  []sarifLocation `json:"locations"`
	Properties map[string]any  `json:"properties,omitempty"`
}

type sarifLocation struct {
	Physical *sarifPhysical `json:"physicalLocation,omitempty"`
	Logical  []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind,omitempty"`
}

// level is SARIF's level of a severity.
func level(s audit.Severity) string {
	switch s {
	case audit.High:
		return "error"
	case audit.Medium:
		return "warning"
	}
	return "note"
}

// SARIF writes the report as a SARIF 2.1.0 log. File locations are
// written as given (relative to the working directory, as the CLI makes
// them), with forward slashes as SARIF's URIs take them.
func SARIF(w io.Writer, r Report) error {
	driver := sarifDriver{Name: "iamc audit", InformationURI: "https://github.com/iamc/iamc"}
	for _, c := range audit.Checks {
		rule := sarifRule{ID: c.ID, ShortDescription: sarifMessage{Text: c.Title}, DefaultConfig: sarifConfig{Level: level(c.Severity)},
			Properties: map[string]any{"severity": c.Severity.String()}}
		if c.CIS != "" {
			rule.FullDescription = &sarifMessage{Text: "CIS AWS Foundations Benchmark: " + c.CIS}
			rule.Properties["cis"] = c.CIS
		}
		driver.Rules = append(driver.Rules, rule)
	}
	results := []sarifResult{}
	for _, f := range r.Findings {
		text := f.Title + ". " + f.Why + " Fix: " + f.Fix
		if len(f.Path) > 0 {
			text += " Path:"
			for i, s := range f.Path {
				text += " " + strconv.Itoa(i+1) + ". " + s + "."
			}
		}
		loc := sarifLocation{Logical: []sarifLogical{{FullyQualifiedName: f.Entity, Kind: "resource"}}}
		if f.Location != nil {
			loc.Physical = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: filepath.ToSlash(f.Location.File)}, Region: sarifRegion{StartLine: f.Location.Line}}
		}
		props := map[string]any{"entity": f.Entity, "severity": f.Severity.String()}
		if len(f.Actions) > 0 {
			props["actions"] = f.Actions
		}
		results = append(results, sarifResult{RuleID: f.ID, RuleIndex: audit.CheckIndex(f.ID), Level: level(f.Severity),
			Message: sarifMessage{Text: text}, Locations: []sarifLocation{loc}, Properties: props})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Version: sarifVersion, Schema: sarifSchema, Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}}})
}
