package op

import "github.com/iamc/iamc/model"

// UpdateAccountPasswordPolicy replaces the whole password policy: IAM has
// no partial update. Zero MaxPasswordAge and PasswordReusePrevention are
// left out of the call (no expiry, no reuse check).
type UpdateAccountPasswordPolicy struct {
	MinimumPasswordLength      int  `json:"MinimumPasswordLength"`
	RequireSymbols             bool `json:"RequireSymbols"`
	RequireNumbers             bool `json:"RequireNumbers"`
	RequireUppercaseCharacters bool `json:"RequireUppercaseCharacters"`
	RequireLowercaseCharacters bool `json:"RequireLowercaseCharacters"`
	AllowUsersToChangePassword bool `json:"AllowUsersToChangePassword"`
	MaxPasswordAge             int  `json:"MaxPasswordAge,omitempty"`
	PasswordReusePrevention    int  `json:"PasswordReusePrevention,omitempty"`
	HardExpiry                 bool `json:"HardExpiry"`
}

func (*UpdateAccountPasswordPolicy) Action() string { return "UpdateAccountPasswordPolicy" }
func (o *UpdateAccountPasswordPolicy) Target() model.Address {
	return model.Address{Kind: model.KindPasswordPolicy}
}
func (*UpdateAccountPasswordPolicy) facts() Facts { return Facts{} }

// PasswordPolicyOp is the call that sets the account's password policy to p.
func PasswordPolicyOp(p model.PasswordPolicy) *UpdateAccountPasswordPolicy {
	return &UpdateAccountPasswordPolicy{
		MinimumPasswordLength:      p.MinimumLength,
		RequireSymbols:             p.RequireSymbols,
		RequireNumbers:             p.RequireNumbers,
		RequireUppercaseCharacters: p.RequireUppercase,
		RequireLowercaseCharacters: p.RequireLowercase,
		AllowUsersToChangePassword: p.AllowUsersToChangePassword,
		MaxPasswordAge:             p.MaxPasswordAge,
		PasswordReusePrevention:    p.PasswordReusePrevention,
		HardExpiry:                 p.HardExpiry,
	}
}

// Policy is the password policy the call sets.
func (o *UpdateAccountPasswordPolicy) Policy() model.PasswordPolicy {
	return model.PasswordPolicy{
		MinimumLength:              o.MinimumPasswordLength,
		RequireSymbols:             o.RequireSymbols,
		RequireNumbers:             o.RequireNumbers,
		RequireUppercase:           o.RequireUppercaseCharacters,
		RequireLowercase:           o.RequireLowercaseCharacters,
		AllowUsersToChangePassword: o.AllowUsersToChangePassword,
		MaxPasswordAge:             o.MaxPasswordAge,
		PasswordReusePrevention:    o.PasswordReusePrevention,
		HardExpiry:                 o.HardExpiry,
	}
}

// DeleteAccountPasswordPolicy removes the password policy.
type DeleteAccountPasswordPolicy struct{}

func (*DeleteAccountPasswordPolicy) Action() string { return "DeleteAccountPasswordPolicy" }
func (o *DeleteAccountPasswordPolicy) Target() model.Address {
	return model.Address{Kind: model.KindPasswordPolicy}
}
func (*DeleteAccountPasswordPolicy) facts() Facts { return Facts{DoneIfMissing: true} }

// CreateAccountAlias sets the account alias.
type CreateAccountAlias struct {
	AccountAlias string `json:"AccountAlias"`
}

func (*CreateAccountAlias) Action() string { return "CreateAccountAlias" }
func (o *CreateAccountAlias) Target() model.Address {
	return model.Address{Kind: model.KindAccountAlias}
}
func (*CreateAccountAlias) facts() Facts { return Facts{DoneIfExists: true} }

// DeleteAccountAlias removes the account alias.
type DeleteAccountAlias struct {
	AccountAlias string `json:"AccountAlias"`
}

func (*DeleteAccountAlias) Action() string { return "DeleteAccountAlias" }
func (o *DeleteAccountAlias) Target() model.Address {
	return model.Address{Kind: model.KindAccountAlias}
}
func (*DeleteAccountAlias) facts() Facts { return Facts{DoneIfMissing: true} }
