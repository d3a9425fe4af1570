package plan

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// TestCheckLifecycles checks plans no planner path makes today, built by
// hand: each is refused as an internal error, and the replace that is
// allowed passes.
func TestCheckLifecycles(t *testing.T) {
	const arn = "arn:aws:iam::123456789012:policy/team/keep"
	keep := model.PolicyAddr("keep")
	step := func(id int, o op.Op, addr model.Address, deps ...int) Step {
		return Step{ID: id, Op: o, Address: addr, DependsOn: deps}
	}
	create := &op.CreatePolicy{PolicyName: "keep", Path: "/team/", PolicyDocument: "{}"}
	del := &op.DeletePolicy{PolicyArn: arn}
	for _, tc := range []struct {
		name    string
		steps   []Step
		changes []Change
		want    string // "" = allowed
	}{{
		name:    "a replace whose create waits for its delete",
		steps:   []Step{step(1, del, keep), step(2, create, keep, 1)},
		changes: []Change{{Address: keep, Action: Replace}},
	}, {
		name:    "a replace whose create does not wait",
		steps:   []Step{step(1, del, keep), step(2, create, keep)},
		changes: []Change{{Address: keep, Action: Replace}},
		want:    `policy "keep" is created by step 2 (aws iam create-policy --policy-name keep --path /team/ --policy-document '{}', for policy "keep") and deleted by step 1 (aws iam delete-policy --policy-arn arn:aws:iam::123456789012:policy/team/keep, for policy "keep"), which are not one replace whose create waits for its delete`,
	}, {
		name:    "a create and a delete of two changes",
		steps:   []Step{step(1, create, keep), step(2, del, model.PolicyAddr(""), 1)},
		changes: []Change{{Address: keep, Action: Create}, {Address: model.PolicyAddr(""), Action: Delete}},
		want:    `and deleted by step 2 (aws iam delete-policy --policy-arn arn:aws:iam::123456789012:policy/team/keep, for policy "")`,
	}, {
		name:    "a create and a delete of one change that is not a replace",
		steps:   []Step{step(1, del, keep), step(2, create, keep, 1)},
		changes: []Change{{Address: keep, Action: Update}},
		want:    "which are not one replace",
	}, {
		name:  "one entity created twice",
		steps: []Step{step(1, &op.CreateUser{UserName: "Tyler"}, model.UserAddr("Tyler")), step(2, &op.CreateUser{UserName: "tyler"}, model.UserAddr("tyler"))},
		want:  `user "tyler" is created 2 times, first by step 1`,
	}, {
		name:  "one entity deleted twice",
		steps: []Step{step(1, &op.DeleteRole{RoleName: "app"}, model.RoleAddr("app")), step(2, &op.DeleteRole{RoleName: "APP"}, model.RoleAddr("APP"))},
		want:  `role "app" is deleted 2 times, first by step 1`,
	}, {
		name: "a rename onto a name the plan deletes",
		steps: []Step{step(1, &op.DeleteGroup{GroupName: "ops"}, model.GroupAddr("ops")),
			step(2, &op.UpdateGroup{GroupName: "devs", NewGroupName: "ops"}, model.GroupAddr("ops"), 1)},
		changes: []Change{{Address: model.GroupAddr("ops"), Action: Update}},
		want:    `group "ops" is created by step 2`,
	}, {
		name:  "a rename that changes only the case",
		steps: []Step{step(1, &op.UpdateUser{UserName: "Tyler", NewUserName: "tyler"}, model.UserAddr("tyler"))},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkLifecycles(tc.steps, tc.changes)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("allowed, want %q", tc.want)
			case tc.want != "" && (!strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "internal error: ")):
				t.Errorf("error\n%s\nwant an internal error containing\n%s", err, tc.want)
			}
		})
	}
}
