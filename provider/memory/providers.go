package memory

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// OIDCProvider is an OpenID Connect identity provider. Name is its URL
// without https://, as its ARN holds it.
type OIDCProvider struct {
	Name        string    `json:"name"`
	CreateDate  time.Time `json:"create_date"`
	ClientIDs   []string  `json:"client_ids,omitempty"`
	Thumbprints []string  `json:"thumbprints,omitempty"`
	Tags        []Tag     `json:"tags,omitempty"`
}

// SAMLProvider is a SAML identity provider with its metadata document.
type SAMLProvider struct {
	Name       string    `json:"name"`
	CreateDate time.Time `json:"create_date"`
	Metadata   string    `json:"metadata"`
	Tags       []Tag     `json:"tags,omitempty"`
}

// OIDCProvider returns the OIDC provider of that name, or nil.
func (s *State) OIDCProvider(name string) *OIDCProvider { return s.OIDCProviders[model.Fold(name)] }

// SAMLProvider returns the SAML provider of that name, or nil.
func (s *State) SAMLProvider(name string) *SAMLProvider { return s.SAMLProviders[model.Fold(name)] }

// SortedOIDCProviders and SortedSAMLProviders return the providers
// ordered by folded name.
func (s *State) SortedOIDCProviders() []*OIDCProvider { return model.SortedValues(s.OIDCProviders) }
func (s *State) SortedSAMLProviders() []*SAMLProvider { return model.SortedValues(s.SAMLProviders) }

// OIDCProviderARN and SAMLProviderARN give the providers' ARNs.
func (s *State) OIDCProviderARN(p *OIDCProvider) string {
	return model.OIDCProviderARN(s.AccountID, p.Name)
}
func (s *State) SAMLProviderARN(p *SAMLProvider) string {
	return model.SAMLProviderARN(s.AccountID, p.Name)
}

// ProviderByARN finds the identity provider an ARN names in this account:
// an OIDC or a SAML provider, or neither.
func (s *State) ProviderByARN(arn string) (*OIDCProvider, *SAMLProvider) {
	k, name, ok := model.ProviderNameFromARN(arn)
	if !ok || !strings.HasPrefix(arn, "arn:aws:iam::"+s.AccountID+":") {
		return nil, nil
	}
	if k == model.KindOIDCProvider {
		return s.OIDCProvider(name), nil
	}
	return nil, s.SAMLProvider(name)
}

func (a *Account) oidcByARN(arn string) (*OIDCProvider, error) {
	p, _ := a.st.ProviderByARN(arn)
	if p == nil {
		return nil, fail(provider.NotFound, "OpenIDConnect Provider not found for arn %s", arn)
	}
	return p, nil
}

func (a *Account) samlByARN(arn string) (*SAMLProvider, error) {
	_, p := a.st.ProviderByARN(arn)
	if p == nil {
		return nil, fail(provider.NotFound, "Manifest not found for arn %s", arn)
	}
	return p, nil
}

