package model

import "fmt"

// Quotas are the IAM limits iamc checks at compile time and the memory
// account enforces. Fixed ones cannot be raised; the others default to the
// values AWS gives new accounts and may be set in the iamc block or read
// from GetAccountSummary.
type Quotas struct {
	Users             int `json:"users"`
	Groups            int `json:"groups"`
	Roles             int `json:"roles"`
	Policies          int `json:"policies"`
	GroupsPerUser     int `json:"groups_per_user"`
	PoliciesPerUser   int `json:"policies_per_user"`
	PoliciesPerGroup  int `json:"policies_per_group"`
	PoliciesPerRole   int `json:"policies_per_role"`
	VersionsPerPolicy int `json:"versions_per_policy"`
	TagsPerEntity     int `json:"tags_per_entity"`
	UserInlineSize    int `json:"user_inline_size"`
	GroupInlineSize   int `json:"group_inline_size"`
	RoleInlineSize    int `json:"role_inline_size"`
	ManagedPolicySize int `json:"managed_policy_size"`
	TrustPolicySize   int `json:"trust_policy_size"`
}

// DefaultQuotas are the limits of a new account.
var DefaultQuotas = Quotas{
	Users:             5000,
	Groups:            300,
	Roles:             1000,
	Policies:          1500,
	GroupsPerUser:     10,
	PoliciesPerUser:   10,
	PoliciesPerGroup:  10,
	PoliciesPerRole:   10,
	VersionsPerPolicy: 5,
	TagsPerEntity:     50,
	UserInlineSize:    2048,
	GroupInlineSize:   5120,
	RoleInlineSize:    10240,
	ManagedPolicySize: 6144,
	TrustPolicySize:   2048,
}

// QuotaField is one quota: its name in the iamc block's quotas and in
// JSON, its key in GetAccountSummary, and how far AWS raises it.
type QuotaField struct {
	Name    string // "policies_per_user"
	Summary string // "AttachedPoliciesPerUserQuota"; "" when GetAccountSummary has none
	Max     int    // how far AWS raises it; 0: fixed, it cannot be set
	Field   func(*Quotas) *int
}

// QuotaFields lists every quota, in the order of Quotas.
var QuotaFields = []QuotaField{
	{"users", "UsersQuota", 0, func(q *Quotas) *int { return &q.Users }},
	{"groups", "GroupsQuota", 500, func(q *Quotas) *int { return &q.Groups }},
	{"roles", "RolesQuota", 5000, func(q *Quotas) *int { return &q.Roles }},
	{"policies", "PoliciesQuota", 5000, func(q *Quotas) *int { return &q.Policies }},
	{"groups_per_user", "GroupsPerUserQuota", 0, func(q *Quotas) *int { return &q.GroupsPerUser }},
	{"policies_per_user", "AttachedPoliciesPerUserQuota", 20, func(q *Quotas) *int { return &q.PoliciesPerUser }},
	{"policies_per_group", "AttachedPoliciesPerGroupQuota", 0, func(q *Quotas) *int { return &q.PoliciesPerGroup }},
	{"policies_per_role", "AttachedPoliciesPerRoleQuota", 25, func(q *Quotas) *int { return &q.PoliciesPerRole }},
	{"versions_per_policy", "VersionsPerPolicyQuota", 0, func(q *Quotas) *int { return &q.VersionsPerPolicy }},
	{"tags_per_entity", "", 0, func(q *Quotas) *int { return &q.TagsPerEntity }},
	{"user_inline_size", "UserPolicySizeQuota", 0, func(q *Quotas) *int { return &q.UserInlineSize }},
	{"group_inline_size", "GroupPolicySizeQuota", 0, func(q *Quotas) *int { return &q.GroupInlineSize }},
	{"role_inline_size", "RolePolicySizeQuota", 0, func(q *Quotas) *int { return &q.RoleInlineSize }},
	{"managed_policy_size", "PolicySizeQuota", 0, func(q *Quotas) *int { return &q.ManagedPolicySize }},
	{"trust_policy_size", "AssumeRolePolicySizeQuota", 8192, func(q *Quotas) *int { return &q.TrustPolicySize }},
}

// AdjustableQuotas lists the quotas an account can raise (Max > 0), in
// the order of QuotaFields.
var AdjustableQuotas = func() []QuotaField {
	var out []QuotaField
	for _, f := range QuotaFields {
		if f.Max > 0 {
			out = append(out, f)
		}
	}
	return out
}()

// QuotaNamed returns the quota of the given name.
func QuotaNamed(name string) (QuotaField, bool) {
	for _, f := range QuotaFields {
		if f.Name == name {
			return f, true
		}
	}
	return QuotaField{}, false
}

// MaxQuota is how far AWS raises the named adjustable quota; 0 for a
// fixed or unknown one.
func MaxQuota(name string) int {
	f, _ := QuotaNamed(name)
	return f.Max
}

// Check reports the first quota that is not positive.
func (q Quotas) Check() error {
	for _, f := range QuotaFields {
		if v := *f.Field(&q); v <= 0 {
			return fmt.Errorf("quota %s is %d; quotas must be positive", f.Name, v)
		}
	}
	return nil
}

// AttachedPolicies is the quota of managed policies attached to a user,
// group or role.
func (q Quotas) AttachedPolicies(k Kind) int {
	switch k {
	case KindUser:
		return q.PoliciesPerUser
	case KindGroup:
		return q.PoliciesPerGroup
	}
	return q.PoliciesPerRole
}

// InlineSize is the quota on the total size of a user's, group's or
// role's inline policies.
func (q Quotas) InlineSize(k Kind) int {
	switch k {
	case KindUser:
		return q.UserInlineSize
	case KindGroup:
		return q.GroupInlineSize
	}
	return q.RoleInlineSize
}
