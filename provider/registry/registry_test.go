package registry

import (
	"strings"
	"testing"
)

// Every provider is whole, and no two offer a flag of the same name: the
// CLI registers every provider's flags on each command.
func TestKinds(t *testing.T) {
	seen := map[string]string{}
	for _, k := range Kinds() {
		if k.Name == "" || k.Resolve == nil || k.Exists == nil || k.Location == nil || k.Open == nil {
			t.Errorf("provider %q lacks a part: %+v", k.Name, k)
		}
		for _, f := range k.Flags {
			if other, ok := seen[f.Name]; ok {
				t.Errorf("--%s is a flag of %s and of %s", f.Name, other, k.Name)
			}
			seen[f.Name] = k.Name
		}
	}
	if _, err := Lookup(Default); err != nil {
		t.Errorf("the default provider: %v", err)
	}
	if _, err := Lookup("gcp"); err == nil || !strings.Contains(err.Error(), `unknown provider "gcp": use memory or aws`) {
		t.Errorf("Lookup(gcp) = %v", err)
	}
}
