package access

import (
	"strings"

	"github.com/iamc/iamc/model"
)

// trustActions are the actions that a role's trust policy governs.
var trustActions = map[string]bool{
	"sts:assumerole":                true,
	"sts:assumerolewithsaml":        true,
	"sts:assumerolewithwebidentity": true,
	"sts:tagsession":                true,
	"sts:setsourceidentity":         true,
	"sts:setcontext":                true,
}

// trustedRole returns the role of the account whose ARN is the resource,
// when the action is one its trust policy governs.
func (e *Evaluator) trustedRole(action, resource string) *model.Role {
	if !trustActions[action] || !strings.Contains(resource, ":role/") {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.roles == nil {
		e.roles = make(map[string]*model.Role, len(e.account.Roles))
		for _, ro := range e.account.Roles {
			e.roles[ro.ARNIn(e.account.ID)] = ro
		}
	}
	return e.roles[resource]
}

// assume decides a request that a role's trust policy governs, as IAM
// decides a request within one account that a resource-based policy
// takes part in (the trust policy is the role's resource-based policy):
//   - an explicit Deny in the trust policy, an identity-based policy or
//     the boundary denies;
//   - a trust statement that names the principal itself (its ARN or its
//     unique id) allows a user whatever its identity-based policies and
//     boundary say, and allows a role when its boundary (if any) allows
//     the request too: a resource-based policy that names a role's ARN is
//     limited by the role's boundary, one that names a user's ARN is not;
//   - a trust statement whose principal is "*" names every principal,
//     a role's sessions included, and so allows as one naming a user
//     does;
//   - a trust statement that names the principal's account only
//     delegates to the account: the request needs an identity-based
//     policy that allows it and the boundary's allow, as any other;
//   - a federated or service principal needs a trust statement naming it;
//   - nothing in the trust policy allowing the principal is an implicit
//     deny, whatever the identity-based policies say: a trust policy must
//     allow the principal explicitly.
func (e *Evaluator) assume(r *run, p *principal, role *model.Role) *Answer {
	trust := e.trustDoc(role)
	tAllow, tDeny, how := r.scan([]docRef{trust}, p)
	var idAllow, idDeny, bAllow, bDeny []StatementRef
	if p.set != nil {
		idAllow, idDeny, _ = r.scan(p.set.identity, p)
		bAllow, bDeny = r.boundary(p)
	}
	if denies := append(append(tDeny, idDeny...), bDeny...); len(denies) > 0 {
		return &Answer{Decision: ExplicitDeny, Statements: denies,
			Reason: "an explicit Deny applies, and an explicit Deny overrides any Allow"}
	}
	roleName := "role." + role.Name
	if len(tAllow) == 0 {
		return &Answer{Decision: ImplicitDeny,
			Reason: "the trust policy of " + roleName + " does not allow " + principalName(p) + " (a trust policy must allow the principal explicitly)"}
	}
	boundaryOK := p.set == nil || p.set.boundary == nil || len(bAllow) > 0
	switch {
	case how == namedService:
		return &Answer{Decision: Allowed, Statements: tAllow,
			Reason: "the trust policy of " + roleName + " allows " + principalName(p)}
	case how == namedWildcard:
		return &Answer{Decision: Allowed, Statements: tAllow,
			Reason: "the trust policy of " + roleName + " allows every principal (\"*\"), which no identity-based policy or boundary needs to allow"}
	case p.kind == KindForeign:
		return &Answer{Decision: Allowed, Statements: tAllow,
			Reason: "the trust policy of " + roleName + " allows " + p.name + ", whose own account's policies must allow the request too"}
	case how == namedDirect && p.kind == KindUser:
		return &Answer{Decision: Allowed, Statements: tAllow,
			Reason: "the trust policy of " + roleName + " names the user itself, which no identity-based policy or boundary needs to allow"}
	case how == namedDirect && boundaryOK:
		return &Answer{Decision: Allowed, Statements: append(tAllow, bAllow...),
			Reason: "the trust policy of " + roleName + " names the role itself" + boundaryNote(p)}
	case how == namedDirect:
		return &Answer{Decision: ImplicitDeny,
			Reason: "the trust policy of " + roleName + " names the role, but its permissions boundary " + p.set.boundary.ref.ARN + " does not allow the request"}
	}
	// The trust delegates to the principal's account.
	if len(idAllow) == 0 {
		return &Answer{Decision: ImplicitDeny,
			Reason: "the trust policy of " + roleName + " allows the account, which leaves it to the identity-based policies, and none allows the request"}
	}
	if !boundaryOK {
		return &Answer{Decision: ImplicitDeny,
			Reason: "the trust policy of " + roleName + " allows the account and an identity-based policy allows the request, but the permissions boundary " + p.set.boundary.ref.ARN + " does not"}
	}
	stmts := append(append(tAllow, idAllow...), bAllow...)
	return &Answer{Decision: Allowed, Statements: stmts,
		Reason: "the trust policy of " + roleName + " allows the account and " + allowedReason(p.set.boundary != nil)}
}

func boundaryNote(p *principal) string {
	if p.set != nil && p.set.boundary != nil {
		return ", and the role's permissions boundary allows the request"
	}
	return ""
}

func principalName(p *principal) string {
	switch p.kind {
	case KindUser, KindRole:
		return string(p.kind) + "." + p.name
	}
	return p.name
}

// trustDoc returns the role's compiled trust policy.
func (e *Evaluator) trustDoc(role *model.Role) docRef {
	e.mu.Lock()
	defer e.mu.Unlock()
	return docRef{
		ref: PolicyRef{Kind: PolicyTrust, Owner: model.RoleAddr(role.Name), Document: role.AssumeRolePolicy},
		doc: e.compiled(role.AssumeRolePolicy),
	}
}
