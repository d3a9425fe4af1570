package memory

import (
	"regexp"
	"strings"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// The calls that make and enable virtual MFA devices. No plan makes them
// (enabling a device needs two codes from it); iamc serve answers them so
// that an account can hold MFA devices for plans to read and clean up.

// CreateVirtualMFADevice creates an unassigned virtual MFA device. Its
// seed is not the account's to keep: iamc serve makes one and answers it
// once.
type CreateVirtualMFADevice struct {
	VirtualMFADeviceName string `json:"VirtualMFADeviceName"`
	Path                 string `json:"Path,omitempty"`
}

// EnableMFADevice assigns a virtual MFA device to a user. The memory
// account accepts any two codes of six digits; they are one-time values
// and never encoded (a replayed journal record has none).
type EnableMFADevice struct {
	UserName            string `json:"UserName"`
	SerialNumber        string `json:"SerialNumber"`
	AuthenticationCode1 string `json:"-" secret:"true"`
	AuthenticationCode2 string `json:"-" secret:"true"`
}

func (*CreateVirtualMFADevice) Action() string { return "CreateVirtualMFADevice" }
func (*EnableMFADevice) Action() string        { return "EnableMFADevice" }

// Target of a new device is the account: a device belongs to no user
// until it is enabled.
func (o *CreateVirtualMFADevice) Target() model.Address { return model.Address{} }
func (o *EnableMFADevice) Target() model.Address        { return model.UserAddr(o.UserName) }

// IAM's limits on MFA devices.
const (
	mfaDevicesPerUser = 8
	mfaNameMax        = 226
)

var (
	mfaNamePattern = regexp.MustCompile(`^[\w+=,.@-]+$`)
	mfaCodePattern = regexp.MustCompile(`^[0-9]{6}$`)
)

// VirtualMFASerial returns the serial number (ARN) of the virtual MFA
// device with the given path ("" is "/") and name.
func VirtualMFASerial(account, path, name string) string {
	return "arn:aws:iam::" + account + ":mfa" + pathOr(path) + name
}

func (a *Account) createVirtualMFADevice(o *CreateVirtualMFADevice) error {
	if n := len(o.VirtualMFADeviceName); n == 0 || n > mfaNameMax || !mfaNamePattern.MatchString(o.VirtualMFADeviceName) {
		return invalid("The virtual MFA device name %q is not 1 to %d characters of letters, digits and +=,.@_-.", o.VirtualMFADeviceName, mfaNameMax)
	}
	path := pathOr(o.Path)
	if err := checkNewPath(path); err != nil {
		return err
	}
	serial := VirtualMFASerial(a.st.AccountID, o.Path, o.VirtualMFADeviceName)
	for s := range a.st.VirtualMFADevices {
		if strings.EqualFold(s, serial) {
			return fail(provider.AlreadyExists, "MFADevice entity at the same path and name already exists.")
		}
	}
	a.st.VirtualMFADevices[serial] = &VirtualMFADevice{SerialNumber: serial, CreateDate: a.now()}
	return nil
}

func (a *Account) enableMFADevice(o *EnableMFADevice) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if !a.replaying {
		for _, c := range []string{o.AuthenticationCode1, o.AuthenticationCode2} {
			if !mfaCodePattern.MatchString(c) {
				return invalid("An authentication code must be six digits.")
			}
		}
	}
	d := a.st.VirtualMFADevices[o.SerialNumber]
	if d == nil {
		return fail(provider.NotFound, "VirtualMFADevice with serial number %s doesn't exist.", o.SerialNumber)
	}
	if d.User != "" {
		return fail(provider.AlreadyExists, "MFA Device is already in use.")
	}
	if len(u.MFADevices) >= mfaDevicesPerUser {
		return quota("MFADevicesPerUser", mfaDevicesPerUser)
	}
	now := a.now()
	d.User, d.EnableDate = u.Name, now
	u.MFADevices = append(u.MFADevices, MFADevice{SerialNumber: d.SerialNumber, Virtual: true, EnableDate: now})
	return nil
}

// RootUser is what the account's root user has, as the credential report
// and GetAccountSummary show it. No call changes it: it is set in the
// state file.
type RootUser struct {
	MFAActive         bool      `json:"mfa_active,omitempty"`
	AccessKeysPresent bool      `json:"access_keys_present,omitempty"`
	PasswordLastUsed  time.Time `json:"password_last_used,omitzero"`
}

func (r *reader) root() *RootUser {
	if r.null() {
		return nil
	}
	root := &RootUser{}
	r.object(func(key []byte) {
		if !r.simpleField(root, key) {
			r.unknown(key)
		}
	})
	return root
}
