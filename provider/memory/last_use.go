package memory

import (
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// KeyUse is an access key's last use, as GetAccessKeyLastUsed and the
// credential report give it: when, for which service, in which region.
type KeyUse struct {
	Date    time.Time `json:"date"`
	Service string    `json:"service"`
	Region  string    `json:"region"`
}

// RecordAccessKeyUse records that a request signed with an access key was
// made: iamc serve makes it for every request a user's key signs, as AWS
// updates a key's last use. It is no IAM API action (the server does not
// answer it as one); it is journaled like one, so that a key's last use
// is as durable as the keys.
type RecordAccessKeyUse struct {
	UserName    string `json:"UserName"`
	AccessKeyId string `json:"AccessKeyId"`
	ServiceName string `json:"ServiceName"`
	Region      string `json:"Region"`
}

func (*RecordAccessKeyUse) Action() string          { return "RecordAccessKeyUse" }
func (o *RecordAccessKeyUse) Target() model.Address { return model.UserAddr(o.UserName) }

func (a *Account) recordAccessKeyUse(o *RecordAccessKeyUse) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	for i := range u.AccessKeys {
		if u.AccessKeys[i].ID == o.AccessKeyId {
			u.AccessKeys[i].LastUsed = KeyUse{Date: a.now(), Service: o.ServiceName, Region: o.Region}
			return nil
		}
	}
	return fail(provider.NotFound, "The Access Key with id %s cannot be found.", o.AccessKeyId)
}

func (r *reader) keyUse(u *KeyUse) {
	if r.null() {
		*u = KeyUse{}
		return
	}
	r.object(func(key []byte) {
		if !r.simpleField(u, key) {
			r.unknown(key)
		}
	})
}

// seedAccessKey is the memory account's record of a key of a seeded
// user: its status, its age (now when the seed gives none) and its last
// use.
func seedAccessKey(k model.AccessKey, now time.Time) AccessKey {
	out := AccessKey{ID: k.ID, Status: "Inactive", CreateDate: k.CreateDate}
	if k.Active {
		out.Status = "Active"
	}
	if out.CreateDate.IsZero() {
		out.CreateDate = now
	}
	if !k.LastUsed.IsZero() {
		out.LastUsed = KeyUse{Date: k.LastUsed, Service: k.LastUsedService, Region: k.LastUsedRegion}
	}
	return out
}
