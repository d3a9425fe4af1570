package model

import (
	"fmt"
	"slices"
	"sort"

	"github.com/iamc/iamc/policy"
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
}

// NewAccount returns an empty account with the given id.
func NewAccount(id string) *Account {
	return &Account{
		ID:       id,
		Users:    map[string]*User{},
		Groups:   map[string]*Group{},
		Roles:    map[string]*Role{},
		Policies: map[string]*ManagedPolicy{},
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

// InlinePolicy is a policy embedded in one user, group or role.
type InlinePolicy struct {
	Name     string           `json:"name"`
	Document *policy.Document `json:"document"`
}

// Tags are an entity's tags. IAM keeps keys as written but treats two keys
// that differ only in case as the same key.
type Tags map[string]string

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
	AccessKeys                 []string    `json:"access_keys,omitempty"` // access key ids
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

// Group is an IAM group. Its members are kept on the users (User.Groups);
// see Account.GroupMembers.
type Group struct {
	Name            string         `json:"name"`
	Path            string         `json:"path"`
	ARN             string         `json:"arn,omitempty"`
	ID              string         `json:"id,omitempty"`
	ManagedPolicies []string       `json:"managed_policies,omitempty"`
	InlinePolicies  []InlinePolicy `json:"inline_policies,omitempty"`
	RenamedFrom     string         `json:"renamed_from,omitempty"`
}

// Role is an IAM role.
type Role struct {
	Name                string           `json:"name"`
	Path                string           `json:"path"`
	ARN                 string           `json:"arn,omitempty"`
	ID                  string           `json:"id,omitempty"`
	Description         string           `json:"description,omitempty"`
	MaxSessionDuration  int              `json:"max_session_duration"` // seconds, 3600..43200
	AssumeRolePolicy    *policy.Document `json:"assume_role_policy"`
	ManagedPolicies     []string         `json:"managed_policies,omitempty"`
	InlinePolicies      []InlinePolicy   `json:"inline_policies,omitempty"`
	PermissionsBoundary string           `json:"permissions_boundary,omitempty"`
	Tags                Tags             `json:"tags,omitempty"`
	// InstanceProfiles names the instance profiles that hold the role
	// (current account only): DeleteRole needs them emptied first.
	InstanceProfiles []string `json:"instance_profiles,omitempty"`
}

// DefaultMaxSessionDuration is IAM's default for a role, in seconds.
const DefaultMaxSessionDuration = 3600

// ManagedPolicy is a customer managed policy.
type ManagedPolicy struct {
	Name        string           `json:"name"`
	Path        string           `json:"path"`
	ARN         string           `json:"arn,omitempty"`
	ID          string           `json:"id,omitempty"`
	Description string           `json:"description,omitempty"`
	Document    *policy.Document `json:"document"` // the default version's
	Tags        Tags             `json:"tags,omitempty"`
	// Versions are the policy's versions, oldest first (current account
	// only). The planner deletes the oldest non-default one before a sixth.
	Versions []PolicyVersion `json:"versions,omitempty"`
}

// PolicyVersion is one version of a managed policy.
type PolicyVersion struct {
	ID        string `json:"id"` // v1, v2, ...
	IsDefault bool   `json:"is_default"`
}

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
