package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// legacyActions lists the action names and patterns of the latest managed
// policy documents (Action and NotAction) that match nothing in the
// action catalog: actions of services AWS has retired, which its own
// documents still name. The result is sorted and free of duplicates
// (compared without regard to case; the first spelling in name order of
// the policies is kept).
func legacyActions(c *actionCatalog, m *managedSet) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, p := range m.policies {
		names, err := documentActions(p.document)
		if err != nil {
			return nil, fmt.Errorf("managed policy %s: %v", p.name, err)
		}
		for _, a := range names {
			key := strings.ToLower(a)
			if seen[key] {
				continue
			}
			seen[key] = true
			if !c.match(a) {
				if err := checkText(a); err != nil {
					return nil, fmt.Errorf("managed policy %s: %v", p.name, err)
				}
				out = append(out, a)
			}
		}
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out, nil
}

// documentActions returns the strings of every Action and NotAction
// element of a policy document, in document order.
func documentActions(doc []byte) ([]string, error) {
	var d struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	type stmt struct {
		Action    json.RawMessage
		NotAction json.RawMessage
	}
	var stmts []stmt
	if len(d.Statement) > 0 && d.Statement[0] == '{' {
		var s stmt
		if err := json.Unmarshal(d.Statement, &s); err != nil {
			return nil, err
		}
		stmts = []stmt{s}
	} else if err := json.Unmarshal(d.Statement, &stmts); err != nil {
		return nil, fmt.Errorf("Statement: %v", err)
	}
	var out []string
	for _, s := range stmts {
		for _, raw := range []json.RawMessage{s.Action, s.NotAction} {
			if len(raw) == 0 {
				continue
			}
			if raw[0] == '"' {
				var a string
				if err := json.Unmarshal(raw, &a); err != nil {
					return nil, err
				}
				out = append(out, a)
				continue
			}
			var as []string
			if err := json.Unmarshal(raw, &as); err != nil {
				return nil, fmt.Errorf("Action: %v", err)
			}
			out = append(out, as...)
		}
	}
	return out, nil
}
