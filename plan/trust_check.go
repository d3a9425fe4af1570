package plan

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// checkTrustPrincipals refuses declared trust policies that name a user or
// role of the account that this plan deletes, renames or moves away from
// the ARN the trust names (a role by replacing it elsewhere): AWS keeps a
// trust policy's principals by their unique ids and shows a deleted one
// as its id, a renamed one under its new ARN, so the role's trust policy
// would never match the configuration again, and setting it fails once
// the principal is gone (MalformedPolicyDocument: Invalid principal).
func (p *planner) checkTrustPrincipals() {
	for _, x := range p.roles {
		if x.des == nil {
			continue
		}
		seen := map[string]bool{}
		for _, id := range awsPrincipals(x.des.AssumeRolePolicy) {
			if seen[id] || p.principal(id) != nil {
				continue
			}
			seen[id] = true
			pa, err := model.ParseEntityARN(id)
			if err != nil || pa.Account != model.Fold(p.acct) {
				continue
			}
			var e *ent
			var curName, change string
			switch pa.Resource {
			case "user":
				if u := p.userByCur[pa.Name]; u != nil && model.Fold(u.cur.Path) == pa.Path {
					e, curName = &u.ent, u.cur.Name
					if u.des != nil {
						change = "renames or moves in place to " + model.UserARN(p.acct, u.des.Path, u.des.Name) + ": AWS shows the principal under its new ARN"
					}
				}
			case "role":
				if r := p.roleByName[pa.Name]; r != nil && r.cur != nil && model.Fold(r.cur.Path) == pa.Path {
					e, curName = &r.ent, r.cur.Name
					if r.des != nil {
						change = "replaces at " + model.RoleARN(p.acct, r.des.Path, r.des.Name) + ": AWS replaces a deleted principal in a trust policy with its internal id"
					}
				}
			}
			if e == nil || e.st == stOut {
				continue
			}
			named := originalCase(x.des.AssumeRolePolicy, id)
			if e.st == stDelete {
				p.errorf(x.addr, "its trust policy names %s %s (%s), which this plan deletes (it is inside the manage scope and not declared): AWS replaces a deleted principal in a trust policy with its internal id, so the trust policy would never match the configuration again. Declare %s, or take it out of the trust policy",
					e.addr.Kind, curName, named, e.addr)
				continue
			}
			p.errorf(x.addr, "its trust policy names %s %s by its current ARN %s, which this plan %s, so the trust policy would never match the configuration again. Name %s by its declared ARN",
				e.addr.Kind, curName, named, change, e.addr)
		}
	}
}

// originalCase returns the principal of d that folds to id, as written.
func originalCase(d *policy.Document, id string) string {
	for _, st := range d.Statements {
		if st.Principal == nil {
			continue
		}
		for _, x := range st.Principal.Entries["AWS"] {
			if model.Fold(x) == id {
				return x
			}
		}
	}
	return id
}