// doProvider carries out the calls on identity providers.
func (a *Account) doProvider(o op.Op) error {
	switch o := o.(type) {
	case *op.CreateOpenIDConnectProvider:
		return a.createOIDCProvider(o)
	case *op.DeleteOpenIDConnectProvider:
		p, err := a.oidcByARN(o.OpenIDConnectProviderArn)
		if err != nil {
			return err
		}
		delete(a.st.OIDCProviders, model.Fold(p.Name))
	case *op.AddClientIDToOpenIDConnectProvider:
		p, err := a.oidcByARN(o.OpenIDConnectProviderArn)
		if err != nil {
			return err
		}
		if err := model.CheckClientID(o.ClientID); err != nil {
			return invalid("%s.", err)
		}
		if slices.Contains(p.ClientIDs, o.ClientID) {
			return nil // IAM: adding a client id that is there is no error
		}
		if len(p.ClientIDs) >= model.ClientIDsPerOIDCProvider {
			return quota("ClientIDsPerOpenIdConnectProvider", model.ClientIDsPerOIDCProvider)
		}
		p.ClientIDs = append(p.ClientIDs, o.ClientID)
		slices.Sort(p.ClientIDs)
	case *op.RemoveClientIDFromOpenIDConnectProvider:
		p, err := a.oidcByARN(o.OpenIDConnectProviderArn)
		if err != nil {
			return err
		}
		p.ClientIDs = slices.DeleteFunc(p.ClientIDs, func(id string) bool { return id == o.ClientID })
		if len(p.ClientIDs) == 0 {
			p.ClientIDs = nil
		}
	case *op.UpdateOpenIDConnectProviderThumbprint:
		p, err := a.oidcByARN(o.OpenIDConnectProviderArn)
		if err != nil {
			return err
		}
		list, err := thumbprints(o.ThumbprintList)
		if err != nil {
			return err
		}
		p.Thumbprints = list
	case *op.TagOpenIDConnectProvider:
		p, err := a.oidcByARN(o.OpenIDConnectProviderArn)
		if err != nil {
			return err
		}
		return a.tag(&p.Tags, o.Tags, true)
	case *op.UntagOpenIDConnectProvider:
		p, err := a.oidcByARN(o.OpenIDConnectProviderArn)
		if err != nil {
			return err
		}
		return untag(&p.Tags, o.TagKeys, true)
	case *op.CreateSAMLProvider:
		return a.createSAMLProvider(o)
	case *op.UpdateSAMLProvider:
		p, err := a.samlByARN(o.SAMLProviderArn)
		if err != nil {
			return err
		}
		if err := model.CheckSAMLMetadata(o.SAMLMetadataDocument); err != nil {
			return invalid("Could not parse metadata: %s.", err)
		}
		p.Metadata = o.SAMLMetadataDocument
	case *op.DeleteSAMLProvider:
		p, err := a.samlByARN(o.SAMLProviderArn)
		if err != nil {
			return err
		}
		delete(a.st.SAMLProviders, model.Fold(p.Name))
	case *op.TagSAMLProvider:
		p, err := a.samlByARN(o.SAMLProviderArn)
		if err != nil {
			return err
		}
		return a.tag(&p.Tags, o.Tags, true)
	case *op.UntagSAMLProvider:
		p, err := a.samlByARN(o.SAMLProviderArn)
		if err != nil {
			return err
		}
		return untag(&p.Tags, o.TagKeys, true)
	default:
		return &provider.Error{Code: provider.Unsupported, Message: "the memory account does not know the operation " + o.Action()}
	}
	return nil
}

