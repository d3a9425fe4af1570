package plan_test

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
	"github.com/iamc/iamc/policy"
)

// TestInlineSizeOrder changes the inline policies of a user, a group and
// a role near their size quota: in the plan's order, and in any order its
// dependencies allow, the entity never holds more than its quota (the
// memory account refuses a put that would, as IAM does).
func TestInlineSizeOrder(t *testing.T) {
	q := model.DefaultQuotas
	for _, kind := range []struct {
		name  string
		quota int
		add   func(a *model.Account, list []model.InlinePolicy)
	}{
		{"user", q.UserInlineSize, func(a *model.Account, list []model.InlinePolicy) {
			a.AddUser(&model.User{Name: "e", Path: "/", InlinePolicies: list})
		}},
		{"group", q.GroupInlineSize, func(a *model.Account, list []model.InlinePolicy) {
			a.AddGroup(&model.Group{Name: "e", Path: "/", InlinePolicies: list})
		}},
		{"role", q.RoleInlineSize, func(a *model.Account, list []model.InlinePolicy) {
			a.AddRole(&model.Role{Name: "e", Path: "/", MaxSessionDuration: 3600,
				AssumeRolePolicy: plantest.TrustService("ec2.amazonaws.com"), InlinePolicies: list})
		}},
	} {
		small, big := plantest.SizedDoc(kind.quota/6), plantest.SizedDoc(kind.quota*3/4)
		big2 := plantest.SizedDoc(kind.quota*3/4 - 40)
		ip := func(name string, d *policy.Document) model.InlinePolicy {
			return model.InlinePolicy{Name: name, Document: d}
		}
		for _, tc := range []struct {
			name     string
			cur, des []model.InlinePolicy
			// after says which puts wait for which steps, by policy:
			// "put a" waits for "put b".
			after map[string][]string
		}{{
			name:  "two policies swap sizes",
			cur:   []model.InlinePolicy{ip("a", small), ip("b", big)},
			des:   []model.InlinePolicy{ip("a", big), ip("b", small)},
			after: map[string][]string{"put a": {"put b"}},
		}, {
			name: "one shrinks, one goes, one grows, one is new",
			cur:  []model.InlinePolicy{ip("a", big), ip("b", small)},
			des:  []model.InlinePolicy{ip("a", small), ip("c", big2)},
			after: map[string][]string{
				"put c": {"delete b", "put a"},
			},
		}, {
			name:  "a name changes case while another grows",
			cur:   []model.InlinePolicy{ip("x", big), ip("y", small)},
			des:   []model.InlinePolicy{ip("X", small), ip("y", big2)},
			after: map[string][]string{"put X": {"delete x"}, "put y": {"delete x"}},
		}, {
			name:  "within the quota, puts come first and deletes wait for them",
			cur:   []model.InlinePolicy{ip("a", small), ip("b", small)},
			des:   []model.InlinePolicy{ip("a", plantest.SizedDoc(kind.quota/3)), ip("c", small)},
			after: map[string][]string{"delete b": {"put a", "put c"}},
		}} {
			t.Run(kind.name+"/"+tc.name, func(t *testing.T) {
				des, cur := model.NewAccount(model.DefaultAccountID), model.NewAccount(model.DefaultAccountID)
				kind.add(des, tc.des)
				kind.add(cur, tc.cur)
				p, err := plan.Compute(des, cur, plan.Options{})
				if err != nil {
					t.Fatal(err)
				}
				checkInlineDeps(t, p, tc.after)
				r := rand.New(rand.NewSource(1))
				for k := range 20 {
					var order []int
					if k > 0 {
						order = randomOrder(p.Steps, r)
					}
					after, err := applyPlan(cur, p.Steps, order)
					if err != nil {
						t.Fatalf("order %d: %v\n%s", k, err, joinLines(stepList(p)))
					}
					if d := plantest.Diff(des, after, nil); len(d) > 0 {
						t.Fatalf("order %d: %s", k, joinLines(d))
					}
				}
			})
		}
	}
}

// checkInlineDeps checks that the steps named "put NAME" or "delete NAME"
// wait for the steps the want map lists, directly or through others, and
// that each step of the entity waits for the one before it in the plan
// (the steps of one entity run one after another, in plan order).
func checkInlineDeps(t *testing.T, p *plan.Plan, want map[string][]string) {
	t.Helper()
	ids := map[string]int{}
	for _, s := range p.Steps {
		ids[inlineStepName(s)] = s.ID
	}
	for i, s := range p.Steps {
		if i > 0 && !slices.Contains(s.DependsOn, p.Steps[i-1].ID) {
			t.Errorf("%s does not wait for %s, the step before it on the entity\n%s",
				inlineStepName(s), inlineStepName(p.Steps[i-1]), joinLines(stepList(p)))
		}
		for _, w := range want[inlineStepName(s)] {
			if !waitsFor(p, s.ID, ids[w]) {
				t.Errorf("%s does not wait for %s\n%s", inlineStepName(s), w, joinLines(stepList(p)))
			}
		}
	}
}

// waitsFor reports whether step id depends on step dep, directly or
// through other steps.
func waitsFor(p *plan.Plan, id, dep int) bool {
	if dep == 0 {
		return false
	}
	seen := map[int]bool{}
	stack := []int{id}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range p.Steps[n-1].DependsOn {
			if d == dep {
				return true
			}
			if !seen[d] {
				seen[d] = true
				stack = append(stack, d)
			}
		}
	}
	return false
}

func inlineStepName(s plan.Step) string {
	switch o := s.Op.(type) {
	case *op.PutUserPolicy:
		return "put " + o.PolicyName
	case *op.PutGroupPolicy:
		return "put " + o.PolicyName
	case *op.PutRolePolicy:
		return "put " + o.PolicyName
	case *op.DeleteUserPolicy:
		return "delete " + o.PolicyName
	case *op.DeleteGroupPolicy:
		return "delete " + o.PolicyName
	case *op.DeleteRolePolicy:
		return "delete " + o.PolicyName
	}
	return s.Op.Action()
}
