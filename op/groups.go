package op

import "github.com/iamc/iamc/model"

// CreateGroup creates a group.
type CreateGroup struct {
	GroupName string `json:"GroupName"`
	Path      string `json:"Path,omitempty"`
}

func (*CreateGroup) Action() string          { return "CreateGroup" }
func (o *CreateGroup) Target() model.Address { return model.GroupAddr(o.GroupName) }
func (o *CreateGroup) facts() Facts {
	return Facts{Creates: o.Target(), CreatePath: o.Path, DoneIfExists: true}
}

// UpdateGroup renames a group or moves it to another path.
type UpdateGroup struct {
	GroupName    string `json:"GroupName"`
	NewGroupName string `json:"NewGroupName,omitempty"`
	NewPath      string `json:"NewPath,omitempty"`
}

func (*UpdateGroup) Action() string          { return "UpdateGroup" }
func (o *UpdateGroup) Target() model.Address { return model.GroupAddr(o.GroupName) }
func (o *UpdateGroup) facts() Facts {
	if o.NewGroupName == "" {
		return Facts{}
	}
	return Facts{RenamedTo: model.GroupAddr(o.NewGroupName), DoneIfMissing: true}
}

// DeleteGroup deletes an empty group.
type DeleteGroup struct {
	GroupName string `json:"GroupName"`
}

func (*DeleteGroup) Action() string          { return "DeleteGroup" }
func (o *DeleteGroup) Target() model.Address { return model.GroupAddr(o.GroupName) }
func (o *DeleteGroup) facts() Facts          { return Facts{Deletes: o.Target(), DoneIfMissing: true} }

// AttachGroupPolicy attaches a managed policy to a group.
type AttachGroupPolicy struct {
	GroupName string `json:"GroupName"`
	PolicyArn string `json:"PolicyArn"`
}

func (*AttachGroupPolicy) Action() string          { return "AttachGroupPolicy" }
func (o *AttachGroupPolicy) Target() model.Address { return model.GroupAddr(o.GroupName) }
func (o *AttachGroupPolicy) facts() Facts          { return Facts{PolicyARNs: arns(o.PolicyArn)} }

// DetachGroupPolicy detaches a managed policy from a group.
type DetachGroupPolicy struct {
	GroupName string `json:"GroupName"`
	PolicyArn string `json:"PolicyArn"`
}

func (*DetachGroupPolicy) Action() string          { return "DetachGroupPolicy" }
func (o *DetachGroupPolicy) Target() model.Address { return model.GroupAddr(o.GroupName) }
func (o *DetachGroupPolicy) facts() Facts {
	return Facts{PolicyARNs: arns(o.PolicyArn), Frees: true, DoneIfMissing: true}
}

// PutGroupPolicy creates or replaces an inline policy of a group.
type PutGroupPolicy struct {
	GroupName      string `json:"GroupName"`
	PolicyName     string `json:"PolicyName"`
	PolicyDocument string `json:"PolicyDocument" doc:"true"`
}

func (*PutGroupPolicy) Action() string          { return "PutGroupPolicy" }
func (o *PutGroupPolicy) Target() model.Address { return model.GroupAddr(o.GroupName) }
func (*PutGroupPolicy) facts() Facts            { return Facts{} }

// DeleteGroupPolicy deletes an inline policy of a group.
type DeleteGroupPolicy struct {
	GroupName  string `json:"GroupName"`
	PolicyName string `json:"PolicyName"`
}

func (*DeleteGroupPolicy) Action() string          { return "DeleteGroupPolicy" }
func (o *DeleteGroupPolicy) Target() model.Address { return model.GroupAddr(o.GroupName) }
func (*DeleteGroupPolicy) facts() Facts            { return Facts{Frees: true, DoneIfMissing: true} }
