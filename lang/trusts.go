package lang

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// The checks of trusts that let strangers in: a role that an OpenID
// Connect provider's tokens may assume without a condition on the token's
// subject can be assumed by any repository or workload of that service.

// Warning codes of federated trusts.
const (
	WarnOIDCMissingAud = "oidc-missing-aud"
	WarnSAMLMissingAud = "saml-missing-aud"
)

const (
	githubIssuer  = "token.actions.githubusercontent.com"
	cognitoIssuer = "cognito-identity.amazonaws.com"
)

// subjectIssuer reports whether tokens of the issuer name (an OIDC
// provider's URL without https://) carry in sub the workload they stand
// for, so that a trust without a condition on sub lets any workload of
// the service in: GitHub Actions, GitLab, EKS, and any provider the
// configuration declares, Cognito excepted (its required key is aud).
func (ev *evaluator) subjectIssuer(name string) bool {
	host, _, _ := strings.Cut(name, "/")
	switch {
	case name == cognitoIssuer:
		return false
	case name == githubIssuer, host == "gitlab.com", strings.HasPrefix(host, "gitlab."):
		return true
	case strings.HasPrefix(host, "oidc.eks.") && strings.HasSuffix(host, ".amazonaws.com"):
		return true
	}
	return ev.l.byName[kOIDCProvider][model.Fold(name)] != nil
}

// federatedIssuer returns the issuer a Federated principal names: the
// name in an oidc-provider ARN, or the principal itself for the
// providers AWS names without an ARN (cognito-identity.amazonaws.com,
// accounts.google.com, ...); saml is true for a saml-provider ARN.
func federatedIssuer(id string) (name string, saml bool) {
	if k, n, ok := model.ProviderNameFromARN(id); ok {
		return n, k == model.KindSAMLProvider
	}
	return id, false
}

// allowsAction reports whether a statement's actions include action (an
// exact name, compared without regard to case, or a wildcard that
// matches it).
func allowsAction(s *policy.Statement, action string) bool {
	for _, a := range s.Action {
		if glob(strings.ToLower(a), strings.ToLower(action)) {
			return true
		}
	}
	return false
}

