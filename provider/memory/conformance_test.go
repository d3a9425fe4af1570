package memory

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/providertest"
)

func TestConformance(t *testing.T) {
	providertest.RunDisposable(t, func(t *testing.T, seed *model.Account) provider.Provider {
		if seed == nil {
			return New("")
		}
		a, err := FromModel(seed)
		if err != nil {
			t.Fatalf("seeding: %v", err)
		}
		return a
	})
}
