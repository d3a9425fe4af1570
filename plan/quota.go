package plan

import (
	"fmt"

	"github.com/iamc/iamc/model"
)

// checkAccountQuotas refuses a plan after which the account would hold
// more users, groups, roles or customer managed policies than its quota:
// the declared ones, all inside the scope, and those outside the scope
// (under AWS's reserved paths too), which the plan leaves where they are.
// The configuration alone cannot know the second count.
func (p *planner) checkAccountQuotas() {
	check := func(plural string, quota int, adjustable string, declared int, outside, reserved int) {
		if declared+outside <= quota {
			return
		}
		out := fmt.Sprintf("%d outside it, which iamc leaves as they are", outside)
		if reserved > 0 {
			out = fmt.Sprintf("%d outside it (%d under AWS's reserved paths), which iamc leaves as they are", outside, reserved)
		}
		hint := "Declare fewer " + plural + ", or delete some of those outside the scope first"
		if adjustable != "" {
			hint += ", or raise the quota with iamc { quotas { " + adjustable + " = N } } once AWS has raised it"
		} else {
			hint += " (AWS does not raise this quota)"
		}
		p.errs = append(p.errs, Conflict{Message: fmt.Sprintf("%s: after this plan the account would hold %d %s, over its quota of %d %s per account: %d declared inside the manage scope %s and %s. %s",
			plural, declared+outside, plural, quota, plural, declared, p.scope, out, hint)})
	}
	var outside, reserved int
	count := func(st state, path string) {
		if st == stOut {
			outside++
			if model.IsReservedPath(path) {
				reserved++
			}
		}
	}
	for _, x := range p.users {
		if x.cur != nil {
			count(x.st, x.cur.Path)
		}
	}
	check("users", p.quotas.Users, "", len(p.userByDes), outside, reserved)
	outside, reserved = 0, 0
	for _, x := range p.groups {
		if x.cur != nil {
			count(x.st, x.cur.Path)
		}
	}
	check("groups", p.quotas.Groups, "groups", len(p.groupByDes), outside, reserved)
	outside, reserved = 0, 0
	declared := 0
	for _, x := range p.roles {
		if x.des != nil {
			declared++
		}
		if x.cur != nil {
			count(x.st, x.cur.Path)
		}
	}
	check("roles", p.quotas.Roles, "roles", declared, outside, reserved)
	outside, reserved, declared = 0, 0, 0
	for _, x := range p.policies {
		if x.des != nil {
			declared++
		}
		if x.cur != nil && !model.IsAWSManagedPolicyARN(x.curARN) {
			count(x.st, x.cur.Path)
		}
	}
	check("policies", p.quotas.Policies, "policies", declared, outside, reserved)
}

// planQuotaOrder makes creates wait for deletes of the same kind when the
// account would otherwise exceed its cap on that kind of entity: the
// creates that fit in the room the account has now are free, and each of
// the others waits for a delete of its own. In any order that respects
// that, the creates done never outnumber the room plus the deletes done.
// checkAccountQuotas made sure there are enough deletes; a replace's
// create waits for its own delete.
func (p *planner) planQuotaOrder() {
	order := func(creates, deletes []int, current, quota int) {
		if current+len(creates) <= quota {
			return
		}
		waiting := creates[max(quota-current, 0):]
		for i := range min(len(waiting), len(deletes)) {
			p.g.dep(waiting[i], deletes[i])
		}
	}
	var c, d []int
	for _, x := range p.users {
		c, d = collect(&x.ent, c, d)
	}
	order(c, d, len(p.cur.Users), p.quotas.Users)
	c, d = nil, nil
	for _, x := range p.groups {
		c, d = collect(&x.ent, c, d)
	}
	order(c, d, len(p.cur.Groups), p.quotas.Groups)
	c, d = nil, nil
	for _, x := range p.roles {
		c, d = collect(&x.ent, c, d)
	}
	order(c, d, len(p.cur.Roles), p.quotas.Roles)
	c, d = nil, nil
	for _, x := range p.policies {
		c, d = collect(&x.ent, c, d)
	}
	order(c, d, len(p.cur.Policies), p.quotas.Policies)
}

func collect(e *ent, creates, deletes []int) ([]int, []int) {
	switch e.st {
	case stCreate:
		creates = append(creates, e.ready)
	case stDelete:
		deletes = append(deletes, e.gone)
	}
	return creates, deletes
}
