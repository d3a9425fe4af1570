package awsiam

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"testing"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider/memory"
)

// seedable reports whether a conformance seed can be made on a real
// account with iamc's ops alone: no credentials (iamc never creates
// them), no instance profiles, nothing under AWS's reserved paths, and
// policy versions numbered v1, v2, ... as AWS numbers them.
func seedable(s *model.Account) bool {
	for _, u := range s.Users {
		if !u.Credentials.IsZero() || model.IsReservedPath(u.Path) {
			return false
		}
	}
	for _, r := range s.Roles {
		if len(r.InstanceProfiles) > 0 || model.IsReservedPath(r.Path) {
			return false
		}
	}
	for _, p := range s.Policies {
		for i, v := range p.Versions {
			if v.ID != fmt.Sprintf("v%d", i+1) {
				return false
			}
		}
	}
	return true
}

// seedOps are the ops that make seed in an account that holds none of
// its entities: policies first (with their versions), then groups, users
// and roles with what they hold, then the account settings. Login
// profiles get a random password that any password policy accepts.
func seedOps(s *model.Account) ([]op.Op, error) {
	var ops []op.Op
	doc := policy.CanonicalString
	if s.PasswordPolicy != nil {
		ops = append(ops, op.PasswordPolicyOp(*s.PasswordPolicy))
	}
	if s.Alias != nil {
		ops = append(ops, &op.CreateAccountAlias{AccountAlias: *s.Alias})
	}
	for _, p := range s.SortedPolicies() {
		ops = append(ops, &op.CreatePolicy{PolicyName: p.Name, Path: p.Path, PolicyDocument: doc(p.Document),
			Description: p.Description, Tags: op.TagsOf(p.Tags)})
		arn := model.PolicyARN(s.ID, p.Path, p.Name)
		def := len(p.Versions)
		for i, v := range p.Versions {
			if v.IsDefault {
				def = i + 1
			}
		}
		for i := 2; i <= len(p.Versions); i++ {
			ops = append(ops, &op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: doc(p.Document), SetAsDefault: i == def})
		}
		if def == 1 && len(p.Versions) > 1 {
			ops = append(ops, &op.SetDefaultPolicyVersion{PolicyArn: arn, VersionId: "v1"})
		}
	}
	for _, g := range s.SortedGroups() {
		ops = append(ops, &op.CreateGroup{GroupName: g.Name, Path: g.Path})
		for _, ip := range g.InlinePolicies {
			ops = append(ops, &op.PutGroupPolicy{GroupName: g.Name, PolicyName: ip.Name, PolicyDocument: doc(ip.Document)})
		}
		for _, arn := range g.ManagedPolicies {
			ops = append(ops, &op.AttachGroupPolicy{GroupName: g.Name, PolicyArn: arn})
		}
	}
	for _, u := range s.SortedUsers() {
		ops = append(ops, &op.CreateUser{UserName: u.Name, Path: u.Path, PermissionsBoundary: u.PermissionsBoundary, Tags: op.TagsOf(u.Tags)})
		for _, g := range u.Groups {
			ops = append(ops, &op.AddUserToGroup{GroupName: g, UserName: u.Name})
		}
		for _, ip := range u.InlinePolicies {
			ops = append(ops, &op.PutUserPolicy{UserName: u.Name, PolicyName: ip.Name, PolicyDocument: doc(ip.Document)})
		}
		for _, arn := range u.ManagedPolicies {
			ops = append(ops, &op.AttachUserPolicy{UserName: u.Name, PolicyArn: arn})
		}
		if lp := u.LoginProfile; lp != nil && lp.Enabled {
			pw, err := strongPassword()
			if err != nil {
				return nil, err
			}
			ops = append(ops, &op.CreateLoginProfile{UserName: u.Name, Password: pw, PasswordResetRequired: lp.PasswordResetRequired})
		}
	}
	for _, r := range s.SortedRoles() {
		ops = append(ops, &op.CreateRole{RoleName: r.Name, Path: r.Path, AssumeRolePolicyDocument: doc(r.AssumeRolePolicy),
			Description: r.Description, MaxSessionDuration: r.MaxSessionDuration, PermissionsBoundary: r.PermissionsBoundary,
			Tags: op.TagsOf(r.Tags)})
		for _, ip := range r.InlinePolicies {
			ops = append(ops, &op.PutRolePolicy{RoleName: r.Name, PolicyName: ip.Name, PolicyDocument: doc(ip.Document)})
		}
		for _, arn := range r.ManagedPolicies {
			ops = append(ops, &op.AttachRolePolicy{RoleName: r.Name, PolicyArn: arn})
		}
	}
	return ops, nil
}

