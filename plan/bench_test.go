package plan_test

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
	"github.com/iamc/iamc/policy"
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

// groupPolicyChanged is the large organisation with one more action in
// the managed policy of its largest group: every member gains it.
func groupPolicyChanged(b *testing.B) (desired, current *model.Account, members int) {
	current = plantest.Org(plantest.LargeOrgSize, 1)
	desired = current.Clone()
	var largest *model.Group
	for _, g := range desired.SortedGroups() {
		if n := len(desired.GroupMembers(g.Name)); n > members && len(g.ManagedPolicies) > 0 {
			largest, members = g, n
		}
	}
	if largest == nil {
		b.Fatal("no group with members and a managed policy")
	}
	for _, mp := range desired.Policies {
		if mp.ARN == largest.ManagedPolicies[0] || model.PolicyARN(desired.ID, mp.Path, mp.Name) == largest.ManagedPolicies[0] {
			c := *mp
			doc := *mp.Document
			doc.Statements = append(append([]policy.Statement(nil), doc.Statements...), policy.Statement{
				Effect: "Allow", Action: []string{"iam:PassRole"}, Resource: []string{"*"}})
			c.Document = &doc
			desired.AddPolicy(&c)
			return desired, current, members
		}
	}
	b.Fatal("the largest group's policy is not in the account")
	return nil, nil, 0
}

// BenchmarkComputeGroupPolicyChange plans one group policy's change in
// the large organisation, without and with the access section: the
// access of each distinct set of policies is computed once, so the
// section costs little however many members gain.
func BenchmarkComputeGroupPolicyChange(b *testing.B) {
	desired, current, members := groupPolicyChanged(b)
	for _, access := range []bool{false, true} {
		name := "without-access"
		if access {
			name = "with-access"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := plan.Compute(desired, current, plan.Options{Access: access})
				if err != nil {
					b.Fatal(err)
				}
				if access && (p.Access == nil || !p.Access.Broadens || len(p.Access.Changes) == 0) {
					b.Fatalf("the access section misses the change of a group of %d", members)
				}
			}
		})
	}
}
