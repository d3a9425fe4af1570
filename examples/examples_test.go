package examples_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/apply"
	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/provider/memory"
)

// credentials keeps generated passwords for the test.
type credentials struct {
	mu    sync.Mutex
	users map[string]bool
}

func (c *credentials) Keep(creds []apply.Credential) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range creds {
		if e.Password != "" {
			c.users[e.User] = true
		}
	}
	return nil
}

func (c *credentials) Forget(user string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.users, user)
	return nil
}

// load compiles a configuration for the account id and fails the test on
// any diagnostic: the examples have no errors and no warnings.
func load(t *testing.T, dir, accountID string) *lang.Config {
	t.Helper()
	cfg, diags := lang.Load(lang.Options{Dir: dir, AccountID: accountID})
	for _, d := range diags {
		sev := "error"
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		t.Errorf("%s: %s: %s", sev, d.Summary, d.Error())
	}
	if t.Failed() {
		t.FailNow()
	}
	return cfg
}

// planAndApply plans the configuration against the account, applies the
// plan, and checks that planning again gives no changes.
func planAndApply(t *testing.T, acct *memory.Account, dir string) *plan.Plan {
	t.Helper()
	ctx := context.Background()
	cfg := load(t, dir, accountID(t, acct))
	current, err := acct.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	opts := plan.Options{Scope: cfg.Scope, ScopeDeclared: cfg.ScopeDeclared, Quotas: cfg.Quotas}
	p, err := plan.Compute(cfg.Account, current, opts)
	if err != nil {
		t.Fatalf("%s: plan: %v", dir, err)
	}
	if p.Empty() {
		t.Fatalf("%s: the first plan has no changes", dir)
	}
	creds := &credentials{users: map[string]bool{}}
	rep, err := apply.Run(ctx, p, acct, apply.Options{Parallelism: 4, PasswordPolicy: cfg.Account.PasswordPolicy, Credentials: creds})
	if err != nil {
		t.Fatalf("%s: apply: %v", dir, err)
	}
	if !rep.OK() {
		t.Fatalf("%s: apply did not finish: %+v", dir, rep)
	}
	for _, u := range cfg.Account.Users {
		if lp := u.LoginProfile; lp != nil && lp.Enabled && !creds.users[u.Name] {
			t.Errorf("%s: no password was generated for %s", dir, u.Name)
		}
	}
	current, err = acct.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	again, err := plan.Compute(cfg.Account, current, opts)
	if err != nil {
		t.Fatalf("%s: second plan: %v", dir, err)
	}
	if !again.Empty() {
		t.Errorf("%s: the second plan is not empty: %d changes, %d steps", dir, len(again.Changes), len(again.Steps))
		for _, c := range again.Changes {
			t.Logf("  %+v", c)
		}
	}
	return p
}

// newAccount returns a memory account for the configuration: the id it
// declares, else the memory account's default.
func newAccount(t *testing.T, dir string) *memory.Account {
	t.Helper()
	id := load(t, dir, "").DeclaredAccountID
	if id == "" {
		id = model.DefaultAccountID
	}
	return memory.New(id)
}

func TestStartup(t *testing.T) {
	acct := newAccount(t, "startup")
	planAndApply(t, acct, "startup")
	a := readAccount(t, acct)
	if a.Alias == nil || *a.Alias != "acme-startup" {
		t.Errorf("alias %v", a.Alias)
	}
	if a.PasswordPolicy == nil || a.PasswordPolicy.MinimumLength != 14 {
		t.Errorf("password policy %+v", a.PasswordPolicy)
	}
	backup := a.User("backup")
	if backup == nil || len(backup.InlinePolicies) != 1 || len(backup.Groups) != 0 {
		t.Errorf("the backup user: %+v", backup)
	}
	if r := a.Role("ec2-app"); r == nil || len(r.ManagedPolicies) != 1 || r.ManagedPolicies[0] != "arn:aws:iam::aws:policy/IAMReadOnlyAccess" {
		t.Errorf("the EC2 role: %+v", r)
	}
	if ip := a.InstanceProfile("ec2-app"); ip == nil || ip.Role != "ec2-app" {
		t.Errorf("the EC2 role's instance profile: %+v", ip)
	}
	if g := a.Group("admins"); g == nil || len(g.ManagedPolicies) != 1 || g.ManagedPolicies[0] != "arn:aws:iam::aws:policy/AdministratorAccess" {
		t.Errorf("the admins group: %+v", g)
	}
}

