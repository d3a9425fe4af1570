package model

import (
	"fmt"
	"slices"
	"sort"
)

// DefaultAccountID is the memory account's id when nothing else names one.
const DefaultAccountID = "123456789012"

// Account is an AWS account's IAM. As the desired account, a nil
// PasswordPolicy or Alias means "not managed: leave the account's as it is";
// as the current account it means "there is none".
//
// Entities are kept in maps keyed by their folded name (Fold); use the
// accessor methods rather than indexing the maps with a raw name. In JSON an
// account is written with sorted lists of entities.
type Account struct {
	ID             string
	Alias          *string
	PasswordPolicy *PasswordPolicy
	Users          map[string]*User
	Groups         map[string]*Group
	Roles          map[string]*Role
	Policies       map[string]*ManagedPolicy
	// InstanceProfiles are managed only when the desired account holds
	// at least one (instance_profile.go).
	InstanceProfiles map[string]*InstanceProfile
	// OIDCProviders and SAMLProviders likewise (providers.go), by
	// folded name.
	OIDCProviders map[string]*OIDCProvider
	SAMLProviders map[string]*SAMLProvider
}

// NewAccount returns an empty account with the given id.
func NewAccount(id string) *Account {
	return &Account{
		ID:       id,
		Users:    map[string]*User{},
		Groups:   map[string]*Group{},
		Roles:    map[string]*Role{},
		Policies: map[string]*ManagedPolicy{},

		InstanceProfiles: map[string]*InstanceProfile{},
		OIDCProviders:    map[string]*OIDCProvider{},
		SAMLProviders:    map[string]*SAMLProvider{},
	}
}

// User returns the user with the given name, compared as IAM does, or nil.
func (a *Account) User(name string) *User { return a.Users[Fold(name)] }

// Group returns the group with the given name, or nil.
func (a *Account) Group(name string) *Group { return a.Groups[Fold(name)] }

// Role returns the role with the given name, or nil.
func (a *Account) Role(name string) *Role { return a.Roles[Fold(name)] }

// Policy returns the customer managed policy with the given name, or nil.
func (a *Account) Policy(name string) *ManagedPolicy { return a.Policies[Fold(name)] }

// PolicyByARN returns the customer managed policy with the given ARN, or nil.
func (a *Account) PolicyByARN(arn string) *ManagedPolicy {
	for _, p := range a.Policies {
		if p.ARN == arn {
			return p
		}
	}
	return nil
}

// AddUser adds or replaces u: for building an account whose names are
// known to be distinct. An account read from elsewhere is built with
// InsertUser, which refuses a second user of the same name.
func (a *Account) AddUser(u *User) { a.Users[Fold(u.Name)] = u }

// AddGroup adds or replaces g (see AddUser).
func (a *Account) AddGroup(g *Group) { a.Groups[Fold(g.Name)] = g }

// AddRole adds or replaces r (see AddUser).
func (a *Account) AddRole(r *Role) { a.Roles[Fold(r.Name)] = r }

// AddPolicy adds or replaces p (see AddUser).
func (a *Account) AddPolicy(p *ManagedPolicy) { a.Policies[Fold(p.Name)] = p }

// DuplicateError is two entities of a kind whose names fold to one name:
// IAM compares names without regard to case, so an account cannot hold
// both, and whoever read them misread the account.
type DuplicateError struct {
	Kind          Kind
	First, Second string // the names, in the order they were met
}

func (e *DuplicateError) Error() string {
	if e.First == e.Second {
		return fmt.Sprintf("%s %q is there twice", e.Kind, e.First)
	}
	return fmt.Sprintf("%s %q and %s %q are two entities whose names differ only in case, which IAM does not allow (it compares names without regard to case)",
		e.Kind, e.First, e.Kind, e.Second)
}

// insert adds v under name's folded key, unless the key is taken: then
// the account is left as it is and the error names both entities.
func insert[T any](m map[string]*T, kind Kind, name string, v *T, nameOf func(*T) string) error {
	k := Fold(name)
	if prev, ok := m[k]; ok {
		return &DuplicateError{Kind: kind, First: nameOf(prev), Second: name}
	}
	m[k] = v
	return nil
}

// InsertUser adds u unless the account has a user whose name folds to
// the same name; that is a *DuplicateError naming both, never one
// silently replacing the other.
func (a *Account) InsertUser(u *User) error {
	return insert(a.Users, KindUser, u.Name, u, func(x *User) string { return x.Name })
}

// InsertGroup adds g as InsertUser adds a user.
func (a *Account) InsertGroup(g *Group) error {
	return insert(a.Groups, KindGroup, g.Name, g, func(x *Group) string { return x.Name })
}

// InsertRole adds r as InsertUser adds a user.
func (a *Account) InsertRole(r *Role) error {
	return insert(a.Roles, KindRole, r.Name, r, func(x *Role) string { return x.Name })
}

// InsertPolicy adds p as InsertUser adds a user.
func (a *Account) InsertPolicy(p *ManagedPolicy) error {
	return insert(a.Policies, KindPolicy, p.Name, p, func(x *ManagedPolicy) string { return x.Name })
}

// SortedUsers returns the users ordered by folded name.
func (a *Account) SortedUsers() []*User { return SortedValues(a.Users) }

// SortedGroups returns the groups ordered by folded name.
func (a *Account) SortedGroups() []*Group { return SortedValues(a.Groups) }

// SortedRoles returns the roles ordered by folded name.
func (a *Account) SortedRoles() []*Role { return SortedValues(a.Roles) }

// SortedPolicies returns the customer managed policies ordered by folded name.
func (a *Account) SortedPolicies() []*ManagedPolicy { return SortedValues(a.Policies) }

// SortedValues returns the values of m ordered by key. The maps of Account,
// and of the providers' own states, are keyed by folded name, so the result
// is ordered by folded name.
func SortedValues[T any](m map[string]*T) []*T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*T, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// GroupMembers returns the names of the users in the named group, sorted by
// folded name. Memberships are held on the users (User.Groups).
func (a *Account) GroupMembers(group string) []string {
	var out []string
	f := Fold(group)
	for _, u := range a.SortedUsers() {
		for _, g := range u.Groups {
			if Fold(g) == f {
				out = append(out, u.Name)
				break
			}
		}
	}
	return out
}

// Attachments returns the addresses of the users, groups and roles that have
// the managed policy with the given ARN attached, in address order.
func (a *Account) Attachments(arn string) []Address {
	var out []Address
	for _, g := range a.SortedGroups() {
		if slices.Contains(g.ManagedPolicies, arn) {
			out = append(out, GroupAddr(g.Name))
		}
	}
	for _, u := range a.SortedUsers() {
		if slices.Contains(u.ManagedPolicies, arn) {
			out = append(out, UserAddr(u.Name))
		}
	}
	for _, r := range a.SortedRoles() {
		if slices.Contains(r.ManagedPolicies, arn) {
			out = append(out, RoleAddr(r.Name))
		}
	}
	return out
}
