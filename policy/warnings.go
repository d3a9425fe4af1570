package policy

import (
	"slices"

	"github.com/iamc/iamc/internal/wildcard"
)

// The codes of Validate's warnings, which a statement written in HCL can
// silence with ignore_warnings (see doc.go).
const (
	WarnAllowAll           = "allow-all"            // Allow of * on *
	WarnPassRoleWildcard   = "passrole-wildcard"    // Allow of iam:PassRole on *
	WarnAllowNotAction     = "allow-not-action"     // Allow with NotAction
	WarnOpenTrust          = "open-trust"           // a trust policy open to * without a condition
	WarnLegacyAction       = "legacy-action"        // an action of a retired service
	WarnARNWithoutResource = "arn-without-resource" // a resource ARN that ends after its account
	WarnDirectUserPolicy   = "direct-user-policy"   // reported by package lang: a policy attached to a user rather than a group
)

// WarningCodes lists the warning codes that can arise for a document of
// kind, sorted: those a statement of that kind may silence.
func WarningCodes(kind Kind) []string {
	if kind == Trust {
		return []string{WarnLegacyAction, WarnOpenTrust}
	}
	return []string{WarnAllowAll, WarnAllowNotAction, WarnARNWithoutResource, WarnDirectUserPolicy, WarnLegacyAction, WarnPassRoleWildcard}
}

// warnings adds the least-privilege warnings of an Allow statement.
func (v *validator) warnings(s *Statement) {
	if s.Effect != "Allow" {
		return
	}
	if v.kind == Trust {
		if j, open := openPrincipal(s.Principal); open && !hasCondition(s.Condition) {
			path := v.at("Principal", -1)
			if j >= 0 {
				path = v.at("Principal.AWS", j)
			}
			v.add(path, Warning, WarnOpenTrust, "Trust open to every principal",
				"Any AWS account may assume this role: the principal is \"*\" and no condition narrows it. Name the principals, or add a condition such as aws:PrincipalOrgID or sts:ExternalId.")
		}
		return
	}
	everyResource := slices.Contains(s.Resource, "*")
	allowAll := false
	if everyResource {
		for j, a := range s.Action {
			if a == "*" || a == "*:*" {
				allowAll = true
				v.add(v.at("Action", j), Warning, WarnAllowAll, "Allow of every action on every resource",
					"The statement allows \"*\" on \"*\", full administrator access. Grant the actions and resources needed instead.")
				break
			}
		}
	}
	if s.NotAction != nil {
		v.add(v.at("NotAction", -1), Warning, WarnAllowNotAction, "Allow with NotAction",
			"Allow with NotAction allows every action but those listed, including those of services AWS adds later. List the allowed actions in Action instead.")
	}
	if everyResource && !allowAll {
		for j, a := range s.Action {
			if !isUnknown(a) && wildcard.Match(a, "iam:PassRole") {
				v.add(v.at("Action", j), Warning, WarnPassRoleWildcard, "iam:PassRole on every resource",
					"Passing any role lets the holder give a service any role's permissions, and so gain them. Restrict Resource to the roles to pass (arn:aws:iam::ACCOUNT:role/NAME).")
				break
			}
		}
	}
}

// openPrincipal reports whether p lets anyone in: "*", or "*" among its
// AWS principals, whose index j it gives (-1 for "*" itself).
func openPrincipal(p *Principal) (j int, open bool) {
	if p == nil {
		return -1, false
	}
	if p.Wildcard {
		return -1, true
	}
	if j := slices.Index(p.Entries["AWS"], "*"); j >= 0 {
		return j, true
	}
	return -1, false
}

// hasCondition reports whether c holds at least one condition key.
func hasCondition(c Conditions) bool {
	for _, keys := range c {
		if len(keys) > 0 {
			return true
		}
	}
	return false
}
