package model

import (
	"strings"
	"testing"
)

// fakeCertificate stands for the signing certificate that makes real
// metadata longer than IAM's minimum.
var fakeCertificate = strings.Repeat("MIIDpDCCAoygAwIBAgIGAXoMpl1zMA0GCSqGSIb3DQEBCwUA", 20)

var idpMetadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/x">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>` + fakeCertificate + `</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://example.okta.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`

func TestCheckSAMLMetadata(t *testing.T) {
	for _, tt := range []struct {
		name, doc, err string
	}{
		{"an identity provider", idpMetadata, ""},
		{"in an EntitiesDescriptor", "<EntitiesDescriptor>" + strings.TrimPrefix(idpMetadata, `<?xml version="1.0"?>`) + "</EntitiesDescriptor>", ""},
		{"too short to hold a certificate", `<EntityDescriptor><IDPSSODescriptor/></EntityDescriptor>`, "at least 1000"},
		{"a service provider", `<EntityDescriptor><SPSSODescriptor/></EntityDescriptor>`, "no IDPSSODescriptor"},
		{"another root", `<Assertion><IDPSSODescriptor/></Assertion>`, "root element is Assertion"},
		{"not XML", `{"a": 1}`, "holds no XML element"},
		{"broken XML", `<EntityDescriptor><IDPSSODescriptor>`, "not well-formed"},
		{"empty", "  ", "empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckSAMLMetadata(tt.doc)
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("error %v, want one saying %q", err, tt.err)
			}
		})
	}
}

func TestOIDCProviderName(t *testing.T) {
	for _, tt := range []struct{ url, name, err string }{
		{"https://token.actions.githubusercontent.com", "token.actions.githubusercontent.com", ""},
		{"https://gitlab.example.com/", "gitlab.example.com", ""},
		{"https://oidc.eks.us-east-1.amazonaws.com/id/ABC", "oidc.eks.us-east-1.amazonaws.com/id/ABC", ""},
		{"http://insecure.example.com", "", "does not start with https://"},
		{"https://host:8443", "", "no port"},
		{"https://", "", "needs a URL with a host"},
	} {
		name, err := OIDCProviderName(tt.url)
		if name != tt.name || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("OIDCProviderName(%q) = %q, %v; want %q, %q", tt.url, name, err, tt.name, tt.err)
		}
	}
}

// FuzzCheckSAMLMetadata: any document is accepted or refused with an
// error, never a panic; an accepted one is within IAM's lengths.
func FuzzCheckSAMLMetadata(f *testing.F) {
	f.Add(`<EntityDescriptor><IDPSSODescriptor/></EntityDescriptor>`)
	f.Add(`<EntitiesDescriptor><EntityDescriptor><IDPSSODescriptor></IDPSSODescriptor></EntityDescriptor></EntitiesDescriptor>`)
	f.Add(`<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"><md:IDPSSODescriptor/></md:EntityDescriptor>`)
	f.Add(`<a><b></a>`)
	f.Add("")
	f.Fuzz(func(t *testing.T, doc string) {
		if err := CheckSAMLMetadata(doc); err == nil && (len(doc) < MinSAMLMetadataLen || len(doc) > MaxSAMLMetadataLen) {
			t.Fatalf("accepted metadata of %d characters", len(doc))
		}
	})
}