// glob matches s against a pattern of IAM's wildcards: * any run of
// characters, ? one character.
func glob(pattern, s string) bool {
	for len(pattern) > 0 {
		switch pattern[0] {
		case '*':
			for i := len(s); i >= 0; i-- {
				if glob(pattern[1:], s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
			pattern, s = pattern[1:], s[1:]
		default:
			if s == "" || s[0] != pattern[0] {
				return false
			}
			pattern, s = pattern[1:], s[1:]
		}
	}
	return s == ""
}

// conditionValues returns the values every condition of the statement on
// key (compared without regard to case) requires, under any operator that
// restricts to its values (not the negated ones), and whether there is
// one.
func conditionValues(s *policy.Statement, key string) ([]string, bool) {
	var out []string
	found := false
	for op, keys := range s.Condition {
		if strings.Contains(op, "Not") || strings.HasSuffix(op, "IfExists") {
			continue
		}
		for k, vals := range keys {
			if strings.EqualFold(k, key) {
				found = true
				out = append(out, vals...)
			}
		}
	}
	return out, found
}

// tooBroad reports whether a condition value lets any subject in: only
// wildcards, or for GitHub only wildcards after repo:.
func tooBroad(issuer, v string) bool {
	if strings.Trim(v, "*?") == "" {
		return true
	}
	if issuer == githubIssuer {
		if rest, ok := strings.CutPrefix(v, "repo:"); ok && strings.Trim(rest, "*?:/") == "" {
			return true
		}
	}
	return false
}

// exampleSubject is a sub value to show in the condition to add.
func exampleSubject(issuer string) string {
	host, _, _ := strings.Cut(issuer, "/")
	switch {
	case issuer == githubIssuer:
		return "repo:OWNER/REPO:ref:refs/heads/main"
	case host == "gitlab.com", strings.HasPrefix(host, "gitlab."):
		return "project_path:GROUP/PROJECT:ref_type:branch:ref:main"
	case strings.HasPrefix(host, "oidc.eks."):
		return "system:serviceaccount:NAMESPACE:SERVICE-ACCOUNT"
	}
	return "THE-WORKLOAD-S-SUBJECT"
}

// checkFederatedTrust checks a role's trust policy for the federated
// principals it lets in: an error where an OIDC provider whose sub names
// the workload is trusted without a specific condition on sub (or
// Cognito without one on its aud), warnings where the audience is left
// open. at is where the trust policy is written.
func (ev *evaluator) checkFederatedTrust(in *instance, doc *policy.Document, ignore map[string]bool, at hcl.Range) {
	if doc == nil {
		return
	}
	for i := range doc.Statements {
		s := &doc.Statements[i]
		if s.Effect != "Allow" || s.Principal == nil {
			continue
		}
		for _, id := range s.Principal.Entries["Federated"] {
			issuer, saml := federatedIssuer(id)
			switch {
			case saml && allowsAction(s, "sts:AssumeRoleWithSAML"):
				if _, ok := conditionValues(s, "SAML:aud"); !ok && !ignore[WarnSAMLMissingAud] {
					ev.diags = append(ev.diags, warningAt(at, "SAML trust without an audience",
						"Statement %d of the trust policy of %s lets %s assume the role with SAML without a condition on SAML:aud, so an assertion meant for another service provider is taken. Add a condition: test = \"StringEquals\", variable = \"SAML:aud\", values = [\"https://signin.aws.amazon.com/saml\"]; or silence this with ignore_warnings = [%q] on the role.",
						i, in.addr(), id, WarnSAMLMissingAud))
				}
			case !saml && allowsAction(s, "sts:AssumeRoleWithWebIdentity"):
				ev.checkWebIdentity(in, s, i, id, issuer, ignore, at)
			}
		}
	}
}

func (ev *evaluator) checkWebIdentity(in *instance, s *policy.Statement, i int, id, issuer string, ignore map[string]bool, at hcl.Range) {
	aud := issuer + ":aud"
	if issuer == cognitoIssuer {
		if vals, ok := conditionValues(s, aud); !ok || anyTooBroad(issuer, vals) {
			ev.errorf(at, "Trust open to every Cognito identity pool",
				"Statement %d of the trust policy of %s lets identities of %s assume the role without a specific condition on %s, so an identity of any identity pool, in any account, can assume it. Add a condition naming your identity pool:\n\n  condition {\n    test     = \"StringEquals\"\n    variable = %q\n    values   = [\"REGION:IDENTITY-POOL-ID\"]\n  }",
				i, in.addr(), id, aud, aud)
		}
		return
	}
	if ev.subjectIssuer(issuer) {
		sub := issuer + ":sub"
		vals, ok := conditionValues(s, sub)
		if !ok || anyTooBroad(issuer, vals) {
			why := "without a condition on " + sub
			if ok {
				why = fmt.Sprintf("with a condition on %s that lets any subject in (%s)", sub, strings.Join(broadValues(issuer, vals), ", "))
			}
			ev.errorf(at, "Trust open to every workload of the provider",
				"Statement %d of the trust policy of %s lets tokens of %s assume the role %s: any repository or workload of that service, whoever owns it, can assume it. Add a condition on the subject, as specific as you can:\n\n  condition {\n    test     = \"StringLike\"\n    variable = %q\n    values   = [%q]\n  }",
				i, in.addr(), issuer, why, sub, exampleSubject(issuer))
		}
	}
	if _, ok := conditionValues(s, aud); !ok && !ignore[WarnOIDCMissingAud] {
		ev.diags = append(ev.diags, warningAt(at, "OpenID Connect trust without an audience",
			"Statement %d of the trust policy of %s lets tokens of %s assume the role without a condition on %s, so a token issued for another audience is taken. Add a condition: test = \"StringEquals\", variable = %q, values = [\"sts.amazonaws.com\"]; or silence this with ignore_warnings = [%q] on the role.",
			i, in.addr(), issuer, aud, aud, WarnOIDCMissingAud))
	}
}

func anyTooBroad(issuer string, vals []string) bool { return len(broadValues(issuer, vals)) > 0 }

func broadValues(issuer string, vals []string) []string {
	var out []string
	for _, v := range vals {
		if tooBroad(issuer, v) {
			out = append(out, fmt.Sprintf("%q", v))
		}
	}
	sort.Strings(out)
	return out
}

// trustRange is where a role's trust policy is written: its trust block,
// or its assume_role_policy expression.
func trustRange(in *instance) hcl.Range {
	if b := firstBlock(in.e.content.Blocks, "trust"); b != nil {
		return b.DefRange
	}
	if a := in.e.content.Attributes["assume_role_policy"]; a != nil {
		return a.Expr.Range()
	}
	return in.e.block.DefRange
}
