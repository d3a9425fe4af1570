package plan_test

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"slices"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
)

// TestPlanJSONRoundTrip writes generated plans as JSON and reads them
// back: every step must come back with the same op, target, address and
// dependencies, so that applying a plan file does what the plan showed.
func TestPlanJSONRoundTrip(t *testing.T) {
	steps, mfa := 0, 0
	for seed := range int64(150) {
		c := plantest.Generate(rand.New(rand.NewSource(seed)))
		if len(c.Refused) > 0 {
			continue
		}
		p, err := plan.Compute(c.Desired, c.Current, plan.Options{Scope: c.Scope, ScopeDeclared: c.ScopeDeclared, Quotas: c.Quotas})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		data, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		var back plan.Plan
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("seed %d: reading the plan back: %v", seed, err)
		}
		if len(back.Steps) != len(p.Steps) {
			t.Fatalf("seed %d: %d steps read back, want %d", seed, len(back.Steps), len(p.Steps))
		}
		for i, s := range p.Steps {
			b := back.Steps[i]
			if !reflect.DeepEqual(b.Op, s.Op) || b.Op.Target() != s.Op.Target() || b.ID != s.ID ||
				b.Address != s.Address || !slices.Equal(b.DependsOn, s.DependsOn) {
				t.Errorf("seed %d: step %d read back as %#v (target %s), want %#v (target %s)",
					seed, s.ID, b.Op, b.Op.Target(), s.Op, s.Op.Target())
			}
			if _, ok := s.Op.(*op.DeleteVirtualMFADevice); ok {
				mfa++
			}
		}
		steps += len(p.Steps)
	}
	if mfa == 0 {
		t.Fatal("no generated plan deletes a virtual MFA device")
	}
	t.Logf("%d steps round-tripped, %d of them DeleteVirtualMFADevice", steps, mfa)
}

// TestStepJSONVirtualMFADevice pins the one op whose target the IAM call
// does not name: the user of a virtual MFA device comes from the step.
func TestStepJSONVirtualMFADevice(t *testing.T) {
	s := plan.Step{ID: 3, Op: &op.DeleteVirtualMFADevice{SerialNumber: "arn:aws:iam::123456789012:mfa/tyler", User: "tyler"},
		Address: model.UserAddr("tyler"), DependsOn: []int{2}}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back plan.Step
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if got := back.Op.Target(); got != model.UserAddr("tyler") {
		t.Errorf("target after the round trip = %s, want user.tyler", got)
	}
}
