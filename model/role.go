package model

import "github.com/iamc/iamc/policy"

// Role is an IAM role.
type Role struct {
	Name                string           `json:"name"`
	Path                string           `json:"path"`
	ARN                 string           `json:"arn,omitempty"`
	ID                  string           `json:"id,omitempty"`
	Description         string           `json:"description,omitempty"`
	MaxSessionDuration  int              `json:"max_session_duration"` // seconds, 3600..43200
	AssumeRolePolicy    *policy.Document `json:"assume_role_policy"`
	ManagedPolicies     []string         `json:"managed_policies,omitempty"`
	InlinePolicies      []InlinePolicy   `json:"inline_policies,omitempty"`
	PermissionsBoundary string           `json:"permissions_boundary,omitempty"`
	Tags                Tags             `json:"tags,omitempty"`
	// InstanceProfiles names the instance profiles that hold the role
	// (current account only): DeleteRole needs them emptied first.
	InstanceProfiles []string `json:"instance_profiles,omitempty"`
}

// DefaultMaxSessionDuration is IAM's default for a role, in seconds.
const DefaultMaxSessionDuration = 3600

// BadRoleDescriptionChar returns the first character of s, and its
// position counted from 1, that IAM's pattern for a role's description,
// [\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*, does not take.
func BadRoleDescriptionChar(s string) (int, rune, bool) {
	i := 0
	for _, c := range s {
		i++
		switch {
		case c == '\t', c == '\n', c == '\r':
		case c >= 0x20 && c <= 0x7e:
		case c >= 0xa1 && c <= 0xff:
		default:
			return i, c, true
		}
	}
	return 0, 0, false
}
