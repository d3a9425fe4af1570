package iamapi

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// The last use of credentials, and the virtual MFA devices: what the
// credential report, GetAccessKeyLastUsed, GetUser and GetRole show.

// recordKeyUse records, as AWS does, that a user's access key signed a
// request: its last use becomes now, with the service and region of the
// signature's scope. The server's own key belongs to no user and is not
// recorded. The record is journaled like a write; a failure (the key was
// deleted meanwhile) is logged and does not fail the request, which was
// signed while the key was there.
func (h *Handler) recordKeyUse(ctx context.Context, who *caller) {
	if who == nil || who.user == "" {
		return
	}
	o := &memory.RecordAccessKeyUse{UserName: who.user, AccessKeyId: who.keyID, ServiceName: who.service, Region: who.region}
	if err := h.acct.Do(context.WithoutCancel(ctx), o); err != nil {
		h.logf("recording the use of %s: %v", who.keyID, err)
	}
}

func getAccessKeyLastUsed(c *call) error {
	id := c.f.str("AccessKeyId", true)
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		u, k := s.AccessKey(id)
		if u == nil || !c.visible(model.KindUser, u.Name) {
			return noSuchEntity("The Access Key with id %s cannot be found.", id)
		}
		c.body.text("UserName", u.Name)
		c.body.open("AccessKeyLastUsed")
		if k.LastUsed.Date.IsZero() {
			c.body.text("ServiceName", "N/A")
			c.body.text("Region", "N/A")
		} else {
			c.body.date("LastUsedDate", k.LastUsed.Date)
			c.body.text("ServiceName", k.LastUsed.Service)
			c.body.text("Region", k.LastUsed.Region)
		}
		c.body.close("AccessKeyLastUsed")
		return nil
	})
}

// writeRoleLastUsed writes a role's RoleLastUsed: empty when it was never
// used.
func writeRoleLastUsed(w *xmlw, r *memory.Role) {
	w.open("RoleLastUsed")
	if !r.LastUsedDate.IsZero() {
		w.date("LastUsedDate", r.LastUsedDate)
		w.opt("Region", r.LastUsedRegion)
	}
	w.close("RoleLastUsed")
}

// flag is GetAccountSummary's 0 or 1.
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// newVirtualMFADevice answers CreateVirtualMFADevice: the serial number
// and a new seed, shown this once and kept nowhere (the memory account
// accepts any codes). Base32StringSeed is a blob in IAM's API, so the
// base32 text travels base64-encoded. No QR code image is made.
func (c *call) newVirtualMFADevice(o *memory.CreateVirtualMFADevice, s *memory.State) error {
	serial := memory.VirtualMFASerial(s.AccountID, o.Path, o.VirtualMFADeviceName)
	if s.VirtualMFADevices[serial] == nil {
		return errGone("virtual MFA device", o.VirtualMFADeviceName)
	}
	var seed [40]byte
	rand.Read(seed[:])
	w := &c.body
	w.open("VirtualMFADevice")
	w.text("SerialNumber", serial)
	w.text("Base32StringSeed", base64.StdEncoding.EncodeToString([]byte(base32.StdEncoding.EncodeToString(seed[:]))))
	w.close("VirtualMFADevice")
	return nil
}
