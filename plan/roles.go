package plan

import (
	"slices"
	"sort"
	"strconv"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

func (p *planner) anchorRoles() {
	for _, x := range p.roles {
		switch x.st {
		case stCreate:
			x.ready = p.g.add(p.createRoleOp(x), x.addr, phRole, x.ord)
			x.arnReady, x.trustNode = x.ready, x.ready
			p.after(entityPolicy(p.desPolicy(x.boundary)), x.ready)
		case stReplace:
			x.gone = p.g.add(&op.DeleteRole{RoleName: x.cur.Name}, x.addr, phRole, x.ord)
			x.ready = p.g.add(p.createRoleOp(x), x.addr, phRole, x.ord)
			x.arnReady, x.trustNode = x.ready, x.ready
			p.g.dep(x.ready, x.gone)
			p.after(entityPolicy(p.desPolicy(x.boundary)), x.ready)
		case stDelete:
			x.gone = p.g.add(&op.DeleteRole{RoleName: x.cur.Name}, x.addr, phDeleteRole, x.ord)
		}
	}
}

func (p *planner) createRoleOp(x *rolePair) *op.CreateRole {
	d := x.des
	return &op.CreateRole{
		RoleName:                 d.Name,
		Path:                     d.Path,
		AssumeRolePolicyDocument: policy.CanonicalString(d.AssumeRolePolicy),
		Description:              d.Description,
		MaxSessionDuration:       d.MaxSessionDuration,
		PermissionsBoundary:      x.boundary,
		Tags:                     op.TagsOf(d.Tags),
	}
}

// roleScalars are the attributes of a role that UpdateRole changes in
// place, in the order plans list them, each with its value as a plan
// shows it and the field of UpdateRole that sets it.
var roleScalars = []struct {
	name string
	get  func(*model.Role) string
	set  func(o *op.UpdateRole, des *model.Role)
}{
	{"description", func(r *model.Role) string { return r.Description },
		func(o *op.UpdateRole, d *model.Role) { o.Description = strp(d.Description) }},
	{"max_session_duration", func(r *model.Role) string { return strconv.Itoa(model.EffectiveSessionDuration(r.MaxSessionDuration)) },
		func(o *op.UpdateRole, d *model.Role) {
			o.MaxSessionDuration = model.EffectiveSessionDuration(d.MaxSessionDuration)
		}},
}

// roleAttributes lists the role's scalar attributes that differ between
// cur and des, and sets them in upd when it is not nil. For a role
// created (cur nil) it lists those des gives a value.
func roleAttributes(cur, des *model.Role, upd *op.UpdateRole) []Attribute {
	var out []Attribute
	for _, a := range roleScalars {
		after := a.get(des)
		if cur == nil {
			if after != "" {
				out = append(out, created(a.name, after))
			}
			continue
		}
		if before := a.get(cur); before != after {
			out = append(out, scalar(a.name, before, after))
			if upd != nil {
				a.set(upd, des)
			}
		}
	}
	return out
}

// emptyRole takes the current role r out of its instance profiles and
// removes its attachments and inline policies before x's delete, at
// phase ph, as DeleteRole needs. It returns the instance profiles,
// sorted.
func (p *planner) emptyRole(x *rolePair, r *model.Role, ph int) []string {
	profiles := slices.Clone(r.InstanceProfiles)
	sort.Strings(profiles)
	for _, ip := range profiles {
		n := p.g.addOnce(removeFromProfileKey(ip, r.Name), &op.RemoveRoleFromInstanceProfile{InstanceProfileName: ip, RoleName: r.Name}, x.addr, ph, x.ord)
		p.before(&x.ent, n)
	}
	p.cleanupAttachments(&x.ent, r.ManagedPolicies, ph)
	for _, ip := range sortedInline(r.InlinePolicies) {
		n := p.g.add(&op.DeleteRolePolicy{RoleName: r.Name, PolicyName: ip.Name}, x.addr, ph, x.ord)
		p.before(&x.ent, n)
	}
	return profiles
}

// planRoles plans the roles that are created, stay or are replaced.
func (p *planner) planRoles() {
	for _, x := range p.roles {
		switch x.st {
		case stCreate:
			d := x.des
			c := p.change(&x.ent, Create)
			c.Attributes = append(c.Attributes, created("path", d.Path))
			c.Attributes = append(c.Attributes, roleAttributes(nil, d, nil)...)
			c.Documents = append(c.Documents, DocumentChange{Name: "assume_role_policy", After: d.AssumeRolePolicy})
			p.createAttachments(&x.ent, c)
			if x.boundary != "" {
				c.Attributes = append(c.Attributes, created("permissions_boundary", x.boundary))
			}
			c.Attributes = append(c.Attributes, tagAttributes(nil, d.Tags)...)
			p.createInline(&x.ent, d.InlinePolicies, c)
		case stKeep:
			p.updateRole(x)
		case stReplace:
			p.replaceRole(x)
		}
	}
}

func (p *planner) updateRole(x *rolePair) {
	c, d := x.cur, x.des
	o := &op.UpdateRole{RoleName: d.Name}
	if attrs := roleAttributes(c, d, o); len(attrs) > 0 {
		p.g.add(o, x.addr, phRole, x.ord)
		ch := p.change(&x.ent, Update)
		ch.Attributes = append(ch.Attributes, attrs...)
	}
	if !policy.Equal(c.AssumeRolePolicy, d.AssumeRolePolicy) {
		x.trustNode = p.g.add(&op.UpdateAssumeRolePolicy{RoleName: d.Name, PolicyDocument: policy.CanonicalString(d.AssumeRolePolicy)}, x.addr, phRole, x.ord)
		ch := p.change(&x.ent, Update)
		ch.Documents = append(ch.Documents, DocumentChange{Name: "assume_role_policy", Before: c.AssumeRolePolicy, After: d.AssumeRolePolicy})
	}
	p.diffAttachments(&x.ent, c.ManagedPolicies)
	p.diffBoundary(&x.ent, c.PermissionsBoundary)
	p.diffTags(&x.ent, d.Name, c.Tags, d.Tags)
	p.diffInline(&x.ent, c.InlinePolicies, d.InlinePolicies)
}

// replaceRole deletes the role with its cleanup and creates it again with
// everything declared, back in the instance profiles it was in.
func (p *planner) replaceRole(x *rolePair) {
	c, d := x.cur, x.des
	profiles := p.emptyRole(x, c, phRole)
	p.createAttachments(&x.ent, nil)
	p.createInline(&x.ent, d.InlinePolicies, nil)
	for _, ip := range profiles {
		if p.managedProfile(ip) {
			continue // instance_profile.go puts it back, or not
		}
		n := p.g.add(&op.AddRoleToInstanceProfile{InstanceProfileName: ip, RoleName: d.Name}, x.addr, phRole, x.ord)
		p.after(&x.ent, n)
	}

	ch := p.change(&x.ent, Replace)
	if c.Name != d.Name {
		ch.Attributes = append(ch.Attributes, scalar("name", c.Name, d.Name))
	}
	if c.Path != d.Path {
		ch.Attributes = append(ch.Attributes, scalar("path", c.Path, d.Path))
	}
	ch.Attributes = append(ch.Attributes, roleAttributes(c, d, nil)...)
	if a, ok := p.attachmentAttr(c.ManagedPolicies, x.policies); ok {
		ch.Attributes = append(ch.Attributes, a)
	}
	if m := p.mapped(c.PermissionsBoundary); c.PermissionsBoundary != x.boundary && (m == "" || m != x.boundary) {
		ch.Attributes = append(ch.Attributes, scalar("permissions_boundary", c.PermissionsBoundary, x.boundary))
	}
	ch.Attributes = append(ch.Attributes, tagAttributes(c.Tags, d.Tags)...)
	if !policy.Equal(c.AssumeRolePolicy, d.AssumeRolePolicy) {
		ch.Documents = append(ch.Documents, DocumentChange{Name: "assume_role_policy", Before: c.AssumeRolePolicy, After: d.AssumeRolePolicy})
	}
	ch.Documents = append(ch.Documents, inlineDocs(c.InlinePolicies, d.InlinePolicies)...)
	ch.Notes = append(ch.Notes, x.why)
	if c.Path != d.Path || c.Name != d.Name {
		ch.Notes = append(ch.Notes, "its ARN changes from "+c.ARNIn(p.acct)+" to "+model.RoleARN(p.acct, d.Path, d.Name))
	}
	if len(profiles) > 0 {
		ch.Notes = append(ch.Notes, "taken out of and put back into "+english.Count(len(profiles), "instance profile")+": "+english.Join(profiles))
	}
}

// planRoleDeletes plans the roles inside the scope that are not declared.
func (p *planner) planRoleDeletes() {
	for _, x := range p.roles {
		if x.st != stDelete {
			continue
		}
		r := x.cur
		profiles := p.emptyRole(x, r, phDeleteRole)
		var what []string
		if len(profiles) > 0 {
			what = append(what, english.Count(len(profiles), "instance profile")+" ("+english.Join(profiles)+")")
		}
		what = english.AppendCount(what, len(r.InlinePolicies), "inline policy")
		what = english.AppendCount(what, len(r.ManagedPolicies), "attached policy")
		ch := p.change(&x.ent, Delete)
		ch.Notes = append(ch.Notes, "not declared: iamc deletes what it manages and the configuration does not declare")
		if len(what) > 0 {
			ch.Notes = append(ch.Notes, "removes first: "+english.Join(what))
		}
	}
}
