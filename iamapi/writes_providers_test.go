package iamapi

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

const testSAMLMetadata = `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>X+zrZv/IbzjZUnhsbWlsecLbwjndTpG0ZynXOif7V+lrhrJz/zT84Z1rgE7/Wj9XR62k6qIvHUnAHlLdt4dbS9RzXjomXhbu4D9ZcYubXQMBnAfYtsUfkNo6Zm7sE6s1TgdAhWK+24tgzgXB3s/jrRa3IjCWfeAfZAt+Rym0n85LInd31N0fxhxviE9IZB0CtNEh0/0yjLCLVTH8rNq/iu8tEn3je5QrqtBhReVLDGGaHyIyey67z77Hj1Vkr+Od5/bAEXdujbfNMwtUF0/Xb30CFrYSOHpf/PuB5vCRloN5Ammb5CyKjkb7u0UBcmUX6GsixWoYn3YlptpJCBskUSxiQjLN0iF3EpTfuzEKygAKDfasi2a2ltkO8G/e+2SjGVgeJ9587QD/HOULIEfnpWfHaxy666vl7wP3wwF7tbdKRNwVNkIEqA/oDpA5RVzBYIKBgg/isk8eUjOt5q8d1U/IKyauy0fShoxO++NYFzKj58vMbC77MgYsCBcKBe64a1HUMd9dfxQcvs7M957fPdhhw7QGnwsRZho+76y7qRg/26NfBNyMRimGyZK8+HVUYlcRMHKpCcFi9+Rw5YHieIUnqJHiJBNpUP8yyiErRbyT9p+7gBw7Hr7axSd1+Z5h5in6ZZjXMnaPfHJrS2IShfnDuFMDkAqpEgF9t2F9i9uxfvbRnHpbHug7kHxZVSbcsesG24In1lDV3aCp9M6M2UUjVA8VBM0XEAxINehbfu/UmRFYD47/8Fmajyg75rnjTslZn8ID0XajAVNsLgkaGbyFJ1myVb1oGIEKQsX+0UqUAPGyHLUn1/o9Pqu6k1V6GOvnospORxz+XkxbTKf3Z/XKOPdIodbq9ya4pC+1dcPHHxhkqBQzAXgt4T2i2SAr</X509Certificate></X509Data></KeyInfo></KeyDescriptor></IDPSSODescriptor></EntityDescriptor>`

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
