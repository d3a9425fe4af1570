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
	name, _, err := c.userParam(false)
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
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

func listAccessKeys(c *call) error {
	name, pg, err := c.optionalUser()
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		lo, hi, next := pg.cut(len(u.AccessKeys), indexKey)
		c.body.list("AccessKeyMetadata", hi-lo, func(i int) {
			k := u.AccessKeys[lo+i]
			c.body.text("UserName", u.Name)
			c.body.text("AccessKeyId", k.ID)
			c.body.text("Status", k.Status)
			c.body.date("CreateDate", k.CreateDate)
		})
		c.body.page(next)
		return nil
	})
}

func listMFADevices(c *call) error {
	name, pg, err := c.optionalUser()
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		lo, hi, next := pg.cut(len(u.MFADevices), indexKey)
		c.body.list("MFADevices", hi-lo, func(i int) {
			d := u.MFADevices[lo+i]
			c.body.text("UserName", u.Name)
			c.body.text("SerialNumber", d.SerialNumber)
			c.body.date("EnableDate", d.EnableDate)
		})
		c.body.page(next)
		return nil
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
	name, pg, err := c.optionalUser()
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		lo, hi, next := pg.cut(len(u.SigningCertificates), indexKey)
		c.body.list("Certificates", hi-lo, func(i int) {
			k := u.SigningCertificates[lo+i]
			c.body.text("UserName", u.Name)
			c.body.text("CertificateId", k.ID)
			c.body.text("Status", k.Status)
			c.body.date("UploadDate", k.UploadDate)
		})
		c.body.page(next)
		return nil
	})
}

func listSSHPublicKeys(c *call) error {
	name, pg, err := c.optionalUser()
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		lo, hi, next := pg.cut(len(u.SSHPublicKeys), indexKey)
		c.body.list("SSHPublicKeys", hi-lo, func(i int) {
			k := u.SSHPublicKeys[lo+i]
			c.body.text("UserName", u.Name)
			c.body.text("SSHPublicKeyId", k.ID)
			c.body.text("Status", k.Status)
			c.body.date("UploadDate", k.UploadDate)
		})
		c.body.page(next)
		return nil
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
		lo, hi, next := pg.cut(len(creds), indexKey)
		c.body.list("ServiceSpecificCredentials", hi-lo, func(i int) {
			k := creds[lo+i]
			c.body.text("UserName", k.user)
			c.body.text("Status", k.c.Status)
			c.body.text("ServiceUserName", k.c.ServiceUserName)
			c.body.date("CreateDate", k.c.CreateDate)
			c.body.text("ServiceSpecificCredentialId", k.c.ID)
			c.body.text("ServiceName", k.c.ServiceName)
		})
		c.body.page(next)
		return nil
	})
}
