package model

import (
	"fmt"
	"strings"
)

// Kind is the kind of an IAM entity, as written in addresses.
type Kind string

// The kinds of entity iamc manages. PasswordPolicy and AccountAlias are the
// account-level singletons; their addresses carry no name.
const (
	KindUser           Kind = "user"
	KindGroup          Kind = "group"
	KindRole           Kind = "role"
	KindPolicy         Kind = "policy"
	KindPasswordPolicy Kind = "password_policy"
	KindAccountAlias   Kind = "account"
)

// Address names one entity: its kind and its IAM name (user.tyler). The
// singletons have an empty Name (password_policy, account).
type Address struct {
	Kind Kind   `json:"kind"`
	Name string `json:"name,omitempty"`
}

// UserAddr, GroupAddr, RoleAddr and PolicyAddr build addresses.
func UserAddr(name string) Address   { return Address{KindUser, name} }
func GroupAddr(name string) Address  { return Address{KindGroup, name} }
func RoleAddr(name string) Address   { return Address{KindRole, name} }
func PolicyAddr(name string) Address { return Address{KindPolicy, name} }

// String renders the address as written in plans and errors: user.tyler,
// password_policy.
func (a Address) String() string {
	if a.Name == "" {
		return string(a.Kind)
	}
	return string(a.Kind) + "." + a.Name
}

// Key is the address with the name folded as IAM compares names, for use as
// a map key.
func (a Address) Key() Address { return Address{a.Kind, Fold(a.Name)} }

// Less orders addresses by kind, then by folded name, then by name.
func (a Address) Less(b Address) bool {
	if a.Kind != b.Kind {
		return kindOrder(a.Kind) < kindOrder(b.Kind)
	}
	fa, fb := Fold(a.Name), Fold(b.Name)
	if fa != fb {
		return fa < fb
	}
	return a.Name < b.Name
}

func kindOrder(k Kind) int {
	switch k {
	case KindAccountAlias:
		return 0
	case KindPasswordPolicy:
		return 1
	case KindPolicy:
		return 2
	case KindGroup:
		return 3
	case KindUser:
		return 4
	case KindRole:
		return 5
	case KindInstanceProfile:
		return 6
	case KindOIDCProvider:
		return 7
	case KindSAMLProvider:
		return 8
	}
	return 9
}

// ParseAddress parses the String form of an address.
func ParseAddress(s string) (Address, error) {
	kind, name, _ := strings.Cut(s, ".")
	switch Kind(kind) {
	case KindUser, KindGroup, KindRole, KindPolicy, KindInstanceProfile, KindOIDCProvider, KindSAMLProvider:
		if name == "" {
			return Address{}, fmt.Errorf("address %q has no name", s)
		}
	case KindPasswordPolicy, KindAccountAlias:
		if name != "" {
			return Address{}, fmt.Errorf("address %q: %s takes no name", s, kind)
		}
	default:
		return Address{}, fmt.Errorf("address %q: unknown kind %q", s, kind)
	}
	return Address{Kind(kind), name}, nil
}

// Fold folds an IAM name for comparison: IAM names are unique within a kind
// regardless of case.
func Fold(name string) string { return strings.ToLower(name) }
