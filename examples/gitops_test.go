package examples_test

import (
	"context"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/awsiam"
)

// TestGitOps applies the gitops example and checks its two CI roles: who
// may assume each, and that the plan role reads and the apply role
// writes exactly what iamc needs.
func TestGitOps(t *testing.T) {
	acct := newAccount(t, "gitops")
	planAndApply(t, acct, "gitops")
	a := readAccount(t, acct)
	gh := a.OIDCProvider("token.actions.githubusercontent.com")
	if gh == nil {
		t.Fatal("no GitHub provider")
	}
	e := access.New(a, access.Options{})
	decide := func(req access.Request) access.Decision {
		t.Helper()
		ans, err := e.Evaluate(req)
		if err != nil {
			t.Fatal(err)
		}
		return ans.Decision
	}
	assume := func(role, sub string) access.Decision {
		r := a.Role(role)
		if r == nil {
			t.Fatalf("no role %s", role)
		}
		return decide(access.Request{
			Principal: access.Principal{Kind: access.KindFederated, Name: gh.ARN},
			Action:    "sts:AssumeRoleWithWebIdentity", Resource: r.ARN,
			Context: access.Context{
				"token.actions.githubusercontent.com:sub": {sub},
				"token.actions.githubusercontent.com:aud": {"sts.amazonaws.com"},
			},
		})
	}
	for _, c := range []struct {
		role, sub string
		want      bool
	}{
		{"iamc-plan", "repo:acme/iam:pull_request", true},
		{"iamc-plan", "repo:acme/iam:ref:refs/heads/main", true},
		{"iamc-apply", "repo:acme/iam:ref:refs/heads/main", true},
		{"iamc-apply", "repo:acme/iam:pull_request", false},
		{"iamc-apply", "repo:acme/iam:ref:refs/heads/feature", false},
		{"iamc-apply", "repo:acme/iam:environment:prod", false},
		{"iamc-plan", "repo:someone/iam:pull_request", false},
		{"iamc-apply", "repo:someone/iam:ref:refs/heads/main", false},
	} {
		if got := assume(c.role, c.sub) == access.Allowed; got != c.want {
			t.Errorf("%s assumed from %s: %v, want %v", c.role, c.sub, got, c.want)
		}
	}

	// Every call an apply can make is the apply role's, none the plan role's.
	for _, action := range op.Actions() {
		req := access.Request{Action: "iam:" + action, Resource: "*"}
		req.Principal = access.Role("iamc-apply")
		if d := decide(req); d != access.Allowed {
			t.Errorf("iamc-apply: iam:%s is %s, want allowed", action, d)
		}
		req.Principal = access.Role("iamc-plan")
		if d := decide(req); d == access.Allowed {
			t.Errorf("iamc-plan: iam:%s is allowed, want denied", action)
		}
	}

	// Every call a plan makes through the AWS provider is the plan role's:
	// plan the example through the IAM API over an account that holds
	// what makes the provider ask more (users with console access and
	// credentials, tagged instance profiles, all outside the
	// configuration, so that the plan reads what deleting them needs).
	planAndApply(t, acct, "startup")
	srv := httptest.NewServer(iamapi.NewHandler(acct, iamapi.Options{}))
	defer srv.Close()
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	ctx := context.Background()
	p, err := awsiam.New(ctx, awsiam.Options{EndpointURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	cfg := load(t, "gitops", accountID(t, acct))
	current, err := provider.ReadFor(ctx, p, provider.ReadHints{Desired: cfg.Account, Scope: cfg.Scope})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := plan.Compute(cfg.Account, current, plan.Options{Scope: cfg.Scope, ScopeDeclared: cfg.ScopeDeclared, Quotas: cfg.Quotas})
	if err != nil {
		t.Fatal(err)
	}
	if len(pl.Changes) == 0 {
		t.Fatal("the plan over the startup account deletes nothing")
	}
	var made []string
	for call := range p.Calls() {
		made = append(made, call)
	}
	sort.Strings(made)
	for _, call := range made {
		if call == "GetCallerIdentity" { // STS answers it whatever the policies
			continue
		}
		req := access.Request{Principal: access.Role("iamc-plan"), Action: "iam:" + call, Resource: "*"}
		if d := decide(req); d != access.Allowed {
			t.Errorf("the plan called %s, which iamc-plan may not (%s)", call, d)
		}
	}
	t.Logf("calls of the plan: %s", strings.Join(made, ", "))
}
