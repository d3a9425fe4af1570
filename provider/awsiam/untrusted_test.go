package awsiam

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/apply"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
)

// teamAccount is an account with three customer managed policies, one of
// them attached to a user and to a role, as the desired account declares
// it (no ids, no versions) or as it is seeded.
func teamAccount() *model.Account {
	a := model.NewAccount(model.DefaultAccountID)
	doc := func(action string) *policy.Document {
		return policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"` + action + `","Resource":"*"}]}`)
	}
	keep := model.PolicyARN(a.ID, "/team/", "keep")
	a.AddPolicy(&model.ManagedPolicy{Name: "keep", Path: "/team/", ARN: keep, Document: doc("s3:GetObject")})
	a.AddPolicy(&model.ManagedPolicy{Name: "audit", Path: "/", ARN: model.PolicyARN(a.ID, "/", "audit"), Document: doc("cloudtrail:LookupEvents")})
	a.AddPolicy(&model.ManagedPolicy{Name: "billing", Path: "/", ARN: model.PolicyARN(a.ID, "/", "billing"), Document: doc("ce:GetCostAndUsage")})
	a.AddUser(&model.User{Name: "alice", Path: "/", ARN: model.UserARN(a.ID, "/", "alice"), ManagedPolicies: []string{keep}})
	a.AddRole(&model.Role{Name: "app", Path: "/", ARN: model.RoleARN(a.ID, "/", "app"), MaxSessionDuration: model.DefaultMaxSessionDuration,
		AssumeRolePolicy: policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		ManagedPolicies:  []string{keep}})
	return a
}

// TestEmulatorPolicyWithoutName plans and applies, through the AWS
// provider, a configuration that declares an account exactly as it is,
// against an endpoint that answers GetAccountAuthorizationDetails as moto
// does: without the managed policies' PolicyName. The provider takes the
// names and paths from the ARNs, so the plan is empty and the apply
// deletes nothing. (Read without names, the three policies became one
// policy named "", planned for deletion beside a create of each declared
// one; the creates failed with EntityAlreadyExists, and the detaches and
// the delete, which did not wait for them, deleted a declared policy.)
func TestEmulatorPolicyWithoutName(t *testing.T) {
	em := &emulator{stripPolicyName: true, delay: map[string]time.Duration{"CreatePolicy": 300 * time.Millisecond}}
	srv, acct := emulated(t, teamAccount(), em)
	p := newServedProvider(t, srv.URL, Options{})
	ctx := context.Background()
	before, err := acct.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	desired := teamAccount()
	p.Hint(provider.ReadHints{Desired: desired, Scope: model.DefaultScope})

	current, err := p.Read(ctx)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	for _, want := range desired.SortedPolicies() {
		got := current.Policy(want.Name)
		if got == nil || got.Name != want.Name || got.Path != want.Path || got.ARN != want.ARN {
			t.Errorf("policy %s read as %+v", want.Name, got)
		}
	}
	if len(current.Policies) != len(desired.Policies) {
		t.Errorf("read %d policies, want %d", len(current.Policies), len(desired.Policies))
	}

	pl, err := plan.Compute(desired, current, plan.Options{})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	for _, s := range pl.Steps {
		t.Errorf("step %d: %s", s.ID, op.Command(s.Op, 60))
	}
	report, err := apply.Run(ctx, pl, p, apply.Options{Parallelism: 4})
	if err != nil {
		t.Errorf("apply: %v (done %v)", err, report.Done)
	}
	after, err := acct.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range before.SortedPolicies() {
		if got := after.Policy(want.Name); got == nil || got.ID != want.ID {
			t.Errorf("the declared policy %s was deleted", want.Name)
		}
	}
	if u := after.User("alice"); u == nil || len(u.ManagedPolicies) != 1 {
		t.Errorf("alice's attachment was removed: %+v", u)
	}
	if n := em.requests("DeletePolicy") + em.requests("DetachUserPolicy") + em.requests("DetachRolePolicy"); n != 0 {
		t.Errorf("%d detach and delete calls", n)
	}
}

// TestEmulatorInvalidAnswers reads, through the AWS provider, a served
// account whose answers are edited into what IAM never answers; each read
// fails naming the call and the entity, rather than planning against an
// account it misread.
func TestEmulatorInvalidAnswers(t *testing.T) {
	seed := teamAccount()
	seed.User("alice").InlinePolicies = []model.InlinePolicy{{Name: "own", Document: seed.Policy("keep").Document}}
	seed.AddUser(&model.User{Name: "bob", Path: "/", Credentials: model.Credentials{AccessKeys: []model.AccessKey{{ID: "AKIAEMULATED00000001", Active: true}}}})
	replace := func(action string, pairs ...string) func(string, []byte) []byte {
		return func(a string, body []byte) []byte {
			if a != action {
				return body
			}
			return []byte(strings.NewReplacer(pairs...).Replace(string(body)))
		}
	}
	for _, tc := range []struct {
		name string
		em   *emulator
		want string
	}{{
		name: "a user name IAM does not allow",
		em:   &emulator{rewrite: replace("GetAccountAuthorizationDetails", "<UserName>bob</UserName>", "<UserName>bob smith</UserName>")},
		want: `GetAccountAuthorizationDetails: InvalidAnswer: the answer holds user "bob smith" (arn:aws:iam::123456789012:user/bob) that is not valid: the user name "bob smith" contains ' '`,
	}, {
		name: "two users whose names fold to one",
		em: &emulator{rewrite: replace("GetAccountAuthorizationDetails",
			"<UserName>bob</UserName>", "<UserName>Alice</UserName>", "user/bob</Arn>", "user/Alice</Arn>")},
		want: `user.Alice: GetAccountAuthorizationDetails: InvalidAnswer: the answer holds user "Alice" (arn:aws:iam::123456789012:user/Alice) that is not valid: user "alice" and user "Alice" are two entities whose names differ only in case`,
	}, {
		name: "policies without names whose ARNs name one policy",
		em: &emulator{stripPolicyName: true, rewrite: replace("GetAccountAuthorizationDetails",
			"<Arn>arn:aws:iam::123456789012:policy/audit</Arn>", "<Arn>arn:aws:iam::123456789012:policy/billing</Arn>")},
		want: `policy.billing: GetAccountAuthorizationDetails: InvalidAnswer: the answer holds policy "billing" (arn:aws:iam::123456789012:policy/billing) that is not valid: policy "billing" is there twice`,
	}, {
		name: "an inline policy without a name",
		em:   &emulator{rewrite: replace("GetAccountAuthorizationDetails", "<PolicyName>own</PolicyName>", "")},
		want: `user.alice: GetAccountAuthorizationDetails: InvalidAnswer: the answer holds user "alice" (arn:aws:iam::123456789012:user/alice) that is not valid: its inline policies: an inline policy name cannot be empty`,
	}, {
		name: "an access key without an id",
		em:   &emulator{rewrite: replace("ListAccessKeys", "<AccessKeyId>AKIAEMULATED00000001</AccessKeyId>", "")},
		want: `user.bob: ListAccessKeys: InvalidAnswer: the answer holds user "bob" (arn:aws:iam::123456789012:user/bob) that is not valid: it lists an access key without an id`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := emulated(t, seed, tc.em)
			p := newServedProvider(t, srv.URL, Options{})
			p.Hint(provider.ReadHints{Desired: teamAccount(), Scope: model.DefaultScope})
			got, err := p.Read(context.Background())
			switch {
			case err == nil:
				t.Fatalf("read %d users, %d policies; want %q", len(got.Users), len(got.Policies), tc.want)
			case !strings.Contains(err.Error(), tc.want):
				t.Errorf("error\n%s\nwant it to contain\n%s", err, tc.want)
			}
			if !provider.IsCode(err, CodeInvalidAnswer) {
				t.Errorf("code %q", provider.CodeOf(err))
			}
		})
	}
}

// TestEmulatorUnimplementedAction reads through the AWS provider from an
// endpoint that does not implement GetAccountAuthorizationDetails, in
// each of the ways emulators say so: InvalidAction or NotImplemented (any
// status) fail at once naming the action; moto's HTML page with status
// 500 fails after unreadableAttempts attempts; IAM's own 5xx error XML
// and throttling keep the full retryer.
func TestEmulatorUnimplementedAction(t *testing.T) {
	const gaad = "GetAccountAuthorizationDetails"
	for _, tc := range []struct {
		name     string
		em       *emulator
		attempts int
		code     provider.Code
		want     string
	}{{
		name:     "InvalidAction",
		em:       &emulator{errors: map[string]emulatedError{gaad: {400, "InvalidAction"}}},
		attempts: 1, code: "InvalidAction",
		want: "GetAccountAuthorizationDetails: InvalidAction: the endpoint does not implement GetAccountAuthorizationDetails (it answered InvalidAction: The action GetAccountAuthorizationDetails is not valid for this web service.); an IAM emulator may lack it",
	}, {
		name:     "NotImplemented with status 501",
		em:       &emulator{errors: map[string]emulatedError{gaad: {501, "NotImplemented"}}},
		attempts: 1, code: "NotImplemented",
		want: "the endpoint does not implement GetAccountAuthorizationDetails",
	}, {
		name:     "NotImplemented with status 500",
		em:       &emulator{errors: map[string]emulatedError{gaad: {500, "NotImplemented"}}},
		attempts: 1, code: "NotImplemented",
		want: "the endpoint does not implement GetAccountAuthorizationDetails",
	}, {
		name:     "moto's HTML page with status 500",
		em:       &emulator{html: map[string]bool{gaad: true}},
		attempts: unreadableAttempts, code: provider.ServiceFailure,
		want: "GetAccountAuthorizationDetails: ServiceFailure: the endpoint answered HTTP 500 with a text/html; charset=utf-8 body that is not IAM's error XML, at each of 3 attempts. An IAM emulator answers so an action it does not implement: it may lack GetAccountAuthorizationDetails",
	}, {
		name:     "IAM's InternalFailure",
		em:       &emulator{errors: map[string]emulatedError{gaad: {500, "InternalFailure"}}},
		attempts: DefaultMaxAttempts, code: "InternalFailure",
		want: "GetAccountAuthorizationDetails: InternalFailure: ",
	}, {
		name:     "throttling",
		em:       &emulator{errors: map[string]emulatedError{gaad: {400, "Throttling"}}},
		attempts: DefaultMaxAttempts, code: "Throttling",
		want: "GetAccountAuthorizationDetails: Throttling: ",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := emulated(t, teamAccount(), tc.em)
			var log logBuffer
			p := newServedProvider(t, srv.URL, Options{Logf: log.logf})
			_, err := p.Read(context.Background())
			if err == nil {
				t.Fatal("the read succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n%s\nwant it to contain\n%s", err, tc.want)
			}
			if got := provider.CodeOf(err); got != tc.code {
				t.Errorf("code %q, want %q", got, tc.code)
			}
			if n := tc.em.requests(gaad); n != tc.attempts {
				t.Errorf("%d attempts, want %d\n%s", n, tc.attempts, log.String())
			}
			if retries := strings.Count(log.String(), "retrying"); retries != tc.attempts-1 {
				t.Errorf("%d retries logged, want %d\n%s", retries, tc.attempts-1, log.String())
			}
		})
	}
}

// TestEmulatorUnimplementedWrite: a write answered with moto's HTML page
// and status 500 fails after unreadableAttempts attempts, as one that may
// have taken effect.
func TestEmulatorUnimplementedWrite(t *testing.T) {
	em := &emulator{html: map[string]bool{"CreateUser": true}}
	srv, _ := emulated(t, nil, em)
	p := newServedProvider(t, srv.URL, Options{})
	err := p.Do(context.Background(), &op.CreateUser{UserName: "tyler", Path: "/"})
	want := "user.tyler: CreateUser: ServiceFailure: the endpoint answered HTTP 500 with a text/html; charset=utf-8 body that is not IAM's error XML, at each of 3 attempts; the call may have taken effect. An IAM emulator answers so an action it does not implement: it may lack CreateUser"
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
	if !provider.MayHaveTakenEffect(err) {
		t.Error("the error says the call did not take effect")
	}
	if n := em.requests("CreateUser"); n != unreadableAttempts {
		t.Errorf("%d attempts, want %d", n, unreadableAttempts)
	}
}
