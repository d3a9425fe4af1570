package access

import "github.com/iamc/iamc/model"

// ProviderPrincipal returns the federated principal of an identity
// provider of the account, given by its address (oidc_provider.HOST,
// saml_provider.NAME): the provider's ARN, as trust policies name it.
// ok is false for any other address.
func (e *Evaluator) ProviderPrincipal(a model.Address) (Principal, bool) {
	switch a.Kind {
	case model.KindOIDCProvider:
		return Principal{KindFederated, model.OIDCProviderARN(e.account.ID, a.Name)}, true
	case model.KindSAMLProvider:
		return Principal{KindFederated, model.SAMLProviderARN(e.account.ID, a.Name)}, true
	}
	return Principal{}, false
}
