package iamapi

import (
	"strings"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// entityParam reads the required parameter that names the entity of a
// read (UserName, GroupName, RoleName, PolicyArn) and, when paged, the page
// parameters, and checks the request is complete.
func (c *call) entityParam(name string, paged bool) (string, pageReq, error) {
	v := c.f.str(name, true)
	var pg pageReq
	if paged {
		pg = c.page()
	}
	if e := c.f.done(); e != nil {
		return "", pg, e
	}
	return v, pg, nil
}

// view runs fn on the account's state under its read lock.
func (c *call) view(fn func(s *memory.State) error) error {
	var err error
	c.h.acct.View(func(s *memory.State) { err = fn(s) })
	return err
}

// viewManaged runs fn under the read lock on the managed policy arn names,
// found as managed finds it: p for a customer managed policy, aws for an
// AWS managed one.
func (c *call) viewManaged(arn string, fn func(s *memory.State, p *memory.Policy, aws *catalog.ManagedPolicy) error) error {
	return c.view(func(s *memory.State) error {
		p, aws, err := c.managed(s, arn)
		if err != nil {
			return err
		}
		return fn(s, p, aws)
	})
}

// visible reports whether the consistency delay shows an entity.
func (c *call) visible(kind model.Kind, name string) bool { return !c.h.vis.hidden(kind, name) }

// user finds the user a read names, as IAM does: NoSuchEntity when there
// is none or it is still hidden.
func (c *call) user(s *memory.State, name string) (*memory.User, error) {
	u := s.User(name)
	if u == nil || !c.visible(model.KindUser, u.Name) {
		return nil, noSuchEntity("The user with name %s cannot be found.", name)
	}
	return u, nil
}

// group finds the group a read names.
func (c *call) group(s *memory.State, name string) (*memory.Group, error) {
	g := s.Group(name)
	if g == nil || !c.visible(model.KindGroup, g.Name) {
		return nil, noSuchEntity("The group with name %s cannot be found.", name)
	}
	return g, nil
}

// role finds the role a read names.
func (c *call) role(s *memory.State, name string) (*memory.Role, error) {
	r := s.Role(name)
	if r == nil || !c.visible(model.KindRole, r.Name) {
		return nil, noSuchEntity("The role with name %s cannot be found.", name)
	}
	return r, nil
}

// viewNamed runs fn on the account's state and the entity a read names,
// found by find (c.user, c.group, c.role); find's error is the answer when
// there is none.
func viewNamed[T any](c *call, name string, find func(*memory.State, string) (*T, error), fn func(*memory.State, *T) error) error {
	return c.view(func(s *memory.State) error {
		e, err := find(s, name)
		if err != nil {
			return err
		}
		return fn(s, e)
	})
}

// managed finds the managed policy a read names by ARN: a customer
// managed policy of the account (p) or an AWS managed one from the
// catalog (aws).
func (c *call) managed(s *memory.State, arn string) (p *memory.Policy, aws *catalog.ManagedPolicy, err error) {
	if model.IsAWSManagedPolicyARN(arn) {
		mp, ok := catalog.ManagedPolicyByARN(arn)
		if !ok {
			return nil, nil, noSuchEntity("Policy %s was not found.", arn)
		}
		return nil, &mp, nil
	}
	if pa, err := model.ParseEntityARN(arn); err != nil || pa.Resource != "policy" {
		return nil, nil, newError("InvalidInput", "ARN %s is not valid.", arn)
	}
	p = s.PolicyByARN(arn)
	if p == nil || !c.visible(model.KindPolicy, p.Name) {
		return nil, nil, noSuchEntity("Policy %s was not found.", arn)
	}
	return p, nil, nil
}

// underPath reports whether path is under prefix ("" is everything).
func underPath(path, prefix string) bool { return strings.HasPrefix(path, prefix) }

// paged writes one page of items as the list element name, then
// IsTruncated and Marker. items are ordered by key, strictly increasing.
func paged[T any](c *call, pg pageReq, name string, items []T, key func(T) string, write func(T)) {
	lo, hi, next := pg.cut(len(items), func(i int) string { return key(items[i]) })
	c.body.list(name, hi-lo, func(i int) { write(items[lo+i]) })
	c.body.page(next)
}

// pagedInOrder writes one page of items kept in order (paged by index) as
// the list element name, then IsTruncated and Marker.
func pagedInOrder[T any](c *call, pg pageReq, name string, items []T, write func(T)) {
	lo, hi, next := pg.cut(len(items), indexKey)
	c.body.list(name, hi-lo, func(i int) { write(items[lo+i]) })
	c.body.page(next)
}

// pagedStrings writes one page of a list of strings kept in order.
func pagedStrings(c *call, pg pageReq, name string, items []string) {
	lo, hi, next := pg.cut(len(items), indexKey)
	c.body.strings(name, items[lo:hi])
	c.body.page(next)
}
