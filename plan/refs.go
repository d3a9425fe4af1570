package plan

import (
	"slices"
	"strings"

	"github.com/iamc/iamc/model"
)

// resolveReferences turns the desired entities' references (groups by
// name, managed policies and boundaries by ARN) into the pairs and ARNs
// they will be, and checks that each names something that exists after
// the plan.
func (p *planner) resolveReferences() {
	for _, x := range p.users {
		if x.des == nil {
			continue
		}
		for _, name := range x.des.Groups {
			g := p.groupByDes[model.Fold(name)]
			if g == nil {
				p.errorf(x.addr, "group %q is not declared; a user's groups must be groups of the configuration", name)
				continue
			}
			if !slices.Contains(x.groups, g) {
				x.groups = append(x.groups, g)
			}
		}
		x.policies = p.resolvePolicies(x.addr, x.des.ManagedPolicies)
		x.boundary = p.resolveBoundary(x.addr, x.des.PermissionsBoundary)
		// Groups outside the scope stay: they count against the cap.
		n := len(x.groups)
		if x.cur != nil {
			for _, name := range x.cur.Groups {
				if g := p.groupByCur[model.Fold(name)]; g != nil && g.st == stOut {
					n++
				}
			}
		}
		if n > p.quotas.GroupsPerUser {
			p.errorf(x.addr, "the user would be in %d groups, counting those outside the manage scope it stays in; IAM allows %d", n, p.quotas.GroupsPerUser)
		}
		if len(x.policies) > p.quotas.PoliciesPerUser {
			p.errorf(x.addr, "%d managed policies attached; IAM allows %d per user", len(x.policies), p.quotas.PoliciesPerUser)
		}
	}
	for _, x := range p.groups {
		if x.des == nil {
			continue
		}
		x.policies = p.resolvePolicies(x.addr, x.des.ManagedPolicies)
		if len(x.policies) > p.quotas.PoliciesPerGroup {
			p.errorf(x.addr, "%d managed policies attached; IAM allows %d per group", len(x.policies), p.quotas.PoliciesPerGroup)
		}
	}
	for _, x := range p.roles {
		if x.des == nil {
			continue
		}
		if x.des.AssumeRolePolicy == nil {
			p.errorf(x.addr, "the role has no trust policy (assume_role_policy)")
		}
		x.policies = p.resolvePolicies(x.addr, x.des.ManagedPolicies)
		x.boundary = p.resolveBoundary(x.addr, x.des.PermissionsBoundary)
		if len(x.policies) > p.quotas.PoliciesPerRole {
			p.errorf(x.addr, "%d managed policies attached; IAM allows %d per role", len(x.policies), p.quotas.PoliciesPerRole)
		}
	}
	for _, x := range p.policies {
		if x.des != nil && x.des.Document == nil {
			p.errorf(x.addr, "the policy has no document")
		}
	}
}

