package iamapi

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

func roleKey(r *memory.Role) string { return model.Fold(r.Name) }

// roleParam reads a required RoleName and, when paged, the page
// parameters, and checks the request is complete.
func (c *call) roleParam(paged bool) (string, pageReq, error) {
	name := c.f.str("RoleName", true)
	var pg pageReq
	if paged {
		pg = c.page()
	}
	if e := c.f.done(); e != nil {
		return "", pg, e
	}
	return name, pg, nil
}

func getRole(c *call) error {
	name, _, err := c.roleParam(false)
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		r, err := c.role(s, name)
		if err != nil {
			return err
		}
		c.body.open("Role")
		writeRole(&c.body, s, r, roleFull)
		c.body.close("Role")
		return nil
	})
}

func listRoles(c *call) error {
	prefix := c.f.str("PathPrefix", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		var roles []*memory.Role
		for _, r := range s.SortedRoles() {
			if underPath(r.Path, prefix) && c.visible(model.KindRole, r.Name) {
				roles = append(roles, r)
			}
		}
		paged(c, pg, "Roles", roles, roleKey, func(r *memory.Role) { writeRole(&c.body, s, r, roleListed) })
		return nil
	})
}

func listRoleTags(c *call) error {
	name, pg, err := c.roleParam(true)
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		r, err := c.role(s, name)
		if err != nil {
			return err
		}
		writeTagPage(c, pg, r.Tags)
		return nil
	})
}

func listRolePolicies(c *call) error {
	name, pg, err := c.roleParam(true)
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		r, err := c.role(s, name)
		if err != nil {
			return err
		}
		pagedStrings(c, pg, "PolicyNames", inlineNames(r.InlinePolicies))
		return nil
	})
}

func getRolePolicy(c *call) error {
	name := c.f.str("RoleName", true)
	policyName := c.f.str("PolicyName", true)
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		r, err := c.role(s, name)
		if err != nil {
			return err
		}
		p := findInline(r.InlinePolicies, policyName)
		if p == nil {
			return noSuchEntity("The role policy with name %s cannot be found.", policyName)
		}
		c.body.text("RoleName", r.Name)
		c.body.text("PolicyName", p.Name)
		c.body.doc("PolicyDocument", p.Document)
		return nil
	})
}

func listAttachedRolePolicies(c *call) error {
	name := c.f.str("RoleName", true)
	prefix := c.f.str("PathPrefix", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		r, err := c.role(s, name)
		if err != nil {
			return err
		}
		writeAttachedPage(c, pg, r.AttachedPolicies, prefix)
		return nil
	})
}

func instanceProfileKey(ip *memory.InstanceProfile) string { return model.Fold(ip.Name) }

func listInstanceProfilesForRole(c *call) error {
	name, pg, err := c.roleParam(true)
	if err != nil {
		return err
	}
	return c.view(func(s *memory.State) error {
		r, err := c.role(s, name)
		if err != nil {
			return err
		}
		paged(c, pg, "InstanceProfiles", s.RoleInstanceProfiles(r.Name), instanceProfileKey, func(ip *memory.InstanceProfile) {
			writeInstanceProfile(&c.body, s, ip)
		})
		return nil
	})
}

func listInstanceProfiles(c *call) error {
	prefix := c.f.str("PathPrefix", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		var ips []*memory.InstanceProfile
		for _, ip := range s.SortedInstanceProfiles() {
			if underPath(ip.Path, prefix) {
				ips = append(ips, ip)
			}
		}
		paged(c, pg, "InstanceProfiles", ips, instanceProfileKey, func(ip *memory.InstanceProfile) {
			writeInstanceProfile(&c.body, s, ip)
		})
		return nil
	})
}

func getInstanceProfile(c *call) error {
	name := c.f.str("InstanceProfileName", true)
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		ip := s.InstanceProfile(name)
		if ip == nil {
			return noSuchEntity("Instance Profile %s cannot be found.", name)
		}
		c.body.open("InstanceProfile")
		writeInstanceProfile(&c.body, s, ip)
		c.body.close("InstanceProfile")
		return nil
	})
}
