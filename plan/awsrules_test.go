package plan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
	"github.com/iamc/iamc/policy"
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

// TestMemoryInlineSizeQuota: IAM refuses, with LimitExceeded, a put that
// would take the total size of an entity's inline policies (white space
// excluded) over its quota, counting the policy it replaces out, and
// accepts one that reaches the quota exactly.
func TestMemoryInlineSizeQuota(t *testing.T) {
	q := model.DefaultQuotas
	cur := model.NewAccount(model.DefaultAccountID)
	cur.AddUser(&model.User{Name: "u", Path: "/"})
	cur.AddGroup(&model.Group{Name: "g", Path: "/"})
	cur.AddRole(&model.Role{Name: "r", Path: "/", MaxSessionDuration: 3600, AssumeRolePolicy: plantest.TrustService("ec2.amazonaws.com")})
	for _, k := range []struct {
		quota int
		put   func(name, doc string) op.Op
	}{
		{q.UserInlineSize, func(name, doc string) op.Op {
			return &op.PutUserPolicy{UserName: "u", PolicyName: name, PolicyDocument: doc}
		}},
		{q.GroupInlineSize, func(name, doc string) op.Op {
			return &op.PutGroupPolicy{GroupName: "g", PolicyName: name, PolicyDocument: doc}
		}},
		{q.RoleInlineSize, func(name, doc string) op.Op {
			return &op.PutRolePolicy{RoleName: "r", PolicyName: name, PolicyDocument: doc}
		}},
	} {
		acct, err := memory.FromModel(cur)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		small := policy.CanonicalString(plantest.SizedDoc(k.quota/4 - 40))
		big := policy.CanonicalString(plantest.SizedDoc(k.quota * 3 / 4))
		if err := acct.Do(ctx, k.put("a", small)); err != nil {
			t.Fatal(err)
		}
		if err := acct.Do(ctx, k.put("b", big)); err != nil {
			t.Fatal(err)
		}
		// Replacing a with the big document would exceed the quota.
		o := k.put("a", big)
		wantCode(t, acct, o, provider.LimitExceeded)
		// Filling the quota exactly is allowed.
		rest := k.quota - policy.SizeOfJSON(big)
		if err := acct.Do(ctx, k.put("a", exactly(t, rest))); err != nil {
			t.Errorf("%s of %d characters, reaching the quota of %d exactly: %v", o.Action(), rest, k.quota, err)
		}
	}
}

// exactly returns an identity policy document of exactly n characters as
// IAM counts them.
func exactly(t *testing.T, n int) string {
	t.Helper()
	d := policy.CanonicalString(plantest.SizedDoc(n - 60))
	// Pad the last resource's name to the size wanted.
	pad := n - policy.SizeOfJSON(d)
	if pad < 0 {
		t.Fatalf("cannot make a document of %d characters", n)
	}
	i := strings.LastIndex(d, `/*"`)
	return d[:i] + strings.Repeat("x", pad) + d[i:]
}

// TestTrustPrincipalRules: plans rely on IAM accepting the placeholder
// trust policy a role of a cycle is created with (a Deny of sts:AssumeRole
// to the account's root: it grants nothing, and the root always exists),
// refusing a trust policy naming a user or role that does not exist
// (MalformedPolicyDocument: Invalid principal), and showing a deleted
// principal as its unique id and a renamed user under its new ARN in the
// trust policies that name them. The memory account does all of it (the
// conformance suite in provider/providertest pins it); here are the cases
// the planner meets.
func TestTrustPrincipalRules(t *testing.T) {
	ctx := context.Background()
	cur := model.NewAccount(model.DefaultAccountID)
	cur.AddUser(&model.User{Name: "u", Path: "/"})
	cur.AddUser(&model.User{Name: "v", Path: "/"})
	cur.AddRole(&model.Role{Name: "k", Path: "/", MaxSessionDuration: 3600,
		AssumeRolePolicy: plantest.TrustAWS("arn:aws:iam::123456789012:user/u", "arn:aws:iam::123456789012:user/v")})
	acct, err := memory.FromModel(cur)
	if err != nil {
		t.Fatal(err)
	}
	placeholder := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`
	if err := acct.Do(ctx, &op.CreateRole{RoleName: "c", AssumeRolePolicyDocument: placeholder}); err != nil {
		t.Errorf("the placeholder trust: %v", err)
	}
	naming := &op.UpdateAssumeRolePolicy{RoleName: "c", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/later"},"Action":"sts:AssumeRole"}]}`}
	wantCode(t, acct, naming, provider.Malformed)
	if err := acct.Do(ctx, &op.CreateRole{RoleName: "later", AssumeRolePolicyDocument: placeholder}); err != nil {
		t.Fatal(err)
	}
	if err := acct.Do(ctx, naming); err != nil {
		t.Errorf("a trust naming a role that exists: %v", err)
	}

	before, err := acct.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []op.Op{&op.DeleteUser{UserName: "u"}, &op.UpdateUser{UserName: "v", NewUserName: "w", NewPath: "/x/"}} {
		if err := acct.Do(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	after, err := acct.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := plantest.TrustAWS(before.User("u").ID, "arn:aws:iam::123456789012:user/x/w")
	if got := after.Role("k").AssumeRolePolicy; !policy.Equal(got, want) {
		t.Errorf("role k trusts %s, want %s", policy.CanonicalString(got), policy.CanonicalString(want))
	}
}

// TestApplyRefusesATrustBeforeItsPrincipal: the plan tests apply plans to
// the memory account in orders their dependencies allow; a trust policy
// set before the user or role it names is created fails there, as on AWS,
// so those tests show that plans order trusts after their principals.
func TestApplyRefusesATrustBeforeItsPrincipal(t *testing.T) {
	des := model.NewAccount(model.DefaultAccountID)
	des.AddUser(&model.User{Name: "u", Path: "/staff/"})
	des.AddRole(&model.Role{Name: "r", Path: "/", MaxSessionDuration: 3600,
		AssumeRolePolicy: plantest.TrustAWS("arn:aws:iam::123456789012:user/staff/u")})
	cur := model.NewAccount(model.DefaultAccountID)
	p, err := plan.Compute(des, cur, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := applyPlan(cur, p.Steps, nil); err != nil {
		t.Fatalf("the plan in order: %v", err)
	}
	order := make([]int, len(p.Steps))
	for i := range order {
		order[i] = len(p.Steps) - 1 - i
	}
	_, err = applyPlan(cur, p.Steps, order)
	if provider.CodeOf(err) != provider.Malformed || !strings.Contains(err.Error(), `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/staff/u"`) {
		t.Errorf("the plan backwards: %v; want MalformedPolicyDocument: Invalid principal", err)
	}
}
