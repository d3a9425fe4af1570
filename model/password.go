package model

// PasswordPolicy is the account password policy. Zero MaxPasswordAge and
// PasswordReusePrevention mean "not set" (passwords never expire; no reuse
// check), as in IAM.
type PasswordPolicy struct {
	MinimumLength              int  `json:"minimum_length"`
	RequireUppercase           bool `json:"require_uppercase"`
	RequireLowercase           bool `json:"require_lowercase"`
	RequireNumbers             bool `json:"require_numbers"`
	RequireSymbols             bool `json:"require_symbols"`
	AllowUsersToChangePassword bool `json:"allow_users_to_change_password"`
	MaxPasswordAge             int  `json:"max_password_age,omitempty"`
	PasswordReusePrevention    int  `json:"password_reuse_prevention,omitempty"`
	HardExpiry                 bool `json:"hard_expiry"`
}

// DefaultPasswordPolicy is what IAM applies when no fields are given.
var DefaultPasswordPolicy = PasswordPolicy{MinimumLength: 8}

// The ranges of the password policy's numbers. MaxPasswordAge and
// PasswordReusePrevention may also be 0: not set.
var (
	PasswordLength = newIntRange("MinimumPasswordLength", 6, 128)
	PasswordAge    = newIntRange("MaxPasswordAge", 1, 1095)
	PasswordReuse  = newIntRange("PasswordReusePrevention", 1, 24)
)

// MaxPasswordLen is the longest password IAM takes, in characters.
const MaxPasswordLen = 128

// PasswordSymbols are the characters IAM counts as symbols in a password.
const PasswordSymbols = "!@#$%^&*()_+-=[]{}|'"

// PasswordPolicyField is one attribute of the password policy, as the
// configuration, the state file and plans name it: a number with its
// range, or a flag.
type PasswordPolicyField struct {
	Name  string    // "minimum_length": the HCL attribute and the JSON key
	Range *IntRange // for a number; nil for a flag
	Int   func(*PasswordPolicy) *int
	Bool  func(*PasswordPolicy) *bool
}

// PasswordPolicyFields are the password policy's attributes, in the
// order the configuration documents them.
var PasswordPolicyFields = []PasswordPolicyField{
	{Name: "minimum_length", Range: &PasswordLength, Int: func(p *PasswordPolicy) *int { return &p.MinimumLength }},
	{Name: "require_uppercase", Bool: func(p *PasswordPolicy) *bool { return &p.RequireUppercase }},
	{Name: "require_lowercase", Bool: func(p *PasswordPolicy) *bool { return &p.RequireLowercase }},
	{Name: "require_numbers", Bool: func(p *PasswordPolicy) *bool { return &p.RequireNumbers }},
	{Name: "require_symbols", Bool: func(p *PasswordPolicy) *bool { return &p.RequireSymbols }},
	{Name: "allow_users_to_change_password", Bool: func(p *PasswordPolicy) *bool { return &p.AllowUsersToChangePassword }},
	{Name: "max_password_age", Range: &PasswordAge, Int: func(p *PasswordPolicy) *int { return &p.MaxPasswordAge }},
	{Name: "password_reuse_prevention", Range: &PasswordReuse, Int: func(p *PasswordPolicy) *int { return &p.PasswordReusePrevention }},
	{Name: "hard_expiry", Bool: func(p *PasswordPolicy) *bool { return &p.HardExpiry }},
}
