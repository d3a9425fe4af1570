package op

import "github.com/iamc/iamc/model"

// providerTarget is the address of the identity provider an ARN names.
func providerTarget(kind model.Kind, arn string) model.Address {
	if k, name, ok := model.ProviderNameFromARN(arn); ok && k == kind {
		return model.Address{Kind: kind, Name: name}
	}
	return model.Address{Kind: kind, Name: arn}
}

// CreateOpenIDConnectProvider creates an OpenID Connect identity
// provider. An empty ThumbprintList lets IAM trust the issuer's
// certificate authority.
type CreateOpenIDConnectProvider struct {
	Url            string   `json:"Url"`
	ClientIDList   []string `json:"ClientIDList,omitempty"`
	ThumbprintList []string `json:"ThumbprintList,omitempty"`
	Tags           []Tag    `json:"Tags,omitempty"`
}

func (*CreateOpenIDConnectProvider) Action() string { return "CreateOpenIDConnectProvider" }
func (o *CreateOpenIDConnectProvider) Target() model.Address {
	name, err := model.OIDCProviderName(o.Url)
	if err != nil {
		name = o.Url
	}
	return model.OIDCProviderAddr(name)
}
func (o *CreateOpenIDConnectProvider) facts() Facts {
	return Facts{Creates: o.Target(), DoneIfExists: true}
}

// DeleteOpenIDConnectProvider deletes an OpenID Connect provider.
type DeleteOpenIDConnectProvider struct {
	OpenIDConnectProviderArn string `json:"OpenIDConnectProviderArn"`
}

func (*DeleteOpenIDConnectProvider) Action() string { return "DeleteOpenIDConnectProvider" }
func (o *DeleteOpenIDConnectProvider) Target() model.Address {
	return providerTarget(model.KindOIDCProvider, o.OpenIDConnectProviderArn)
}
func (o *DeleteOpenIDConnectProvider) facts() Facts {
	return Facts{Deletes: o.Target(), DoneIfMissing: true}
}

// AddClientIDToOpenIDConnectProvider adds a client id (audience).
type AddClientIDToOpenIDConnectProvider struct {
	OpenIDConnectProviderArn string `json:"OpenIDConnectProviderArn"`
	ClientID                 string `json:"ClientID"`
}

func (*AddClientIDToOpenIDConnectProvider) Action() string {
	return "AddClientIDToOpenIDConnectProvider"
}
func (o *AddClientIDToOpenIDConnectProvider) Target() model.Address {
	return providerTarget(model.KindOIDCProvider, o.OpenIDConnectProviderArn)
}
func (*AddClientIDToOpenIDConnectProvider) facts() Facts { return Facts{} }

// RemoveClientIDFromOpenIDConnectProvider removes a client id.
type RemoveClientIDFromOpenIDConnectProvider struct {
	OpenIDConnectProviderArn string `json:"OpenIDConnectProviderArn"`
	ClientID                 string `json:"ClientID"`
}

func (*RemoveClientIDFromOpenIDConnectProvider) Action() string {
	return "RemoveClientIDFromOpenIDConnectProvider"
}
func (o *RemoveClientIDFromOpenIDConnectProvider) Target() model.Address {
	return providerTarget(model.KindOIDCProvider, o.OpenIDConnectProviderArn)
}
func (*RemoveClientIDFromOpenIDConnectProvider) facts() Facts { return Facts{Frees: true} }

// UpdateOpenIDConnectProviderThumbprint replaces a provider's list of
// thumbprints.
type UpdateOpenIDConnectProviderThumbprint struct {
	OpenIDConnectProviderArn string   `json:"OpenIDConnectProviderArn"`
	ThumbprintList           []string `json:"ThumbprintList"`
}

func (*UpdateOpenIDConnectProviderThumbprint) Action() string {
	return "UpdateOpenIDConnectProviderThumbprint"
}
func (o *UpdateOpenIDConnectProviderThumbprint) Target() model.Address {
	return providerTarget(model.KindOIDCProvider, o.OpenIDConnectProviderArn)
}
func (*UpdateOpenIDConnectProviderThumbprint) facts() Facts { return Facts{} }

// TagOpenIDConnectProvider adds or overwrites tags of an OIDC provider.
type TagOpenIDConnectProvider struct {
	OpenIDConnectProviderArn string `json:"OpenIDConnectProviderArn"`
	Tags                     []Tag  `json:"Tags"`
}

