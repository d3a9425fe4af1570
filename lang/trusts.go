package lang

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/access"
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

// declaredOIDC reports whether the configuration declares an OIDC
// provider of the issuer: its tokens carry the workload in sub too
// (access.SubjectIssuer).
func (ev *evaluator) declaredOIDC(name string) bool {
	return ev.l.byName[kOIDCProvider][model.Fold(name)] != nil
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
			issuer, saml := access.FederatedIssuer(id)
			switch {
			case saml && access.StatementAllowsAction(s, "sts:AssumeRoleWithSAML"):
				if _, ok := access.ConditionValues(s, "SAML:aud"); !ok && !ignore[WarnSAMLMissingAud] {
					ev.diags = append(ev.diags, warningAt(at, "SAML trust without an audience",
						"Statement %d of the trust policy of %s lets %s assume the role with SAML without a condition on SAML:aud, so an assertion meant for another service provider is taken. Add a condition: test = \"StringEquals\", variable = \"SAML:aud\", values = [\"https://signin.aws.amazon.com/saml\"]; or silence this with ignore_warnings = [%q] on the role.",
						i, in.addr(), id, WarnSAMLMissingAud))
				}
			case !saml && access.StatementAllowsAction(s, "sts:AssumeRoleWithWebIdentity"):
				ev.checkWebIdentity(in, s, i, id, issuer, ignore, at)
			}
		}
	}
}

func (ev *evaluator) checkWebIdentity(in *instance, s *policy.Statement, i int, id, issuer string, ignore map[string]bool, at hcl.Range) {
	aud := issuer + ":aud"
	if o, ok := access.OpenWebIdentity(s, i, id, issuer, ev.declaredOIDC); ok {
		switch o.Opening {
		case access.OpenCognito:
			ev.errorf(at, "Trust open to every Cognito identity pool",
				"Statement %d of the trust policy of %s lets identities of %s assume the role without a specific condition on %s, so an identity of any identity pool, in any account, can assume it. Add a condition naming your identity pool:\n\n  condition {\n    test     = \"StringEquals\"\n    variable = %q\n    values   = [\"REGION:IDENTITY-POOL-ID\"]\n  }",
				i, in.addr(), id, aud, aud)
		case access.OpenSubject:
			ev.errorf(at, "Trust open to every workload of the provider",
				"Statement %d of the trust policy of %s lets tokens of %s assume the role %s: any repository or workload of that service, whoever owns it, can assume it. Add a condition on the subject, as specific as you can:\n\n  condition {\n    test     = \"StringLike\"\n    variable = %q\n    values   = [%q]\n  }",
				i, in.addr(), issuer, o.Gap(), o.Key, access.ExampleSubject(issuer))
		}
	}
	if issuer == access.CognitoIssuer {
		return
	}
	if _, ok := access.ConditionValues(s, aud); !ok && !ignore[WarnOIDCMissingAud] {
		ev.diags = append(ev.diags, warningAt(at, "OpenID Connect trust without an audience",
			"Statement %d of the trust policy of %s lets tokens of %s assume the role without a condition on %s, so a token issued for another audience is taken. Add a condition: test = \"StringEquals\", variable = %q, values = [\"sts.amazonaws.com\"]; or silence this with ignore_warnings = [%q] on the role.",
			i, in.addr(), issuer, aud, aud, WarnOIDCMissingAud))
	}
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
