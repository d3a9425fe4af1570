package plan

import (
	"sort"

	"github.com/iamc/iamc/model"
)

// match pairs every desired entity with the current entity it is (same
// name compared as IAM compares names, or the renamed_from name of a user
// or group), decides what happens to each, and finds the conflicts no plan
// can resolve.
func (p *planner) match() {
	p.users = make([]*userPair, 0, len(p.des.Users)+len(p.cur.Users))
	p.groups = make([]*groupPair, 0, len(p.des.Groups)+len(p.cur.Groups))
	p.roles = make([]*rolePair, 0, len(p.des.Roles)+len(p.cur.Roles))
	p.policies = make([]*policyPair, 0, len(p.des.Policies)+len(p.cur.Policies))
	p.matchPolicies()
	p.matchGroups()
	p.matchUsers()
	p.matchRoles()
	// Ordinals follow the order in which the kinds' steps come.
	ord := 0
	for _, x := range p.policies {
		x.ord = ord
		ord++
	}
	for _, x := range p.groups {
		x.ord = ord
		ord++
	}
	for _, x := range p.users {
		x.ord = ord
		ord++
	}
	for _, x := range p.roles {
		x.ord = ord
		ord++
	}
}

// claim checks that a desired entity may take over a current one: the
// current entity must be inside the manage scope.
func (p *planner) claim(addr model.Address, curName, curPath string) bool {
	if p.scope.Contains(curPath) {
		return true
	}
	if model.IsReservedPath(curPath) {
		p.errorf(addr, "the name is taken by %s %s at path %s, which AWS reserves for itself; iamc never touches it: give the declared %s another name",
			addr.Kind, curName, curPath, addr.Kind)
		return false
	}
	p.errorf(addr, "the name is taken by %s %s at path %s, outside the manage scope %s; iamc never touches it: give the declared %s another name, or widen iamc { manage }",
		addr.Kind, curName, curPath, scopeString(p.scope), addr.Kind)
	return false
}

// checkDeclared checks that a desired entity's path is inside the scope.
func (p *planner) checkDeclared(addr model.Address, path string) {
	if !p.scope.Contains(path) {
		if model.IsReservedPath(path) {
			p.errorf(addr, "its path %s is reserved for AWS; iamc cannot declare entities there", path)
			return
		}
		p.errorf(addr, "its path %s is outside the manage scope %s", path, scopeString(p.scope))
	}
}

func scopeString(s model.Scope) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += `"` + x + `"`
	}
	return out + "]"
}

// The match functions walk the account maps, keyed by folded name, in
// any order: the pairs are sorted afterwards, and so are the errors.

func (p *planner) matchUsers() {
	var pending []string
	for k, d := range p.des.Users {
		addr := model.UserAddr(d.Name)
		p.checkDeclared(addr, d.Path)
		c := p.cur.Users[k]
		if c == nil {
			pending = append(pending, k)
			continue
		}
		x := &userPair{ent: newEnt(model.KindUser), cur: c, des: d}
		x.st, x.oldName, x.newName, x.addr.Name, x.fold = stKeep, c.Name, d.Name, d.Name, k
		p.userByCur[k] = x // claimed, even when the claim fails
		if p.claim(addr, c.Name, c.Path) {
			p.addUser(x)
		}
	}
	sort.Strings(pending)
	renamed := map[string]string{}
	for _, k := range pending {
		d := p.des.Users[k]
		addr := model.UserAddr(d.Name)
		x := &userPair{ent: newEnt(model.KindUser), des: d}
		x.st, x.newName, x.addr.Name, x.fold = stCreate, d.Name, d.Name, k
		if d.RenamedFrom != "" {
			f := model.Fold(d.RenamedFrom)
			if c := p.cur.Users[f]; c != nil {
				if other, ok := renamed[f]; ok {
					p.errorf(addr, "renamed_from %q: user.%s is renamed from it too", d.RenamedFrom, other)
					continue
				}
				renamed[f] = d.Name
				// A declared user of the old name keeps it: no rename then.
				if p.userByCur[f] == nil {
					if !p.claim(addr, c.Name, c.Path) {
						continue
					}
					x.cur, x.st, x.oldName = c, stKeep, c.Name
					p.userByCur[f] = x
				}
			}
		}
		p.addUser(x)
	}
	for k, c := range p.cur.Users {
		if p.userByCur[k] != nil {
			continue
		}
		x := &userPair{ent: newEnt(model.KindUser), cur: c}
		x.oldName, x.addr.Name, x.fold = c.Name, c.Name, k
		x.st = stOut
		if p.scope.Contains(c.Path) {
			x.st = stDelete
		}
		p.userByCur[k] = x
		p.users = append(p.users, x)
	}
	sort.Slice(p.users, func(i, j int) bool { return p.users[i].less(&p.users[j].ent) })
}

