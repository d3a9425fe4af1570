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

const oktaMetadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk1">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>
          X+zrZv/IbzjZUnhsbWlsecLbwjndTpG0ZynXOif7V+lrhrJz/zT84Z1rgE7/Wj9X
          R62k6qIvHUnAHlLdt4dbS9RzXjomXhbu4D9ZcYubXQMBnAfYtsUfkNo6Zm7sE6s1
          TgdAhWK+24tgzgXB3s/jrRa3IjCWfeAfZAt+Rym0n85LInd31N0fxhxviE9IZB0C
          tNEh0/0yjLCLVTH8rNq/iu8tEn3je5QrqtBhReVLDGGaHyIyey67z77Hj1Vkr+Od
          5/bAEXdujbfNMwtUF0/Xb30CFrYSOHpf/PuB5vCRloN5Ammb5CyKjkb7u0UBcmUX
          6GsixWoYn3YlptpJCBskUSxiQjLN0iF3EpTfuzEKygAKDfasi2a2ltkO8G/e+2Sj
          GVgeJ9587QD/HOULIEfnpWfHaxy666vl7wP3wwF7tbdKRNwVNkIEqA/oDpA5RVzB
          YIKBgg/isk8eUjOt5q8d1U/IKyauy0fShoxO++NYFzKj58vMbC77MgYsCBcKBe64
          a1HUMd9dfxQcvs7M957fPdhhw7QGnwsRZho+76y7qRg/26NfBNyMRimGyZK8+HVU
          YlcRMHKpCcFi9+Rw5YHieIUnqJHiJBNpUP8yyiErRbyT9p+7gBw7Hr7axSd1+Z5h
          5in6ZZjXMnaPfHJrS2IShfnDuFMDkAqpEgF9t2F9i9uxfvbRnHpbHug7kHxZVSbc
          sesG24In1lDV3aCp9M6M2UUjVA8VBM0XEAxINehbfu/UmRFYD47/8Fmajyg75rnj
          TslZn8ID0XajAVNsLgkaGbyFJ1myVb1oGIEKQsX+0UqUAPGyHLUn1/o9Pqu6k1V6
          GOvnospORxz+XkxbTKf3Z/XKOPdIodbq9ya4pC+1dcPHHxhkqBQzAXgt4T2i2SAr
          </ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://acme.okta.com/app/sso/saml"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`
