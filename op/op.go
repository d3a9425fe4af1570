package op

import (
	"maps"
	"slices"

	"github.com/iamc/iamc/model"
)

// Op is one IAM write call.
type Op interface {
	// Action is the IAM API action name: "CreateUser".
	Action() string
	// Target is the entity the call changes: the user of AttachUserPolicy,
	// the policy of CreatePolicyVersion, password_policy, account.
	Target() model.Address
}

// Tag is one IAM tag.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// TagsOf turns a tag map into a Tag list sorted by key.
func TagsOf(t model.Tags) []Tag {
	if len(t) == 0 {
		return nil
	}
	out := make([]Tag, 0, len(t))
	for _, k := range slices.Sorted(maps.Keys(t)) {
		out = append(out, Tag{Key: k, Value: t[k]})
	}
	return out
}

// TagMap turns a Tag list into a map.
func TagMap(tags []Tag) model.Tags {
	if len(tags) == 0 {
		return nil
	}
	m := make(model.Tags, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}

// policyTarget names the customer managed policy of an ARN.
func policyTarget(arn string) model.Address {
	p, err := model.ParseEntityARN(arn)
	if err != nil {
		return model.PolicyAddr(arn)
	}
	return model.PolicyAddr(p.Name)
}

// ---- users

// CreateUser creates a user.
type CreateUser struct {
	UserName            string `json:"UserName"`
	Path                string `json:"Path,omitempty"`
	PermissionsBoundary string `json:"PermissionsBoundary,omitempty"`
	Tags                []Tag  `json:"Tags,omitempty"`
}

// UpdateUser renames a user or moves it to another path.
type UpdateUser struct {
	UserName    string `json:"UserName"`
	NewUserName string `json:"NewUserName,omitempty"`
	NewPath     string `json:"NewPath,omitempty"`
}

// DeleteUser deletes a user that holds nothing any more.
type DeleteUser struct {
	UserName string `json:"UserName"`
}

// TagUser adds or overwrites tags of a user.
type TagUser struct {
	UserName string `json:"UserName"`
	Tags     []Tag  `json:"Tags"`
}

// UntagUser removes tags of a user.
type UntagUser struct {
	UserName string   `json:"UserName"`
	TagKeys  []string `json:"TagKeys"`
}

// PutUserPermissionsBoundary sets a user's permissions boundary.
type PutUserPermissionsBoundary struct {
	UserName            string `json:"UserName"`
	PermissionsBoundary string `json:"PermissionsBoundary"`
}

// DeleteUserPermissionsBoundary removes a user's permissions boundary.
type DeleteUserPermissionsBoundary struct {
	UserName string `json:"UserName"`
}

// AttachUserPolicy attaches a managed policy to a user.
type AttachUserPolicy struct {
	UserName  string `json:"UserName"`
	PolicyArn string `json:"PolicyArn"`
}

// DetachUserPolicy detaches a managed policy from a user.
type DetachUserPolicy struct {
	UserName  string `json:"UserName"`
	PolicyArn string `json:"PolicyArn"`
}

// PutUserPolicy creates or replaces an inline policy of a user.
type PutUserPolicy struct {
	UserName       string `json:"UserName"`
	PolicyName     string `json:"PolicyName"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
}

// DeleteUserPolicy deletes an inline policy of a user.
type DeleteUserPolicy struct {
	UserName   string `json:"UserName"`
	PolicyName string `json:"PolicyName"`
}

// AddUserToGroup adds a user to a group.
type AddUserToGroup struct {
	GroupName string `json:"GroupName"`
	UserName  string `json:"UserName"`
}

// RemoveUserFromGroup removes a user from a group.
type RemoveUserFromGroup struct {
	GroupName string `json:"GroupName"`
	UserName  string `json:"UserName"`
}

// CreateLoginProfile gives a user a console password. The password is
// filled in at apply time and never encoded, printed or stored.
type CreateLoginProfile struct {
	UserName              string `json:"UserName"`
	Password              string `json:"-" secret:"true"`
	PasswordResetRequired bool   `json:"PasswordResetRequired"`
}

// UpdateLoginProfile changes whether a user must reset the password. iamc
// never sets a password here.
type UpdateLoginProfile struct {
	UserName              string `json:"UserName"`
	PasswordResetRequired bool   `json:"PasswordResetRequired"`
}

// DeleteLoginProfile removes a user's console password.
type DeleteLoginProfile struct {
	UserName string `json:"UserName"`
}

// DeleteAccessKey deletes an access key of a user.
type DeleteAccessKey struct {
	UserName    string `json:"UserName"`
	AccessKeyId string `json:"AccessKeyId"`
}

// DeleteSigningCertificate deletes a signing certificate of a user.
type DeleteSigningCertificate struct {
	UserName      string `json:"UserName"`
	CertificateId string `json:"CertificateId"`
}

// DeleteSSHPublicKey deletes an SSH public key of a user.
type DeleteSSHPublicKey struct {
	UserName       string `json:"UserName"`
	SSHPublicKeyId string `json:"SSHPublicKeyId"`
}

// DeleteServiceSpecificCredential deletes a service-specific credential.
type DeleteServiceSpecificCredential struct {
	UserName                    string `json:"UserName"`
	ServiceSpecificCredentialId string `json:"ServiceSpecificCredentialId"`
}

// DeactivateMFADevice deactivates an MFA device of a user.
type DeactivateMFADevice struct {
	UserName     string `json:"UserName"`
	SerialNumber string `json:"SerialNumber"`
}

// DeleteVirtualMFADevice deletes a deactivated virtual MFA device. Its
// target is the user it belonged to, which the IAM call does not name.
type DeleteVirtualMFADevice struct {
	SerialNumber string `json:"SerialNumber"`
	User         string `json:"-"`
}

// ---- groups

// CreateGroup creates a group.
type CreateGroup struct {
	GroupName string `json:"GroupName"`
	Path      string `json:"Path,omitempty"`
}

// UpdateGroup renames a group or moves it to another path.
type UpdateGroup struct {
	GroupName    string `json:"GroupName"`
	NewGroupName string `json:"NewGroupName,omitempty"`
	NewPath      string `json:"NewPath,omitempty"`
}

// DeleteGroup deletes an empty group.
type DeleteGroup struct {
	GroupName string `json:"GroupName"`
}

// AttachGroupPolicy attaches a managed policy to a group.
type AttachGroupPolicy struct {
	GroupName string `json:"GroupName"`
	PolicyArn string `json:"PolicyArn"`
}

// DetachGroupPolicy detaches a managed policy from a group.
type DetachGroupPolicy struct {
	GroupName string `json:"GroupName"`
	PolicyArn string `json:"PolicyArn"`
}

// PutGroupPolicy creates or replaces an inline policy of a group.
type PutGroupPolicy struct {
	GroupName      string `json:"GroupName"`
	PolicyName     string `json:"PolicyName"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
}

// DeleteGroupPolicy deletes an inline policy of a group.
type DeleteGroupPolicy struct {
	GroupName  string `json:"GroupName"`
	PolicyName string `json:"PolicyName"`
}

// ---- roles

// CreateRole creates a role. MaxSessionDuration 0 leaves IAM's default.
type CreateRole struct {
	RoleName                 string `json:"RoleName"`
	Path                     string `json:"Path,omitempty"`
	AssumeRolePolicyDocument string `json:"AssumeRolePolicyDocument" doc:"true"`
	Description              string `json:"Description,omitempty"`
	MaxSessionDuration       int    `json:"MaxSessionDuration,omitempty"`
	PermissionsBoundary      string `json:"PermissionsBoundary,omitempty"`
	Tags                     []Tag  `json:"Tags,omitempty"`
}

// UpdateRole sets a role's description and maximum session duration. A nil
// Description or a zero MaxSessionDuration leaves that field as it is.
type UpdateRole struct {
	RoleName           string  `json:"RoleName"`
	Description        *string `json:"Description,omitempty"`
	MaxSessionDuration int     `json:"MaxSessionDuration,omitempty"`
}

// UpdateAssumeRolePolicy replaces a role's trust policy.
type UpdateAssumeRolePolicy struct {
	RoleName       string `json:"RoleName"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
}

// DeleteRole deletes a role that holds nothing any more.
type DeleteRole struct {
	RoleName string `json:"RoleName"`
}

// TagRole adds or overwrites tags of a role.
type TagRole struct {
	RoleName string `json:"RoleName"`
	Tags     []Tag  `json:"Tags"`
}

// UntagRole removes tags of a role.
type UntagRole struct {
	RoleName string   `json:"RoleName"`
	TagKeys  []string `json:"TagKeys"`
}

// PutRolePermissionsBoundary sets a role's permissions boundary.
type PutRolePermissionsBoundary struct {
	RoleName            string `json:"RoleName"`
	PermissionsBoundary string `json:"PermissionsBoundary"`
}

// DeleteRolePermissionsBoundary removes a role's permissions boundary.
type DeleteRolePermissionsBoundary struct {
	RoleName string `json:"RoleName"`
}

// AttachRolePolicy attaches a managed policy to a role.
type AttachRolePolicy struct {
	RoleName  string `json:"RoleName"`
	PolicyArn string `json:"PolicyArn"`
}

// DetachRolePolicy detaches a managed policy from a role.
type DetachRolePolicy struct {
	RoleName  string `json:"RoleName"`
	PolicyArn string `json:"PolicyArn"`
}

// PutRolePolicy creates or replaces an inline policy of a role.
type PutRolePolicy struct {
	RoleName       string `json:"RoleName"`
	PolicyName     string `json:"PolicyName"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
}

// DeleteRolePolicy deletes an inline policy of a role.
type DeleteRolePolicy struct {
	RoleName   string `json:"RoleName"`
	PolicyName string `json:"PolicyName"`
}

// RemoveRoleFromInstanceProfile takes a role out of an instance profile.
type RemoveRoleFromInstanceProfile struct {
	InstanceProfileName string `json:"InstanceProfileName"`
	RoleName            string `json:"RoleName"`
}

// AddRoleToInstanceProfile puts a role back into an instance profile, as
// replacing a role needs: iamc never manages instance profiles otherwise.
type AddRoleToInstanceProfile struct {
	InstanceProfileName string `json:"InstanceProfileName"`
	RoleName            string `json:"RoleName"`
}

// ---- managed policies

// CreatePolicy creates a customer managed policy.
type CreatePolicy struct {
	PolicyName     string `json:"PolicyName"`
	Path           string `json:"Path,omitempty"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
	Description    string `json:"Description,omitempty"`
	Tags           []Tag  `json:"Tags,omitempty"`
}

// CreatePolicyVersion adds a version to a managed policy.
type CreatePolicyVersion struct {
	PolicyArn      string `json:"PolicyArn"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
	SetAsDefault   bool   `json:"SetAsDefault"`
}

// DeletePolicyVersion deletes a non-default version of a managed policy.
type DeletePolicyVersion struct {
	PolicyArn string `json:"PolicyArn"`
	VersionId string `json:"VersionId"`
}

// SetDefaultPolicyVersion makes a version the policy's default.
type SetDefaultPolicyVersion struct {
	PolicyArn string `json:"PolicyArn"`
	VersionId string `json:"VersionId"`
}

// DeletePolicy deletes a customer managed policy that is attached nowhere
// and has only its default version.
type DeletePolicy struct {
	PolicyArn string `json:"PolicyArn"`
}

// TagPolicy adds or overwrites tags of a managed policy.
type TagPolicy struct {
	PolicyArn string `json:"PolicyArn"`
	Tags      []Tag  `json:"Tags"`
}

// UntagPolicy removes tags of a managed policy.
type UntagPolicy struct {
	PolicyArn string   `json:"PolicyArn"`
	TagKeys   []string `json:"TagKeys"`
}

// ---- account

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

// CreateAccountAlias sets the account alias.
type CreateAccountAlias struct {
	AccountAlias string `json:"AccountAlias"`
}

// DeleteAccountAlias removes the account alias.
type DeleteAccountAlias struct {
	AccountAlias string `json:"AccountAlias"`
}