// addUser records a declared user.
func (p *planner) addUser(x *userPair) {
	p.users = append(p.users, x)
	p.userByDes[x.fold] = x
}

func (p *planner) matchGroups() {
	var pending []string
	for k, d := range p.des.Groups {
		addr := model.GroupAddr(d.Name)
		p.checkDeclared(addr, d.Path)
		c := p.cur.Groups[k]
		if c == nil {
			pending = append(pending, k)
			continue
		}
		x := &groupPair{ent: newEnt(model.KindGroup), cur: c, des: d}
		x.st, x.oldName, x.newName, x.addr.Name, x.fold = stKeep, c.Name, d.Name, d.Name, k
		p.groupByCur[k] = x
		if p.claim(addr, c.Name, c.Path) {
			p.addGroup(x)
		}
	}
	sort.Strings(pending)
	renamed := map[string]string{}
	for _, k := range pending {
		d := p.des.Groups[k]
		addr := model.GroupAddr(d.Name)
		x := &groupPair{ent: newEnt(model.KindGroup), des: d}
		x.st, x.newName, x.addr.Name, x.fold = stCreate, d.Name, d.Name, k
		if d.RenamedFrom != "" {
			f := model.Fold(d.RenamedFrom)
			if c := p.cur.Groups[f]; c != nil {
				if other, ok := renamed[f]; ok {
					p.errorf(addr, "renamed_from %q: group.%s is renamed from it too", d.RenamedFrom, other)
					continue
				}
				renamed[f] = d.Name
				// A declared group of the old name keeps it: no rename then.
				if p.groupByCur[f] == nil {
					if !p.claim(addr, c.Name, c.Path) {
						continue
					}
					x.cur, x.st, x.oldName = c, stKeep, c.Name
					p.groupByCur[f] = x
				}
			}
		}
		p.addGroup(x)
	}
	for k, c := range p.cur.Groups {
		if p.groupByCur[k] != nil {
			continue
		}
		x := &groupPair{ent: newEnt(model.KindGroup), cur: c}
		x.oldName, x.addr.Name, x.fold = c.Name, c.Name, k
		x.st = stOut
		if p.scope.Contains(c.Path) {
			x.st = stDelete
		}
		p.groupByCur[k] = x
		p.groups = append(p.groups, x)
	}
	sort.Slice(p.groups, func(i, j int) bool { return p.groups[i].less(&p.groups[j].ent) })
}

func (p *planner) addGroup(x *groupPair) {
	p.groups = append(p.groups, x)
	p.groupByDes[x.fold] = x
}

func (p *planner) matchRoles() {
	for k, d := range p.des.Roles {
		addr := model.RoleAddr(d.Name)
		p.checkDeclared(addr, d.Path)
		x := &rolePair{ent: newEnt(model.KindRole), des: d, trustNode: -1}
		x.newName, x.addr.Name, x.fold = d.Name, d.Name, k
		x.st = stCreate
		p.roleByName[k] = x
		if c := p.cur.Roles[k]; c != nil {
			if !p.claim(addr, c.Name, c.Path) {
				continue
			}
			x.cur, x.oldName, x.st = c, c.Name, stKeep
			switch {
			case c.Name != d.Name:
				x.st, x.why = stReplace, "IAM cannot rename a role: renaming "+c.Name+" to "+d.Name+" deletes it and creates it again"
			case c.Path != d.Path:
				x.st, x.why = stReplace, "IAM cannot change a role's path: moving it from "+c.Path+" to "+d.Path+" deletes it and creates it again"
			}
		}
		p.roles = append(p.roles, x)
	}
	for k, c := range p.cur.Roles {
		if p.roleByName[k] != nil {
			continue
		}
		x := &rolePair{ent: newEnt(model.KindRole), cur: c, trustNode: -1}
		x.oldName, x.addr.Name, x.fold = c.Name, c.Name, k
		x.st = stOut
		if p.scope.Contains(c.Path) {
			x.st = stDelete
		}
		p.roles = append(p.roles, x)
		p.roleByName[k] = x
	}
	sort.Slice(p.roles, func(i, j int) bool { return p.roles[i].less(&p.roles[j].ent) })
}

