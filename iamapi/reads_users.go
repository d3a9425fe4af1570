package iamapi

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

func getUser(c *call) error {
	name := c.f.str("UserName", false)
	if e := c.f.done(); e != nil {
		return e
	}
	if name == "" {
		return validation("Must specify userName when calling with non-User credentials")
	}
	return viewNamed(c, name, c.user, func(s *memory.State, u *memory.User) error {
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
	name, pg, err := c.entityParam("UserName", true)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.user, func(s *memory.State, u *memory.User) error {
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

func listGroupsForUser(c *call) error {
	name, pg, err := c.entityParam("UserName", true)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.user, func(s *memory.State, u *memory.User) error {
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
	name, pg, err := c.entityParam("UserName", true)
	if err != nil {
		return err
	}
	return viewNamed(c, name, c.user, func(s *memory.State, u *memory.User) error {
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
	return viewNamed(c, name, c.user, func(s *memory.State, u *memory.User) error {
		return writeInlinePolicy(c, "user", "UserName", u.Name, u.InlinePolicies, policyName)
	})
}

// writeInlinePolicy answers Get{User,Group,Role}Policy: the inline policy
// policyName of the entity owner, a what ("user") named by the element
// nameElem ("UserName").
func writeInlinePolicy(c *call, what, nameElem, owner string, list []memory.InlinePolicy, policyName string) error {
	p := findInline(list, policyName)
	if p == nil {
		return noSuchEntity("The %s policy with name %s cannot be found.", what, policyName)
	}
	c.body.text(nameElem, owner)
	c.body.text("PolicyName", p.Name)
	c.body.doc("PolicyDocument", p.Document)
	return nil
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
	return viewNamed(c, name, c.user, func(s *memory.State, u *memory.User) error {
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
