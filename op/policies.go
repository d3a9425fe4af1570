package op

import "github.com/iamc/iamc/model"

// CreatePolicy creates a customer managed policy.
type CreatePolicy struct {
	PolicyName     string `json:"PolicyName"`
	Path           string `json:"Path,omitempty"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
	Description    string `json:"Description,omitempty"`
	Tags           []Tag  `json:"Tags,omitempty"`
}

func (*CreatePolicy) Action() string          { return "CreatePolicy" }
func (o *CreatePolicy) Target() model.Address { return model.PolicyAddr(o.PolicyName) }
func (o *CreatePolicy) facts() Facts {
	return Facts{Creates: o.Target(), CreatePath: o.Path, DoneIfExists: true}
}

// CreatePolicyVersion adds a version to a managed policy.
type CreatePolicyVersion struct {
	PolicyArn      string `json:"PolicyArn"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
	SetAsDefault   bool   `json:"SetAsDefault"`
}

func (*CreatePolicyVersion) Action() string          { return "CreatePolicyVersion" }
func (o *CreatePolicyVersion) Target() model.Address { return policyTarget(o.PolicyArn) }
func (o *CreatePolicyVersion) facts() Facts          { return Facts{PolicyARNs: arns(o.PolicyArn)} }

// DeletePolicyVersion deletes a non-default version of a managed policy.
type DeletePolicyVersion struct {
	PolicyArn string `json:"PolicyArn"`
	VersionId string `json:"VersionId"`
}

func (*DeletePolicyVersion) Action() string          { return "DeletePolicyVersion" }
func (o *DeletePolicyVersion) Target() model.Address { return policyTarget(o.PolicyArn) }
func (o *DeletePolicyVersion) facts() Facts {
	return Facts{PolicyARNs: arns(o.PolicyArn), Frees: true, DoneIfMissing: true}
}

// SetDefaultPolicyVersion makes a version the policy's default.
type SetDefaultPolicyVersion struct {
	PolicyArn string `json:"PolicyArn"`
	VersionId string `json:"VersionId"`
}

func (*SetDefaultPolicyVersion) Action() string          { return "SetDefaultPolicyVersion" }
func (o *SetDefaultPolicyVersion) Target() model.Address { return policyTarget(o.PolicyArn) }
func (o *SetDefaultPolicyVersion) facts() Facts          { return Facts{PolicyARNs: arns(o.PolicyArn)} }

// DeletePolicy deletes a customer managed policy that is attached nowhere
// and has only its default version.
type DeletePolicy struct {
	PolicyArn string `json:"PolicyArn"`
}

func (*DeletePolicy) Action() string          { return "DeletePolicy" }
func (o *DeletePolicy) Target() model.Address { return policyTarget(o.PolicyArn) }
func (o *DeletePolicy) facts() Facts {
	return Facts{Deletes: o.Target(), PolicyARNs: arns(o.PolicyArn), DoneIfMissing: true}
}

// TagPolicy adds or overwrites tags of a managed policy.
type TagPolicy struct {
	PolicyArn string `json:"PolicyArn"`
	Tags      []Tag  `json:"Tags"`
}

func (*TagPolicy) Action() string          { return "TagPolicy" }
func (o *TagPolicy) Target() model.Address { return policyTarget(o.PolicyArn) }
func (o *TagPolicy) facts() Facts          { return Facts{PolicyARNs: arns(o.PolicyArn)} }

// UntagPolicy removes tags of a managed policy.
type UntagPolicy struct {
	PolicyArn string   `json:"PolicyArn"`
	TagKeys   []string `json:"TagKeys"`
}

func (*UntagPolicy) Action() string          { return "UntagPolicy" }
func (o *UntagPolicy) Target() model.Address { return policyTarget(o.PolicyArn) }
func (o *UntagPolicy) facts() Facts          { return Facts{PolicyARNs: arns(o.PolicyArn), Frees: true} }
