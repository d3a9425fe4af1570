package model

// User is an IAM user.
type User struct {
	Name string `json:"name"`
	Path string `json:"path"`
	// ARN and ID are set on the current account; the desired account has
	// the ARN when the account id is known. ID is IAM's unique id (AIDA...).
	ARN string `json:"arn,omitempty"`
	ID  string `json:"id,omitempty"`

	// Groups holds the names of the user's groups: the one place the
	// membership relation is kept.
	Groups              []string       `json:"groups,omitempty"`
	ManagedPolicies     []string       `json:"managed_policies,omitempty"` // ARNs
	InlinePolicies      []InlinePolicy `json:"inline_policies,omitempty"`  // sorted by name
	PermissionsBoundary string         `json:"permissions_boundary,omitempty"`
	Tags                Tags           `json:"tags,omitempty"`

	// LoginProfile is the user's console password. Desired: nil means not
	// managed (console_access absent), Enabled false means "remove it".
	// Current: nil means the user has none.
	LoginProfile *LoginProfile `json:"login_profile,omitempty"`

	// Keys is the desired user's access_keys block: nil means the user's
	// access keys are left as they are.
	Keys *DeclaredKeys `json:"declared_access_keys,omitempty"`

	// RenamedFrom is the desired user's previous name (renamed_from).
	RenamedFrom string `json:"renamed_from,omitempty"`

	// Credentials iamc never creates, only cleans up when the user goes.
	// Set on the current account only.
	Credentials Credentials `json:"credentials,omitzero"`
}

// LoginProfile is a user's console access. No password is ever held here.
type LoginProfile struct {
	Enabled               bool `json:"enabled"`
	PasswordResetRequired bool `json:"password_reset_required"`
}

// Credentials are the user's credentials that block DeleteUser.
type Credentials struct {
	AccessKeys                 []AccessKey `json:"access_keys,omitempty"`
	SigningCertificates        []string    `json:"signing_certificates,omitempty"`
	SSHPublicKeys              []string    `json:"ssh_public_keys,omitempty"`
	ServiceSpecificCredentials []string    `json:"service_specific_credentials,omitempty"`
	MFADevices                 []MFADevice `json:"mfa_devices,omitempty"`
}

// IsZero reports whether the user holds no credentials.
func (c Credentials) IsZero() bool {
	return len(c.AccessKeys) == 0 && len(c.SigningCertificates) == 0 && len(c.SSHPublicKeys) == 0 &&
		len(c.ServiceSpecificCredentials) == 0 && len(c.MFADevices) == 0
}

// MFADevice is an MFA device enabled for a user. Virtual devices are deleted
// after deactivation; hardware ones are only deactivated.
type MFADevice struct {
	SerialNumber string `json:"serial_number"`
	Virtual      bool   `json:"virtual"`
}
