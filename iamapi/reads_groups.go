package iamapi

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

func groupKey(g *memory.Group) string { return model.Fold(g.Name) }

func getGroup(c *call) error {
	name := c.f.str("GroupName", true)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		g, err := c.group(s, name)
		if err != nil {
			return err
		}
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
	name := c.f.str("GroupName", true)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		g, err := c.group(s, name)
		if err != nil {
			return err
		}
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
	return c.view(func(s *memory.State) error {
		g, err := c.group(s, name)
		if err != nil {
			return err
		}
		p := findInline(g.InlinePolicies, policyName)
		if p == nil {
			return noSuchEntity("The group policy with name %s cannot be found.", policyName)
		}
		c.body.text("GroupName", g.Name)
		c.body.text("PolicyName", p.Name)
		c.body.doc("PolicyDocument", p.Document)
		return nil
	})
}

func listAttachedGroupPolicies(c *call) error {
	name := c.f.str("GroupName", true)
	prefix := c.f.str("PathPrefix", false)
	pg := c.page()
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		g, err := c.group(s, name)
		if err != nil {
			return err
		}
		writeAttachedPage(c, pg, g.AttachedPolicies, prefix)
		return nil
	})
}
