package policy

import (
	"fmt"
	"sort"
	"testing"

	"github.com/iamc/iamc/catalog"
)

// TestManagedPolicies validates every AWS managed policy of the catalog as
// an identity policy: AWS's own documents must have no error. Warnings are
// allowed, and counted by code in the log.
func TestManagedPolicies(t *testing.T) {
	names := catalog.ManagedPolicyNames()
	if len(names) < 1000 {
		t.Fatalf("the catalog has %d managed policies, want more than 1,000", len(names))
	}
	warnings := map[string]int{}
	errors := 0
	for _, name := range names {
		mp, ok := catalog.ManagedPolicyByName(name)
		if !ok {
			t.Fatalf("ManagedPolicyByName(%q) found nothing", name)
		}
		d, err := ParseJSON([]byte(mp.Document))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, p := range Validate(d, Identity) {
			if p.Severity == Error {
				errors++
				if errors <= 50 {
					t.Errorf("%s: %v", name, p)
				}
				continue
			}
			warnings[p.Code]++
		}
	}
	codes := make([]string, 0, len(warnings))
	for c := range warnings {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	summary := ""
	for _, c := range codes {
		summary += fmt.Sprintf(" %s=%d", c, warnings[c])
	}
	t.Logf("%d AWS managed policies: %d errors; warnings:%s", len(names), errors, summary)
}
