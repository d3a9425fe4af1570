package memory

import (
	"crypto/rand"
	"encoding/base64"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// The write calls below are IAM API calls that the memory account carries
// out (Do) but that no plan makes, so they are not in package op's closed
// set: iamc serve answers them. They encode and decode like package op's
// values (Marshal with op.Marshal, decode with NewCall), field names being
// IAM's parameter names.

// Calls returns a zero value of each write call the account carries out
// beyond package op's, in a fixed order.
func Calls() []op.Op {
	return []op.Op{&CreateVirtualMFADevice{}, &EnableMFADevice{}}
}

// NewCall returns a new zero value of the write call with the given
// action name, of package op's or of Calls, or nil when there is none.
func NewCall(action string) op.Op {
	if o := op.New(action); o != nil {
		return o
	}
	switch action {
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

// createAccessKey makes a key and answers with its id and a new secret,
// which the account does not keep (iamc serve keeps it beside the state
// file; apply hands it to the credentials file).
func (a *Account) createAccessKey(o *op.CreateAccessKey) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if len(u.AccessKeys) >= accessKeysPerUser {
		return quota("AccessKeysPerUser", accessKeysPerUser)
	}
	id := a.st.newID(accessKeyIDPrefix)[:accessKeyIDLen]
	u.AccessKeys = append(u.AccessKeys, AccessKey{ID: id, Status: op.KeyActive, CreateDate: a.now()})
	o.AccessKeyId, o.SecretAccessKey = id, NewSecretKey()
	return nil
}

func (a *Account) updateAccessKey(o *op.UpdateAccessKey) error {
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

// NewSecretKey returns a new secret access key: 40 random characters, as
// IAM's are.
func NewSecretKey() string {
	var b [30]byte
	rand.Read(b[:])
	return base64.StdEncoding.EncodeToString(b[:])
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
