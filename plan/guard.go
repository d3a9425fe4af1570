package plan

import (
	"fmt"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/model"
)

// The guards: what no plan may do even where IAM would let it, because
// the configuration cannot have meant it.

// checkEmptyScope refuses a configuration that declares no user, group,
// role or managed policy while the scope holds some: an empty directory,
// or one whose files are all comments, would otherwise plan the deletion
// of everything iamc manages. Options.AllowEmptyScope lets it through.
func (p *planner) checkEmptyScope() {
	if p.opts.AllowEmptyScope || len(p.des.Users)+len(p.des.Groups)+len(p.des.Roles)+len(p.des.Policies) > 0 {
		return
	}
	var parts []string
	total := 0
	count := func(n int, noun string) {
		parts = english.AppendCount(parts, n, noun)
		total += n
	}
	n := 0
	for _, x := range p.users {
		if x.st == stDelete {
			n++
		}
	}
	count(n, "user")
	n = 0
	for _, x := range p.groups {
		if x.st == stDelete {
			n++
		}
	}
	count(n, "group")
	n = 0
	for _, x := range p.roles {
		if x.st == stDelete {
			n++
		}
	}
	count(n, "role")
	n = 0
	for _, x := range p.policies {
		if x.st == stDelete {
			n++
		}
	}
	count(n, "managed policy")
	if total == 0 {
		return
	}
	p.errs = append(p.errs, Conflict{
		Summary:    "The configuration declares nothing the manage scope holds",
		EmptyScope: true,
		Message: fmt.Sprintf("The configuration declares no user, group, role or managed policy, but the manage scope %s holds %s in the account: this plan would delete every one of them",
			p.scope, english.Join(parts)),
	})
}

// outsideWrite reports a step that a change of owner needs and that would
// write other, an entity outside the manage scope: a detach, a member
// removal, a boundary removal. Nothing outside the scope is ever written,
// so the change cannot be planned; fix says how to do the write by hand,
// why (for a replacement) why IAM cannot change owner in place.
func (p *planner) outsideWrite(owner, other *ent, does, fix, why string) {
	if owner.outsideReported[other.addr] {
		return
	}
	if owner.outsideReported == nil {
		owner.outsideReported = map[model.Address]bool{}
	}
	owner.outsideReported[other.addr] = true
	verb, keep := "deleting it", "declare "+owner.addr.String()+" to keep it"
	if owner.st == stReplace {
		verb, keep = "replacing it", "keep it as it is where IAM cannot change it ("+why+")"
	}
	p.errs = append(p.errs, Conflict{
		Address: owner.addr,
		Summary: "A change outside the manage scope",
		Message: fmt.Sprintf("%s %s %s, which is outside the manage scope %s, and iamc writes nothing outside the scope. %s, widen iamc { manage } to take in %s, or %s",
			verb, does, other.addr, p.scope, fix, other.addr, keep),
	})
}
