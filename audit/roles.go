package audit

import (
	"fmt"
	"strings"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/model"
)

// roles reports roles unused for 90 days or more (RoleLastUsed), or
// never used and made that long ago. Service-linked and AWS-reserved
// roles are AWS's, and left out.
func (a *auditor) roles() {
	if a.in.Posture == nil || a.in.Posture.Roles == nil {
		return
	}
	for _, r := range a.in.Account.SortedRoles() {
		if model.IsReservedPath(r.Path) {
			continue
		}
		act := a.in.Posture.Roles[model.Fold(r.Name)]
		since, what, ok := a.idle(act.LastUsed, act.Created, "last used", "made", roleUnusedDays)
		if !ok {
			continue
		}
		a.add(checkRoleUnused, model.RoleAddr(r.Name), fmt.Sprintf("Role %s was %s %d days ago", r.Name, what, since),
			"A role nobody assumes still grants its permissions to whoever its trust lets in.",
			"Delete the role (remove its role block), or narrow its trust and permissions if it is still needed.")
	}
}

// trusts reports roles whose trust lets in any principal, or any
// workload of an OpenID Connect provider (access.OpenTrusts).
func (a *auditor) trusts() {
	known := func(name string) bool { return a.in.Account.OIDCProviders[model.Fold(name)] != nil }
	for _, r := range a.in.Account.SortedRoles() {
		for _, o := range access.OpenTrusts(r.AssumeRolePolicy, known) {
			f := a.add(checkOpenTrust, model.RoleAddr(r.Name), "", "", "")
			switch o.Opening {
			case access.OpenToAll:
				f.Title = fmt.Sprintf("Role %s trusts every principal (statement %d)", r.Name, o.Statement)
				f.Why = "Principal \"*\" without a condition lets any AWS account, anyone's, assume the role."
				f.Fix = "Name the accounts or roles that may assume it, or add a condition such as aws:PrincipalOrgID."
			case access.OpenToAllConditioned:
				f.Title = fmt.Sprintf("Role %s trusts every principal that meets its conditions on %s (statement %d)", r.Name, strings.Join(o.Keys, ", "), o.Statement)
				f.Why = "Principal \"*\" with conditions that name no account, organisation or principal lets anyone's account in, once the conditions hold: MFA, a network or an external id are no barrier to a stranger who meets them."
				f.Fix = "Name the accounts or roles that may assume it, or add a condition on aws:PrincipalOrgID or aws:PrincipalAccount."
			case access.OpenSubject:
				f.Title = fmt.Sprintf("Role %s trusts every workload of %s (statement %d)", r.Name, o.Issuer, o.Statement)
				f.Why = fmt.Sprintf("Tokens of %s may assume the role %s: any repository or workload of that service, whoever owns it.", o.Issuer, o.Gap())
				f.Fix = fmt.Sprintf("Add a condition on %s naming your workload, such as %q.", o.Key, access.ExampleSubject(o.Issuer))
			case access.OpenCognito:
				f.Title = fmt.Sprintf("Role %s trusts every Cognito identity pool (statement %d)", r.Name, o.Statement)
				f.Why = fmt.Sprintf("Identities of any identity pool, in any account, may assume the role: it is trusted %s.", o.Gap())
				f.Fix = fmt.Sprintf("Add a condition on %s naming your identity pool.", o.Key)
			}
		}
	}
}
