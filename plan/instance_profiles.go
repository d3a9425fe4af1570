package plan

import (
	"fmt"
	"sort"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// Instance profiles are a kind added after users, groups, roles and
// policies: they are managed only when the desired account declares at
// least one. Otherwise the planner leaves them as they are, but for the
// role cleanups IAM requires (emptyRole).

type profilePair struct {
	ent
	cur, des *model.InstanceProfile
	why      string
}

// managesInstanceProfiles reports whether the plan manages instance
// profiles: the configuration declares one.
func (p *planner) managesInstanceProfiles() bool { return len(p.des.InstanceProfiles) > 0 }

// managedProfile reports whether the plan manages the current instance
// profile of that name: its kind is managed and it lies in the scope.
func (p *planner) managedProfile(name string) bool {
	if !p.managesInstanceProfiles() {
		return false
	}
	if d := p.des.InstanceProfile(name); d != nil {
		return true
	}
	c := p.cur.InstanceProfile(name)
	return c != nil && p.scope.Contains(c.Path)
}

// matchInstanceProfiles pairs the declared and current instance profiles
// and gives them ordinals from ord on. A profile cannot be renamed or
// moved: a new path is a replace.
func (p *planner) matchInstanceProfiles(ord int) {
	if !p.managesInstanceProfiles() {
		return
	}
	for k, d := range p.des.InstanceProfiles {
		x := &profilePair{ent: newEnt(model.KindInstanceProfile), des: d}
		x.newName, x.addr.Name, x.fold, x.st = d.Name, d.Name, k, stCreate
		p.checkDeclared(x.addr, d.Path)
		if d.Role != "" && p.des.Role(d.Role) == nil && p.cur.Role(d.Role) == nil {
			p.errorf(x.addr, "its role %s is neither declared nor in the account", d.Role)
		}
		if c := p.cur.InstanceProfiles[k]; c != nil {
			if !p.claim(x.addr, c.Name, c.Path) {
				continue
			}
			x.cur, x.oldName, x.st = c, c.Name, stKeep
			if c.Path != d.Path {
				x.st, x.why = stReplace, "IAM cannot change an instance profile's path: moving it from "+c.Path+" to "+d.Path+" deletes it and creates it again"
			}
		}
		p.profiles = append(p.profiles, x)
	}
	for k, c := range p.cur.InstanceProfiles {
		if p.des.InstanceProfiles[k] != nil || !p.scope.Contains(c.Path) {
			continue
		}
		x := &profilePair{ent: newEnt(model.KindInstanceProfile), cur: c}
		x.oldName, x.addr.Name, x.fold, x.st = c.Name, c.Name, k, stDelete
		p.profiles = append(p.profiles, x)
	}
	sort.Slice(p.profiles, func(i, j int) bool { return p.profiles[i].less(&p.profiles[j].ent) })
	for _, x := range p.profiles {
		x.ord = ord
		ord++
	}
}

func (p *planner) anchorInstanceProfiles() {
	for _, x := range p.profiles {
		switch x.st {
		case stCreate:
			x.ready = p.g.add(createProfileOp(x.des), x.addr, phProfile, x.ord)
		case stReplace:
			x.gone = p.g.add(&op.DeleteInstanceProfile{InstanceProfileName: x.cur.Name}, x.addr, phProfile, x.ord)
			x.ready = p.g.add(createProfileOp(x.des), x.addr, phProfile, x.ord)
			p.g.dep(x.ready, x.gone)
		case stDelete:
			x.gone = p.g.add(&op.DeleteInstanceProfile{InstanceProfileName: x.cur.Name}, x.addr, phDeleteProfile, x.ord)
		}
	}
}

func createProfileOp(d *model.InstanceProfile) *op.CreateInstanceProfile {
	return &op.CreateInstanceProfile{InstanceProfileName: d.Name, Path: d.Path, Tags: op.TagsOf(d.Tags)}
}

// removeFromProfileKey is the key of a RemoveRoleFromInstanceProfile, so
// that a role's delete and its profile's change emit it once.
func removeFromProfileKey(profile, role string) string {
	return "rmip\x00" + model.Fold(profile) + "\x00" + model.Fold(role)
}

// planInstanceProfiles plans the role each profile holds, its tags, and
// the changes. It runs after the roles' deletes, whose cleanups take
// roles out of profiles first.
func (p *planner) planInstanceProfiles() {
	for _, x := range p.profiles {
		c, d := x.cur, x.des
		curRole := ""
		var rm int = -1
		if c != nil && c.Role != "" {
			curRole = c.Role
			if r := p.roleByName[model.Fold(c.Role)]; r != nil && (r.st == stDelete || r.st == stReplace) {
				// emptyRole takes the role out; nothing holds it after.
				rm = p.g.addOnce(removeFromProfileKey(c.Name, c.Role), &op.RemoveRoleFromInstanceProfile{InstanceProfileName: c.Name, RoleName: c.Role}, x.addr, phRemove, x.ord)
				curRole = ""
			}
		}
		if x.st == stDelete || x.st == stReplace {
			if curRole != "" {
				rm = p.g.addOnce(removeFromProfileKey(c.Name, curRole), &op.RemoveRoleFromInstanceProfile{InstanceProfileName: c.Name, RoleName: curRole}, x.addr, phRemove, x.ord)
				curRole = ""
			}
			p.g.dep(x.gone, rm)
		}
		if x.st == stDelete {
			ch := p.change(&x.ent, Delete)
			ch.Notes = append(ch.Notes, "not declared: iamc deletes the instance profiles it manages that the configuration does not declare")
			if c.Role != "" {
				ch.Notes = append(ch.Notes, "removes first: its role "+c.Role)
			}
			continue
		}
		want := d.Role
		if curRole != "" && model.Fold(curRole) != model.Fold(want) {
			rm = p.g.addOnce(removeFromProfileKey(c.Name, curRole), &op.RemoveRoleFromInstanceProfile{InstanceProfileName: c.Name, RoleName: curRole}, x.addr, phRemove, x.ord)
			curRole = ""
		}
		if want != "" && curRole == "" {
			add := p.g.add(&op.AddRoleToInstanceProfile{InstanceProfileName: d.Name, RoleName: want}, x.addr, phProfile, x.ord)
			p.g.dep(add, x.ready, rm)
			if r := p.roleByName[model.Fold(want)]; r != nil {
				p.after(&r.ent, add)
			}
		}
		switch x.st {
		case stCreate:
			ch := p.change(&x.ent, Create)
			ch.Attributes = append(ch.Attributes, created("path", d.Path))
			if d.Role != "" {
				ch.Attributes = append(ch.Attributes, created("role", d.Role))
			}
			ch.Attributes = append(ch.Attributes, tagAttributes(nil, d.Tags)...)
		case stReplace:
			ch := p.change(&x.ent, Replace)
			ch.Attributes = append(ch.Attributes, scalar("path", c.Path, d.Path))
			if c.Role != d.Role {
				ch.Attributes = append(ch.Attributes, scalar("role", c.Role, d.Role))
			}
			ch.Attributes = append(ch.Attributes, tagAttributes(c.Tags, d.Tags)...)
			ch.Notes = append(ch.Notes, x.why)
		case stKeep:
			if c.Role != "" && curRole == "" && model.Fold(c.Role) == model.Fold(d.Role) {
				ch := p.change(&x.ent, Update)
				ch.Notes = append(ch.Notes, "takes its role "+d.Role+" back once the role is created again")
			}
			if c.Role != d.Role {
				ch := p.change(&x.ent, Update)
				ch.Attributes = append(ch.Attributes, scalar("role", c.Role, d.Role))
				if c.Role != "" && d.Role != "" && model.Fold(c.Role) != model.Fold(d.Role) {
					ch.Notes = append(ch.Notes, "an instance profile holds one role: "+c.Role+" is removed before "+d.Role+" is added")
				}
			}
			p.diffTags(&x.ent, d.Name, c.Tags, d.Tags)
		}
	}
}

// warnNewKindDeletes says, in a notice at the top of the plan, that it
// deletes instance profiles or identity providers the configuration does
// not declare: the first declared one makes iamc manage its kind, and
// what it did not manage before is now deleted.
func (p *planner) warnNewKindDeletes() {
	var gone []string
	for _, x := range p.profiles {
		if x.st == stDelete {
			gone = append(gone, x.cur.Name)
		}
	}
	if len(gone) > 0 {
		p.notices = append(p.notices, fmt.Sprintf(
			"this plan deletes %s that the configuration does not declare (%s): iamc manages instance profiles once the configuration declares one, and then deletes those in the manage scope it does not declare; declare them to keep them",
			english.Count(len(gone), "instance profile"), english.Join(gone)))
	}
	oidc, saml := p.providerDeletes()
	if len(oidc) > 0 {
		p.notices = append(p.notices, providerNotice("OpenID Connect provider", oidc))
	}
	if len(saml) > 0 {
		p.notices = append(p.notices, providerNotice("SAML provider", saml))
	}
}
