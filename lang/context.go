package lang

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/model"
)

// entityObjectType is the type of user.X, group.X, role.X, policy.X and
// aws.policy.NAME.
var entityObjectType = cty.Object(map[string]cty.Type{
	"name": cty.String,
	"path": cty.String,
	"arn":  cty.String,
})

func entityObject(name, path, arn string) cty.Value {
	return cty.ObjectVal(map[string]cty.Value{
		"name": cty.StringVal(name),
		"path": cty.StringVal(path),
		"arn":  cty.StringVal(arn),
	})
}

// awsPolicyObject is aws.policy.NAME, or an unknown value for a name the
// catalog does not know (reported already).
func awsPolicyObject(name string) cty.Value {
	arn, ok := catalog.ManagedPolicyARN(name)
	if !ok {
		return cty.DynamicVal
	}
	return entityObject(name, awsPolicyPath(arn), arn)
}

// awsPolicyPath returns the path of an AWS managed policy's ARN.
func awsPolicyPath(arn string) string {
	rest := strings.TrimPrefix(arn, model.AWSManagedPolicyPrefix)
	return "/" + rest[:strings.LastIndexByte(rest, '/')+1]
}

// nodeContext is the evaluation context of one node of the graph.
func (l *loader) nodeContext(refs *refSet) *hcl.EvalContext {
	return &hcl.EvalContext{Functions: l.funcs, Variables: l.variablesFor(refs)}
}

// buildContext builds the main evaluation context: what the entity blocks
// refer to, and nothing else.
func (l *loader) buildContext() {
	l.ctx = &hcl.EvalContext{Functions: l.funcs, Variables: l.variablesFor(&l.refs)}
}

// variablesFor returns the variables of a context that holds what refs
// refers to. Undeclared things get unknown values: they were reported.
func (l *loader) variablesFor(refs *refSet) map[string]cty.Value {
	vars := map[string]cty.Value{}
	if len(refs.vars) > 0 {
		m := make(map[string]cty.Value, len(l.variables)+len(refs.vars))
		for name, v := range l.variables {
			m[name] = v.value
		}
		for name := range refs.vars {
			if _, ok := m[name]; !ok {
				m[name] = cty.DynamicVal
			}
		}
		vars["var"] = cty.ObjectVal(m)
	}
	if len(refs.locals) > 0 {
		m := make(map[string]cty.Value, len(refs.locals))
		for name := range refs.locals {
			m[name] = cty.DynamicVal
			if lc := l.locals[name]; lc != nil && lc.state == evaluated {
				m[name] = lc.value
			}
		}
		vars["local"] = cty.ObjectVal(m)
	}
	for k := range numKinds {
		if len(refs.entities[k]) == 0 {
			continue
		}
		m := make(map[string]cty.Value, len(refs.entities[k]))
		for label := range refs.entities[k] {
			m[label] = cty.DynamicVal
			if e := l.entities[k][label]; e != nil && e.state == evaluated {
				m[label] = e.entityValue()
			}
		}
		vars[k.String()] = cty.ObjectVal(m)
	}
	if len(refs.aws) > 0 || len(refs.awsOther) > 0 {
		aws := make(map[string]cty.Value, len(refs.awsOther)+1)
		for name := range refs.awsOther {
			aws[name] = cty.DynamicVal
		}
		if len(refs.aws) > 0 {
			m := make(map[string]cty.Value, len(refs.aws))
			for name := range refs.aws {
				m[name] = awsPolicyObject(name)
			}
			aws["policy"] = cty.ObjectVal(m)
		}
		vars["aws"] = cty.ObjectVal(aws)
	}
	if len(refs.account) > 0 {
		m := make(map[string]cty.Value, len(refs.account))
		for name := range refs.account {
			m[name] = cty.DynamicVal
		}
		m["id"] = cty.StringVal(l.accountID)
		vars["account"] = cty.ObjectVal(m)
	}
	if refs.each {
		// Blocks with for_each shadow this with their instance's each.
		vars["each"] = cty.DynamicVal
	}
	if refs.iamc {
		vars["iamc"] = iamcValue()
	}
	for root := range refs.unknown {
		if _, ok := vars[root]; !ok {
			vars[root] = cty.DynamicVal
		}
	}
	if len(refs.modules) > 0 {
		m := make(map[string]cty.Value, len(refs.modules))
		for name := range refs.modules {
			m[name] = l.moduleValue(name)
		}
		vars["module"] = cty.ObjectVal(m)
	}
	return vars
}
