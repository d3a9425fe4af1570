package plan

import (
	"github.com/iamc/iamc/model"
)

// change returns the change of an entity, creating it with the action.
func (p *planner) change(e *ent, action Action) *Change {
	if e.change == nil {
		e.change = &Change{Address: e.addr, Action: action}
	}
	return e.change
}

// singleton returns the change of the alias or the password policy.
func (p *planner) singleton(addr model.Address, action Action) *Change {
	c := &p.alias
	if addr.Kind == model.KindPasswordPolicy {
		c = &p.password
	}
	if *c == nil {
		*c = &Change{Address: addr, Action: action}
	}
	return *c
}

// sortedChanges lists the changes in address order: the singletons, then
// policies, groups, users and roles, each kind already sorted by name.
func (p *planner) sortedChanges() []Change {
	n := 2
	count := func(e *ent) {
		if e.change != nil {
			n++
		}
	}
	for _, x := range p.policies {
		count(&x.ent)
	}
	for _, x := range p.groups {
		count(&x.ent)
	}
	for _, x := range p.users {
		count(&x.ent)
	}
	for _, x := range p.roles {
		count(&x.ent)
	}
	out := make([]Change, 0, n)
	add := func(c *Change) {
		if c != nil {
			out = append(out, *c)
		}
	}
	add(p.alias)
	add(p.password)
	for _, x := range p.policies {
		add(x.change)
	}
	for _, x := range p.groups {
		add(x.change)
	}
	for _, x := range p.users {
		add(x.change)
	}
	for _, x := range p.roles {
		add(x.change)
	}
	for _, x := range p.profiles {
		add(x.change)
	}
	for _, x := range p.oidcs {
		add(x.change)
	}
	for _, x := range p.samls {
		add(x.change)
	}
	return out
}

// estimateSteps guesses how many steps the plan has, from the entities
// that are created, replaced or deleted, so that the steps are allocated
// once.
func (p *planner) estimateSteps() int {
	n := 8
	for _, x := range p.users {
		switch x.st {
		case stCreate:
			n += 2 + len(x.groups) + len(x.policies) + len(x.des.InlinePolicies)
		case stDelete:
			n += 2 + len(x.cur.Groups) + len(x.cur.ManagedPolicies) + len(x.cur.InlinePolicies)
		case stKeep:
			n++
		}
	}
	for _, x := range p.groups {
		switch x.st {
		case stCreate:
			n += 1 + len(x.policies) + len(x.des.InlinePolicies)
		case stDelete:
			n += 1 + len(x.cur.ManagedPolicies) + len(x.cur.InlinePolicies)
		}
	}
	for _, x := range p.roles {
		switch x.st {
		case stCreate, stReplace:
			n += 1 + len(x.policies) + len(x.des.InlinePolicies)
		}
		if x.st == stDelete || x.st == stReplace {
			n += 1 + len(x.cur.ManagedPolicies) + len(x.cur.InlinePolicies)
		}
	}
	for _, x := range p.policies {
		if x.st != stKeep && x.st != stOut {
			n += 2
		}
	}
	return n
}

func strp(s string) *string { return &s }

// scalar is an attribute whose value goes from before to after; "" is
// absent.
func scalar(name, before, after string) Attribute {
	a := Attribute{Name: name}
	if before != "" {
		a.Before = strp(before)
	}
	if after != "" {
		a.After = strp(after)
	}
	return a
}

// created is an attribute of a new entity.
func created(name, value string) Attribute { return Attribute{Name: name, After: strp(value)} }
