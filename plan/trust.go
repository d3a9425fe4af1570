package plan

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

// anchors emits, for every entity, the steps the others hang on.
func (p *planner) anchors() {
	p.anchorPolicies()
	p.anchorGroups()
	p.anchorUsers()
	p.anchorRoles()
	p.anchorInstanceProfiles()
}

// awsPrincipals returns the folded AWS principals a document names.
func awsPrincipals(d *policy.Document) []string {
	if d == nil {
		return nil
	}
	var out []string
	for _, s := range d.Statements {
		if s.Principal == nil {
			continue
		}
		for _, id := range s.Principal.Entries["AWS"] {
			out = append(out, model.Fold(id))
		}
	}
	return out
}

// planTrusts makes every step that sets a trust policy wait for the users
// and roles it names that this plan creates, renames, moves or re-creates,
// and sets again the trust policies that name a role this plan replaces.
func (p *planner) planTrusts() {
	// The declared users and roles that the declared trust policies name
	// by ARN, found by name: few trusts name users or roles.
	declared := map[string]*ent{}
	for _, x := range p.roles {
		if x.des == nil {
			continue
		}
		for _, id := range awsPrincipals(x.des.AssumeRolePolicy) {
			if _, ok := declared[id]; ok {
				continue
			}
			declared[id] = p.principal(id)
		}
	}
	if len(declared) == 0 {
		return
	}
	// Roles that stay and whose declared trust names a replaced role get
	// their trust policy set again once the role exists again.
	for _, x := range p.roles {
		if x.st != stKeep || x.trustNode >= 0 {
			continue
		}
		var replaced []*ent
		for _, id := range awsPrincipals(x.des.AssumeRolePolicy) {
			if e := declared[id]; e != nil && e.st == stReplace && e != &x.ent {
				replaced = append(replaced, e)
			}
		}
		if len(replaced) == 0 {
			continue
		}
		e := replaced[0]
		x.trustNode = p.g.add(&op.UpdateAssumeRolePolicy{RoleName: x.newName, PolicyDocument: policy.CanonicalString(x.des.AssumeRolePolicy)}, e.addr, phRole, e.ord)
		p.after(&x.ent, x.trustNode)
		for _, r := range replaced {
			r.change.Notes = append(r.change.Notes, "sets the trust policy of "+x.addr.String()+", which names it, again once the role exists")
		}
	}
	p.orderTrusts(declared)
}

// principal returns the declared user or role a folded principal ARN of
// this account names, or nil.
func (p *planner) principal(id string) *ent {
	pa, err := model.ParseEntityARN(id)
	if err != nil || pa.Account != model.Fold(p.acct) {
		return nil
	}
	switch pa.Resource {
	case "user":
		if x := p.userByDes[model.Fold(pa.Name)]; x != nil && model.Fold(x.des.Path) == pa.Path {
			return &x.ent
		}
	case "role":
		if x := p.roleByName[model.Fold(pa.Name)]; x != nil && x.des != nil && model.Fold(x.des.Path) == pa.Path {
			return &x.ent
		}
	}
	return nil
}