// strongPassword is 40 random characters with every class IAM's password
// policy can require.
func strongPassword() (string, error) {
	const classes = "ABCDEFGHJKLMNPQRSTUVWXYZ" + "abcdefghijkmnopqrstuvwxyz" + "23456789" + "!@#$%^&*()_+-=[]{}|'"
	b := []byte("Aa1!")
	for len(b) < 40 {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(classes))))
		if err != nil {
			return "", err
		}
		b = append(b, classes[n.Int64()])
	}
	return string(b), nil
}

// seedAWS makes seed in the account p changes, and registers the return
// of the account's alias and password policy to what they were, which
// the suite's own cleanup (it restores what it found after seeding)
// cannot do.
func seedAWS(t *testing.T, ctx context.Context, p *Provider, seed *model.Account) error {
	if seed.Alias != nil || seed.PasswordPolicy != nil {
		alias, err := p.alias(ctx)
		if err != nil {
			return err
		}
		pp, err := p.passwordPolicy(ctx)
		if err != nil {
			return err
		}
		t.Cleanup(func() { restoreSettings(ctx, p, alias, pp) })
	}
	ops, err := seedOps(seed)
	if err != nil {
		return err
	}
	for _, o := range ops {
		if err := p.Do(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

// restoreSettings puts back an account's alias and password policy.
func restoreSettings(ctx context.Context, p *Provider, alias *string, pp *model.PasswordPolicy) {
	now, err := p.alias(ctx)
	if err == nil {
		switch {
		case alias != nil && (now == nil || *now != *alias):
			_ = p.Do(ctx, &op.CreateAccountAlias{AccountAlias: *alias})
		case alias == nil && now != nil:
			_ = p.Do(ctx, &op.DeleteAccountAlias{AccountAlias: *now})
		}
	}
	if pp != nil {
		_ = p.Do(ctx, op.PasswordPolicyOp(*pp))
	} else if now, err := p.passwordPolicy(ctx); err == nil && now != nil {
		_ = p.Do(ctx, &op.DeleteAccountPasswordPolicy{})
	}
}

// TestSeedOps checks the seeding of the real-AWS conformance run against a
// served account: the ops make what memory.FromModel makes.
func TestSeedOps(t *testing.T) {
	seed := genOrg(orgSize{users: 40, groups: 6, roles: 12, policies: 20})
	for _, u := range seed.Users {
		u.Credentials = model.Credentials{}
	}
	for _, r := range seed.Roles {
		r.InstanceProfiles = nil
	}
	alias := "seeded-alias"
	seed.Alias = &alias
	seed.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 20, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true, RequireLowercase: true}
	seed.Policies[model.Fold("pol-1")].Versions = []model.PolicyVersion{{ID: "v1", IsDefault: true}, {ID: "v2"}}
	if !seedable(seed) {
		t.Fatal("the seed is not seedable")
	}
	ctx := context.Background()
	srv, _ := served(t, nil, iamapi.Options{})
	p := newServedProvider(t, srv.URL, Options{})
	if err := seedAWS(t, ctx, p, seed); err != nil {
		t.Fatal(err)
	}
	got, err := p.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	acct, err := memory.FromModel(seed)
	if err != nil {
		t.Fatal(err)
	}
	want, err := acct.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*model.Account{got, want} {
		for _, u := range a.Users {
			u.ID = ""
		}
		for _, g := range a.Groups {
			g.ID = ""
		}
		for _, r := range a.Roles {
			r.ID = ""
		}
		for _, p := range a.Policies {
			p.ID = ""
		}
	}
	if g, w := accountJSON(t, got), accountJSON(t, want); g != w {
		t.Errorf("seeded account differs:\n%s", firstDiff(g, w))
	}
	if seedable(&model.Account{Users: map[string]*model.User{"a": {Name: "a", Credentials: model.Credentials{AccessKeys: []model.AccessKey{{ID: "AKIA"}}}}}}) {
		t.Error("a seed with access keys is seedable")
	}
}
