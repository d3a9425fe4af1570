package plan_test

import (
	"context"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan/plantest"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/memory"
)

// The planner refuses or orders plans because of rules AWS enforces; the
// tests here check that the memory account, which the plan tests apply
// plans to, enforces them as AWS does, so that those tests mean something.

// wantCode runs an op and checks the IAM error code it fails with.
func wantCode(t *testing.T, acct *memory.Account, o op.Op, code provider.Code) {
	t.Helper()
	err := acct.Do(context.Background(), o)
	if got := provider.CodeOf(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", o.Action(), err, got, code)
	}
}

// TestMemoryReservedRoles: IAM refuses every change to a role under
// /aws-reserved/ (IAM Identity Center's roles) or /aws-service-role/ with
// UnmodifiableEntity, and refuses to delete a policy still attached to
// one with DeleteConflict.
func TestMemoryReservedRoles(t *testing.T) {
	const arn = "arn:aws:iam::123456789012:policy/p"
	cur := model.NewAccount(model.DefaultAccountID)
	cur.AddPolicy(&model.ManagedPolicy{Name: "p", Path: "/", Document: plantest.Allow([]string{"s3:GetObject"})})
	cur.AddPolicy(&model.ManagedPolicy{Name: "q", Path: "/", Document: plantest.Allow([]string{"s3:GetObject"})})
	for _, path := range []string{"/aws-reserved/sso.amazonaws.com/", "/aws-service-role/support.amazonaws.com/"} {
		cur.Roles = map[string]*model.Role{}
		cur.AddRole(&model.Role{Name: "AWSReservedSSO_Admin_abc", Path: path, MaxSessionDuration: 3600,
			AssumeRolePolicy: plantest.TrustService("sso.amazonaws.com"), ManagedPolicies: []string{arn}, PermissionsBoundary: arn})
		acct, err := memory.FromModel(cur)
		if err != nil {
			t.Fatal(err)
		}
		const role = "AWSReservedSSO_Admin_abc"
		const unmodifiable provider.Code = "UnmodifiableEntity"
		wantCode(t, acct, &op.DetachRolePolicy{RoleName: role, PolicyArn: arn}, unmodifiable)
		wantCode(t, acct, &op.AttachRolePolicy{RoleName: role, PolicyArn: "arn:aws:iam::123456789012:policy/q"}, unmodifiable)
		wantCode(t, acct, &op.DeleteRolePermissionsBoundary{RoleName: role}, unmodifiable)
		wantCode(t, acct, &op.PutRolePermissionsBoundary{RoleName: role, PermissionsBoundary: "arn:aws:iam::123456789012:policy/q"}, unmodifiable)
		wantCode(t, acct, &op.DeleteRole{RoleName: role}, unmodifiable)
		wantCode(t, acct, &op.DeletePolicy{PolicyArn: arn}, provider.Conflict)
	}
}
