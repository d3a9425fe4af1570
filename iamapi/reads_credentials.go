package iamapi

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// The reads of a user's credentials: its login profile, access keys, MFA
// devices, signing certificates, SSH keys and service-specific
// credentials, and the account's virtual MFA devices. They return ids
// and dates only: the account keeps no secret.

func getLoginProfile(c *call) error {
	name, _, err := c.entityParam("UserName", false)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.user, func(s *memory.State, u *memory.User) error {
		if u.LoginProfile == nil {
			return noSuchEntity("Login Profile for User %s cannot be found.", u.Name)
		}
		writeLoginProfile(&c.body, u)
		return nil
	})
}

// optionalUser reads the UserName of the credential lists, which IAM
// defaults to the caller: this endpoint's caller is no IAM user, so a
// missing UserName is an error here.
func (c *call) optionalUser() (string, pageReq, error) {
	name := c.f.str("UserName", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return "", pg, e
	}
	if name == "" {
		return "", pg, validation("Must specify userName when calling with non-User credentials")
	}
	return name, pg, nil
}

// listCredentials answers the List* call of one kind of credential of the
// user named: one page of list(u), in the order the user holds them, as
// the list element name, each item written by write.
func listCredentials[T any](c *call, name string, list func(*memory.User) []T, write func(*memory.User, T)) error {
	user, pg, err := c.optionalUser()
	if err != nil {
		return err
	}
	return viewNamed(c, user, c.user, func(s *memory.State, u *memory.User) error {
		pagedInOrder(c, pg, name, list(u), func(k T) { write(u, k) })
		return nil
	})
}

func listAccessKeys(c *call) error {
	return listCredentials(c, "AccessKeyMetadata", func(u *memory.User) []memory.AccessKey { return u.AccessKeys }, func(u *memory.User, k memory.AccessKey) {
		c.body.text("UserName", u.Name)
		c.body.text("AccessKeyId", k.ID)
		c.body.text("Status", k.Status)
		c.body.date("CreateDate", k.CreateDate)
	})
}

func listMFADevices(c *call) error {
	return listCredentials(c, "MFADevices", func(u *memory.User) []memory.MFADevice { return u.MFADevices }, func(u *memory.User, d memory.MFADevice) {
		c.body.text("UserName", u.Name)
		c.body.text("SerialNumber", d.SerialNumber)
		c.body.date("EnableDate", d.EnableDate)
	})
}

func listVirtualMFADevices(c *call) error {
	status := c.f.str("AssignmentStatus", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	switch status {
	case "", "Any", "Assigned", "Unassigned":
	default:
		return validation("1 validation error detected: Value '%s' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Unassigned, Any, Assigned]", clip(status))
	}
	return c.view(func(s *memory.State) error {
		var devs []*memory.VirtualMFADevice
		for _, d := range s.SortedVirtualMFADevices() {
			if status == "Assigned" && d.User == "" || status == "Unassigned" && d.User != "" {
				continue
			}
			devs = append(devs, d)
		}
		paged(c, pg, "VirtualMFADevices", devs, func(d *memory.VirtualMFADevice) string { return d.SerialNumber }, func(d *memory.VirtualMFADevice) {
			c.body.text("SerialNumber", d.SerialNumber)
			if u := s.User(d.User); u != nil && d.User != "" {
				c.body.open("User")
				writeUser(&c.body, s, u, false)
				c.body.close("User")
				c.body.optDate("EnableDate", d.EnableDate)
			}
		})
		return nil
	})
}

func listSigningCertificates(c *call) error {
	return listCredentials(c, "Certificates", func(u *memory.User) []memory.SigningCertificate { return u.SigningCertificates }, func(u *memory.User, k memory.SigningCertificate) {
		c.body.text("UserName", u.Name)
		c.body.text("CertificateId", k.ID)
		c.body.text("Status", k.Status)
		c.body.date("UploadDate", k.UploadDate)
	})
}

func listSSHPublicKeys(c *call) error {
	return listCredentials(c, "SSHPublicKeys", func(u *memory.User) []memory.SSHPublicKey { return u.SSHPublicKeys }, func(u *memory.User, k memory.SSHPublicKey) {
		c.body.text("UserName", u.Name)
		c.body.text("SSHPublicKeyId", k.ID)
		c.body.text("Status", k.Status)
		c.body.date("UploadDate", k.UploadDate)
	})
}

func listServiceSpecificCredentials(c *call) error {
	name := c.f.str("UserName", false)
	service := c.f.str("ServiceName", false)
	all := c.f.boolean("AllUsers")
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	if name == "" && !all {
		return validation("Must specify userName when calling with non-User credentials")
	}
	type cred struct {
		user string
		c    memory.ServiceSpecificCredential
	}
	return c.view(func(s *memory.State) error {
		var users []*memory.User
		if name != "" {
			u, err := c.user(s, name)
			if err != nil {
				return err
			}
			users = []*memory.User{u}
		} else {
			for _, u := range s.SortedUsers() {
				if c.visible(model.KindUser, u.Name) {
					users = append(users, u)
				}
			}
		}
		var creds []cred
		for _, u := range users {
			for _, sc := range u.ServiceSpecificCredentials {
				if service == "" || sc.ServiceName == service {
					creds = append(creds, cred{u.Name, sc})
				}
			}
		}
		pagedInOrder(c, pg, "ServiceSpecificCredentials", creds, func(k cred) {
			c.body.text("UserName", k.user)
			c.body.text("Status", k.c.Status)
			c.body.text("ServiceUserName", k.c.ServiceUserName)
			c.body.date("CreateDate", k.c.CreateDate)
			c.body.text("ServiceSpecificCredentialId", k.c.ID)
			c.body.text("ServiceName", k.c.ServiceName)
		})
		return nil
	})
}
