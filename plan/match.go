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
	p.matchInstanceProfiles(ord)
	p.matchProviders(ord + len(p.profiles))
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
		addr.Kind, curName, curPath, p.scope, addr.Kind)
	return false
}

// checkDeclared checks that a desired entity's path is inside the scope.
func (p *planner) checkDeclared(addr model.Address, path string) {
	if !p.scope.Contains(path) {
		if model.IsReservedPath(path) {
			p.errorf(addr, "its path %s is reserved for AWS; iamc cannot declare entities there", path)
			return
		}
		p.errorf(addr, "its path %s is outside the manage scope %s", path, p.scope)
	}
}

// The match functions walk the account maps, keyed by folded name, in
// any order: the pairs are sorted afterwards, and so are the errors.

func (p *planner) matchUsers() {
	matchRenamable(p, model.KindUser, p.des.Users, p.cur.Users,
		func(u *model.User) (string, string, string) { return u.Name, u.Path, u.RenamedFrom },
		func(c, d *model.User) *userPair { return &userPair{ent: newEnt(model.KindUser), cur: c, des: d} },
		func(x *userPair) *ent { return &x.ent },
		p.userByCur, p.addUser, &p.users)
}

// addUser records a declared user.
func (p *planner) addUser(x *userPair) {
	p.users = append(p.users, x)
	p.userByDes[x.fold] = x
}

func (p *planner) matchGroups() {
	matchRenamable(p, model.KindGroup, p.des.Groups, p.cur.Groups,
		func(g *model.Group) (string, string, string) { return g.Name, g.Path, g.RenamedFrom },
		func(c, d *model.Group) *groupPair { return &groupPair{ent: newEnt(model.KindGroup), cur: c, des: d} },
		func(x *groupPair) *ent { return &x.ent },
		p.groupByCur, p.addGroup, &p.groups)
}

func (p *planner) addGroup(x *groupPair) {
	p.groups = append(p.groups, x)
	p.groupByDes[x.fold] = x
}

// matchRenamable pairs the declared and the current entities of a kind
// that IAM renames in place (users and groups): by folded name, then by
// renamed_from for the declared ones left, then the current ones left are
// deleted (inside the scope) or left alone. facts gives an entity's name,
// path and renamed_from; newPair makes a pair (cur or des may be nil);
// byCur indexes the pairs by current folded name; add records a declared
// pair; all receives the others; the pairs end sorted.
func matchRenamable[M, P any](p *planner, kind model.Kind, des, cur map[string]*M,
	facts func(*M) (name, path, renamedFrom string), newPair func(c, d *M) *P, entOf func(*P) *ent,
	byCur map[string]*P, add func(*P), all *[]*P) {
	var pending []string
	for k, d := range des {
		name, path, _ := facts(d)
		addr := model.Address{Kind: kind, Name: name}
		p.checkDeclared(addr, path)
		c := cur[k]
		if c == nil {
			pending = append(pending, k)
			continue
		}
		cname, cpath, _ := facts(c)
		x := newPair(c, d)
		e := entOf(x)
		e.st, e.oldName, e.newName, e.addr.Name, e.fold = stKeep, cname, name, name, k
		byCur[k] = x // claimed, even when the claim fails
		if p.claim(addr, cname, cpath) {
			add(x)
		}
	}
	sort.Strings(pending)
	renamed := map[string]string{}
	for _, k := range pending {
		d := des[k]
		name, _, from := facts(d)
		addr := model.Address{Kind: kind, Name: name}
		var old *M
		if from != "" {
			f := model.Fold(from)
			if c := cur[f]; c != nil {
				if other, ok := renamed[f]; ok {
					p.errorf(addr, "renamed_from %q: %s.%s is renamed from it too", from, kind, other)
					continue
				}
				renamed[f] = name
				// A declared entity of the old name keeps it: no rename then.
				if byCur[f] == nil {
					cname, cpath, _ := facts(c)
					if !p.claim(addr, cname, cpath) {
						continue
					}
					old = c
				}
			}
		}
		x := newPair(old, d)
		e := entOf(x)
		e.st, e.newName, e.addr.Name, e.fold = stCreate, name, name, k
		if old != nil {
			cname, _, _ := facts(old)
			e.st, e.oldName = stKeep, cname
			byCur[model.Fold(from)] = x
		}
		add(x)
	}
	for k, c := range cur {
		if byCur[k] != nil {
			continue
		}
		cname, cpath, _ := facts(c)
		x := newPair(c, nil)
		e := entOf(x)
		e.oldName, e.addr.Name, e.fold = cname, cname, k
		e.st = stOut
		if p.scope.Contains(cpath) {
			e.st = stDelete
		}
		byCur[k] = x
		*all = append(*all, x)
	}
	sort.Slice(*all, func(i, j int) bool { return entOf((*all)[i]).less(entOf((*all)[j])) })
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
		x.newARN = model.PolicyARN(p.acct, d.Path, d.Name)
		x.st = stCreate
		p.policyByName[k] = x
		if c := p.cur.Policies[k]; c != nil {
			if !p.claim(addr, c.Name, c.Path) {
				continue
			}
			x.cur, x.oldName, x.st = c, c.Name, stKeep
			x.curARN = c.ARNIn(p.acct)
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
		x.curARN = c.ARNIn(p.acct)
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
