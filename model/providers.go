package model

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// The identity providers of an account: OpenID Connect and SAML. Like
// instance profiles they are managed only when a configuration declares
// one of their kind; they have no path, so a declared kind is in scope
// as a whole.
const (
	KindOIDCProvider Kind = "oidc_provider"
	KindSAMLProvider Kind = "saml_provider"
)

// IAM's limits on identity providers.
const (
	OIDCProvidersPerAccount    = 100
	SAMLProvidersPerAccount    = 100
	ClientIDsPerOIDCProvider   = 100
	ThumbprintsPerOIDCProvider = 5
	MaxOIDCURLLen              = 255
	MaxClientIDLen             = 255
	MaxSAMLProviderNameLen     = 128
	// MinSAMLMetadataLen and MaxSAMLMetadataLen are the lengths IAM
	// allows a SAML metadata document (a real one holds a certificate).
	MinSAMLMetadataLen = 1000
	MaxSAMLMetadataLen = 10000000
)

// OIDCProvider is an OpenID Connect identity provider. Its Name is its
// URL without the scheme (token.actions.githubusercontent.com), as IAM
// writes it in the provider's ARN; it identifies the provider.
type OIDCProvider struct {
	Name        string   `json:"name"`
	ARN         string   `json:"arn,omitempty"`
	ClientIDs   []string `json:"client_ids,omitempty"`  // sorted
	Thumbprints []string `json:"thumbprints,omitempty"` // sorted, lower case
	Tags        Tags     `json:"tags,omitempty"`
}

// URL is the provider's URL, as CreateOpenIDConnectProvider takes it.
func (p *OIDCProvider) URL() string { return "https://" + p.Name }

// SAMLProvider is a SAML identity provider.
type SAMLProvider struct {
	Name     string `json:"name"`
	ARN      string `json:"arn,omitempty"`
	Metadata string `json:"metadata"`
	Tags     Tags   `json:"tags,omitempty"`
}

// OIDCProviderAddr and SAMLProviderAddr build addresses.
func OIDCProviderAddr(name string) Address { return Address{KindOIDCProvider, name} }
func SAMLProviderAddr(name string) Address { return Address{KindSAMLProvider, name} }

// OIDCProviderARN and SAMLProviderARN build the providers' ARNs.
func OIDCProviderARN(accountID, name string) string {
	return "arn:aws:iam::" + accountID + ":oidc-provider/" + name
}
func SAMLProviderARN(accountID, name string) string {
	return "arn:aws:iam::" + accountID + ":saml-provider/" + name
}

// ProviderNameFromARN returns the name in an identity provider's ARN
// (arn:aws:iam::ACCOUNT:oidc-provider/NAME or saml-provider/NAME), and
// the kind; ok is false for any other ARN.
func ProviderNameFromARN(arn string) (Kind, string, bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" {
		return "", "", false
	}
	res, name, ok := strings.Cut(parts[5], "/")
	if !ok || name == "" {
		return "", "", false
	}
	switch res {
	case "oidc-provider":
		return KindOIDCProvider, name, true
	case "saml-provider":
		return KindSAMLProvider, name, true
	}
	return "", "", false
}

// OIDCProviderName turns an issuer URL into the provider's name: without
// https://, and without a trailing slash. The error says what is wrong
// with the URL.
func OIDCProviderName(url string) (string, error) {
	rest, ok := strings.CutPrefix(url, "https://")
	if !ok {
		return "", fmt.Errorf("the URL %q does not start with https://; IAM takes an OpenID Connect issuer's https URL", url)
	}
	rest = strings.TrimSuffix(rest, "/")
	if err := CheckOIDCProviderName(rest); err != nil {
		return "", err
	}
	return rest, nil
}

// CheckOIDCProviderName checks an OIDC provider's name (its URL without
// the scheme): a host, an optional path, no query, port or fragment.
func CheckOIDCProviderName(name string) error {
	if name == "" {
		return fmt.Errorf("an OpenID Connect provider needs a URL with a host")
	}
	if n := len("https://" + name); n > MaxOIDCURLLen {
		return fmt.Errorf("the URL https://%s is %d characters long; IAM allows at most %d", name, n, MaxOIDCURLLen)
	}
	host, _, _ := strings.Cut(name, "/")
	if host == "" {
		return fmt.Errorf("the URL https://%s has no host", name)
	}
	for _, c := range name {
		if c <= ' ' || c > '~' || strings.ContainsRune("?#:@\\", c) {
			return fmt.Errorf("the URL https://%s contains %s; IAM takes a host and a path only (no port, query or fragment)", name, DescribeRune(c))
		}
	}
	return nil
}

// CheckSAMLProviderName checks a SAML provider's name: 1 to 128
// characters of letters, digits and ._-.
func CheckSAMLProviderName(name string) error {
	if name == "" {
		return fmt.Errorf("a SAML provider name cannot be empty")
	}
	if len(name) > MaxSAMLProviderNameLen {
		return fmt.Errorf("the SAML provider name %q is %d characters long; IAM allows at most %d", name, len(name), MaxSAMLProviderNameLen)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return fmt.Errorf("the SAML provider name %q contains %s; IAM takes letters, digits and ._- only", name, DescribeRune(c))
		}
	}
	return nil
}

