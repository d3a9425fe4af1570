package awsiam

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
)

// chainOps is a sequence of creates and the ops that depend on them, each
// naming what the ones before made: what a plan for a new team does.
func chainOps(account string, i int) []op.Op {
	n := func(s string) string { return fmt.Sprintf("%s-%d", s, i) }
	pol := model.PolicyARN(account, "/", n("pol"))
	user := model.UserARN(account, "/", n("user"))
	doc := func(action string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"` + action + `","Resource":"*"}]}`
	}
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + user + `"},"Action":"sts:AssumeRole"}]}`
	desc := "deploys team " + fmt.Sprint(i)
	return []op.Op{
		&op.CreatePolicy{PolicyName: n("pol"), PolicyDocument: doc("s3:GetObject"), Tags: []op.Tag{{Key: "team", Value: n("t")}}},
		&op.CreateGroup{GroupName: n("grp")},
		&op.AttachGroupPolicy{GroupName: n("grp"), PolicyArn: pol},
		&op.PutGroupPolicy{GroupName: n("grp"), PolicyName: "inline", PolicyDocument: doc("sqs:SendMessage")},
		&op.CreateUser{UserName: n("user"), PermissionsBoundary: pol},
		&op.CreateRole{RoleName: n("role"), AssumeRolePolicyDocument: trust},
		&op.AddUserToGroup{GroupName: n("grp"), UserName: n("user")},
		&op.PutUserPolicy{UserName: n("user"), PolicyName: "own", PolicyDocument: doc("dynamodb:GetItem")},
		&op.TagUser{UserName: n("user"), Tags: []op.Tag{{Key: "team", Value: n("t")}}},
		&op.CreateLoginProfile{UserName: n("user"), Password: "Chain-Passw0rd-" + fmt.Sprint(i), PasswordResetRequired: true},
		&op.AttachRolePolicy{RoleName: n("role"), PolicyArn: pol},
		&op.UpdateRole{RoleName: n("role"), Description: &desc, MaxSessionDuration: 7200},
		&op.CreatePolicyVersion{PolicyArn: pol, PolicyDocument: doc("s3:PutObject"), SetAsDefault: true},
	}
}

// TestFaultsServed runs independent chains of dependent ops, four at a
// time as apply does with --parallelism 4, against a served account that
// throttles a fifth of all requests, fails one in twenty with a 500, and
// hides what was just created for a while (NoSuchEntity, Invalid
// principal). Every op completes, and the account is as the ops say.
func TestFaultsServed(t *testing.T) {
	const chains, parallelism = 12, 4
	delay := 150 * time.Millisecond
	srv, h := served(t, nil, iamapi.Options{ThrottleRate: 0.2, ErrorRate: 0.05, ConsistencyDelay: delay, Seed: 42})
	var log logBuffer
	p := newServedProvider(t, srv.URL, Options{Logf: log.logf})
	ctx := context.Background()
	id, err := p.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	sem := make(chan struct{}, parallelism)
	errs := make(chan error, chains)
	ops := 0
	for i := 0; i < chains; i++ {
		chain := chainOps(id.Account, i)
		ops += len(chain)
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			for _, o := range chain {
				if err := p.Do(ctx, o); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		t.Fatalf("log:\n%s", log.String())
	}

	// One SDK call per op as far as iamc counts (retries are the SDK's
	// and the consistency waits'), and the server saw the faults.
	writes := 0
	for a, n := range p.Calls() {
		if a != "GetCallerIdentity" {
			writes += n
		}
	}
	waits := strings.Count(log.String(), ": waiting ")
	if writes != ops+waits {
		t.Errorf("%d write calls for %d ops and %d consistency waits", writes, ops, waits)
	}
	st := h.Stats()
	t.Logf("%d ops, %d consistency waits; server: %+v", ops, waits, st)
	logs := log.String()
	for _, want := range []string{"Throttling: Rate exceeded; retrying", "to become visible after its create (NoSuchEntity", "to become visible as a principal (MalformedPolicyDocument: Invalid principal"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if strings.Contains(logs, "Chain-Passw0rd") {
		t.Error("a password reached the log")
	}

	time.Sleep(delay) // let the last creates become visible to reads
	p.Hint(hintsOfChains(id.Account, chains))
	got, err := p.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < chains; i++ {
		n := func(s string) string { return fmt.Sprintf("%s-%d", s, i) }
		u, r, g, pol := got.User(n("user")), got.Role(n("role")), got.Group(n("grp")), got.Policy(n("pol"))
		if u == nil || r == nil || g == nil || pol == nil {
			t.Fatalf("chain %d: missing entities: user %v role %v group %v policy %v", i, u != nil, r != nil, g != nil, pol != nil)
		}
		if len(u.Groups) != 1 || u.PermissionsBoundary != pol.ARN || u.LoginProfile == nil || !u.LoginProfile.Enabled ||
			u.Tags["team"] != n("t") || len(u.InlinePolicies) != 1 {
			t.Errorf("chain %d: user %+v", i, u)
		}
		if r.Description == "" || r.MaxSessionDuration != 7200 || len(r.ManagedPolicies) != 1 {
			t.Errorf("chain %d: role %+v", i, r)
		}
		if len(pol.Versions) != 2 || !pol.Versions[1].IsDefault || !strings.Contains(policy.CanonicalString(pol.Document), "s3:PutObject") || pol.Tags["team"] != n("t") {
			t.Errorf("chain %d: policy %+v", i, pol)
		}
		if len(g.ManagedPolicies) != 1 || len(g.InlinePolicies) != 1 {
			t.Errorf("chain %d: group %+v", i, g)
		}
	}
}

// hintsOfChains declares what the chains made, with console_access and
// policy tags, so that Read reads them.
func hintsOfChains(account string, chains int) (h provider.ReadHints) {
	d := model.NewAccount(account)
	for i := 0; i < chains; i++ {
		d.AddUser(&model.User{Name: fmt.Sprintf("user-%d", i), Path: "/", LoginProfile: &model.LoginProfile{Enabled: true}})
		d.AddPolicy(&model.ManagedPolicy{Name: fmt.Sprintf("pol-%d", i), Path: "/", Tags: model.Tags{}})
	}
	return provider.ReadHints{Desired: d, Scope: model.DefaultScope}
}
