package memory

import (
	"fmt"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// TestAccountQuotasOfLaterKinds checks the account-wide quotas of the
// kinds added after users, groups, roles and policies: 1,000 instance
// profiles, 100 OIDC and 100 SAML providers. They are checked here, not
// in the conformance suite, which also runs against real accounts.
func TestAccountQuotasOfLaterKinds(t *testing.T) {
	meta := func(name string) string {
		return `<EntityDescriptor entityID="https://` + name + `"><IDPSSODescriptor><KeyDescriptor>` + fmt.Sprintf("%01000d", 0) + `</KeyDescriptor></IDPSSODescriptor></EntityDescriptor>`
	}
	for _, tc := range []struct {
		name string
		n    int
		make func(i int) op.Op
	}{
		{"instance profiles", model.InstanceProfilesPerAccount, func(i int) op.Op {
			return &op.CreateInstanceProfile{InstanceProfileName: fmt.Sprintf("ip-%d", i)}
		}},
		{"OIDC providers", model.OIDCProvidersPerAccount, func(i int) op.Op {
			return &op.CreateOpenIDConnectProvider{Url: fmt.Sprintf("https://idp%d.example.com", i), ClientIDList: []string{"sts.amazonaws.com"}}
		}},
		{"SAML providers", model.SAMLProvidersPerAccount, func(i int) op.Op {
			return &op.CreateSAMLProvider{Name: fmt.Sprintf("idp-%d", i), SAMLMetadataDocument: meta(fmt.Sprint(i))}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := New(model.DefaultAccountID)
			for i := range tc.n {
				if err := a.Do(t.Context(), tc.make(i)); err != nil {
					t.Fatalf("%d: %v", i, err)
				}
			}
			err := a.Do(t.Context(), tc.make(tc.n))
			if pe, ok := err.(*provider.Error); !ok || pe.Code != provider.LimitExceeded {
				t.Fatalf("one more: %v, want LimitExceeded", err)
			}
		})
	}
}
