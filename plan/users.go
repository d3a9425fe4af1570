package plan

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// anchorUsers emits the steps other steps hang on: creates, renames and
// moves, deletes.
func (p *planner) anchorUsers() {
	for _, x := range p.users {
		switch x.st {
		case stCreate:
			d := x.des
			n := p.g.add(&op.CreateUser{UserName: d.Name, Path: d.Path, PermissionsBoundary: x.boundary, Tags: op.TagsOf(d.Tags)}, x.addr, phUser, x.ord)
			p.after(entityPolicy(p.desPolicy(x.boundary)), n)
			x.ready, x.arnReady = n, n
		case stKeep:
			c, d := x.cur, x.des
			p.anchorInPlace(&x.ent, c.Name, c.Path, d.Name, d.Path, phUser, func(newName, newPath string) op.Op {
				return &op.UpdateUser{UserName: c.Name, NewUserName: newName, NewPath: newPath}
			})
		case stDelete:
			x.gone = p.g.add(&op.DeleteUser{UserName: x.cur.Name}, x.addr, phDeleteUser, x.ord)
		}
	}
}

// planUsers plans the users that are created or stay.
func (p *planner) planUsers() {
	for _, x := range p.users {
		switch x.st {
		case stCreate:
			p.createUser(x)
		case stKeep:
			p.updateUser(x)
		}
	}
}

func (p *planner) createUser(x *userPair) {
	d := x.des
	c := p.change(&x.ent, Create)
	c.Attributes = make([]Attribute, 0, 5+len(d.Tags))
	c.Attributes = append(c.Attributes, created("path", d.Path))
	if lp := d.LoginProfile; lp != nil && lp.Enabled {
		n := p.g.add(&op.CreateLoginProfile{UserName: d.Name, PasswordResetRequired: lp.PasswordResetRequired}, x.addr, phUser, x.ord)
		p.after(&x.ent, n)
		p.g.dep(n, p.passwordPolicyNode)
		c.Attributes = append(c.Attributes, created("console_access", loginProfileString(lp)))
	}
	var groups []string
	for _, g := range x.groups {
		n := p.g.add(&op.AddUserToGroup{GroupName: g.newName, UserName: d.Name}, x.addr, phUser, x.ord)
		p.after(&x.ent, n)
		p.after(&g.ent, n)
		groups = append(groups, g.newName)
		g.joined = append(g.joined, d.Name)
	}
	if len(groups) > 0 {
		c.Attributes = append(c.Attributes, Attribute{Name: "groups", Added: groups})
	}
	p.createAttachments(&x.ent, c)
	if x.boundary != "" {
		c.Attributes = append(c.Attributes, created("permissions_boundary", x.boundary))
	}
	c.Attributes = append(c.Attributes, tagAttributes(nil, d.Tags)...)
	p.createInline(&x.ent, d.InlinePolicies, c)
	p.planKeys(x)
}

func (p *planner) updateUser(x *userPair) {
	c, d := x.cur, x.des
	p.planInPlace(&x.ent, "UpdateUser", c.Name, c.Path, d.Name, d.Path, func() (string, string) {
		return c.ARNIn(p.acct), model.UserARN(p.acct, d.Path, d.Name)
	})
	p.diffLoginProfile(x)
	p.planKeys(x)
	p.diffMemberships(x)
	p.diffAttachments(&x.ent, c.ManagedPolicies)
	p.diffBoundary(&x.ent, c.PermissionsBoundary)
	p.diffTags(&x.ent, d.Name, c.Tags, d.Tags)
	p.diffInline(&x.ent, c.InlinePolicies, d.InlinePolicies)
}

// diffLoginProfile plans a user's console access. password_reset_required
// applies when iamc creates the login profile, as in Terraform: IAM clears
// the flag once the user has chosen a password, so comparing it later
// would force a reset on every apply.
func (p *planner) diffLoginProfile(x *userPair) {
	d, c := x.des.LoginProfile, x.cur.LoginProfile
	if d == nil {
		return // console_access not declared: left as it is
	}
	if c != nil {
		// A current login profile is there: it is enabled.
		cc := *c
		cc.Enabled = true
		c = &cc
	}
	var n int
	switch {
	case !d.Enabled && c == nil:
		return
	case !d.Enabled:
		n = p.g.add(&op.DeleteLoginProfile{UserName: x.newName}, x.addr, phRemove, x.ord)
	case c == nil:
		n = p.g.add(&op.CreateLoginProfile{UserName: x.newName, PasswordResetRequired: d.PasswordResetRequired}, x.addr, phUser, x.ord)
		p.g.dep(n, p.passwordPolicyNode)
	default:
		return
	}
	p.after(&x.ent, n)
	ch := p.change(&x.ent, Update)
	ch.Attributes = append(ch.Attributes, scalar("console_access", loginProfileString(c), loginProfileString(d)))
}

// loginProfileString describes console access for a plan.
func loginProfileString(lp *model.LoginProfile) string {
	switch {
	case lp == nil || !lp.Enabled:
		return "none"
	case lp.PasswordResetRequired:
		return "enabled, password reset required"
	}
	return "enabled"
}