func TestGitHubDeploy(t *testing.T) {
	acct := newAccount(t, "github-deploy")
	planAndApply(t, acct, "github-deploy")
	a := readAccount(t, acct)
	gh := a.OIDCProvider("token.actions.githubusercontent.com")
	if gh == nil || len(gh.ClientIDs) != 1 || gh.ClientIDs[0] != "sts.amazonaws.com" {
		t.Fatalf("the GitHub provider: %+v", gh)
	}
	r := a.Role("deploy")
	if r == nil {
		t.Fatal("no deploy role")
	}
	e := access.New(a, access.Options{})
	ask := func(repo string) access.Decision {
		ans, err := e.Evaluate(access.Request{
			Principal: access.Principal{Kind: access.KindFederated, Name: gh.ARN},
			Action:    "sts:AssumeRoleWithWebIdentity", Resource: r.ARN,
			Context: access.Context{
				"token.actions.githubusercontent.com:sub": {"repo:" + repo + ":ref:refs/heads/main"},
				"token.actions.githubusercontent.com:aud": {"sts.amazonaws.com"},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		return ans.Decision
	}
	if d := ask("acme/web"); d != access.Allowed {
		t.Errorf("main of acme/web: %s, want allowed", d)
	}
	if d := ask("someone/web"); d == access.Allowed {
		t.Errorf("another repository: %s, want denied", d)
	}
}

func TestMidsize(t *testing.T) {
	acct := newAccount(t, "midsize")
	planAndApply(t, acct, "midsize")
	a := readAccount(t, acct)
	if len(a.Users) != 20 {
		t.Errorf("%d users, want one per person (20)", len(a.Users))
	}
	u := a.User("kemi.mensah")
	if u == nil || u.Path != "/people/data/" {
		t.Fatalf("kemi.mensah: %+v", u)
	}
	want := map[string]bool{"team-data": true, "everyone": true, "engineering": true}
	if len(u.Groups) != len(want) {
		t.Errorf("kemi.mensah is in %v, want %v", u.Groups, want)
	}
	for _, g := range u.Groups {
		if !want[g] {
			t.Errorf("kemi.mensah is in %s", g)
		}
	}
	if f := a.User("paula.reyes"); f == nil || len(f.Groups) != 2 {
		t.Errorf("paula.reyes (finance) is in %v, want her team and everyone", f.Groups)
	}
}

func TestShared(t *testing.T) {
	a, b := filepath.Join("shared", "team-a"), filepath.Join("shared", "team-b")
	acct := newAccount(t, a)
	if id := load(t, b, "").DeclaredAccountID; id != accountID(t, acct) {
		t.Fatalf("the teams declare different accounts: %s and %s", accountID(t, acct), id)
	}
	planAndApply(t, acct, a)
	planAndApply(t, acct, b)
	// Each team's configuration still plans no change: team B's entities
	// are outside team A's scope, and the other way round.
	for _, dir := range []string{a, b} {
		cfg := load(t, dir, accountID(t, acct))
		current := readAccount(t, acct)
		p, err := plan.Compute(cfg.Account, current, plan.Options{Scope: cfg.Scope, ScopeDeclared: cfg.ScopeDeclared, Quotas: cfg.Quotas})
		if err != nil {
			t.Fatal(err)
		}
		if !p.Empty() {
			t.Errorf("%s: a plan after both applies has %d changes", dir, len(p.Changes))
		}
	}
	acc := readAccount(t, acct)
	if len(acc.Users) != 4 || len(acc.Groups) != 2 || len(acc.Policies) != 3 || len(acc.Roles) != 2 {
		t.Errorf("the shared account has %d users, %d groups, %d policies, %d roles", len(acc.Users), len(acc.Groups), len(acc.Policies), len(acc.Roles))
	}
	readPolicy := "arn:aws:iam::" + accountID(t, acct) + ":policy/team-a/payments-read"
	if got := acc.Attachments(readPolicy); len(got) != 4 {
		t.Errorf("team A's published policy is attached to %v, want team A's group and role and team B's group and role", got)
	}
}

func readAccount(t *testing.T, acct *memory.Account) *model.Account {
	t.Helper()
	a, err := acct.Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func accountID(t *testing.T, acct *memory.Account) string {
	t.Helper()
	id, err := acct.Identity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return id.Account
}

// TestFormatted checks that every example is in iamc fmt's layout.
func TestFormatted(t *testing.T) {
	var files []string
	for _, pattern := range []string{"*/*.iam.hcl", "*/*/*.iam.hcl"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no example files")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out, diags := lang.Format(f, src)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", f, diags)
		}
		if string(out) != string(src) {
			t.Errorf("%s is not formatted: run iamc fmt", f)
		}
	}
}

// TestOrganization plans and applies each account of the organization,
// whose baseline comes from a module shared by all three.
func TestOrganization(t *testing.T) {
	for _, name := range []string{"shared", "dev", "prod"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("organization", "accounts", name)
			acct := newAccount(t, dir)
			planAndApply(t, acct, dir)
			a, err := acct.Read(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if a.Role("break-glass") == nil || a.Group("admins") == nil || a.User("alice") == nil {
				t.Errorf("%s: the baseline module's entities are missing", name)
			}
			if !containsString(a.User("alice").Groups, "admins") {
				t.Errorf("%s: alice is not in the baseline's admins group: %v", name, a.User("alice").Groups)
			}
		})
	}
}

func containsString(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
