package op

import "github.com/iamc/iamc/model"

// CreateInstanceProfile creates an empty instance profile.
type CreateInstanceProfile struct {
	InstanceProfileName string `json:"InstanceProfileName"`
	Path                string `json:"Path,omitempty"`
	Tags                []Tag  `json:"Tags,omitempty"`
}

func (*CreateInstanceProfile) Action() string { return "CreateInstanceProfile" }
func (o *CreateInstanceProfile) Target() model.Address {
	return model.InstanceProfileAddr(o.InstanceProfileName)
}
func (o *CreateInstanceProfile) facts() Facts {
	return Facts{Creates: o.Target(), CreatePath: o.Path, DoneIfExists: true}
}

// DeleteInstanceProfile deletes an instance profile that holds no role.
type DeleteInstanceProfile struct {
	InstanceProfileName string `json:"InstanceProfileName"`
}

func (*DeleteInstanceProfile) Action() string { return "DeleteInstanceProfile" }
func (o *DeleteInstanceProfile) Target() model.Address {
	return model.InstanceProfileAddr(o.InstanceProfileName)
}
func (o *DeleteInstanceProfile) facts() Facts {
	return Facts{Deletes: o.Target(), DoneIfMissing: true}
}

// TagInstanceProfile adds or overwrites tags of an instance profile.
type TagInstanceProfile struct {
	InstanceProfileName string `json:"InstanceProfileName"`
	Tags                []Tag  `json:"Tags"`
}

func (*TagInstanceProfile) Action() string { return "TagInstanceProfile" }
func (o *TagInstanceProfile) Target() model.Address {
	return model.InstanceProfileAddr(o.InstanceProfileName)
}
func (*TagInstanceProfile) facts() Facts { return Facts{} }

// UntagInstanceProfile removes tags of an instance profile.
type UntagInstanceProfile struct {
	InstanceProfileName string   `json:"InstanceProfileName"`
	TagKeys             []string `json:"TagKeys"`
}

func (*UntagInstanceProfile) Action() string { return "UntagInstanceProfile" }
func (o *UntagInstanceProfile) Target() model.Address {
	return model.InstanceProfileAddr(o.InstanceProfileName)
}
func (*UntagInstanceProfile) facts() Facts { return Facts{Frees: true} }
