package memory

import (
	"time"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

func (a *Account) createLoginProfile(o *op.CreateLoginProfile) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if u.LoginProfile != nil {
		return fail(provider.AlreadyExists, "Login Profile for user %s already exists.", u.Name)
	}
	// A replayed journal record has no password (none is ever written);
	// it was checked when the call was made.
	if !a.replaying {
		if err := checkPassword(o.Password, a.st.PasswordPolicy); err != nil {
			return err
		}
	}
	// The password is checked and forgotten: no secret is ever kept.
	u.LoginProfile = &LoginProfile{CreateDate: a.now(), PasswordResetRequired: o.PasswordResetRequired}
	return nil
}

func noLoginProfile(user string) error {
	return fail(provider.NotFound, "Login Profile for User %s cannot be found.", user)
}

func (a *Account) updateLoginProfile(o *op.UpdateLoginProfile) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if u.LoginProfile == nil {
		return noLoginProfile(u.Name)
	}
	u.LoginProfile.PasswordResetRequired = o.PasswordResetRequired
	return nil
}

func (a *Account) deleteLoginProfile(o *op.DeleteLoginProfile) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if u.LoginProfile == nil {
		return noLoginProfile(u.Name)
	}
	u.LoginProfile = nil
	return nil
}

// removeByID removes the element whose id is id from a user's list of
// credentials; false when there is none.
func removeByID[T any](list *[]T, id string, idOf func(*T) string) bool {
	for i := range *list {
		if idOf(&(*list)[i]) == id {
			removeAt(list, i)
			return true
		}
	}
	return false
}

func (a *Account) deleteAccessKey(o *op.DeleteAccessKey) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if !removeByID(&u.AccessKeys, o.AccessKeyId, func(k *AccessKey) string { return k.ID }) {
		return fail(provider.NotFound, "The Access Key with id %s cannot be found.", o.AccessKeyId)
	}
	return nil
}

func (a *Account) deleteSigningCertificate(o *op.DeleteSigningCertificate) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if !removeByID(&u.SigningCertificates, o.CertificateId, func(c *SigningCertificate) string { return c.ID }) {
		return fail(provider.NotFound, "The Certificate with id %s cannot be found.", o.CertificateId)
	}
	return nil
}

func (a *Account) deleteSSHPublicKey(o *op.DeleteSSHPublicKey) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if !removeByID(&u.SSHPublicKeys, o.SSHPublicKeyId, func(k *SSHPublicKey) string { return k.ID }) {
		return fail(provider.NotFound, "The Public Key with id %s cannot be found.", o.SSHPublicKeyId)
	}
	return nil
}

func (a *Account) deleteServiceSpecificCredential(o *op.DeleteServiceSpecificCredential) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if !removeByID(&u.ServiceSpecificCredentials, o.ServiceSpecificCredentialId, func(c *ServiceSpecificCredential) string { return c.ID }) {
		return fail(provider.NotFound, "No such credential %s exists.", o.ServiceSpecificCredentialId)
	}
	return nil
}

func (a *Account) deactivateMFADevice(o *op.DeactivateMFADevice) error {
	u := a.st.User(o.UserName)
	if u == nil {
		return noSuchUser(o.UserName)
	}
	if !removeByID(&u.MFADevices, o.SerialNumber, func(d *MFADevice) string { return d.SerialNumber }) {
		return fail(provider.NotFound, "MFA Device with serial number %s does not exist.", o.SerialNumber)
	}
	if d := a.st.VirtualMFADevices[o.SerialNumber]; d != nil {
		d.User = ""
		d.EnableDate = time.Time{}
	}
	return nil
}

func (a *Account) deleteVirtualMFADevice(o *op.DeleteVirtualMFADevice) error {
	d := a.st.VirtualMFADevices[o.SerialNumber]
	if d == nil {
		return fail(provider.NotFound, "VirtualMFADevice with serial number %s doesn't exist.", o.SerialNumber)
	}
	if d.User != "" {
		return conflict("MFA Device is still in use by user %s; deactivate it first.", d.User)
	}
	delete(a.st.VirtualMFADevices, o.SerialNumber)
	return nil
}
