package op

import (
	"maps"
	"slices"

	"github.com/iamc/iamc/model"
)

// Op is one IAM write call.
type Op interface {
	// Action is the IAM API action name: "CreateUser".
	Action() string
	// Target is the entity the call changes: the user of AttachUserPolicy,
	// the policy of CreatePolicyVersion, password_policy, account.
	Target() model.Address
}

// Tag is one IAM tag.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// TagsOf turns a tag map into a Tag list sorted by key.
func TagsOf(t model.Tags) []Tag {
	if len(t) == 0 {
		return nil
	}
	out := make([]Tag, 0, len(t))
	for _, k := range slices.Sorted(maps.Keys(t)) {
		out = append(out, Tag{Key: k, Value: t[k]})
	}
	return out
}

// TagMap turns a Tag list into a map.
func TagMap(tags []Tag) model.Tags {
	if len(tags) == 0 {
		return nil
	}
	m := make(model.Tags, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}

// policyTarget names the customer managed policy of an ARN.
func policyTarget(arn string) model.Address {
	p, err := model.ParseEntityARN(arn)
	if err != nil {
		return model.PolicyAddr(arn)
	}
	return model.PolicyAddr(p.Name)
}
