package op

import "github.com/iamc/iamc/model"

// CreateUser creates a user.
type CreateUser struct {
	UserName            string `json:"UserName"`
	Path                string `json:"Path,omitempty"`
	PermissionsBoundary string `json:"PermissionsBoundary,omitempty"`
	Tags                []Tag  `json:"Tags,omitempty"`
}

func (*CreateUser) Action() string          { return "CreateUser" }
func (o *CreateUser) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *CreateUser) facts() Facts {
	return Facts{Creates: o.Target(), CreatePath: o.Path, PolicyARNs: arns(o.PermissionsBoundary), DoneIfExists: true}
}

// UpdateUser renames a user or moves it to another path.
type UpdateUser struct {
	UserName    string `json:"UserName"`
	NewUserName string `json:"NewUserName,omitempty"`
	NewPath     string `json:"NewPath,omitempty"`
}

func (*UpdateUser) Action() string          { return "UpdateUser" }
func (o *UpdateUser) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *UpdateUser) facts() Facts {
	if o.NewUserName == "" {
		return Facts{}
	}
	return Facts{RenamedTo: model.UserAddr(o.NewUserName), DoneIfMissing: true}
}

// DeleteUser deletes a user that holds nothing any more.
type DeleteUser struct {
	UserName string `json:"UserName"`
}

func (*DeleteUser) Action() string          { return "DeleteUser" }
func (o *DeleteUser) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *DeleteUser) facts() Facts          { return Facts{Deletes: o.Target(), DoneIfMissing: true} }

// TagUser adds or overwrites tags of a user.
type TagUser struct {
	UserName string `json:"UserName"`
	Tags     []Tag  `json:"Tags"`
}

func (*TagUser) Action() string          { return "TagUser" }
func (o *TagUser) Target() model.Address { return model.UserAddr(o.UserName) }
func (*TagUser) facts() Facts            { return Facts{} }

// UntagUser removes tags of a user.
type UntagUser struct {
	UserName string   `json:"UserName"`
	TagKeys  []string `json:"TagKeys"`
}

func (*UntagUser) Action() string          { return "UntagUser" }
func (o *UntagUser) Target() model.Address { return model.UserAddr(o.UserName) }
func (*UntagUser) facts() Facts            { return Facts{Frees: true} }

// PutUserPermissionsBoundary sets a user's permissions boundary.
type PutUserPermissionsBoundary struct {
	UserName            string `json:"UserName"`
	PermissionsBoundary string `json:"PermissionsBoundary"`
}

func (*PutUserPermissionsBoundary) Action() string          { return "PutUserPermissionsBoundary" }
func (o *PutUserPermissionsBoundary) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *PutUserPermissionsBoundary) facts() Facts {
	return Facts{PolicyARNs: arns(o.PermissionsBoundary)}
}

// DeleteUserPermissionsBoundary removes a user's permissions boundary.
type DeleteUserPermissionsBoundary struct {
	UserName string `json:"UserName"`
}

func (*DeleteUserPermissionsBoundary) Action() string          { return "DeleteUserPermissionsBoundary" }
func (o *DeleteUserPermissionsBoundary) Target() model.Address { return model.UserAddr(o.UserName) }
func (*DeleteUserPermissionsBoundary) facts() Facts            { return Facts{DoneIfMissing: true} }

// AttachUserPolicy attaches a managed policy to a user.
type AttachUserPolicy struct {
	UserName  string `json:"UserName"`
	PolicyArn string `json:"PolicyArn"`
}

func (*AttachUserPolicy) Action() string          { return "AttachUserPolicy" }
func (o *AttachUserPolicy) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *AttachUserPolicy) facts() Facts          { return Facts{PolicyARNs: arns(o.PolicyArn)} }

// DetachUserPolicy detaches a managed policy from a user.
type DetachUserPolicy struct {
	UserName  string `json:"UserName"`
	PolicyArn string `json:"PolicyArn"`
}

func (*DetachUserPolicy) Action() string          { return "DetachUserPolicy" }
func (o *DetachUserPolicy) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *DetachUserPolicy) facts() Facts {
	return Facts{PolicyARNs: arns(o.PolicyArn), Frees: true, DoneIfMissing: true}
}

