package lang_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/lang"
)

// TestFederatedTrusts checks the rules on roles trusted through identity
// providers, one trust statement per case: which summary each yields
// (errors and warnings), none when the trust is specific enough.
func TestFederatedTrusts(t *testing.T) {
	const gh = `oidc_provider.github.arn`
	for _, tc := range []struct {
		name      string
		principal string // the Federated identifier, an HCL expression
		action    string
		condition string // condition blocks
		want      []string
	}{
		{"GitHub with sub and aud", gh, "sts:AssumeRoleWithWebIdentity",
			cond("StringLike", "token.actions.githubusercontent.com:sub", "repo:acme/app:ref:refs/heads/main") + cond("StringEquals", "token.actions.githubusercontent.com:aud", "sts.amazonaws.com"), nil},
		{"GitHub without sub", gh, "sts:AssumeRoleWithWebIdentity",
			cond("StringEquals", "token.actions.githubusercontent.com:aud", "sts.amazonaws.com"), []string{"error: Trust open to every workload of the provider"}},
		{"GitHub with sub repo:*", gh, "sts:AssumeRoleWithWebIdentity",
			cond("StringLike", "token.actions.githubusercontent.com:sub", "repo:*") + cond("StringEquals", "token.actions.githubusercontent.com:aud", "sts.amazonaws.com"), []string{"error: Trust open to every workload of the provider"}},
		{"GitHub with sub *", gh, "sts:AssumeRoleWithWebIdentity",
			cond("StringLike", "token.actions.githubusercontent.com:sub", "*") + cond("StringEquals", "token.actions.githubusercontent.com:aud", "sts.amazonaws.com"), []string{"error: Trust open to every workload of the provider"}},
		{"GitHub with a negated sub only", gh, "sts:AssumeRoleWithWebIdentity",
			cond("StringNotLike", "token.actions.githubusercontent.com:sub", "repo:evil/*") + cond("StringEquals", "token.actions.githubusercontent.com:aud", "sts.amazonaws.com"), []string{"error: Trust open to every workload of the provider"}},
		{"GitHub with sub, no aud", gh, "sts:AssumeRoleWithWebIdentity",
			cond("StringLike", "token.actions.githubusercontent.com:sub", "repo:acme/*"), []string{"warning: OpenID Connect trust without an audience"}},
		{"GitHub by a literal ARN, action by wildcard", `"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"`, "sts:AssumeRoleWith*",
			"", []string{"error: Trust open to every workload of the provider", "warning: OpenID Connect trust without an audience"}},
		{"EKS without sub", `"arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"`, "sts:AssumeRoleWithWebIdentity",
			cond("StringEquals", "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud", "sts.amazonaws.com"), []string{"error: Trust open to every workload of the provider"}},
		{"GitLab without sub", `"arn:aws:iam::123456789012:oidc-provider/gitlab.com"`, "sts:AssumeRoleWithWebIdentity",
			cond("StringEquals", "gitlab.com:aud", "https://gitlab.com"), []string{"error: Trust open to every workload of the provider"}},
		{"an undeclared other issuer", `"arn:aws:iam::123456789012:oidc-provider/idp.example.com"`, "sts:AssumeRoleWithWebIdentity",
			cond("StringEquals", "idp.example.com:aud", "x"), nil},
		{"Cognito without aud", `"cognito-identity.amazonaws.com"`, "sts:AssumeRoleWithWebIdentity",
			"", []string{"error: Trust open to every Cognito identity pool"}},
		{"Cognito with aud", `"cognito-identity.amazonaws.com"`, "sts:AssumeRoleWithWebIdentity",
			cond("StringEquals", "cognito-identity.amazonaws.com:aud", "us-east-1:12345678-1234-1234-1234-123456789012"), nil},
		{"SAML without SAML:aud", `saml_provider.okta.arn`, "sts:AssumeRoleWithSAML",
			"", []string{"warning: SAML trust without an audience"}},
		{"SAML with SAML:aud", `saml_provider.okta.arn`, "sts:AssumeRoleWithSAML",
			cond("StringEquals", "SAML:aud", "https://signin.aws.amazon.com/saml"), nil},
		{"a web identity action the statement does not allow", gh, "sts:TagSession", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			src := providersHCL + `
role "r" {
  trust {
    statement {
      actions = ["` + tc.action + `"]
      principals {
        type        = "Federated"
        identifiers = [` + tc.principal + `]
      }
` + tc.condition + `    }
  }
}
`
			if err := os.WriteFile(filepath.Join(dir, "main.iam.hcl"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "okta.xml"), []byte(oktaMetadata), 0o644); err != nil {
				t.Fatal(err)
			}
			_, diags := lang.Load(lang.Options{Dir: dir})
			var got []string
			for _, d := range diags {
				sev := "error"
				if d.Severity == hcl.DiagWarning {
					sev = "warning"
				}
				got = append(got, sev+": "+d.Summary)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"), diags.Error())
			}
		})
	}
}

func cond(test, variable, value string) string {
	return `      condition {
        test     = "` + test + `"
        variable = "` + variable + `"
        values   = ["` + value + `"]
      }
`
}

const providersHCL = `
oidc_provider "github" {
  url        = "https://token.actions.githubusercontent.com"
  client_ids = ["sts.amazonaws.com"]
}

saml_provider "okta" {
  metadata = file("okta.xml")
}
`

var oktaMetadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk1">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>` + strings.Repeat("MIIDpDCCAoygAwIBAgIGAXoMpl1zMA0GCSqGSIb3DQEBCwUA", 20) + `</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://acme.okta.com/app/sso/saml"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`
