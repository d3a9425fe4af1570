package catalog_test

import (
	"testing"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/policy"
)

// TestManagedDocumentsParse checks every AWS managed policy document
// against package policy's parser, and every action it names against the
// catalog: each matches a catalog action or is legacy, so that a
// validator accepts AWS's own documents.
func TestManagedDocumentsParse(t *testing.T) {
	legacyUsed := map[string]bool{}
	for _, name := range catalog.ManagedPolicyNames() {
		p, _ := catalog.ManagedPolicyByName(name)
		doc, err := policy.ParseJSON([]byte(p.Document))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(doc.Statements) == 0 {
			t.Errorf("%s: no statements", name)
		}
		for _, s := range doc.Statements {
			for _, a := range append(append([]string(nil), s.Action...), s.NotAction...) {
				if catalog.MatchActions(a) != nil {
					continue
				}
				if !catalog.IsLegacyAction(a) {
					t.Errorf("%s: action %q is neither in the catalog nor legacy", name, a)
				}
				legacyUsed[a] = true
			}
		}
	}
	// Every legacy entry comes from some document.
	for _, a := range catalog.LegacyActions() {
		if !legacyUsed[a] {
			t.Errorf("legacy %q is named by no managed policy document", a)
		}
	}
}
