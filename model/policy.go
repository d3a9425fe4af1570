package model

import "github.com/iamc/iamc/policy"

// ManagedPolicy is a customer managed policy.
type ManagedPolicy struct {
	Name        string           `json:"name"`
	Path        string           `json:"path"`
	ARN         string           `json:"arn,omitempty"`
	ID          string           `json:"id,omitempty"`
	Description string           `json:"description,omitempty"`
	Document    *policy.Document `json:"document"` // the default version's
	Tags        Tags             `json:"tags,omitempty"`
	// Versions are the policy's versions, oldest first (current account
	// only). The planner deletes the oldest non-default one before a sixth.
	Versions []PolicyVersion `json:"versions,omitempty"`
}

// PolicyVersion is one version of a managed policy.
type PolicyVersion struct {
	ID        string `json:"id"` // v1, v2, ...
	IsDefault bool   `json:"is_default"`
	// Document is a version's document other than the default one (whose
	// document is the policy's Document): what SetDefaultPolicyVersion
	// would make the policy allow. nil for the default version, and when
	// the provider did not read it.
	Document *policy.Document `json:"document,omitempty"`
}

// InlinePolicy is a policy embedded in one user, group or role.
type InlinePolicy struct {
	Name     string           `json:"name"`
	Document *policy.Document `json:"document"`
}

// ParseVersionID reads a policy version id as IAM writes them, v1, v2,
// ...: "v" and a number from 1 without leading zeros. ok is false for
// anything else.
func ParseVersionID(id string) (n int, ok bool) {
	if len(id) < 2 || id[0] != 'v' || id[1] == '0' || len(id) > 10 {
		return 0, false
	}
	for i := 1; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