func (*TagOpenIDConnectProvider) Action() string { return "TagOpenIDConnectProvider" }
func (o *TagOpenIDConnectProvider) Target() model.Address {
	return providerTarget(model.KindOIDCProvider, o.OpenIDConnectProviderArn)
}
func (*TagOpenIDConnectProvider) facts() Facts { return Facts{} }

// UntagOpenIDConnectProvider removes tags of an OIDC provider.
type UntagOpenIDConnectProvider struct {
	OpenIDConnectProviderArn string   `json:"OpenIDConnectProviderArn"`
	TagKeys                  []string `json:"TagKeys"`
}

func (*UntagOpenIDConnectProvider) Action() string { return "UntagOpenIDConnectProvider" }
func (o *UntagOpenIDConnectProvider) Target() model.Address {
	return providerTarget(model.KindOIDCProvider, o.OpenIDConnectProviderArn)
}
func (*UntagOpenIDConnectProvider) facts() Facts { return Facts{Frees: true} }

// CreateSAMLProvider creates a SAML identity provider from its metadata.
type CreateSAMLProvider struct {
	Name                 string `json:"Name"`
	SAMLMetadataDocument string `json:"SAMLMetadataDocument" doc:"true"`
	Tags                 []Tag  `json:"Tags,omitempty"`
}

func (*CreateSAMLProvider) Action() string          { return "CreateSAMLProvider" }
func (o *CreateSAMLProvider) Target() model.Address { return model.SAMLProviderAddr(o.Name) }
func (o *CreateSAMLProvider) facts() Facts {
	return Facts{Creates: o.Target(), DoneIfExists: true}
}

// UpdateSAMLProvider replaces a SAML provider's metadata.
type UpdateSAMLProvider struct {
	SAMLProviderArn      string `json:"SAMLProviderArn"`
	SAMLMetadataDocument string `json:"SAMLMetadataDocument" doc:"true"`
}

func (*UpdateSAMLProvider) Action() string { return "UpdateSAMLProvider" }
func (o *UpdateSAMLProvider) Target() model.Address {
	return providerTarget(model.KindSAMLProvider, o.SAMLProviderArn)
}
func (*UpdateSAMLProvider) facts() Facts { return Facts{} }

// DeleteSAMLProvider deletes a SAML provider.
type DeleteSAMLProvider struct {
	SAMLProviderArn string `json:"SAMLProviderArn"`
}

func (*DeleteSAMLProvider) Action() string { return "DeleteSAMLProvider" }
func (o *DeleteSAMLProvider) Target() model.Address {
	return providerTarget(model.KindSAMLProvider, o.SAMLProviderArn)
}
func (o *DeleteSAMLProvider) facts() Facts {
	return Facts{Deletes: o.Target(), DoneIfMissing: true}
}

// TagSAMLProvider adds or overwrites tags of a SAML provider.
type TagSAMLProvider struct {
	SAMLProviderArn string `json:"SAMLProviderArn"`
	Tags            []Tag  `json:"Tags"`
}

func (*TagSAMLProvider) Action() string { return "TagSAMLProvider" }
func (o *TagSAMLProvider) Target() model.Address {
	return providerTarget(model.KindSAMLProvider, o.SAMLProviderArn)
}
func (*TagSAMLProvider) facts() Facts { return Facts{} }

// UntagSAMLProvider removes tags of a SAML provider.
type UntagSAMLProvider struct {
	SAMLProviderArn string   `json:"SAMLProviderArn"`
	TagKeys         []string `json:"TagKeys"`
}

func (*UntagSAMLProvider) Action() string { return "UntagSAMLProvider" }
func (o *UntagSAMLProvider) Target() model.Address {
	return providerTarget(model.KindSAMLProvider, o.SAMLProviderArn)
}
func (*UntagSAMLProvider) facts() Facts { return Facts{Frees: true} }

// providerOps are the ops of this file, for All.
func providerOps() []Op {
	return []Op{
		&CreateOpenIDConnectProvider{}, &DeleteOpenIDConnectProvider{},
		&AddClientIDToOpenIDConnectProvider{}, &RemoveClientIDFromOpenIDConnectProvider{},
		&UpdateOpenIDConnectProviderThumbprint{}, &TagOpenIDConnectProvider{}, &UntagOpenIDConnectProvider{},
		&CreateSAMLProvider{}, &UpdateSAMLProvider{}, &DeleteSAMLProvider{}, &TagSAMLProvider{}, &UntagSAMLProvider{},
	}
}
