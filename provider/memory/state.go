package memory

import (
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// State is everything the account holds: what AWS returns for the Get*,
// List* and GetAccountAuthorizationDetails calls. Entity maps are keyed by
// the folded name (model.Fold), as IAM compares names; use the lookup
// methods rather than indexing them with a raw name.
//
// A State is handed out only under the account's lock (Account.View) and
// must be neither kept nor changed by its reader.
type State struct {
	AccountID string
	// Alias is the account alias, "" when there is none.
	Alias string
	// PasswordPolicy is the account password policy, nil when none is set.
	PasswordPolicy *model.PasswordPolicy
	Quotas         model.Quotas

	Users            map[string]*User
	Groups           map[string]*Group
	Roles            map[string]*Role
	Policies         map[string]*Policy          // customer managed policies
	InstanceProfiles map[string]*InstanceProfile // by folded name
	OIDCProviders    map[string]*OIDCProvider    // by folded name (providers.go)
	SAMLProviders    map[string]*SAMLProvider    // by folded name
	// VirtualMFADevices are the account's virtual MFA devices by serial
	// number, assigned to a user or not.
	VirtualMFADevices map[string]*VirtualMFADevice
	// Root is what the account's root user has (credentials.go).
	Root RootUser
	// AWSPolicyUsage counts the attachments of the AWS managed policies in
	// use, by ARN (derived; not stored in the file).
	AWSPolicyUsage map[string]*PolicyUsage
	// principals finds the roles whose trust policies name a user or role
	// of the account (derived; not stored in the file).
	principals principalIndex

	// NextID numbers the unique ids made so far, so that they are
	// reproducible.
	NextID uint64
	// JournalSeq is the number of the last journal record the state
	// holds (journal.go); 0 when no journal was ever written.
	JournalSeq uint64
}

func newState(accountID string, q model.Quotas) *State {
	return &State{
		AccountID:         accountID,
		Quotas:            q,
		Users:             map[string]*User{},
		Groups:            map[string]*Group{},
		Roles:             map[string]*Role{},
		Policies:          map[string]*Policy{},
		InstanceProfiles:  map[string]*InstanceProfile{},
		OIDCProviders:     map[string]*OIDCProvider{},
		SAMLProviders:     map[string]*SAMLProvider{},
		VirtualMFADevices: map[string]*VirtualMFADevice{},
		AWSPolicyUsage:    map[string]*PolicyUsage{},
		principals:        principalIndex{},
	}
}

// Tag is one tag of a user, role or managed policy.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// InlinePolicy is a policy embedded in a user, group or role.
type InlinePolicy struct {
	Name string `json:"name"`
	// Document is the JSON text as it was sent: AWS returns what it got.
	Document string `json:"document"`
	doc      *policy.Document
}

// Parsed returns the parsed document. It is shared: do not change it.
func (p *InlinePolicy) Parsed() *policy.Document { return p.doc }

// User is an IAM user.
type User struct {
	Name       string    `json:"name"`
	Path       string    `json:"path"`
	ID         string    `json:"id"`
	CreateDate time.Time `json:"create_date"`
	// Groups names the user's groups (as the groups spell their names), in
	// the order the user joined them.
	Groups []string `json:"groups,omitempty"`
	// AttachedPolicies are the ARNs of the attached managed policies, in
	// the order they were attached.
	AttachedPolicies    []string       `json:"attached_policies,omitempty"`
	InlinePolicies      []InlinePolicy `json:"inline_policies,omitempty"` // sorted by name
	PermissionsBoundary string         `json:"permissions_boundary,omitempty"`
	Tags                []Tag          `json:"tags,omitempty"`
	// LoginProfile is the console password's record, nil when the user has
	// none. The password itself is never kept.
	LoginProfile               *LoginProfile               `json:"login_profile,omitempty"`
	AccessKeys                 []AccessKey                 `json:"access_keys,omitempty"`
	SigningCertificates        []SigningCertificate        `json:"signing_certificates,omitempty"`
	SSHPublicKeys              []SSHPublicKey              `json:"ssh_public_keys,omitempty"`
	ServiceSpecificCredentials []ServiceSpecificCredential `json:"service_specific_credentials,omitempty"`
	// MFADevices are the devices enabled for the user.
	MFADevices []MFADevice `json:"mfa_devices,omitempty"`
	// PasswordLastUsed is when the user last signed in with the console
	// password; zero when never (or not known).
	PasswordLastUsed time.Time `json:"password_last_used,omitzero"`
}

// LoginProfile is a user's console access, without the password.
type LoginProfile struct {
	CreateDate            time.Time `json:"create_date"`
	PasswordResetRequired bool      `json:"password_reset_required"`
}

// AccessKey is an access key, by id only: the secret is never kept.
type AccessKey struct {
	ID         string    `json:"id"`
	Status     string    `json:"status"` // Active or Inactive
	CreateDate time.Time `json:"create_date"`
	// LastUsed is the key's last use; zero when it was never used.
	LastUsed KeyUse `json:"last_used,omitzero"`
}

// SigningCertificate is an X.509 signing certificate of a user, by id.
type SigningCertificate struct {
	ID         string    `json:"id"`
	Status     string    `json:"status"`
	UploadDate time.Time `json:"upload_date"`
}

// SSHPublicKey is an SSH public key of a user (for CodeCommit), by id.
type SSHPublicKey struct {
	ID         string    `json:"id"`
	Status     string    `json:"status"`
	UploadDate time.Time `json:"upload_date"`
}

// ServiceSpecificCredential is a service-specific credential (a CodeCommit
// Git credential, say), by id: its password is never kept.
type ServiceSpecificCredential struct {
	ID              string    `json:"id"`
	ServiceName     string    `json:"service_name"`
	ServiceUserName string    `json:"service_user_name"`
	Status          string    `json:"status"`
	CreateDate      time.Time `json:"create_date"`
}

// MFADevice is an MFA device enabled for a user.
type MFADevice struct {
	SerialNumber string    `json:"serial_number"`
	Virtual      bool      `json:"virtual"`
	EnableDate   time.Time `json:"enable_date"`
}

// VirtualMFADevice is a virtual MFA device of the account. It outlives its
// deactivation until DeleteVirtualMFADevice.
type VirtualMFADevice struct {
	SerialNumber string    `json:"serial_number"`
	CreateDate   time.Time `json:"create_date"`
	// User is the name of the user it is enabled for, "" when unassigned.
	User       string    `json:"user,omitempty"`
	EnableDate time.Time `json:"enable_date,omitzero"`
}

// Group is an IAM group. Its members are kept on the users (User.Groups);
// see State.GroupMembers.
type Group struct {
	Name             string         `json:"name"`
	Path             string         `json:"path"`
	ID               string         `json:"id"`
	CreateDate       time.Time      `json:"create_date"`
	AttachedPolicies []string       `json:"attached_policies,omitempty"`
	InlinePolicies   []InlinePolicy `json:"inline_policies,omitempty"`
}

// Role is an IAM role. Its instance profiles are kept on the profiles; see
// State.RoleInstanceProfiles.
type Role struct {
	Name               string    `json:"name"`
	Path               string    `json:"path"`
	ID                 string    `json:"id"`
	CreateDate         time.Time `json:"create_date"`
	Description        string    `json:"description,omitempty"`
	MaxSessionDuration int       `json:"max_session_duration"`
	// AssumeRolePolicy is the trust policy's JSON text as sent.
	AssumeRolePolicy    string `json:"assume_role_policy"`
	trust               *policy.Document
	AttachedPolicies    []string       `json:"attached_policies,omitempty"`
	InlinePolicies      []InlinePolicy `json:"inline_policies,omitempty"`
	PermissionsBoundary string         `json:"permissions_boundary,omitempty"`
	Tags                []Tag          `json:"tags,omitempty"`
	// LastUsedDate and LastUsedRegion are the role's last use (a session
	// of it making a request); zero and "" when never.
	LastUsedDate   time.Time `json:"last_used_date,omitzero"`
	LastUsedRegion string    `json:"last_used_region,omitempty"`
}

// Trust returns the parsed trust policy. It is shared: do not change it.
func (r *Role) Trust() *policy.Document { return r.trust }

// InstanceProfile is an instance profile and the role it holds (IAM allows
// at most one).
type InstanceProfile struct {
	Name       string    `json:"name"`
	Path       string    `json:"path"`
	ID         string    `json:"id"`
	CreateDate time.Time `json:"create_date"`
	Roles      []string  `json:"roles,omitempty"` // role names
	Tags       []Tag     `json:"tags,omitempty"`
}

// Policy is a customer managed policy.
type Policy struct {
	Name        string          `json:"name"`
	Path        string          `json:"path"`
	ID          string          `json:"id"`
	CreateDate  time.Time       `json:"create_date"`
	UpdateDate  time.Time       `json:"update_date"`
	Description string          `json:"description,omitempty"`
	Tags        []Tag           `json:"tags,omitempty"`
	Versions    []PolicyVersion `json:"versions"` // oldest first
	// NextVersion is the number of the next version: IAM never reuses one.
	NextVersion int `json:"next_version"`
	// Usage counts the policy's attachments (derived; not stored).
	Usage PolicyUsage `json:"-"`
}

// DefaultVersion returns the policy's default version.
func (p *Policy) DefaultVersion() *PolicyVersion {
	for i := range p.Versions {
		if p.Versions[i].IsDefault {
			return &p.Versions[i]
		}
	}
	return nil
}

// Version returns the version with the given id, or nil.
func (p *Policy) Version(id string) *PolicyVersion {
	for i := range p.Versions {
		if p.Versions[i].ID == id {
			return &p.Versions[i]
		}
	}
	return nil
}

// PolicyVersion is one version of a managed policy.
type PolicyVersion struct {
	ID         string    `json:"id"` // v1, v2, ...
	Document   string    `json:"document"`
	IsDefault  bool      `json:"is_default,omitempty"`
	CreateDate time.Time `json:"create_date"`
	doc        *policy.Document
}

// Parsed returns the parsed document. It is shared: do not change it.
func (v *PolicyVersion) Parsed() *policy.Document { return v.doc }

// PolicyUsage counts where a managed policy is used.
type PolicyUsage struct {
	// AttachmentCount is the number of users, groups and roles it is
	// attached to.
	AttachmentCount int
	// PermissionsBoundaryUsageCount is the number of users and roles it is
	// the permissions boundary of.
	PermissionsBoundaryUsageCount int
}

// User returns the user with the given name, compared as IAM does, or nil.
func (s *State) User(name string) *User { return s.Users[model.Fold(name)] }

// Group returns the group with the given name, or nil.
func (s *State) Group(name string) *Group { return s.Groups[model.Fold(name)] }

// Role returns the role with the given name, or nil.
func (s *State) Role(name string) *Role { return s.Roles[model.Fold(name)] }

// Policy returns the customer managed policy with the given name, or nil.
func (s *State) Policy(name string) *Policy { return s.Policies[model.Fold(name)] }

// InstanceProfile returns the instance profile with the given name, or nil.
func (s *State) InstanceProfile(name string) *InstanceProfile {
	return s.InstanceProfiles[model.Fold(name)]
}

// PolicyByARN returns the customer managed policy with the given ARN, or
// nil. The name is compared as IAM compares names, the path exactly.
func (s *State) PolicyByARN(arn string) *Policy {
	pa, err := model.ParseEntityARN(arn)
	if err != nil || pa.Resource != "policy" || pa.Account != s.AccountID || pa.Partition != "aws" {
		return nil
	}
	p := s.Policy(pa.Name)
	if p == nil || p.Path != pa.Path {
		return nil
	}
	return p
}

// UserARN, GroupARN, RoleARN and PolicyARN give an entity's ARN, as
// model.ARN spells it.
func (s *State) UserARN(u *User) string     { return s.arn("user", u.Path, u.Name) }
func (s *State) GroupARN(g *Group) string   { return s.arn("group", g.Path, g.Name) }
func (s *State) RoleARN(r *Role) string     { return s.arn("role", r.Path, r.Name) }
func (s *State) PolicyARN(p *Policy) string { return s.arn("policy", p.Path, p.Name) }

func (s *State) arn(resource, path, name string) string {
	return model.ARN(s.AccountID, resource, path, name)
}

// InstanceProfileARN gives an instance profile's ARN.
func (s *State) InstanceProfileARN(ip *InstanceProfile) string {
	return s.arn("instance-profile", ip.Path, ip.Name)
}

// Usage returns the usage counts of the managed policy with the given ARN,
// customer or AWS managed.
func (s *State) Usage(arn string) PolicyUsage {
	if model.IsAWSManagedPolicyARN(arn) {
		if u := s.AWSPolicyUsage[arn]; u != nil {
			return *u
		}
		return PolicyUsage{}
	}
	if p := s.PolicyByARN(arn); p != nil {
		return p.Usage
	}
	return PolicyUsage{}
}

// GroupMembers returns the users in the named group, ordered by folded name.
func (s *State) GroupMembers(group string) []*User {
	f := model.Fold(group)
	var out []*User
	for _, u := range s.SortedUsers() {
		for _, g := range u.Groups {
			if model.Fold(g) == f {
				out = append(out, u)
				break
			}
		}
	}
	return out
}

// RoleInstanceProfiles returns the instance profiles that hold the named
// role, ordered by folded name.
func (s *State) RoleInstanceProfiles(role string) []*InstanceProfile {
	f := model.Fold(role)
	var out []*InstanceProfile
	for _, ip := range model.SortedValues(s.InstanceProfiles) {
		for _, r := range ip.Roles {
			if model.Fold(r) == f {
				out = append(out, ip)
				break
			}
		}
	}
	return out
}

// SortedUsers, SortedGroups, SortedRoles, SortedPolicies and
// SortedInstanceProfiles return the entities ordered by folded name.
func (s *State) SortedUsers() []*User      { return model.SortedValues(s.Users) }
func (s *State) SortedGroups() []*Group    { return model.SortedValues(s.Groups) }
func (s *State) SortedRoles() []*Role      { return model.SortedValues(s.Roles) }
func (s *State) SortedPolicies() []*Policy { return model.SortedValues(s.Policies) }
func (s *State) SortedInstanceProfiles() []*InstanceProfile {
	return model.SortedValues(s.InstanceProfiles)
}

// SortedVirtualMFADevices returns the virtual MFA devices by serial number.
func (s *State) SortedVirtualMFADevices() []*VirtualMFADevice {
	return model.SortedValues(s.VirtualMFADevices)
}
