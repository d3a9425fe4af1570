package plan_test

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
)

// BenchmarkComputeLargeOrgFromEmpty plans the large organisation against
// an empty account: every entity is created.
func BenchmarkComputeLargeOrgFromEmpty(b *testing.B) {
	desired := plantest.Org(plantest.LargeOrgSize, 1)
	current := model.NewAccount(desired.ID)
	b.ReportAllocs()
	for b.Loop() {
		p, err := plan.Compute(desired, current, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Steps) == 0 {
			b.Fatal("no steps")
		}
	}
}

// BenchmarkComputeLargeOrgNoChange plans the large organisation against
// an identical account (a deep copy): nothing changes.
func BenchmarkComputeLargeOrgNoChange(b *testing.B) {
	desired := plantest.Org(plantest.LargeOrgSize, 1)
	current := desired.Clone()
	b.ReportAllocs()
	for b.Loop() {
		p, err := plan.Compute(desired, current, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if !p.Empty() {
			b.Fatalf("%d changes", len(p.Changes))
		}
	}
}

// BenchmarkComputeLargeOrgRenameAtCap plans the large organisation
// against itself with every user renamed (without renamed_from), at the
// account's cap of 5,000 users: each new user waits for a delete.
func BenchmarkComputeLargeOrgRenameAtCap(b *testing.B) {
	current := plantest.Org(plantest.LargeOrgSize, 1)
	desired := renamedUsers(current)
	b.ReportAllocs()
	for b.Loop() {
		p, err := plan.Compute(desired, current, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Steps) == 0 {
			b.Fatal("no steps")
		}
	}
}

// BenchmarkComputeLargeOrgTrusts plans the large organisation from empty
// with each role trusting the next role and five of the first 2,000 users,
// all of them created by the plan.
func BenchmarkComputeLargeOrgTrusts(b *testing.B) {
	desired := trustingOrg(plantest.LargeOrgSize, 2000)
	current := model.NewAccount(desired.ID)
	b.ReportAllocs()
	for b.Loop() {
		p, err := plan.Compute(desired, current, plan.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Steps) == 0 {
			b.Fatal("no steps")
		}
	}
}