// CheckThumbprint checks an OIDC provider's certificate thumbprint: 40
// hexadecimal digits (a SHA-1 hash).
func CheckThumbprint(t string) error {
	if len(t) != 40 {
		return fmt.Errorf("the thumbprint %q is not 40 hexadecimal digits (a SHA-1 hash of the certificate)", t)
	}
	for _, c := range t {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return fmt.Errorf("the thumbprint %q is not 40 hexadecimal digits (a SHA-1 hash of the certificate)", t)
		}
	}
	return nil
}

// CheckClientID checks an OIDC provider's client id (audience).
func CheckClientID(id string) error {
	if id == "" || len(id) > MaxClientIDLen {
		return fmt.Errorf("the client id %q must be 1 to %d characters long", id, MaxClientIDLen)
	}
	return nil
}

// OIDCProvider returns the OIDC provider with the given name, or nil.
func (a *Account) OIDCProvider(name string) *OIDCProvider { return a.OIDCProviders[Fold(name)] }

// SAMLProvider returns the SAML provider with the given name, or nil.
func (a *Account) SAMLProvider(name string) *SAMLProvider { return a.SAMLProviders[Fold(name)] }

// AddOIDCProvider adds or replaces p (see AddUser).
func (a *Account) AddOIDCProvider(p *OIDCProvider) {
	if a.OIDCProviders == nil {
		a.OIDCProviders = map[string]*OIDCProvider{}
	}
	a.OIDCProviders[Fold(p.Name)] = p
}

// AddSAMLProvider adds or replaces p (see AddUser).
func (a *Account) AddSAMLProvider(p *SAMLProvider) {
	if a.SAMLProviders == nil {
		a.SAMLProviders = map[string]*SAMLProvider{}
	}
	a.SAMLProviders[Fold(p.Name)] = p
}

// InsertOIDCProvider adds p as InsertUser adds a user.
func (a *Account) InsertOIDCProvider(p *OIDCProvider) error {
	if a.OIDCProviders == nil {
		a.OIDCProviders = map[string]*OIDCProvider{}
	}
	return insert(a.OIDCProviders, KindOIDCProvider, p.Name, p, func(x *OIDCProvider) string { return x.Name })
}

// InsertSAMLProvider adds p as InsertUser adds a user.
func (a *Account) InsertSAMLProvider(p *SAMLProvider) error {
	if a.SAMLProviders == nil {
		a.SAMLProviders = map[string]*SAMLProvider{}
	}
	return insert(a.SAMLProviders, KindSAMLProvider, p.Name, p, func(x *SAMLProvider) string { return x.Name })
}

// SortedOIDCProviders returns the OIDC providers ordered by folded name.
func (a *Account) SortedOIDCProviders() []*OIDCProvider { return SortedValues(a.OIDCProviders) }

// SortedSAMLProviders returns the SAML providers ordered by folded name.
func (a *Account) SortedSAMLProviders() []*SAMLProvider { return SortedValues(a.SAMLProviders) }

// CheckOIDCProvider checks an OIDC provider as read.
func CheckOIDCProvider(p *OIDCProvider) error {
	if err := CheckOIDCProviderName(p.Name); err != nil {
		return err
	}
	if p.ARN != "" {
		if k, n, ok := ProviderNameFromARN(p.ARN); !ok || k != KindOIDCProvider || n != p.Name {
			return fmt.Errorf("its ARN %s is not that of OIDC provider %s", p.ARN, p.Name)
		}
	}
	for _, id := range p.ClientIDs {
		if err := CheckClientID(id); err != nil {
			return err
		}
	}
	return nil
}

// CheckSAMLProvider checks a SAML provider as read.
func CheckSAMLProvider(p *SAMLProvider) error {
	if err := CheckSAMLProviderName(p.Name); err != nil {
		return err
	}
	if p.ARN != "" {
		if k, n, ok := ProviderNameFromARN(p.ARN); !ok || k != KindSAMLProvider || n != p.Name {
			return fmt.Errorf("its ARN %s is not that of SAML provider %s", p.ARN, p.Name)
		}
	}
	return nil
}

// CheckSAMLMetadata checks that a document is SAML 2.0 metadata of an
// identity provider: XML whose root is an EntityDescriptor (or an
// EntitiesDescriptor holding one) with an IDPSSODescriptor, as IAM
// requires of CreateSAMLProvider's document.
func CheckSAMLMetadata(doc string) error {
	if strings.TrimSpace(doc) == "" {
		return fmt.Errorf("the SAML metadata is empty")
	}
	if len(doc) > MaxSAMLMetadataLen {
		return fmt.Errorf("the SAML metadata is %d characters long; IAM takes at most %d", len(doc), MaxSAMLMetadataLen)
	}
	dec := xml.NewDecoder(strings.NewReader(doc))
	var path []string
	root, idp := "", false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("the SAML metadata is not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = t.Name.Local
			}
			if t.Name.Local == "IDPSSODescriptor" && len(path) > 0 && path[len(path)-1] == "EntityDescriptor" {
				idp = true
			}
			path = append(path, t.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		}
	}
	switch {
	case root != "EntityDescriptor" && root != "EntitiesDescriptor":
		if root == "" {
			return fmt.Errorf("the SAML metadata holds no XML element")
		}
		return fmt.Errorf("the SAML metadata's root element is %s, not EntityDescriptor", root)
	case !idp:
		return fmt.Errorf("the SAML metadata's EntityDescriptor has no IDPSSODescriptor: it does not describe an identity provider")
	case len(doc) < MinSAMLMetadataLen:
		return fmt.Errorf("the SAML metadata is %d characters long; IAM takes at least %d (an identity provider's metadata holds its signing certificate)", len(doc), MinSAMLMetadataLen)
	}
	return nil
}
