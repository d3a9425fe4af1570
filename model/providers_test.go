package model

import (
	"strings"
	"testing"
)

const idpMetadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/x">
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
