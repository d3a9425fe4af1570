package policy

import "testing"

// TestBuiltinsValid parses and validates every built-in document as an
// identity-based policy: they are offered to configurations as they are.
func TestBuiltinsValid(t *testing.T) {
	for _, name := range BuiltinNames() {
		text, _ := Builtin(name)
		d, err := ParseJSON([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range Validate(d, Identity) {
			t.Errorf("%s: %s: %s: %s", name, p.Path, p.Summary, p.Detail)
		}
	}
	if _, ok := Builtin("NoSuchPolicy"); ok {
		t.Fatal("Builtin found a policy that is not there")
	}
}
