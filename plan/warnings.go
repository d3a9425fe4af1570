package plan

import (
	"fmt"
	"slices"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// warn adds the warnings about trusts that deletes and replaces break and
// about deletes that a declared scope would avoid.
func (p *planner) warn() {
	trusters := map[string][]*rolePair{}
	add := func(x *rolePair, d *policy.Document) {
		for _, id := range awsPrincipals(d) {
			list := trusters[id]
			if len(list) == 0 || list[len(list)-1] != x {
				trusters[id] = append(list, x)
			}
		}
	}
	for _, x := range p.roles {
		if x.cur != nil {
			add(x, x.cur.AssumeRolePolicy)
		}
		if x.des != nil {
			add(x, x.des.AssumeRolePolicy)
		}
	}
	check := func(e *ent, arn, newARN, verb string) {
		var broken, reset []string
		for _, t := range trusters[model.Fold(arn)] {
			if &t.ent == e || t.st == stDelete {
				continue
			}
			// A trust set by this plan after the entity exists again, and
			// naming it as it will be, is whole.
			if newARN != "" && t.des != nil && t.trustNode >= 0 && slices.Contains(awsPrincipals(t.des.AssumeRolePolicy), model.Fold(newARN)) {
				reset = append(reset, t.addr.String())
				continue
			}
			// A declared trust that does not name it replaces the one that
			// does.
			if t.des != nil && !slices.Contains(awsPrincipals(t.des.AssumeRolePolicy), model.Fold(arn)) {
				continue
			}
			broken = append(broken, t.addr.String())
		}
		if len(broken)+len(reset) == 0 {
			return
		}
		all := sortedNames(append(append([]string(nil), broken...), reset...))
		whose := "the trust policy of " + english.Join(all)
		if len(all) > 1 {
			whose = "the trust policies of " + english.Join(all)
		}
		msg := fmt.Sprintf("%s is %s and is named as a principal by %s: AWS rewrites such principals to an internal id when the %s is deleted, and the trust silently breaks",
			e.addr, verb, whose, e.addr.Kind)
		if len(reset) > 0 {
			msg += "; this plan sets the trust policy of " + english.Join(sortedNames(reset)) + " again once the new " + string(e.addr.Kind) + " exists"
		}
		if len(broken) > 0 && len(reset) > 0 {
			msg += ", but not that of " + english.Join(sortedNames(broken))
		}
		p.warnings = append(p.warnings, msg)
	}
	for _, x := range p.users {
		if x.st == stDelete {
			check(&x.ent, x.cur.ARNIn(p.acct), "", "deleted")
		}
	}
	for _, x := range p.roles {
		switch x.st {
		case stDelete:
			check(&x.ent, x.cur.ARNIn(p.acct), "", "deleted")
		case stReplace:
			check(&x.ent, x.cur.ARNIn(p.acct), model.RoleARN(p.acct, x.des.Path, x.des.Name), "replaced (deleted and created again)")
		}
	}
	if !p.opts.ScopeDeclared {
		p.suggestScope()
	}
}
