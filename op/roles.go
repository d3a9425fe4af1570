package op

import "github.com/iamc/iamc/model"

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

func (*CreateRole) Action() string          { return "CreateRole" }
func (o *CreateRole) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (o *CreateRole) facts() Facts {
	return Facts{Creates: o.Target(), CreatePath: o.Path, PolicyARNs: arns(o.PermissionsBoundary), Trust: o.AssumeRolePolicyDocument, DoneIfExists: true}
}

// UpdateRole sets a role's description and maximum session duration. A nil
// Description or a zero MaxSessionDuration leaves that field as it is.
type UpdateRole struct {
	RoleName           string  `json:"RoleName"`
	Description        *string `json:"Description,omitempty"`
	MaxSessionDuration int     `json:"MaxSessionDuration,omitempty"`
}

func (*UpdateRole) Action() string          { return "UpdateRole" }
func (o *UpdateRole) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (*UpdateRole) facts() Facts            { return Facts{} }

// UpdateAssumeRolePolicy replaces a role's trust policy.
type UpdateAssumeRolePolicy struct {
	RoleName       string `json:"RoleName"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
}

func (*UpdateAssumeRolePolicy) Action() string          { return "UpdateAssumeRolePolicy" }
func (o *UpdateAssumeRolePolicy) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (o *UpdateAssumeRolePolicy) facts() Facts          { return Facts{Trust: o.PolicyDocument} }

// DeleteRole deletes a role that holds nothing any more.
type DeleteRole struct {
	RoleName string `json:"RoleName"`
}

func (*DeleteRole) Action() string          { return "DeleteRole" }
func (o *DeleteRole) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (o *DeleteRole) facts() Facts          { return Facts{Deletes: o.Target(), DoneIfMissing: true} }

// TagRole adds or overwrites tags of a role.
type TagRole struct {
	RoleName string `json:"RoleName"`
	Tags     []Tag  `json:"Tags"`
}

func (*TagRole) Action() string          { return "TagRole" }
func (o *TagRole) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (*TagRole) facts() Facts            { return Facts{} }

// UntagRole removes tags of a role.
type UntagRole struct {
	RoleName string   `json:"RoleName"`
	TagKeys  []string `json:"TagKeys"`
}

func (*UntagRole) Action() string          { return "UntagRole" }
func (o *UntagRole) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (*UntagRole) facts() Facts            { return Facts{Frees: true} }

// PutRolePermissionsBoundary sets a role's permissions boundary.
type PutRolePermissionsBoundary struct {
	RoleName            string `json:"RoleName"`
	PermissionsBoundary string `json:"PermissionsBoundary"`
}

func (*PutRolePermissionsBoundary) Action() string { return "PutRolePermissionsBoundary" }
func (o *PutRolePermissionsBoundary) Target() model.Address {
	return model.RoleAddr(o.RoleName)
}
func (o *PutRolePermissionsBoundary) facts() Facts {
	return Facts{PolicyARNs: arns(o.PermissionsBoundary)}
}

// DeleteRolePermissionsBoundary removes a role's permissions boundary.
type DeleteRolePermissionsBoundary struct {
	RoleName string `json:"RoleName"`
}

func (*DeleteRolePermissionsBoundary) Action() string { return "DeleteRolePermissionsBoundary" }
func (o *DeleteRolePermissionsBoundary) Target() model.Address {
	return model.RoleAddr(o.RoleName)
}
func (*DeleteRolePermissionsBoundary) facts() Facts { return Facts{DoneIfMissing: true} }

// AttachRolePolicy attaches a managed policy to a role.
type AttachRolePolicy struct {
	RoleName  string `json:"RoleName"`
	PolicyArn string `json:"PolicyArn"`
}

func (*AttachRolePolicy) Action() string          { return "AttachRolePolicy" }
func (o *AttachRolePolicy) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (o *AttachRolePolicy) facts() Facts          { return Facts{PolicyARNs: arns(o.PolicyArn)} }

// DetachRolePolicy detaches a managed policy from a role.
type DetachRolePolicy struct {
	RoleName  string `json:"RoleName"`
	PolicyArn string `json:"PolicyArn"`
}

func (*DetachRolePolicy) Action() string          { return "DetachRolePolicy" }
func (o *DetachRolePolicy) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (o *DetachRolePolicy) facts() Facts {
	return Facts{PolicyARNs: arns(o.PolicyArn), Frees: true, DoneIfMissing: true}
}

// PutRolePolicy creates or replaces an inline policy of a role.
type PutRolePolicy struct {
	RoleName       string `json:"RoleName"`
	PolicyName     string `json:"PolicyName"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
}

func (*PutRolePolicy) Action() string          { return "PutRolePolicy" }
func (o *PutRolePolicy) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (*PutRolePolicy) facts() Facts            { return Facts{} }

// DeleteRolePolicy deletes an inline policy of a role.
type DeleteRolePolicy struct {
	RoleName   string `json:"RoleName"`
	PolicyName string `json:"PolicyName"`
}

func (*DeleteRolePolicy) Action() string          { return "DeleteRolePolicy" }
func (o *DeleteRolePolicy) Target() model.Address { return model.RoleAddr(o.RoleName) }
func (*DeleteRolePolicy) facts() Facts            { return Facts{Frees: true, DoneIfMissing: true} }

// RemoveRoleFromInstanceProfile takes a role out of an instance profile.
type RemoveRoleFromInstanceProfile struct {
	InstanceProfileName string `json:"InstanceProfileName"`
	RoleName            string `json:"RoleName"`
}

func (*RemoveRoleFromInstanceProfile) Action() string { return "RemoveRoleFromInstanceProfile" }
func (o *RemoveRoleFromInstanceProfile) Target() model.Address {
	return model.RoleAddr(o.RoleName)
}
func (*RemoveRoleFromInstanceProfile) facts() Facts { return Facts{DoneIfMissing: true} }

// AddRoleToInstanceProfile puts a role back into an instance profile, as
// replacing a role needs: iamc never manages instance profiles otherwise.
type AddRoleToInstanceProfile struct {
	InstanceProfileName string `json:"InstanceProfileName"`
	RoleName            string `json:"RoleName"`
}

func (*AddRoleToInstanceProfile) Action() string { return "AddRoleToInstanceProfile" }
func (o *AddRoleToInstanceProfile) Target() model.Address {
	return model.RoleAddr(o.RoleName)
}
func (*AddRoleToInstanceProfile) facts() Facts { return Facts{} }
