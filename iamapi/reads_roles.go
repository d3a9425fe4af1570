package iamapi

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

func roleKey(r *memory.Role) string { return model.Fold(r.Name) }

func getRole(c *call) error {
	name, _, err := c.entityParam("RoleName", false)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.role, func(s *memory.State, r *memory.Role) error {
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
	name, pg, err := c.entityParam("RoleName", true)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.role, func(s *memory.State, r *memory.Role) error {
		writeTagPage(c, pg, r.Tags)
		return nil
	})
}

func listRolePolicies(c *call) error {
	name, pg, err := c.entityParam("RoleName", true)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.role, func(s *memory.State, r *memory.Role) error {
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
	return viewNamed(c, name, c.role, func(s *memory.State, r *memory.Role) error {
		return writeInlinePolicy(c, "role", "RoleName", r.Name, r.InlinePolicies, policyName)
	})
}

func listAttachedRolePolicies(c *call) error {
	name := c.f.str("RoleName", true)
	prefix := c.f.str("PathPrefix", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return viewNamed(c, name, c.role, func(s *memory.State, r *memory.Role) error {
		writeAttachedPage(c, pg, r.AttachedPolicies, prefix)
		return nil
	})
}

func instanceProfileKey(ip *memory.InstanceProfile) string { return model.Fold(ip.Name) }

func listInstanceProfilesForRole(c *call) error {
	name, pg, err := c.entityParam("RoleName", true)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.role, func(s *memory.State, r *memory.Role) error {
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
