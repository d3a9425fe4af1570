package model

import "github.com/iamc/iamc/policy"

// Role is an IAM role.
type Role struct {
	Name                string           `json:"name"`
	Path                string           `json:"path"`
	ARN                 string           `json:"arn,omitempty"`
	ID                  string           `json:"id,omitempty"`
	Description         string           `json:"description,omitempty"`
	MaxSessionDuration  int              `json:"max_session_duration"` // seconds, in SessionDuration
	AssumeRolePolicy    *policy.Document `json:"assume_role_policy"`
	ManagedPolicies     []string         `json:"managed_policies,omitempty"`
	InlinePolicies      []InlinePolicy   `json:"inline_policies,omitempty"`
	PermissionsBoundary string           `json:"permissions_boundary,omitempty"`
	Tags                Tags             `json:"tags,omitempty"`
	// InstanceProfiles names the instance profiles that hold the role
	// (current account only): DeleteRole needs them emptied first.
	InstanceProfiles []string `json:"instance_profiles,omitempty"`
}

// SessionDuration is the range of a role's maximum session duration, in
// seconds: one hour to 12 hours.
var SessionDuration = newIntRange("MaxSessionDuration", 3600, 43200)

// DefaultMaxSessionDuration is IAM's default for a role, in seconds.
const DefaultMaxSessionDuration = 3600

// EffectiveSessionDuration is the maximum session duration a role gets
// when created with n: n, or IAM's default when n is 0 (not given).
func EffectiveSessionDuration(n int) int {
	if n == 0 {
		return DefaultMaxSessionDuration
	}
	return n
}

// RoleNumber is an integer attribute of a role, as the configuration,
// the state file and plans name it, with IAM's range and the value a role
// created without it gets. The configuration's schema and compiler and
// the import writer (package lang) take a role's numbers from RoleNumbers.
type RoleNumber struct {
	Name    string // "max_session_duration": the HCL attribute and the JSON key
	Range   IntRange
	Default int // 0 for a number a role may be without, as IAM's optional ones
	// Rule says what the number is, for an error message: a format of
	// Range.Min and Range.Max ("in seconds, from %d (one hour) to ...").
	Rule string
	Int  func(*Role) *int
}

// RoleNumbers are a role's integer attributes, in the order the
// configuration documents them.
var RoleNumbers = []RoleNumber{
	{Name: "max_session_duration", Range: SessionDuration, Default: DefaultMaxSessionDuration,
		Rule: "in seconds, from %d (one hour) to %d (12 hours)",
		Int:  func(r *Role) *int { return &r.MaxSessionDuration }},
}

// RoleDescriptionPattern is IAM's pattern for a role's description, as
// its API model writes it (BadRoleDescriptionChar implements it).
const RoleDescriptionPattern = `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`

// BadRoleDescriptionChar returns the first character of s, and its
// position counted from 1, that RoleDescriptionPattern does not take.
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
