package iamapi

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

var testSAMLMetadata = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>` + strings.Repeat("MIIDpDCCAoygAwIBAgIGAXoMpl1zMA0GCSqGSIb3DQEBCwUA", 20) + `</X509Certificate></X509Data></KeyInfo></KeyDescriptor></IDPSSODescriptor></EntityDescriptor>`

// testProviderWrites makes, changes, reads and deletes an OIDC and a SAML
// provider over the SDK.
func testProviderWrites(ctx context.Context, t *testing.T, c *iam.Client) {
	t.Helper()
	s := func(v string) *string { return &v }
	const thumb = "990f4193972f2becf12ddeda5237f9c952f20d9e"
	oidc := must[*iam.CreateOpenIDConnectProviderOutput](t)(c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{
		Url: s("https://token.actions.githubusercontent.com"), ClientIDList: []string{"sts.amazonaws.com"},
		Tags: []types.Tag{{Key: s("ci"), Value: s("github")}},
	}))
	arn := *oidc.OpenIDConnectProviderArn
	if arn != "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" {
		t.Fatalf("CreateOpenIDConnectProvider = %s", arn)
	}
	must[*iam.AddClientIDToOpenIDConnectProviderOutput](t)(c.AddClientIDToOpenIDConnectProvider(ctx, &iam.AddClientIDToOpenIDConnectProviderInput{OpenIDConnectProviderArn: &arn, ClientID: s("api://x")}))
	must[*iam.RemoveClientIDFromOpenIDConnectProviderOutput](t)(c.RemoveClientIDFromOpenIDConnectProvider(ctx, &iam.RemoveClientIDFromOpenIDConnectProviderInput{OpenIDConnectProviderArn: &arn, ClientID: s("sts.amazonaws.com")}))
	must[*iam.UpdateOpenIDConnectProviderThumbprintOutput](t)(c.UpdateOpenIDConnectProviderThumbprint(ctx, &iam.UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: &arn, ThumbprintList: []string{thumb}}))
	must[*iam.TagOpenIDConnectProviderOutput](t)(c.TagOpenIDConnectProvider(ctx, &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: &arn, Tags: []types.Tag{{Key: s("team"), Value: s("ci")}}}))
	must[*iam.UntagOpenIDConnectProviderOutput](t)(c.UntagOpenIDConnectProvider(ctx, &iam.UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: &arn, TagKeys: []string{"ci"}}))
	got := must[*iam.GetOpenIDConnectProviderOutput](t)(c.GetOpenIDConnectProvider(ctx, &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: &arn}))
	if *got.Url != "token.actions.githubusercontent.com" || len(got.ClientIDList) != 1 || got.ClientIDList[0] != "api://x" ||
		len(got.ThumbprintList) != 1 || got.ThumbprintList[0] != thumb || len(got.Tags) != 1 || *got.Tags[0].Key != "team" {
		t.Fatalf("GetOpenIDConnectProvider = %+v", got)
	}
	list := must[*iam.ListOpenIDConnectProvidersOutput](t)(c.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{}))
	if len(list.OpenIDConnectProviderList) != 1 || *list.OpenIDConnectProviderList[0].Arn != arn {
		t.Fatalf("ListOpenIDConnectProviders = %+v", list.OpenIDConnectProviderList)
	}
	must[*iam.DeleteOpenIDConnectProviderOutput](t)(c.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: &arn}))

	saml := must[*iam.CreateSAMLProviderOutput](t)(c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{
		Name: s("okta"), SAMLMetadataDocument: s(testSAMLMetadata), Tags: []types.Tag{{Key: s("idp"), Value: s("okta")}},
	}))
	sarn := *saml.SAMLProviderArn
	if sarn != "arn:aws:iam::123456789012:saml-provider/okta" {
		t.Fatalf("CreateSAMLProvider = %s", sarn)
	}
	must[*iam.UpdateSAMLProviderOutput](t)(c.UpdateSAMLProvider(ctx, &iam.UpdateSAMLProviderInput{SAMLProviderArn: &sarn, SAMLMetadataDocument: s(testSAMLMetadata + "\n")}))
	must[*iam.TagSAMLProviderOutput](t)(c.TagSAMLProvider(ctx, &iam.TagSAMLProviderInput{SAMLProviderArn: &sarn, Tags: []types.Tag{{Key: s("team"), Value: s("it")}}}))
	must[*iam.UntagSAMLProviderOutput](t)(c.UntagSAMLProvider(ctx, &iam.UntagSAMLProviderInput{SAMLProviderArn: &sarn, TagKeys: []string{"idp"}}))
	gs := must[*iam.GetSAMLProviderOutput](t)(c.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: &sarn}))
	if *gs.SAMLMetadataDocument != testSAMLMetadata+"\n" || len(gs.Tags) != 1 || *gs.Tags[0].Key != "team" {
		t.Fatalf("GetSAMLProvider = %+v", gs)
	}
	tags := must[*iam.ListSAMLProviderTagsOutput](t)(c.ListSAMLProviderTags(ctx, &iam.ListSAMLProviderTagsInput{SAMLProviderArn: &sarn}))
	if len(tags.Tags) != 1 {
		t.Fatalf("ListSAMLProviderTags = %s", tagString(tags.Tags))
	}
	sl := must[*iam.ListSAMLProvidersOutput](t)(c.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{}))
	if len(sl.SAMLProviderList) != 1 || *sl.SAMLProviderList[0].Arn != sarn {
		t.Fatalf("ListSAMLProviders = %+v", sl.SAMLProviderList)
	}
	must[*iam.DeleteSAMLProviderOutput](t)(c.DeleteSAMLProvider(ctx, &iam.DeleteSAMLProviderInput{SAMLProviderArn: &sarn}))
}