// PutUserPolicy creates or replaces an inline policy of a user.
type PutUserPolicy struct {
	UserName       string `json:"UserName"`
	PolicyName     string `json:"PolicyName"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
}

func (*PutUserPolicy) Action() string          { return "PutUserPolicy" }
func (o *PutUserPolicy) Target() model.Address { return model.UserAddr(o.UserName) }
func (*PutUserPolicy) facts() Facts            { return Facts{} }

// DeleteUserPolicy deletes an inline policy of a user.
type DeleteUserPolicy struct {
	UserName   string `json:"UserName"`
	PolicyName string `json:"PolicyName"`
}

func (*DeleteUserPolicy) Action() string          { return "DeleteUserPolicy" }
func (o *DeleteUserPolicy) Target() model.Address { return model.UserAddr(o.UserName) }
func (*DeleteUserPolicy) facts() Facts            { return Facts{Frees: true, DoneIfMissing: true} }

// AddUserToGroup adds a user to a group.
type AddUserToGroup struct {
	GroupName string `json:"GroupName"`
	UserName  string `json:"UserName"`
}

func (*AddUserToGroup) Action() string          { return "AddUserToGroup" }
func (o *AddUserToGroup) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *AddUserToGroup) facts() Facts {
	return Facts{Names: []model.Address{model.GroupAddr(o.GroupName)}}
}

// RemoveUserFromGroup removes a user from a group.
type RemoveUserFromGroup struct {
	GroupName string `json:"GroupName"`
	UserName  string `json:"UserName"`
}

func (*RemoveUserFromGroup) Action() string          { return "RemoveUserFromGroup" }
func (o *RemoveUserFromGroup) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *RemoveUserFromGroup) facts() Facts {
	return Facts{Names: []model.Address{model.GroupAddr(o.GroupName)}, Frees: true, DoneIfMissing: true}
}

// CreateLoginProfile gives a user a console password. The password is
// filled in at apply time and never encoded, printed or stored.
type CreateLoginProfile struct {
	UserName              string `json:"UserName"`
	Password              string `json:"-" secret:"true"`
	PasswordResetRequired bool   `json:"PasswordResetRequired"`
}

func (*CreateLoginProfile) Action() string          { return "CreateLoginProfile" }
func (o *CreateLoginProfile) Target() model.Address { return model.UserAddr(o.UserName) }
func (*CreateLoginProfile) facts() Facts            { return Facts{DoneIfExists: true, Secret: true} }

// UpdateLoginProfile changes whether a user must reset the password. iamc
// never sets a password here.
type UpdateLoginProfile struct {
	UserName              string `json:"UserName"`
	PasswordResetRequired bool   `json:"PasswordResetRequired"`
}

func (*UpdateLoginProfile) Action() string          { return "UpdateLoginProfile" }
func (o *UpdateLoginProfile) Target() model.Address { return model.UserAddr(o.UserName) }
func (*UpdateLoginProfile) facts() Facts            { return Facts{} }

// DeleteLoginProfile removes a user's console password.
type DeleteLoginProfile struct {
	UserName string `json:"UserName"`
}

func (*DeleteLoginProfile) Action() string          { return "DeleteLoginProfile" }
func (o *DeleteLoginProfile) Target() model.Address { return model.UserAddr(o.UserName) }
func (*DeleteLoginProfile) facts() Facts            { return Facts{DoneIfMissing: true} }

// DeleteAccessKey deletes an access key of a user.
type DeleteAccessKey struct {
	UserName    string `json:"UserName"`
	AccessKeyId string `json:"AccessKeyId"`
}

func (*DeleteAccessKey) Action() string          { return "DeleteAccessKey" }
func (o *DeleteAccessKey) Target() model.Address { return model.UserAddr(o.UserName) }
func (*DeleteAccessKey) facts() Facts            { return Facts{DoneIfMissing: true} }

// DeleteSigningCertificate deletes a signing certificate of a user.
type DeleteSigningCertificate struct {
	UserName      string `json:"UserName"`
	CertificateId string `json:"CertificateId"`
}

func (*DeleteSigningCertificate) Action() string          { return "DeleteSigningCertificate" }
func (o *DeleteSigningCertificate) Target() model.Address { return model.UserAddr(o.UserName) }
func (*DeleteSigningCertificate) facts() Facts            { return Facts{DoneIfMissing: true} }

// DeleteSSHPublicKey deletes an SSH public key of a user.
type DeleteSSHPublicKey struct {
	UserName       string `json:"UserName"`
	SSHPublicKeyId string `json:"SSHPublicKeyId"`
}

func (*DeleteSSHPublicKey) Action() string          { return "DeleteSSHPublicKey" }
func (o *DeleteSSHPublicKey) Target() model.Address { return model.UserAddr(o.UserName) }
func (*DeleteSSHPublicKey) facts() Facts            { return Facts{DoneIfMissing: true} }

// DeleteServiceSpecificCredential deletes a service-specific credential.
type DeleteServiceSpecificCredential struct {
	UserName                    string `json:"UserName"`
	ServiceSpecificCredentialId string `json:"ServiceSpecificCredentialId"`
}

func (*DeleteServiceSpecificCredential) Action() string { return "DeleteServiceSpecificCredential" }
func (o *DeleteServiceSpecificCredential) Target() model.Address {
	return model.UserAddr(o.UserName)
}
func (*DeleteServiceSpecificCredential) facts() Facts { return Facts{DoneIfMissing: true} }

// DeactivateMFADevice deactivates an MFA device of a user.
type DeactivateMFADevice struct {
	UserName     string `json:"UserName"`
	SerialNumber string `json:"SerialNumber"`
}

func (*DeactivateMFADevice) Action() string          { return "DeactivateMFADevice" }
func (o *DeactivateMFADevice) Target() model.Address { return model.UserAddr(o.UserName) }
func (*DeactivateMFADevice) facts() Facts            { return Facts{DoneIfMissing: true} }

// DeleteVirtualMFADevice deletes a deactivated virtual MFA device. Its
// target is the user it belonged to, which the IAM call does not name.
type DeleteVirtualMFADevice struct {
	SerialNumber string `json:"SerialNumber"`
	User         string `json:"-"`
}

func (*DeleteVirtualMFADevice) Action() string          { return "DeleteVirtualMFADevice" }
func (o *DeleteVirtualMFADevice) Target() model.Address { return model.UserAddr(o.User) }
func (*DeleteVirtualMFADevice) facts() Facts            { return Facts{DoneIfMissing: true} }
