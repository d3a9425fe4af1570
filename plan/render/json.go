package render

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/policy"
)

// JSONVersion is the version of the public JSON plan that JSON writes.
// Within a version keys may be added; removing or renaming one, or
// changing its type or meaning, is a new version. The README documents
// every key; TestPublicJSON holds the format to its golden file.
const JSONVersion = "2"

// The public JSON plan, field by field. It embeds no type of another
// package, so that a change to the model's JSON cannot change it unseen.
type jsonPlan struct {
	FormatVersion string       `json:"format_version"`
	Account       jsonAccount  `json:"account"`
	Summary       jsonSummary  `json:"summary"`
	Changes       []jsonChange `json:"changes"`
	Steps         []jsonStep   `json:"steps"`
	Warnings      []string     `json:"warnings"`
	Access        *jsonAccess  `json:"access"`
	Notices       []string     `json:"notices,omitempty"`
}

type jsonAccount struct {
	ID       string `json:"id"`
	Provider string `json:"provider"`
	Caller   string `json:"caller,omitempty"`
	State    string `json:"state,omitempty"`
}

type jsonSummary struct {
	Create  int `json:"create"`
	Update  int `json:"update"`
	Replace int `json:"replace"`
	Delete  int `json:"delete"`
	Steps   int `json:"steps"`
}

type jsonChange struct {
	Address    string          `json:"address"`
	Kind       string          `json:"kind"`
	Name       string          `json:"name,omitempty"`
	Action     string          `json:"action"`
	Attributes []jsonAttribute `json:"attributes"`
	Documents  []jsonDocument  `json:"documents"`
	Notes      []string        `json:"notes"`
}

// jsonAttribute is a scalar (before, after: a string or null) or a set
// (added, removed).
type jsonAttribute struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Before  *string  `json:"before,omitempty"`
	After   *string  `json:"after,omitempty"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// MarshalJSON writes a scalar's before and after as null when absent,
// and a set's added and removed as lists, never absent.
func (a jsonAttribute) MarshalJSON() ([]byte, error) {
	if a.Type == "set" {
		return json.Marshal(struct {
			Name    string   `json:"name"`
			Type    string   `json:"type"`
			Added   []string `json:"added"`
			Removed []string `json:"removed"`
		}{a.Name, a.Type, nonNil(a.Added), nonNil(a.Removed)})
	}
	return json.Marshal(struct {
		Name   string  `json:"name"`
		Type   string  `json:"type"`
		Before *string `json:"before"`
		After  *string `json:"after"`
	}{a.Name, a.Type, a.Before, a.After})
}

type jsonDocument struct {
	Name   string          `json:"name"`
	Before json.RawMessage `json:"before"`
	After  json.RawMessage `json:"after"`
}

type jsonStep struct {
	ID        int             `json:"id"`
	Address   string          `json:"address"`
	Action    string          `json:"action"`
	Params    json.RawMessage `json:"params"`
	Command   string          `json:"command"`
	DependsOn []int           `json:"depends_on"`
}

// JSON writes the public JSON plan (format JSONVersion): where it applies,
// what it changes per entity with the documents before and after in IAM's
// canonical JSON, the steps with their IAM parameters and the command
// each stands for, and the warnings; indented by two spaces. The same
// plan always gives the same bytes. It is for tools that read plans; a
// plan file for `iamc apply` is plan.File.
func JSON(w io.Writer, p *plan.Plan) error {
	c, u, r, d := p.Counts()
	out := jsonPlan{
		FormatVersion: JSONVersion,
		Account:       jsonAccount{ID: p.Account, Provider: p.Provider, Caller: p.Caller, State: p.State},
		Summary:       jsonSummary{Create: c, Update: u, Replace: r, Delete: d, Steps: len(p.Steps)},
		Changes:       make([]jsonChange, 0, len(p.Changes)),
		Steps:         make([]jsonStep, 0, len(p.Steps)),
		Warnings:      nonNil(p.Warnings),
		Access:        toJSONAccess(p.Access),
		Notices:       p.Notices,
	}
	for _, ch := range p.Changes {
		jc := jsonChange{
			Address: ch.Address.String(), Kind: string(ch.Address.Kind), Name: ch.Address.Name,
			Action:     string(ch.Action),
			Attributes: make([]jsonAttribute, 0, len(ch.Attributes)),
			Documents:  make([]jsonDocument, 0, len(ch.Documents)),
			Notes:      nonNil(ch.Notes),
		}
		for _, a := range ch.Attributes {
			ja := jsonAttribute{Name: a.Name, Type: "scalar", Before: a.Before, After: a.After}
			if a.Added != nil || a.Removed != nil {
				ja = jsonAttribute{Name: a.Name, Type: "set", Added: a.Added, Removed: a.Removed}
			}
			jc.Attributes = append(jc.Attributes, ja)
		}
		for _, doc := range ch.Documents {
			jc.Documents = append(jc.Documents, jsonDocument{Name: doc.Name, Before: canonical(doc.Before), After: canonical(doc.After)})
		}
		out.Changes = append(out.Changes, jc)
	}
	for _, s := range p.Steps {
		params, err := op.MarshalParams(s.Op)
		if err != nil {
			return err
		}
		deps := s.DependsOn
		if deps == nil {
			deps = []int{}
		}
		out.Steps = append(out.Steps, jsonStep{
			ID: s.ID, Address: s.Address.String(), Action: s.Op.Action(), Params: params,
			Command: op.Command(s.Op, 0), DependsOn: deps,
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// canonical is a document in IAM's canonical JSON, or null.
func canonical(d *policy.Document) json.RawMessage {
	if d == nil {
		return json.RawMessage("null")
	}
	return json.RawMessage(policy.Canonical(d))
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