func (p *planner) resolvePolicies(addr model.Address, arns []string) []string {
	if len(arns) == 0 {
		return nil
	}
	out := make([]string, 0, len(arns))
	for _, a := range arns {
		if r, ok := p.resolvePolicy(addr, "managed policy", a); ok && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func (p *planner) resolveBoundary(addr model.Address, arn string) string {
	if arn == "" {
		return ""
	}
	r, _ := p.resolvePolicy(addr, "permissions boundary", arn)
	return r
}

// resolvePolicy returns the ARN a reference to a managed policy will have
// after the plan: AWS managed policies as they are, customer managed ones
// declared here at their declared path, others as they exist outside the
// manage scope.
func (p *planner) resolvePolicy(addr model.Address, what, arn string) (string, bool) {
	if model.IsAWSManagedPolicyARN(arn) {
		return arn, true
	}
	if r, ok := p.resolved[arn]; ok {
		return r, true
	}
	r, ok := p.resolvePolicyARN(addr, what, arn)
	if ok {
		p.resolved[arn] = r
	}
	return r, ok
}

func (p *planner) resolvePolicyARN(addr model.Address, what, arn string) (string, bool) {
	pa, err := model.ParseEntityARN(arn)
	if err != nil {
		p.errorf(addr, "%s %s", what, err)
		return "", false
	}
	if pa.Resource != "policy" {
		p.errorf(addr, "%s %s is not a managed policy ARN", what, arn)
		return "", false
	}
	if pa.Account != p.acct && pa.Account != p.des.ID {
		p.errorf(addr, "%s %s belongs to account %s, not to this account (%s)", what, arn, pa.Account, p.acct)
		return "", false
	}
	x := p.policyByName[model.Fold(pa.Name)]
	switch {
	case x == nil:
		p.errorf(addr, "%s %s: no such policy exists or is declared", what, arn)
	case x.des != nil && x.des.Path == pa.Path:
		return x.newARN, true
	case x.des != nil:
		p.errorf(addr, "%s %s: policy.%s is declared at path %s", what, arn, x.des.Name, x.des.Path)
	case x.cur.Path != pa.Path:
		p.errorf(addr, "%s %s: no such policy exists or is declared (policy %s is at path %s)", what, arn, x.cur.Name, x.cur.Path)
	case x.st == stDelete:
		p.errorf(addr, "%s %s: the policy is inside the manage scope and not declared, so this plan deletes it; declare policy %q", what, arn, x.cur.Name)
	default:
		return x.curARN, true
	}
	return "", false
}

// index builds the reverse relations of the current account once:
// where each managed policy is attached and used as a boundary, and the
// members of each group.
func (p *planner) index() {
	p.attached = make(map[string][]*ent, len(p.cur.Policies))
	p.boundaryOf = map[string][]*ent{}
	p.members = make(map[string][]*userPair, len(p.cur.Groups))
	for _, x := range p.groups {
		if x.cur != nil {
			p.indexPolicies(&x.ent, x.cur.ManagedPolicies, "")
		}
	}
	for _, x := range p.users {
		if x.cur == nil {
			continue
		}
		p.indexPolicies(&x.ent, x.cur.ManagedPolicies, x.cur.PermissionsBoundary)
		for _, g := range x.cur.Groups {
			f := model.Fold(g)
			// A user's entries come one after another: a repeated group
			// would end with this user.
			if list := p.members[f]; len(list) == 0 || list[len(list)-1] != x {
				p.members[f] = append(list, x)
			}
		}
	}
	for _, x := range p.roles {
		if x.cur == nil {
			continue
		}
		p.indexPolicies(&x.ent, x.cur.ManagedPolicies, x.cur.PermissionsBoundary)
		if model.IsReservedPath(x.cur.Path) {
			for _, a := range x.cur.ManagedPolicies {
				p.reservedUses = append(p.reservedUses, reservedUse{arn: a, role: x.cur})
			}
			if b := x.cur.PermissionsBoundary; b != "" {
				p.reservedUses = append(p.reservedUses, reservedUse{arn: b, role: x.cur, boundary: true})
			}
		}
	}
}

// indexPolicies notes the current entity e's attached policies and its
// permissions boundary ("" for none) in attached and boundaryOf.
func (p *planner) indexPolicies(e *ent, attached []string, boundary string) {
	for _, a := range attached {
		p.attached[a] = append(p.attached[a], e)
	}
	if boundary != "" {
		p.boundaryOf[boundary] = append(p.boundaryOf[boundary], e)
	}
}

// reservedUse is a managed policy that a role under AWS's reserved paths
// uses: attached, or as its permissions boundary.
type reservedUse struct {
	arn      string
	role     *model.Role
	boundary bool
}

// checkReservedUses refuses a plan that would delete or replace a policy
// that a role under AWS's reserved paths uses: the policy would have to
// be detached from the role (or removed as its boundary) first, which IAM
// refuses (UnmodifiableEntity) and iamc never does. IAM Identity Center's
// permission sets attach customer managed policies to such roles.
func (p *planner) checkReservedUses() {
	for _, u := range p.reservedUses {
		x := p.curPolicy(u.arn)
		if x == nil || (x.st != stDelete && x.st != stReplace) {
			continue
		}
		use, refused := "has it attached", "detach the policy from the role"
		if u.boundary {
			use, refused = "uses it as its permissions boundary", "remove the role's permissions boundary"
		}
		owner, remedy := "AWS manages the role", "remove it from the role through the AWS service that owns the role"
		if strings.HasPrefix(u.role.Path, "/aws-reserved/sso.amazonaws.com/") {
			owner, remedy = "IAM Identity Center manages the role from a permission set", "remove it from the permission set"
		}
		what, keep := "deletes the policy, which is inside the manage scope and not declared", "Declare the policy as it is"
		if x.st == stReplace {
			what, keep = "replaces the policy ("+x.why+")", "Keep the policy's name, path and description as they are"
		}
		p.errorf(x.addr, "this plan %s, but role %s at %s %s; AWS reserves that path (%s), so IAM refuses to %s (UnmodifiableEntity) and iamc never touches the role. %s, or %s first",
			what, u.role.Name, u.role.Path, use, owner, refused, keep, remedy)
	}
}

// curPolicy returns the pair of the current customer managed policy with
// the given ARN, or nil (AWS managed policies, unknown ARNs).
func (p *planner) curPolicy(arn string) *policyPair { return p.policyByCurARN[arn] }

// desPolicy returns the pair of the policy a resolved ARN names, or nil.
func (p *planner) desPolicy(arn string) *policyPair {
	if x := p.policyByDesARN[arn]; x != nil {
		return x
	}
	return p.policyByCurARN[arn]
}

// mapped returns what a current attachment or boundary ARN will be after
// the plan: the ARN of the policy as declared, or "" when the plan deletes
// the policy.
func (p *planner) mapped(arn string) string {
	x := p.curPolicy(arn)
	switch {
	case x == nil || x.st == stOut:
		return arn
	case x.st == stDelete:
		return ""
	}
	return x.newARN
}

// entityPolicy returns the ent of a policy pair, or nil.
func entityPolicy(x *policyPair) *ent {
	if x == nil {
		return nil
	}
	return &x.ent
}
