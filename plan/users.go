package plan

import (
	"fmt"
	"slices"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
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
}

// createAttachments attaches the declared policies of a new (or re-created)
// entity.
func (p *planner) createAttachments(e *ent, c *Change) {
	if len(e.policies) == 0 {
		return
	}
	list := slices.Clone(e.policies)
	slices.Sort(list)
	for _, a := range list {
		n := p.g.add(op.AttachPolicy(e.addr.Kind, e.newName, a), e.addr, kindPhase(e.addr.Kind), e.ord)
		p.after(e, n)
		p.after(entityPolicy(p.desPolicy(a)), n)
	}
	if c != nil {
		c.Attributes = append(c.Attributes, Attribute{Name: "managed_policies", Added: list})
	}
}

// createInline puts the inline policies of a new (or re-created) entity.
func (p *planner) createInline(e *ent, list []model.InlinePolicy, c *Change) {
	for _, ip := range sortedInline(list) {
		n := p.g.add(op.PutInlinePolicy(e.addr.Kind, e.newName, ip.Name, policy.CanonicalString(ip.Document)), e.addr, kindPhase(e.addr.Kind), e.ord)
		p.after(e, n)
		if c != nil {
			c.Documents = append(c.Documents, DocumentChange{Name: "inline_policy." + ip.Name, After: ip.Document})
		}
	}
}

