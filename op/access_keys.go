package op

import "github.com/iamc/iamc/model"

// CreateAccessKey creates an access key for a user. IAM makes the key's
// id and secret; the provider that carries the call out fills them in
// (AccessKeyId, SecretAccessKey), and apply hands the secret to the
// credentials file and nowhere else. Neither is a parameter: they are
// never encoded, printed or stored with the plan.
type CreateAccessKey struct {
	UserName string `json:"UserName,omitempty"`

	AccessKeyId     string `json:"-"`
	SecretAccessKey string `json:"-"`
}

func (*CreateAccessKey) Action() string          { return "CreateAccessKey" }
func (o *CreateAccessKey) Target() model.Address { return model.UserAddr(o.UserName) }

// A retry after a lost answer would make a second key, so "already
// exists" never means done; the secret comes back from the call.
func (*CreateAccessKey) facts() Facts { return Facts{Secret: true} }

// UpdateAccessKey makes an access key Active or Inactive.
type UpdateAccessKey struct {
	UserName    string `json:"UserName,omitempty"`
	AccessKeyId string `json:"AccessKeyId"`
	Status      string `json:"Status"`
}

func (*UpdateAccessKey) Action() string          { return "UpdateAccessKey" }
func (o *UpdateAccessKey) Target() model.Address { return model.UserAddr(o.UserName) }
func (*UpdateAccessKey) facts() Facts            { return Facts{} }

// The statuses of an access key.
const (
	KeyActive   = "Active"
	KeyInactive = "Inactive"
)
