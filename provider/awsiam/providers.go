package awsiam

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"golang.org/x/sync/errgroup"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// readProviders reads the identity providers: one ListOpenIDConnectProviders
// and one ListSAMLProviders (IAM does not page them), then one
// GetOpenIDConnectProvider or GetSAMLProvider per provider, which answer
// the client ids, thumbprints, metadata and tags.
func (p *Provider) readProviders(ctx context.Context, acct *model.Account) error {
	oidc, err := p.iam.ListOpenIDConnectProviders(ctx, &iam.ListOpenIDConnectProvidersInput{})
	if err != nil {
		return readError("ListOpenIDConnectProviders", model.Address{}, err)
	}
	saml, err := p.iam.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{})
	if err != nil {
		return readError("ListSAMLProviders", model.Address{}, err)
	}
	oidcs := make([]*model.OIDCProvider, len(oidc.OpenIDConnectProviderList))
	samls := make([]*model.SAMLProvider, len(saml.SAMLProviderList))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(readWorkers)
	for i, e := range oidc.OpenIDConnectProviderList {
		g.Go(func() (err error) { oidcs[i], err = p.readOIDC(gctx, deref(e.Arn)); return err })
	}
	for i, e := range saml.SAMLProviderList {
		g.Go(func() (err error) { samls[i], err = p.readSAML(gctx, deref(e.Arn)); return err })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for _, x := range oidcs {
		if err := acct.InsertOIDCProvider(x); err != nil {
			return invalidAnswer("ListOpenIDConnectProviders", model.KindOIDCProvider, x.Name, x.ARN, err)
		}
	}
	for _, x := range samls {
		if err := acct.InsertSAMLProvider(x); err != nil {
			return invalidAnswer("ListSAMLProviders", model.KindSAMLProvider, x.Name, x.ARN, err)
		}
	}
	return nil
}

func (p *Provider) readOIDC(ctx context.Context, arn string) (*model.OIDCProvider, error) {
	_, name, _ := model.ProviderNameFromARN(arn)
	addr := model.OIDCProviderAddr(name)
	out, err := p.iam.GetOpenIDConnectProvider(withCallInfo(ctx, &callInfo{target: addr}), &iam.GetOpenIDConnectProviderInput{OpenIDConnectProviderArn: &arn})
	if err != nil {
		return nil, readError("GetOpenIDConnectProvider", addr, err)
	}
	x := &model.OIDCProvider{Name: name, ARN: arn, ClientIDs: sortedCopy(out.ClientIDList), Tags: tagMap(out.Tags)}
	for _, t := range out.ThumbprintList {
		x.Thumbprints = append(x.Thumbprints, strings.ToLower(t))
	}
	slices.Sort(x.Thumbprints)
	if err := model.CheckOIDCProvider(x); err != nil {
		return nil, invalidAnswer("GetOpenIDConnectProvider", model.KindOIDCProvider, name, arn, err)
	}
	return x, nil
}

func (p *Provider) readSAML(ctx context.Context, arn string) (*model.SAMLProvider, error) {
	_, name, _ := model.ProviderNameFromARN(arn)
	addr := model.SAMLProviderAddr(name)
	out, err := p.iam.GetSAMLProvider(withCallInfo(ctx, &callInfo{target: addr}), &iam.GetSAMLProviderInput{SAMLProviderArn: &arn})
	if err != nil {
		return nil, readError("GetSAMLProvider", addr, err)
	}
	x := &model.SAMLProvider{Name: name, ARN: arn, Metadata: deref(out.SAMLMetadataDocument), Tags: tagMap(out.Tags)}
	if err := model.CheckSAMLProvider(x); err != nil {
		return nil, invalidAnswer("GetSAMLProvider", model.KindSAMLProvider, name, arn, err)
	}
	return x, nil
}

func sortedCopy(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	return slices.Sorted(slices.Values(in))
}

// sendProvider makes the SDK call of an identity provider's op; for the
// creates it returns the new provider's ARN.
func (p *Provider) sendProvider(ctx context.Context, o op.Op) (arn string, err error) {
	c := p.iam
	switch o := o.(type) {
	case *op.CreateOpenIDConnectProvider:
		out, err := c.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: &o.Url, ClientIDList: o.ClientIDList, ThumbprintList: o.ThumbprintList, Tags: tags(o.Tags)})
		if err != nil {
			return "", err
		}
		return deref(out.OpenIDConnectProviderArn), nil
	case *op.DeleteOpenIDConnectProvider:
		_, err = c.DeleteOpenIDConnectProvider(ctx, &iam.DeleteOpenIDConnectProviderInput{OpenIDConnectProviderArn: &o.OpenIDConnectProviderArn})
	case *op.AddClientIDToOpenIDConnectProvider:
		_, err = c.AddClientIDToOpenIDConnectProvider(ctx, &iam.AddClientIDToOpenIDConnectProviderInput{OpenIDConnectProviderArn: &o.OpenIDConnectProviderArn, ClientID: &o.ClientID})
	case *op.RemoveClientIDFromOpenIDConnectProvider:
		_, err = c.RemoveClientIDFromOpenIDConnectProvider(ctx, &iam.RemoveClientIDFromOpenIDConnectProviderInput{OpenIDConnectProviderArn: &o.OpenIDConnectProviderArn, ClientID: &o.ClientID})
	case *op.UpdateOpenIDConnectProviderThumbprint:
		_, err = c.UpdateOpenIDConnectProviderThumbprint(ctx, &iam.UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: &o.OpenIDConnectProviderArn, ThumbprintList: o.ThumbprintList})
	case *op.TagOpenIDConnectProvider:
		_, err = c.TagOpenIDConnectProvider(ctx, &iam.TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: &o.OpenIDConnectProviderArn, Tags: tags(o.Tags)})
	case *op.UntagOpenIDConnectProvider:
		_, err = c.UntagOpenIDConnectProvider(ctx, &iam.UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: &o.OpenIDConnectProviderArn, TagKeys: o.TagKeys})
	case *op.CreateSAMLProvider:
		out, err := c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: &o.Name, SAMLMetadataDocument: &o.SAMLMetadataDocument, Tags: tags(o.Tags)})
		if err != nil {
			return "", err
		}
		return deref(out.SAMLProviderArn), nil
	case *op.UpdateSAMLProvider:
		_, err = c.UpdateSAMLProvider(ctx, &iam.UpdateSAMLProviderInput{SAMLProviderArn: &o.SAMLProviderArn, SAMLMetadataDocument: &o.SAMLMetadataDocument})
	case *op.DeleteSAMLProvider:
		_, err = c.DeleteSAMLProvider(ctx, &iam.DeleteSAMLProviderInput{SAMLProviderArn: &o.SAMLProviderArn})
	case *op.TagSAMLProvider:
		_, err = c.TagSAMLProvider(ctx, &iam.TagSAMLProviderInput{SAMLProviderArn: &o.SAMLProviderArn, Tags: tags(o.Tags)})
	case *op.UntagSAMLProvider:
		_, err = c.UntagSAMLProvider(ctx, &iam.UntagSAMLProviderInput{SAMLProviderArn: &o.SAMLProviderArn, TagKeys: o.TagKeys})
	}
	return "", err
}
