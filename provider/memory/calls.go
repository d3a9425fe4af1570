package memory

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// The write calls below are IAM API calls that the memory account carries
// out (Do) but that no plan makes, so they are not in package op's closed
// set: iamc serve answers them, so that the credentials a plan cleans up
// before a delete can be made through the API first. They encode and decode like package op's values (Marshal with
// op.Marshal, decode with NewCall), field names being IAM's parameter
// names.

// CreateAccessKey creates an access key for a user. The key's id follows
// from the account's id counter; its secret is not the account's to keep
// (iamc serve makes one and keeps it beside the state file).
type CreateAccessKey struct {
	UserName string `json:"UserName,omitempty"`
}

// UpdateAccessKey makes an access key Active or Inactive.
type UpdateAccessKey struct {
	UserName    string `json:"UserName,omitempty"`
	AccessKeyId string `json:"AccessKeyId"`
	Status      string `json:"Status"`
}

func (*CreateAccessKey) Action() string { return "CreateAccessKey" }
func (*UpdateAccessKey) Action() string { return "UpdateAccessKey" }

func (o *CreateAccessKey) Target() model.Address { return model.UserAddr(o.UserName) }
func (o *UpdateAccessKey) Target() model.Address { return model.UserAddr(o.UserName) }

// Calls returns a zero value of each write call the account carries out
// beyond package op's, in a fixed order.
func Calls() []op.Op {
	return []op.Op{&CreateAccessKey{}, &UpdateAccessKey{}, &CreateVirtualMFADevice{}, &EnableMFADevice{}}
}

// NewCall returns a new zero value of the write call with the given
// action name, of package op's or of Calls, or nil when there is none.
func NewCall(action string) op.Op {
	if o := op.New(action); o != nil {
		return o
	}
	switch action {
	case "CreateAccessKey":
		return &CreateAccessKey{}
	case "UpdateAccessKey":
		return &UpdateAccessKey{}
	case "CreateVirtualMFADevice":
		return &CreateVirtualMFADevice{}
	case "EnableMFADevice":
		return &EnableMFADevice{}
	case "RecordAccessKeyUse":
		return &RecordAccessKeyUse{}
	}
	return nil
}

// IAM's limits on what these calls create.
const (
	accessKeysPerUser = 2
	accessKeyIDPrefix = "AKIA"
	accessKeyIDLen    = 20
)

func (a *Account) createAccessKey(o *CreateAccessKey) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if len(u.AccessKeys) >= accessKeysPerUser {
		return quota("AccessKeysPerUser", accessKeysPerUser)
	}
	id := a.st.newID(accessKeyIDPrefix)[:accessKeyIDLen]
	u.AccessKeys = append(u.AccessKeys, AccessKey{ID: id, Status: "Active", CreateDate: a.now()})
	return nil
}

func (a *Account) updateAccessKey(o *UpdateAccessKey) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if o.Status != "Active" && o.Status != "Inactive" {
		return invalid("The status %q of an access key is not Active or Inactive.", o.Status)
	}
	for i := range u.AccessKeys {
		if u.AccessKeys[i].ID == o.AccessKeyId {
			u.AccessKeys[i].Status = o.Status
			return nil
		}
	}
	return fail(provider.NotFound, "The Access Key with id %s cannot be found.", o.AccessKeyId)
}

// AccessKey returns the access key with the given id and the user it
// belongs to, or nils. It looks through every user.
func (s *State) AccessKey(id string) (*User, *AccessKey) {
	for _, u := range s.Users {
		for i := range u.AccessKeys {
			if u.AccessKeys[i].ID == id {
				return u, &u.AccessKeys[i]
			}
		}
	}
	return nil, nil
}
