package lang

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/policy"
)

// iamc.policy.NAME is a policy document iamc provides (policy.Builtin):
// its JSON text, usable wherever a document is expected
// (document = iamc.policy.RequireMFA, jsonencode(jsondecode(...))).

// iamcValue is the value of the root iamc: {policy = {NAME = JSON}}.
func iamcValue() cty.Value {
	m := map[string]cty.Value{}
	for _, name := range policy.BuiltinNames() {
		text, _ := policy.Builtin(name)
		m[name] = cty.StringVal(text)
	}
	return cty.ObjectVal(map[string]cty.Value{"policy": cty.ObjectVal(m)})
}

// checkIamcTraversal checks iamc.policy.NAME.
func checkIamcTraversal(t hcl.Traversal, refs *refSet, bad func(string, string, ...any)) {
	names := policy.BuiltinNames()
	var name string
	if len(t) == 3 {
		if step, ok := t[1].(hcl.TraverseAttr); ok && step.Name == "policy" {
			name, _ = stepName(t[2])
		}
	}
	if name == "" {
		bad("Invalid reference", "A policy document iamc provides is referred to as iamc.policy.NAME, one of %s.", strings.Join(names, ", "))
		addTo(&refs.unknown, "iamc")
		return
	}
	if _, ok := policy.Builtin(name); !ok {
		bad("Reference to unknown built-in policy", "There is no built-in policy called %q.%s The built-in policies are %s.", name, didYouMean(name, names), strings.Join(names, ", "))
		addTo(&refs.unknown, "iamc")
		return
	}
	refs.iamc = true
}
