package iamapi

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// readActions are the read actions served, by name.
func readActions() map[string]func(*call) error {
	return map[string]func(*call) error{
		"GetUser":                        getUser,
		"ListUsers":                      listUsers,
		"ListUserTags":                   listUserTags,
		"GetLoginProfile":                getLoginProfile,
		"ListAccessKeys":                 listAccessKeys,
		"ListMFADevices":                 listMFADevices,
		"ListVirtualMFADevices":          listVirtualMFADevices,
		"ListSigningCertificates":        listSigningCertificates,
		"ListSSHPublicKeys":              listSSHPublicKeys,
		"ListServiceSpecificCredentials": listServiceSpecificCredentials,
		"ListGroupsForUser":              listGroupsForUser,
		"ListUserPolicies":               listUserPolicies,
		"GetUserPolicy":                  getUserPolicy,
		"ListAttachedUserPolicies":       listAttachedUserPolicies,

		"GetGroup":                  getGroup,
		"ListGroups":                listGroups,
		"ListGroupPolicies":         listGroupPolicies,
		"GetGroupPolicy":            getGroupPolicy,
		"ListAttachedGroupPolicies": listAttachedGroupPolicies,

		"GetRole":                     getRole,
		"ListRoles":                   listRoles,
		"ListRoleTags":                listRoleTags,
		"ListRolePolicies":            listRolePolicies,
		"GetRolePolicy":               getRolePolicy,
		"ListAttachedRolePolicies":    listAttachedRolePolicies,
		"ListInstanceProfilesForRole": listInstanceProfilesForRole,
		"ListInstanceProfiles":        listInstanceProfiles,
		"GetInstanceProfile":          getInstanceProfile,

		"GetPolicy":             getPolicy,
		"ListPolicies":          listPolicies,
		"GetPolicyVersion":      getPolicyVersion,
		"ListPolicyVersions":    listPolicyVersions,
		"ListPolicyTags":        listPolicyTags,
		"ListEntitiesForPolicy": listEntitiesForPolicy,

		"GetAccountAuthorizationDetails": getAccountAuthorizationDetails,
		"GetAccountPasswordPolicy":       getAccountPasswordPolicy,
		"ListAccountAliases":             listAccountAliases,
		"GetAccountSummary":              getAccountSummary,
	}
}

// userParam reads a required UserName, the page parameters when paged,
// and checks the request is complete.
func (c *call) userParam(paged bool) (string, pageReq, error) {
	name := c.f.str("UserName", true)
	var pg pageReq
	if paged {
		pg = c.page()
	}
	if e := c.f.done(); e != nil {
		return "", pg, e
	}
	return name, pg, nil
}

func getUser(c *call) error {
	name := c.f.str("UserName", false)
	if e := c.f.done(); e != nil {
		return e
	}
	if name == "" {
		return validation("Must specify userName when calling with non-User credentials")
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		c.body.open("User")
		writeUser(&c.body, s, u, true)
		c.body.close("User")
		return nil
	})
}

func listUsers(c *call) error {
	prefix := c.f.str("PathPrefix", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		var users []*memory.User
		for _, u := range s.SortedUsers() {
			if underPath(u.Path, prefix) && c.visible(model.KindUser, u.Name) {
				users = append(users, u)
			}
		}
		paged(c, pg, "Users", users, userKey, func(u *memory.User) { writeUser(&c.body, s, u, false) })
		return nil
	})
}

func userKey(u *memory.User) string { return model.Fold(u.Name) }

func listUserTags(c *call) error {
	name, pg, err := c.userParam(true)
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		writeTagPage(c, pg, u.Tags)
		return nil
	})
}

// writeTagPage writes one page of an entity's tags, in key order.
func writeTagPage(c *call, pg pageReq, tags []memory.Tag) {
	lo, hi, next := pg.cut(len(tags), indexKey)
	writeTagList(&c.body, tags[lo:hi])
	c.body.page(next)
}

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

func listGroupsForUser(c *call) error {
	name, pg, err := c.userParam(true)
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		var groups []*memory.Group
		for _, g := range s.SortedGroups() {
			if c.visible(model.KindGroup, g.Name) && memberOf(u, g.Name) {
				groups = append(groups, g)
			}
		}
		paged(c, pg, "Groups", groups, groupKey, func(g *memory.Group) { writeGroup(&c.body, s, g) })
		return nil
	})
}

// memberOf reports whether u is in the named group.
func memberOf(u *memory.User, group string) bool {
	f := model.Fold(group)
	for _, g := range u.Groups {
		if model.Fold(g) == f {
			return true
		}
	}
	return false
}

func listUserPolicies(c *call) error {
	name, pg, err := c.userParam(true)
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		pagedStrings(c, pg, "PolicyNames", inlineNames(u.InlinePolicies))
		return nil
	})
}

func inlineNames(list []memory.InlinePolicy) []string {
	out := make([]string, len(list))
	for i, p := range list {
		out[i] = p.Name
	}
	return out
}

func getUserPolicy(c *call) error {
	name := c.f.str("UserName", true)
	policyName := c.f.str("PolicyName", true)
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		p := findInline(u.InlinePolicies, policyName)
		if p == nil {
			return noSuchEntity("The user policy with name %s cannot be found.", policyName)
		}
		c.body.text("UserName", u.Name)
		c.body.text("PolicyName", p.Name)
		c.body.doc("PolicyDocument", p.Document)
		return nil
	})
}

// findInline finds an inline policy by name, matched exactly as IAM does.
func findInline(list []memory.InlinePolicy, name string) *memory.InlinePolicy {
	for i := range list {
		if list[i].Name == name {
			return &list[i]
		}
	}
	return nil
}

func listAttachedUserPolicies(c *call) error {
	name := c.f.str("UserName", true)
	prefix := c.f.str("PathPrefix", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		u, err := c.user(s, name)
		if err != nil {
			return err
		}
		writeAttachedPage(c, pg, u.AttachedPolicies, prefix)
		return nil
	})
}

// writeAttachedPage writes one page of attached policies whose path is
// under prefix, in attachment order.
func writeAttachedPage(c *call, pg pageReq, arns []string, prefix string) {
	var list []string
	for _, arn := range arns {
		if prefix == "" || underPath(policyPathOf(arn), prefix) {
			list = append(list, arn)
		}
	}
	lo, hi, next := pg.cut(len(list), indexKey)
	writeAttached(&c.body, "AttachedPolicies", list[lo:hi])
	c.body.page(next)
}

// policyPathOf is the path in a managed policy's ARN.
func policyPathOf(arn string) string {
	if pa, err := model.ParseEntityARN(arn); err == nil {
		return pa.Path
	}
	return "/"
}
