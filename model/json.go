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
		if u == nil || a.User(u.Name) != nil {
			return fmt.Errorf("account JSON: user %q is null or listed twice", nameOf(u))
		}
		a.AddUser(u)
	}
	for _, g := range j.Groups {
		if g == nil || a.Group(g.Name) != nil {
			return fmt.Errorf("account JSON: group %q is null or listed twice", nameOfGroup(g))
		}
		a.AddGroup(g)
	}
	for _, r := range j.Roles {
		if r == nil || a.Role(r.Name) != nil {
			return fmt.Errorf("account JSON: role %q is null or listed twice", nameOfRole(r))
		}
		a.AddRole(r)
	}
	for _, p := range j.Policies {
		if p == nil || a.Policy(p.Name) != nil {
			return fmt.Errorf("account JSON: policy %q is null or listed twice", nameOfPolicy(p))
		}
		a.AddPolicy(p)
	}
	return nil
}

func nameOf(u *User) string {
	if u == nil {
		return ""
	}
	return u.Name
}

func nameOfGroup(g *Group) string {
	if g == nil {
		return ""
	}
	return g.Name
}

func nameOfRole(r *Role) string {
	if r == nil {
		return ""
	}
	return r.Name
}

func nameOfPolicy(p *ManagedPolicy) string {
	if p == nil {
		return ""
	}
	return p.Name
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
