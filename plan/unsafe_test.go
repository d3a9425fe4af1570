package plan_test

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
)

// TestComputeRefusesCreateAndDeleteOfOneEntity: against a current account
// that holds a policy under another name than its ARN's (as a provider
// that misread it would give), the plan would create the declared policy
// and delete the read one, whose ARN is the same; Compute refuses it as
// an internal error rather than return a plan whose delete does not wait
// for the create. A policy replaced for a change of case passes.
func TestComputeRefusesCreateAndDeleteOfOneEntity(t *testing.T) {
	doc := plantest.Allow([]string{"s3:GetObject"})
	const keepARN = "arn:aws:iam::123456789012:policy/team/keep"
	desired := acct(func(a *model.Account) {
		a.AddPolicy(&model.ManagedPolicy{Name: "keep", Path: "/team/", Document: doc})
		a.AddUser(&model.User{Name: "alice", Path: "/", ManagedPolicies: []string{keepARN}})
	})
	for _, tc := range []struct {
		name    string
		current *model.Account
		want    string
	}{{
		name: "a policy read without its name",
		current: acct(func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Path: "/team/", ARN: keepARN, Document: doc})
			a.AddUser(&model.User{Name: "alice", Path: "/", ManagedPolicies: []string{keepARN}})
		}),
		want: `internal error: the planner made a plan that is not safe to apply (was the account misread?): policy "keep" is created by step 1 (aws iam create-policy --policy-name keep --path /team/ --policy-document '{"Version":"2012-10-17","Statement":[{"E...', for policy "keep") and deleted by step 4 (aws iam delete-policy --policy-arn arn:aws:iam::123456789012:policy/team/keep, for policy ""), which are not one replace whose create waits for its delete`,
	}, {
		name: "a policy read under another name than its ARN's",
		current: acct(func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Name: "old", Path: "/team/", ARN: keepARN, Document: doc})
			a.AddUser(&model.User{Name: "alice", Path: "/", ManagedPolicies: []string{keepARN}})
		}),
		want: `and deleted by step 4 (aws iam delete-policy --policy-arn arn:aws:iam::123456789012:policy/team/keep, for policy "old")`,
	}, {
		name: "a policy replaced for a change of case",
		current: acct(func(a *model.Account) {
			a.AddPolicy(&model.ManagedPolicy{Name: "Keep", Path: "/team/", Document: doc})
			a.AddUser(&model.User{Name: "alice", Path: "/", ManagedPolicies: []string{"arn:aws:iam::123456789012:policy/team/Keep"}})
		}),
	}} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plan.Compute(desired, tc.current, plan.Options{})
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want == "":
				return
			case err == nil:
				t.Fatalf("a plan of %d steps:\n%s", len(p.Steps), strings.Join(stepList(p), "\n"))
			case !strings.Contains(err.Error(), tc.want):
				t.Errorf("error\n%s\nwant it to contain\n%s", err, tc.want)
			}
		})
	}
}
