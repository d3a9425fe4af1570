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