func (p *planner) matchPolicies() {
	for k, d := range p.des.Policies {
		addr := model.PolicyAddr(d.Name)
		p.checkDeclared(addr, d.Path)
		x := &policyPair{ent: newEnt(model.KindPolicy), des: d}
		x.newName, x.addr.Name, x.fold = d.Name, d.Name, k
		x.newARN = arn(p.acct, "policy", d.Path, d.Name)
		x.st = stCreate
		p.policyByName[k] = x
		if c := p.cur.Policies[k]; c != nil {
			if !p.claim(addr, c.Name, c.Path) {
				continue
			}
			x.cur, x.oldName, x.st = c, c.Name, stKeep
			x.curARN = p.policyARN(c)
			switch {
			case c.Name != d.Name:
				x.st, x.why = stReplace, "IAM cannot rename a managed policy: renaming "+c.Name+" to "+d.Name+" deletes it and creates it again"
			case c.Path != d.Path:
				x.st, x.why = stReplace, "IAM cannot change a managed policy's path: moving it from "+c.Path+" to "+d.Path+" deletes it and creates it again"
			case c.Description != d.Description:
				x.st, x.why = stReplace, "IAM cannot change a managed policy's description: it is deleted and created again"
			}
		}
		p.addPolicy(x)
	}
	for k, c := range p.cur.Policies {
		if p.policyByName[k] != nil {
			continue
		}
		x := &policyPair{ent: newEnt(model.KindPolicy), cur: c}
		x.oldName, x.addr.Name, x.fold = c.Name, c.Name, k
		x.curARN = p.policyARN(c)
		x.st = stOut
		if p.scope.ManagesPolicyARN(x.curARN, c.Path) {
			x.st = stDelete
		}
		p.policyByName[k] = x
		p.addPolicy(x)
	}
	sort.Slice(p.policies, func(i, j int) bool { return p.policies[i].less(&p.policies[j].ent) })
}

func (p *planner) addPolicy(x *policyPair) {
	p.policies = append(p.policies, x)
	if x.cur != nil {
		p.policyByCurARN[x.curARN] = x
	}
	if x.des != nil {
		p.policyByDesARN[x.newARN] = x
	}
}

// policyARN is a current policy's ARN: as read, or made from its path.
func (p *planner) policyARN(c *model.ManagedPolicy) string {
	if c.ARN != "" {
		return c.ARN
	}
	return arn(p.acct, "policy", c.Path, c.Name)
}

func (p *planner) userARN(u *model.User) string {
	if u.ARN != "" {
		return u.ARN
	}
	return model.UserARN(p.acct, u.Path, u.Name)
}

func (p *planner) roleARN(r *model.Role) string {
	if r.ARN != "" {
		return r.ARN
	}
	return model.RoleARN(p.acct, r.Path, r.Name)
}

func (p *planner) groupARN(g *model.Group) string {
	if g.ARN != "" {
		return g.ARN
	}
	return model.GroupARN(p.acct, g.Path, g.Name)
}

// less orders entities by folded name, then name, as model.Address.Less
// does for one kind, folding each name once.
func (e *ent) less(o *ent) bool {
	if e.fold == "" {
		e.fold = model.Fold(e.addr.Name)
	}
	if o.fold == "" {
		o.fold = model.Fold(o.addr.Name)
	}
	if e.fold != o.fold {
		return e.fold < o.fold
	}
	return e.addr.Name < o.addr.Name
}

// arn is model.ARN without fmt, for the hot paths.
func arn(accountID, resource, path, name string) string {
	if path == "" {
		path = "/"
	}
	return "arn:aws:iam::" + accountID + ":" + resource + path + name
}
