package iamapi

import (
	"time"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider/memory"
)

// The identity providers' reads: ListOpenIDConnectProviders and
// ListSAMLProviders answer every provider at once (IAM does not page
// them); the Get calls and the tag lists answer one.

func listOpenIDConnectProviders(c *call) error {
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		ps := s.SortedOIDCProviders()
		c.body.list("OpenIDConnectProviderList", len(ps), func(i int) { c.body.text("Arn", s.OIDCProviderARN(ps[i])) })
		return nil
	})
}

func (c *call) oidcProvider(s *memory.State, arn string) (*memory.OIDCProvider, error) {
	p, _ := s.ProviderByARN(arn)
	if p == nil {
		return nil, noSuchEntity("OpenIDConnect Provider not found for arn %s", arn)
	}
	return p, nil
}

func (c *call) samlProvider(s *memory.State, arn string) (*memory.SAMLProvider, error) {
	_, p := s.ProviderByARN(arn)
	if p == nil {
		return nil, noSuchEntity("Manifest not found for arn %s", arn)
	}
	return p, nil
}

func getOpenIDConnectProvider(c *call) error {
	arn := c.f.str("OpenIDConnectProviderArn", true)
	if e := c.f.done(); e != nil {
		return e
	}
	return viewNamed(c, arn, c.oidcProvider, func(s *memory.State, p *memory.OIDCProvider) error {
		c.body.text("Url", p.Name)
		c.body.strings("ClientIDList", p.ClientIDs)
		c.body.strings("ThumbprintList", p.Thumbprints)
		c.body.date("CreateDate", p.CreateDate)
		writeTags(&c.body, p.Tags)
		return nil
	})
}

func listOpenIDConnectProviderTags(c *call) error {
	arn, pg, err := c.entityParam("OpenIDConnectProviderArn", true)
	if err != nil {
		return err
	}
	return viewNamed(c, arn, c.oidcProvider, func(s *memory.State, p *memory.OIDCProvider) error {
		writeTagPage(c, pg, p.Tags)
		return nil
	})
}

// samlValidUntil is what ListSAMLProviders and GetSAMLProvider answer as
// ValidUntil: the memory account does not read the metadata's
// validUntil, and AWS's default is a hundred years from creation.
func samlValidUntil(p *memory.SAMLProvider) time.Time { return p.CreateDate.AddDate(100, 0, 0) }

func listSAMLProviders(c *call) error {
	if e := c.f.done(); e != nil {
		return e
	}
	return c.view(func(s *memory.State) error {
		ps := s.SortedSAMLProviders()
		c.body.list("SAMLProviderList", len(ps), func(i int) {
			c.body.text("Arn", s.SAMLProviderARN(ps[i]))
			c.body.date("ValidUntil", samlValidUntil(ps[i]))
			c.body.date("CreateDate", ps[i].CreateDate)
		})
		return nil
	})
}

func getSAMLProvider(c *call) error {
	arn := c.f.str("SAMLProviderArn", true)
	if e := c.f.done(); e != nil {
		return e
	}
	return viewNamed(c, arn, c.samlProvider, func(s *memory.State, p *memory.SAMLProvider) error {
		c.body.text("SAMLMetadataDocument", p.Metadata)
		c.body.date("CreateDate", p.CreateDate)
		c.body.date("ValidUntil", samlValidUntil(p))
		writeTags(&c.body, p.Tags)
		return nil
	})
}

func listSAMLProviderTags(c *call) error {
	arn, pg, err := c.entityParam("SAMLProviderArn", true)
	if err != nil {
		return err
	}
	return viewNamed(c, arn, c.samlProvider, func(s *memory.State, p *memory.SAMLProvider) error {
		writeTagPage(c, pg, p.Tags)
		return nil
	})
}

// providerResult writes the result of CreateOpenIDConnectProvider and
// CreateSAMLProvider: the new provider's ARN, and its tags.
func (c *call) providerResult(o op.Op, s *memory.State) error {
	w := &c.body
	switch o := o.(type) {
	case *op.CreateOpenIDConnectProvider:
		p := s.OIDCProvider(o.Target().Name)
		if p == nil {
			return errGone("OpenID Connect provider", o.Url)
		}
		w.text("OpenIDConnectProviderArn", s.OIDCProviderARN(p))
		writeTags(w, p.Tags)
	case *op.CreateSAMLProvider:
		p := s.SAMLProvider(o.Name)
		if p == nil {
			return errGone("SAML provider", o.Name)
		}
		w.text("SAMLProviderArn", s.SAMLProviderARN(p))
		writeTags(w, p.Tags)
	case *op.UpdateSAMLProvider:
		w.text("SAMLProviderArn", o.SAMLProviderArn)
	}
	return nil
}

// providerReads are the read actions of this file, for readActions.
func providerReads() map[string]func(*call) error {
	return map[string]func(*call) error{
		"ListOpenIDConnectProviders":    listOpenIDConnectProviders,
		"GetOpenIDConnectProvider":      getOpenIDConnectProvider,
		"ListOpenIDConnectProviderTags": listOpenIDConnectProviderTags,
		"ListSAMLProviders":             listSAMLProviders,
		"GetSAMLProvider":               getSAMLProvider,
		"ListSAMLProviderTags":          listSAMLProviderTags,
	}
}
