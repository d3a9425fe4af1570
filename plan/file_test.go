package plan_test

import (
	"encoding/json"
	"errors"
	"math/rand"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
)

// A plan file read back computes the same plan against the same account;
// a file whose configuration or digest is changed is refused.
func TestPlanFileRoundTrip(t *testing.T) {
	done := 0
	for seed := range int64(60) {
		c := plantest.Generate(rand.New(rand.NewSource(seed)))
		if len(c.Refused) > 0 {
			continue
		}
		pl, err := plan.Compute(c.Desired, c.Current, plan.Options{Scope: c.Scope, ScopeDeclared: c.ScopeDeclared, Quotas: c.Quotas})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		q := c.Quotas
		if q == (model.Quotas{}) {
			q = model.DefaultQuotas
		}
		pl.Account, pl.Provider, pl.Dir, pl.Fingerprint = "123456789012", "memory", "/config", plan.Fingerprint(c.Current)
		pl.Desired, pl.Scope, pl.ScopeDeclared, pl.Quotas = c.Desired, c.Scope, c.ScopeDeclared, &q
		f, err := plan.NewFile(pl)
		if err != nil {
			t.Fatal(err)
		}
		data, err := f.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		back, err := plan.ReadFile("plan.json", data)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		again, err := back.Recompute(c.Current)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		a, _ := json.Marshal(again)
		b, _ := json.Marshal(pl)
		if string(a) != string(b) {
			t.Fatalf("seed %d: the plan computed again differs", seed)
		}
		if len(pl.Steps) == 0 {
			continue
		}
		done++
		edited := *back
		edited.Digest = strings.Repeat("0", 64)
		if _, err := edited.Recompute(c.Current); !errors.Is(err, plan.ErrEdited) {
			t.Fatalf("seed %d: an edited digest: %v", seed, err)
		}
		if u := back.Desired.SortedUsers(); len(u) > 0 {
			changed := back.Desired.Clone()
			changed.User(u[0].Name).Tags = model.Tags{"edited": "yes"}
			edited = *back
			edited.Desired = changed
			if _, err := edited.Recompute(c.Current); !errors.Is(err, plan.ErrEdited) {
				t.Fatalf("seed %d: an edited configuration: %v", seed, err)
			}
		}
	}
	if done < 20 {
		t.Fatalf("only %d cases had steps", done)
	}
}