// thumbprints checks a list of thumbprints (at most 5 of 40 hexadecimal
// digits) and returns it in lower case, sorted.
func thumbprints(in []string) ([]string, error) {
	if len(in) > model.ThumbprintsPerOIDCProvider {
		return nil, quota("ThumbprintsPerOpenIdConnectProvider", model.ThumbprintsPerOIDCProvider)
	}
	var out []string
	for _, t := range in {
		if err := model.CheckThumbprint(t); err != nil {
			return nil, invalid("%s.", err)
		}
		out = append(out, strings.ToLower(t))
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func (a *Account) createOIDCProvider(o *op.CreateOpenIDConnectProvider) error {
	name, err := model.OIDCProviderName(o.Url)
	if err != nil {
		return invalid("%s.", err)
	}
	if a.st.OIDCProvider(name) != nil {
		return fail(provider.AlreadyExists, "Provider with url %s already exists.", o.Url)
	}
	if len(a.st.OIDCProviders) >= model.OIDCProvidersPerAccount {
		return quota("OpenIdConnectProvidersPerAccount", model.OIDCProvidersPerAccount)
	}
	if len(o.ClientIDList) > model.ClientIDsPerOIDCProvider {
		return quota("ClientIDsPerOpenIdConnectProvider", model.ClientIDsPerOIDCProvider)
	}
	for _, id := range o.ClientIDList {
		if err := model.CheckClientID(id); err != nil {
			return invalid("%s.", err)
		}
	}
	prints, err := thumbprints(o.ThumbprintList)
	if err != nil {
		return err
	}
	tags, err := mergeTags(nil, o.Tags, true, a.st.Quotas.TagsPerEntity)
	if err != nil {
		return err
	}
	ids := slices.Compact(slices.Sorted(slices.Values(o.ClientIDList)))
	a.st.OIDCProviders[model.Fold(name)] = &OIDCProvider{Name: name, CreateDate: a.now(), ClientIDs: ids, Thumbprints: prints, Tags: tags}
	return nil
}

func (a *Account) createSAMLProvider(o *op.CreateSAMLProvider) error {
	if err := model.CheckSAMLProviderName(o.Name); err != nil {
		return invalid("%s.", err)
	}
	if err := model.CheckSAMLMetadata(o.SAMLMetadataDocument); err != nil {
		return invalid("Could not parse metadata: %s.", err)
	}
	if a.st.SAMLProvider(o.Name) != nil {
		return fail(provider.AlreadyExists, "SAMLProvider %s already exists.", o.Name)
	}
	if len(a.st.SAMLProviders) >= model.SAMLProvidersPerAccount {
		return quota("SAMLProvidersPerAccount", model.SAMLProvidersPerAccount)
	}
	tags, err := mergeTags(nil, o.Tags, true, a.st.Quotas.TagsPerEntity)
	if err != nil {
		return err
	}
	a.st.SAMLProviders[model.Fold(o.Name)] = &SAMLProvider{Name: o.Name, CreateDate: a.now(), Metadata: o.SAMLMetadataDocument, Tags: tags}
	return nil
}

// modelProviders adds the state's identity providers to the model m.
func (s *State) modelProviders(m *model.Account) {
	for _, p := range s.OIDCProviders {
		m.AddOIDCProvider(&model.OIDCProvider{
			Name: p.Name, ARN: s.OIDCProviderARN(p), ClientIDs: slices.Clone(p.ClientIDs),
			Thumbprints: slices.Clone(p.Thumbprints), Tags: tagMap(p.Tags),
		})
	}
	for _, p := range s.SAMLProviders {
		m.AddSAMLProvider(&model.SAMLProvider{Name: p.Name, ARN: s.SAMLProviderARN(p), Metadata: p.Metadata, Tags: tagMap(p.Tags)})
	}
}

// seedProviders adds m's identity providers to a state being seeded.
func (s *State) seedProviders(m *model.Account, now time.Time) error {
	for _, mp := range m.SortedOIDCProviders() {
		if err := model.CheckOIDCProvider(mp); err != nil {
			return fmt.Errorf("OIDC provider %q: %v", mp.Name, err)
		}
		prints, err := thumbprints(mp.Thumbprints)
		if err != nil {
			return fmt.Errorf("OIDC provider %q: %v", mp.Name, err)
		}
		s.OIDCProviders[model.Fold(mp.Name)] = &OIDCProvider{
			Name: mp.Name, CreateDate: now, ClientIDs: slices.Sorted(slices.Values(mp.ClientIDs)), Thumbprints: prints, Tags: seedTags(mp.Tags),
		}
	}
	for _, mp := range m.SortedSAMLProviders() {
		if err := model.CheckSAMLProvider(mp); err != nil {
			return fmt.Errorf("SAML provider %q: %v", mp.Name, err)
		}
		s.SAMLProviders[model.Fold(mp.Name)] = &SAMLProvider{Name: mp.Name, CreateDate: now, Metadata: mp.Metadata, Tags: seedTags(mp.Tags)}
	}
	return nil
}

// loadProviders checks and adds the identity providers of a state file.
func (s *State) loadProviders(f *stateFile) error {
	for _, p := range f.OIDCProviders {
		if p == nil {
			return fmt.Errorf("oidc_providers: null entry")
		}
		if err := model.CheckOIDCProviderName(p.Name); err != nil {
			return fmt.Errorf("OIDC provider %q: %v", p.Name, err)
		}
		if s.OIDCProvider(p.Name) != nil {
			return fmt.Errorf("OIDC provider %q is listed twice", p.Name)
		}
		s.OIDCProviders[model.Fold(p.Name)] = p
	}
	for _, p := range f.SAMLProviders {
		if p == nil {
			return fmt.Errorf("saml_providers: null entry")
		}
		if err := model.CheckSAMLProviderName(p.Name); err != nil {
			return fmt.Errorf("SAML provider %q: %v", p.Name, err)
		}
		if s.SAMLProvider(p.Name) != nil {
			return fmt.Errorf("SAML provider %q is listed twice", p.Name)
		}
		s.SAMLProviders[model.Fold(p.Name)] = p
	}
	return nil
}

func (r *reader) oidcProvider(p *OIDCProvider) {
	r.object(func(key []byte) {
		switch string(key) {
		case "tags":
			p.Tags = values(r, (*reader).tag)
		default:
			if !r.simpleField(p, key) {
				r.unknown(key)
			}
		}
	})
}

func (r *reader) samlProvider(p *SAMLProvider) {
	r.object(func(key []byte) {
		switch string(key) {
		case "tags":
			p.Tags = values(r, (*reader).tag)
		default:
			if !r.simpleField(p, key) {
				r.unknown(key)
			}
		}
	})
}
