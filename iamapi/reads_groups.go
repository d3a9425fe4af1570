package iamapi

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

func groupKey(g *memory.Group) string { return model.Fold(g.Name) }

func getGroup(c *call) error {
	name, pg, err := c.entityParam("GroupName", true)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.group, func(s *memory.State, g *memory.Group) error {
		c.body.open("Group")
		writeGroup(&c.body, s, g)
		c.body.close("Group")
		var users []*memory.User
		for _, u := range s.GroupMembers(g.Name) {
			if c.visible(model.KindUser, u.Name) {
				users = append(users, u)
			}
		}
		paged(c, pg, "Users", users, userKey, func(u *memory.User) { writeUser(&c.body, s, u, false) })
		return nil
	})
}

func listGroups(c *call) error {
	prefix := c.f.str("PathPrefix", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		var groups []*memory.Group
		for _, g := range s.SortedGroups() {
			if underPath(g.Path, prefix) && c.visible(model.KindGroup, g.Name) {
				groups = append(groups, g)
			}
		}
		paged(c, pg, "Groups", groups, groupKey, func(g *memory.Group) { writeGroup(&c.body, s, g) })
		return nil
	})
}

func listGroupPolicies(c *call) error {
	name, pg, err := c.entityParam("GroupName", true)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.group, func(s *memory.State, g *memory.Group) error {
		pagedStrings(c, pg, "PolicyNames", inlineNames(g.InlinePolicies))
		return nil
	})
}

func getGroupPolicy(c *call) error {
	name := c.f.str("GroupName", true)
	policyName := c.f.str("PolicyName", true)
	if e := c.f.done(); e != nil {
		return e
	}
	return viewNamed(c, name, c.group, func(s *memory.State, g *memory.Group) error {
		return writeInlinePolicy(c, "group", "GroupName", g.Name, g.InlinePolicies, policyName)
	})
}

func listAttachedGroupPolicies(c *call) error {
	name := c.f.str("GroupName", true)
	prefix := c.f.str("PathPrefix", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return viewNamed(c, name, c.group, func(s *memory.State, g *memory.Group) error {
		writeAttachedPage(c, pg, g.AttachedPolicies, prefix)
		return nil
	})
}