func (p *planner) updateUser(x *userPair) {
	c, d := x.cur, x.des
	p.planInPlace(&x.ent, "UpdateUser", c.Name, c.Path, d.Name, d.Path, func() (string, string) {
		return p.userARN(c), model.UserARN(p.acct, d.Path, d.Name)
	})
	p.diffLoginProfile(x)
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

// diffMemberships plans the groups of a user that stays. Only memberships
// between users and groups inside the scope are managed.
func (p *planner) diffMemberships(x *userPair) {
	if p.sameMemberships(x) {
		return
	}
	var curIn []*groupPair
	for _, name := range x.cur.Groups {
		g := p.groupByCur[model.Fold(name)]
		if g == nil || g.st == stOut || slices.Contains(curIn, g) {
			continue
		}
		curIn = append(curIn, g)
	}
	var added, removed []*groupPair
	for _, g := range x.groups {
		if !slices.Contains(curIn, g) {
			added = append(added, g)
		}
	}
	for _, g := range curIn {
		if !slices.Contains(x.groups, g) {
			removed = append(removed, g)
		}
	}
	if len(added) == 0 && len(removed) == 0 {
		return
	}
	sortGroups(added)
	sortGroups(removed)
	removalsFirst := len(x.cur.Groups)+len(added) > p.quotas.GroupsPerUser
	var adds, rems []int
	var addEnts, remEnts []*ent
	var addNames, remNames []string
	emitRemovals := func(phase int) {
		for _, g := range removed {
			n := p.removeMember(g, x, x.addr, phase, x.ord)
			rems = append(rems, n)
			remEnts = append(remEnts, &g.ent)
			remNames = append(remNames, g.curName())
			g.left = append(g.left, x.newName)
		}
	}
	if removalsFirst {
		emitRemovals(phUser)
	}
	for _, g := range added {
		n := p.g.add(&op.AddUserToGroup{GroupName: g.newName, UserName: x.newName}, x.addr, phUser, x.ord)
		p.after(&x.ent, n)
		p.after(&g.ent, n)
		adds = append(adds, n)
		addEnts = append(addEnts, &g.ent)
		addNames = append(addNames, g.newName)
		g.joined = append(g.joined, x.newName)
	}
	if !removalsFirst {
		emitRemovals(phRemove)
	}
	p.gapOrder(adds, rems, removalsFirst, addEnts, remEnts)
	ch := p.change(&x.ent, Update)
	ch.Attributes = append(ch.Attributes, Attribute{Name: "groups", Added: addNames, Removed: remNames})
}

func sortGroups(list []*groupPair) {
	slices.SortFunc(list, func(a, b *groupPair) int {
		if a.addr.Less(b.addr) {
			return -1
		}
		if b.addr.Less(a.addr) {
			return 1
		}
		return 0
	})
}

// removeMember emits (once) the removal of a user from a group, as both
// are now.
func (p *planner) removeMember(g *groupPair, u *userPair, addr model.Address, phase, ord int) int {
	gn, un := g.curName(), u.curName()
	n := p.g.addOnce(removeMemberKey(gn, un), &op.RemoveUserFromGroup{GroupName: gn, UserName: un}, addr, phase, ord)
	p.before(&g.ent, n)
	p.before(&u.ent, n)
	return n
}

// planUserDeletes plans the users inside the scope that are not declared,
// with every cleanup IAM requires before DeleteUser.
func (p *planner) planUserDeletes() {
	for _, x := range p.users {
		if x.st != stDelete {
			continue
		}
		u := x.cur
		name := u.Name
		step := func(o op.Op) {
			n := p.g.add(o, x.addr, phDeleteUser, x.ord)
			p.before(&x.ent, n)
		}
		var what []string
		if u.LoginProfile != nil {
			step(&op.DeleteLoginProfile{UserName: name})
			what = append(what, "the login profile")
		}
		cr := u.Credentials
		for _, k := range cr.AccessKeys {
			step(&op.DeleteAccessKey{UserName: name, AccessKeyId: k})
		}
		what = english.AppendCount(what, len(cr.AccessKeys), "access key")
		for _, k := range cr.SigningCertificates {
			step(&op.DeleteSigningCertificate{UserName: name, CertificateId: k})
		}
		what = english.AppendCount(what, len(cr.SigningCertificates), "signing certificate")
		for _, k := range cr.SSHPublicKeys {
			step(&op.DeleteSSHPublicKey{UserName: name, SSHPublicKeyId: k})
		}
		what = english.AppendCount(what, len(cr.SSHPublicKeys), "SSH public key")
		for _, k := range cr.ServiceSpecificCredentials {
			step(&op.DeleteServiceSpecificCredential{UserName: name, ServiceSpecificCredentialId: k})
		}
		what = english.AppendCount(what, len(cr.ServiceSpecificCredentials), "service-specific credential")
		virtual := 0
		for _, m := range cr.MFADevices {
			n := p.g.add(&op.DeactivateMFADevice{UserName: name, SerialNumber: m.SerialNumber}, x.addr, phDeleteUser, x.ord)
			p.before(&x.ent, n)
			if m.Virtual {
				virtual++
				v := p.g.add(&op.DeleteVirtualMFADevice{SerialNumber: m.SerialNumber, User: name}, x.addr, phDeleteUser, x.ord)
				p.g.dep(v, n)
				p.before(&x.ent, v)
			}
		}
		if len(cr.MFADevices) > 0 {
			s := english.Count(len(cr.MFADevices), "MFA device")
			if virtual > 0 {
				s += fmt.Sprintf(" (%d virtual, deleted)", virtual)
			}
			what = append(what, s)
		}
		for _, ip := range sortedInline(u.InlinePolicies) {
			step(&op.DeleteUserPolicy{UserName: name, PolicyName: ip.Name})
		}
		what = english.AppendCount(what, len(u.InlinePolicies), "inline policy")
		p.cleanupAttachments(&x.ent, u.ManagedPolicies, phDeleteUser)
		what = english.AppendCount(what, len(u.ManagedPolicies), "attached policy")
		for _, gname := range u.Groups {
			g := p.groupByCur[model.Fold(gname)]
			if g == nil {
				continue
			}
			if g.st == stOut {
				p.outsideWrite(&x.ent, &g.ent, "removes it from", "Remove the user from the group yourself", "")
				continue
			}
			p.removeMember(g, x, x.addr, phDeleteUser, x.ord)
			if g.st == stKeep {
				g.left = append(g.left, name)
			}
		}
		what = english.AppendCount(what, len(u.Groups), "group membership")
		ch := p.change(&x.ent, Delete)
		ch.Notes = append(ch.Notes, "not declared: iamc deletes what it manages and the configuration does not declare")
		if len(what) > 0 {
			ch.Notes = append(ch.Notes, "removes first: "+english.Join(what))
		}
	}
}

// cleanupAttachments detaches every policy of an entity that goes.
func (p *planner) cleanupAttachments(e *ent, arns []string, phase int) {
	list := slices.Clone(arns)
	slices.Sort(list)
	for _, a := range list {
		n := p.g.addOnce(detachKey(e.addr.Kind, e.curName(), a), op.DetachPolicy(e.addr.Kind, e.curName(), a), e.addr, phase, e.ord)
		p.before(e, n)
		p.before(entityPolicy(p.curPolicy(a)), n)
	}
}

// sameMemberships reports, without allocating, that the user's groups
// inside the scope are the declared ones.
func (p *planner) sameMemberships(x *userPair) bool {
	n := 0
	for i, name := range x.cur.Groups {
		g := p.groupByCur[model.Fold(name)]
		if g == nil || g.st == stOut {
			continue
		}
		if !slices.Contains(x.groups, g) || slices.Contains(x.cur.Groups[:i], name) {
			return false
		}
		n++
	}
	return n == len(x.groups)
}
