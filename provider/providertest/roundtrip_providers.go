package providertest

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// samlMetadata is the metadata of a SAML identity provider, with its
// entity id made unique by id.
func samlMetadata(id string) string {
	return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/` + id + `">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>` + strings.Repeat("MIIDpDCCAoygAwIBAgIGAXoMpl1zMA0GCSqGSIb3DQEBCwUA", 20) + `</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`
}

const thumbprintA, thumbprintB = "990f4193972f2becf12ddeda5237f9c952f20d9e", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"

// oidcName is the name (URL without https://) of a test's OIDC provider.
func (e *env) oidcName(name string) string { return "oidc.example.com/" + e.n(name) }

func (s *seed) oidc(name string, fns ...func(*model.OIDCProvider)) *model.OIDCProvider {
	p := &model.OIDCProvider{Name: "oidc.example.com/" + s.n(name), ClientIDs: []string{"sts.amazonaws.com"}}
	for _, fn := range fns {
		fn(p)
	}
	s.AddOIDCProvider(p)
	return p
}

func (s *seed) saml(name string, fns ...func(*model.SAMLProvider)) *model.SAMLProvider {
	p := &model.SAMLProvider{Name: s.n(name), Metadata: samlMetadata(s.n(name))}
	for _, fn := range fns {
		fn(p)
	}
	s.AddSAMLProvider(p)
	return p
}

func (e *env) oidcOf(a *model.Account, name string) *model.OIDCProvider {
	e.t.Helper()
	p := a.OIDCProvider(e.oidcName(name))
	if p == nil {
		e.t.Fatalf("Read has no OIDC provider %s", e.oidcName(name))
	}
	return p
}

func (e *env) samlOf(a *model.Account, name string) *model.SAMLProvider {
	e.t.Helper()
	p := a.SAMLProvider(e.n(name))
	if p == nil {
		e.t.Fatalf("Read has no SAML provider %s", e.n(name))
	}
	return p
}

func (e *env) oidcARN(name string) string { return model.OIDCProviderARN(e.account, e.oidcName(name)) }
func (e *env) samlARN(name string) string { return model.SAMLProviderARN(e.account, e.n(name)) }

