package model

import (
	"encoding/json"
	"fmt"
)

// accountJSON is an account's JSON form: entities as lists sorted by
// folded name, so that the encoding is deterministic and readable.
type accountJSON struct {
	ID             string           `json:"id"`
	Alias          *string          `json:"alias,omitempty"`
	PasswordPolicy *PasswordPolicy  `json:"password_policy,omitempty"`
	Users          []*User          `json:"users,omitempty"`
	Groups         []*Group         `json:"groups,omitempty"`
	Roles          []*Role          `json:"roles,omitempty"`
	Policies       []*ManagedPolicy `json:"policies,omitempty"`

	InstanceProfiles []*InstanceProfile `json:"instance_profiles,omitempty"`
	OIDCProviders    []*OIDCProvider    `json:"oidc_providers,omitempty"`
	SAMLProviders    []*SAMLProvider    `json:"saml_providers,omitempty"`
}

// MarshalJSON writes the account with sorted entity lists.
func (a *Account) MarshalJSON() ([]byte, error) {
	return json.Marshal(accountJSON{
		ID:             a.ID,
		Alias:          a.Alias,
		PasswordPolicy: a.PasswordPolicy,
		Users:          a.SortedUsers(),
		Groups:         a.SortedGroups(),
		Roles:          a.SortedRoles(),
		Policies:       a.SortedPolicies(),

		InstanceProfiles: a.SortedInstanceProfiles(),
		OIDCProviders:    a.SortedOIDCProviders(),
		SAMLProviders:    a.SortedSAMLProviders(),
	})
}

// UnmarshalJSON reads the form MarshalJSON writes. Two entities of a kind
// whose names differ only in case are an error, as they are in IAM.
func (a *Account) UnmarshalJSON(data []byte) error {
	var j accountJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*a = *NewAccount(j.ID)
	a.Alias = j.Alias
	a.PasswordPolicy = j.PasswordPolicy
	for _, u := range j.Users {
		if u == nil {
			return fmt.Errorf("account JSON: a user is null")
		}
		if err := a.InsertUser(u); err != nil {
			return fmt.Errorf("account JSON: %w", err)
		}
	}
	for _, g := range j.Groups {
		if g == nil {
			return fmt.Errorf("account JSON: a group is null")
		}
		if err := a.InsertGroup(g); err != nil {
			return fmt.Errorf("account JSON: %w", err)
		}
	}
	for _, r := range j.Roles {
		if r == nil {
			return fmt.Errorf("account JSON: a role is null")
		}
		if err := a.InsertRole(r); err != nil {
			return fmt.Errorf("account JSON: %w", err)
		}
	}
	for _, p := range j.Policies {
		if p == nil {
			return fmt.Errorf("account JSON: a policy is null")
		}
		if err := a.InsertPolicy(p); err != nil {
			return fmt.Errorf("account JSON: %w", err)
		}
	}
	for _, ip := range j.InstanceProfiles {
		if ip == nil {
			return fmt.Errorf("account JSON: an instance profile is null")
		}
		if err := a.InsertInstanceProfile(ip); err != nil {
			return fmt.Errorf("account JSON: %w", err)
		}
	}
	for _, p := range j.OIDCProviders {
		if p == nil {
			return fmt.Errorf("account JSON: an OIDC provider is null")
		}
		if err := a.InsertOIDCProvider(p); err != nil {
			return fmt.Errorf("account JSON: %w", err)
		}
	}
	for _, p := range j.SAMLProviders {
		if p == nil {
			return fmt.Errorf("account JSON: a SAML provider is null")
		}
		if err := a.InsertSAMLProvider(p); err != nil {
			return fmt.Errorf("account JSON: %w", err)
		}
	}
	return nil
}

// Clone returns a deep copy of the account, made through its JSON form.
func (a *Account) Clone() *Account {
	data, err := json.Marshal(a)
	if err != nil {
		panic(fmt.Sprintf("model: cloning an account: %v", err))
	}
	out := new(Account)
	if err := json.Unmarshal(data, out); err != nil {
		panic(fmt.Sprintf("model: cloning an account: %v", err))
	}
	return out
}
