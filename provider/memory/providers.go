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

// withOIDC and withSAML run fn on the provider an ARN names, or fail as
// IAM does when there is none.
func (a *Account) withOIDC(arn string, fn func(*OIDCProvider) error) error {
	p, _ := a.st.ProviderByARN(arn)
	if p == nil {
		return fail(provider.NotFound, "OpenIDConnect Provider not found for arn %s", arn)
	}
	return fn(p)
}

func (a *Account) withSAML(arn string, fn func(*SAMLProvider) error) error {
	_, p := a.st.ProviderByARN(arn)
	if p == nil {
		return fail(provider.NotFound, "Manifest not found for arn %s", arn)
	}
	return fn(p)
}

// doProvider carries out the calls on identity providers.
func (a *Account) doProvider(o op.Op) error {
	switch o := o.(type) {
	case *op.CreateOpenIDConnectProvider:
		return a.createOIDCProvider(o)
	case *op.DeleteOpenIDConnectProvider:
		return a.withOIDC(o.OpenIDConnectProviderArn, func(p *OIDCProvider) error {
			delete(a.st.OIDCProviders, model.Fold(p.Name))
			return nil
		})
	case *op.AddClientIDToOpenIDConnectProvider:
		return a.withOIDC(o.OpenIDConnectProviderArn, func(p *OIDCProvider) error { return addClientID(p, o.ClientID) })
	case *op.RemoveClientIDFromOpenIDConnectProvider:
		return a.withOIDC(o.OpenIDConnectProviderArn, func(p *OIDCProvider) error {
			p.ClientIDs = slices.DeleteFunc(p.ClientIDs, func(id string) bool { return id == o.ClientID })
			if len(p.ClientIDs) == 0 {
				p.ClientIDs = nil
			}
			return nil
		})
	case *op.UpdateOpenIDConnectProviderThumbprint:
		return a.withOIDC(o.OpenIDConnectProviderArn, func(p *OIDCProvider) error {
			list, err := thumbprints(o.ThumbprintList)
			if err == nil {
				p.Thumbprints = list
			}
			return err
		})
	case *op.TagOpenIDConnectProvider:
		return a.withOIDC(o.OpenIDConnectProviderArn, func(p *OIDCProvider) error { return a.tag(&p.Tags, o.Tags, true) })
	case *op.UntagOpenIDConnectProvider:
		return a.withOIDC(o.OpenIDConnectProviderArn, func(p *OIDCProvider) error { return untag(&p.Tags, o.TagKeys, true) })
	case *op.CreateSAMLProvider:
		return a.createSAMLProvider(o)
	case *op.UpdateSAMLProvider:
		return a.withSAML(o.SAMLProviderArn, func(p *SAMLProvider) error {
			if err := model.CheckSAMLMetadata(o.SAMLMetadataDocument); err != nil {
				return invalid("Could not parse metadata: %s.", err)
			}
			p.Metadata = o.SAMLMetadataDocument
			return nil
		})
	case *op.DeleteSAMLProvider:
		return a.withSAML(o.SAMLProviderArn, func(p *SAMLProvider) error {
			delete(a.st.SAMLProviders, model.Fold(p.Name))
			return nil
		})
	case *op.TagSAMLProvider:
		return a.withSAML(o.SAMLProviderArn, func(p *SAMLProvider) error { return a.tag(&p.Tags, o.Tags, true) })
	case *op.UntagSAMLProvider:
		return a.withSAML(o.SAMLProviderArn, func(p *SAMLProvider) error { return untag(&p.Tags, o.TagKeys, true) })
	}
	return &provider.Error{Code: provider.Unsupported, Message: "the memory account does not know the operation " + o.Action()}
}

// addClientID adds a client id to a provider; one it has already is no
// error, as in IAM.
func addClientID(p *OIDCProvider, id string) error {
	if err := model.CheckClientID(id); err != nil {
		return invalid("%s.", err)
	}
	if slices.Contains(p.ClientIDs, id) {
		return nil
	}
	if len(p.ClientIDs) >= model.ClientIDsPerOIDCProvider {
		return quota("ClientIDsPerOpenIdConnectProvider", model.ClientIDsPerOIDCProvider)
	}
	p.ClientIDs = append(p.ClientIDs, id)
	slices.Sort(p.ClientIDs)
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
	if err := loadWhole("OIDC provider", f.OIDCProviders, s.OIDCProviders, model.CheckOIDCProviderName, func(p *OIDCProvider) string { return p.Name }); err != nil {
		return err
	}
	return loadWhole("SAML provider", f.SAMLProviders, s.SAMLProviders, model.CheckSAMLProviderName, func(p *SAMLProvider) string { return p.Name })
}

// loadWhole checks the entities of a state file's list (what names them
// in messages) and adds them to m by folded name.
func loadWhole[T any](what string, list []*T, m map[string]*T, check func(string) error, nameOf func(*T) string) error {
	for _, x := range list {
		if x == nil {
			return fmt.Errorf("%ss: null entry", what)
		}
		name := nameOf(x)
		if err := check(name); err != nil {
			return fmt.Errorf("%s %q: %v", what, name, err)
		}
		if m[model.Fold(name)] != nil {
			return fmt.Errorf("%s %q is listed twice", what, name)
		}
		m[model.Fold(name)] = x
	}
	return nil
}

func (r *reader) oidcProvider(p *OIDCProvider) { r.tagged(p, &p.Tags) }
func (r *reader) samlProvider(p *SAMLProvider) { r.tagged(p, &p.Tags) }

// tagged reads an object whose fields are simple but for its tags.
func (r *reader) tagged(v any, tags *[]Tag) {
	r.object(func(key []byte) {
		switch string(key) {
		case "tags":
			*tags = values(r, (*reader).tag)
		default:
			if !r.simpleField(v, key) {
				r.unknown(key)
			}
		}
	})
}