var providerRoundTrips = map[string]func(t *testing.T, r *runner){
	"CreateOpenIDConnectProvider": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.do(&op.CreateOpenIDConnectProvider{Url: "https://" + e.oidcName("gh"), ClientIDList: []string{"sts.amazonaws.com"},
			ThumbprintList: []string{thumbprintA}, Tags: []op.Tag{{Key: "ci", Value: "github"}}})
		p := e.oidcOf(e.read(), "gh")
		if p.ARN != e.oidcARN("gh") || !slices.Equal(p.ClientIDs, []string{"sts.amazonaws.com"}) || !slices.Equal(p.Thumbprints, []string{thumbprintA}) || p.Tags["ci"] != "github" {
			t.Errorf("OIDC provider = %+v", p)
		}
		e.fails(&op.CreateOpenIDConnectProvider{Url: "https://" + e.oidcName("gh"), ClientIDList: []string{"x"}}, provider.AlreadyExists)
		e.fails(&op.CreateOpenIDConnectProvider{Url: "https://" + e.oidcName("five"), ThumbprintList: []string{
			thumbprintA, thumbprintB, "0000000000000000000000000000000000000001", "0000000000000000000000000000000000000002",
			"0000000000000000000000000000000000000003", "0000000000000000000000000000000000000004"}}, provider.LimitExceeded)
	},
	"DeleteOpenIDConnectProvider": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.oidc("gh") })
		e.do(&op.DeleteOpenIDConnectProvider{OpenIDConnectProviderArn: e.oidcARN("gh")})
		if p := e.read().OIDCProvider(e.oidcName("gh")); p != nil {
			t.Errorf("deleted OIDC provider still read: %+v", p)
		}
		e.fails(&op.DeleteOpenIDConnectProvider{OpenIDConnectProviderArn: e.oidcARN("gh")}, provider.NotFound)
	},
	"AddClientIDToOpenIDConnectProvider": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.oidc("gh") })
		e.do(&op.AddClientIDToOpenIDConnectProvider{OpenIDConnectProviderArn: e.oidcARN("gh"), ClientID: "api://deploy"})
		e.equalStrings("client ids", e.oidcOf(e.read(), "gh").ClientIDs, []string{"api://deploy", "sts.amazonaws.com"})
		e.fails(&op.AddClientIDToOpenIDConnectProvider{OpenIDConnectProviderArn: e.oidcARN("none"), ClientID: "x"}, provider.NotFound)
	},
	"RemoveClientIDFromOpenIDConnectProvider": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.oidc("gh", func(p *model.OIDCProvider) { p.ClientIDs = []string{"a", "sts.amazonaws.com"} })
		})
		e.do(&op.RemoveClientIDFromOpenIDConnectProvider{OpenIDConnectProviderArn: e.oidcARN("gh"), ClientID: "a"})
		e.equalStrings("client ids", e.oidcOf(e.read(), "gh").ClientIDs, []string{"sts.amazonaws.com"})
	},
	"UpdateOpenIDConnectProviderThumbprint": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.oidc("gh", func(p *model.OIDCProvider) { p.Thumbprints = []string{thumbprintA} })
		})
		e.do(&op.UpdateOpenIDConnectProviderThumbprint{OpenIDConnectProviderArn: e.oidcARN("gh"), ThumbprintList: []string{thumbprintB}})
		e.equalStrings("thumbprints", e.oidcOf(e.read(), "gh").Thumbprints, []string{thumbprintB})
		e.fails(&op.UpdateOpenIDConnectProviderThumbprint{OpenIDConnectProviderArn: e.oidcARN("gh"), ThumbprintList: []string{"nothex"}}, provider.InvalidInput)
	},
	"TagOpenIDConnectProvider": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.oidc("gh") })
		e.do(&op.TagOpenIDConnectProvider{OpenIDConnectProviderArn: e.oidcARN("gh"), Tags: []op.Tag{{Key: "ci", Value: "github"}}})
		if got := e.oidcOf(e.read(), "gh").Tags; len(got) != 1 || got["ci"] != "github" {
			t.Errorf("tags = %v", got)
		}
	},
	"UntagOpenIDConnectProvider": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.oidc("gh", func(p *model.OIDCProvider) { p.Tags = model.Tags{"ci": "github", "team": "x"} })
		})
		e.do(&op.UntagOpenIDConnectProvider{OpenIDConnectProviderArn: e.oidcARN("gh"), TagKeys: []string{"team"}})
		if got := e.oidcOf(e.read(), "gh").Tags; len(got) != 1 || got["ci"] != "github" {
			t.Errorf("tags = %v", got)
		}
	},
	"CreateSAMLProvider": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.do(&op.CreateSAMLProvider{Name: e.n("okta"), SAMLMetadataDocument: samlMetadata(e.n("okta")), Tags: []op.Tag{{Key: "idp", Value: "okta"}}})
		p := e.samlOf(e.read(), "okta")
		if p.ARN != e.samlARN("okta") || p.Metadata != samlMetadata(e.n("okta")) || p.Tags["idp"] != "okta" {
			t.Errorf("SAML provider = %+v", p)
		}
		e.fails(&op.CreateSAMLProvider{Name: e.n("okta"), SAMLMetadataDocument: samlMetadata(e.n("okta"))}, provider.AlreadyExists)
		e.fails(&op.CreateSAMLProvider{Name: e.n("bad"), SAMLMetadataDocument: "<EntityDescriptor/>"}, provider.InvalidInput)
	},
	"UpdateSAMLProvider": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.saml("okta") })
		e.do(&op.UpdateSAMLProvider{SAMLProviderArn: e.samlARN("okta"), SAMLMetadataDocument: samlMetadata("v2")})
		if p := e.samlOf(e.read(), "okta"); p.Metadata != samlMetadata("v2") {
			t.Errorf("metadata = %s", p.Metadata)
		}
		e.fails(&op.UpdateSAMLProvider{SAMLProviderArn: e.samlARN("none"), SAMLMetadataDocument: samlMetadata("v2")}, provider.NotFound)
	},
	"DeleteSAMLProvider": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.saml("okta") })
		e.do(&op.DeleteSAMLProvider{SAMLProviderArn: e.samlARN("okta")})
		if p := e.read().SAMLProvider(e.n("okta")); p != nil {
			t.Errorf("deleted SAML provider still read: %+v", p)
		}
		e.fails(&op.DeleteSAMLProvider{SAMLProviderArn: e.samlARN("okta")}, provider.NotFound)
	},
	"TagSAMLProvider": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.saml("okta") })
		e.do(&op.TagSAMLProvider{SAMLProviderArn: e.samlARN("okta"), Tags: []op.Tag{{Key: "idp", Value: "okta"}}})
		if got := e.samlOf(e.read(), "okta").Tags; len(got) != 1 || got["idp"] != "okta" {
			t.Errorf("tags = %v", got)
		}
	},
	"UntagSAMLProvider": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.saml("okta", func(p *model.SAMLProvider) { p.Tags = model.Tags{"idp": "okta", "team": "x"} })
		})
		e.do(&op.UntagSAMLProvider{SAMLProviderArn: e.samlARN("okta"), TagKeys: []string{"team"}})
		if got := e.samlOf(e.read(), "okta").Tags; len(got) != 1 || got["idp"] != "okta" {
			t.Errorf("tags = %v", got)
		}
	},
}
