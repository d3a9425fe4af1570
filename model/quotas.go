package model

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

// QuotaLimit describes how far an adjustable quota can be raised.
type QuotaLimit struct {
	Name  string // as written in the iamc block's quotas
	Max   int    // 0: fixed, cannot be set
	Field func(*Quotas) *int
}

// AdjustableQuotas lists the quotas an account can raise, with AWS's
// maximum for each.
var AdjustableQuotas = []QuotaLimit{
	{"groups", 500, func(q *Quotas) *int { return &q.Groups }},
	{"roles", 5000, func(q *Quotas) *int { return &q.Roles }},
	{"policies", 5000, func(q *Quotas) *int { return &q.Policies }},
	{"policies_per_user", 20, func(q *Quotas) *int { return &q.PoliciesPerUser }},
	{"policies_per_role", 25, func(q *Quotas) *int { return &q.PoliciesPerRole }},
	{"trust_policy_size", 8192, func(q *Quotas) *int { return &q.TrustPolicySize }},
}
