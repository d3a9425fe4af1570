package access

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// identityAccount has a user in two groups with policies of every kind:
// its own inline and attached (customer and AWS managed), each group's
// inline and attached, and a boundary.
func identityAccount() *model.Account {
	a := model.NewAccount(testAccount)
	p := func(s string) *policy.Document { return policy.MustParse(s) }
	a.AddPolicy(&model.ManagedPolicy{Name: "read-s3", Path: "/team/",
		Document: p(doc(`{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`))})
	a.AddPolicy(&model.ManagedPolicy{Name: "bound", Path: "/",
		Document: p(doc(`{"Sid":"Everything","Effect":"Allow","Action":"*","Resource":"*"}`, `{"Sid":"NoIAM","Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}`))})
	a.AddGroup(&model.Group{Name: "devs", Path: "/",
		ManagedPolicies: []string{model.PolicyARN(testAccount, "/team/", "read-s3")},
		InlinePolicies:  []model.InlinePolicy{{Name: "no-delete", Document: p(doc(`{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}`))}}})
	a.AddGroup(&model.Group{Name: "ops", Path: "/",
		ManagedPolicies: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/NoSuchPolicy"}})
	a.AddUser(&model.User{Name: "chloe", Path: "/", Groups: []string{"devs", "ops", "gone"},
		InlinePolicies:      []model.InlinePolicy{{Name: "own", Document: p(doc(`{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}`))}},
		PermissionsBoundary: model.PolicyARN(testAccount, "/", "bound")})
	a.AddUser(&model.User{Name: "dan", Path: "/", Groups: []string{"devs"}})
	a.AddUser(&model.User{Name: "erin", Path: "/", Groups: []string{"devs"}, PermissionsBoundary: "arn:aws:iam::123456789012:policy/missing"})
	return a
}

func evalOK(t *testing.T, e *Evaluator, r Request) *Answer {
	t.Helper()
	ans, err := e.Evaluate(r)
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

func refs(ans *Answer) []string {
	var out []string
	for _, s := range ans.Statements {
		out = append(out, s.String()+" "+s.Effect)
	}
	return out
}

// TestStatementIdentity checks that an answer names each deciding
// statement by its policy (kind, owner, name or ARN) and its index and
// Sid, whichever way the policy applies.
func TestStatementIdentity(t *testing.T) {
	e := New(identityAccount(), Options{Now: func() time.Time { return testNow }})
	tests := []struct {
		action, resource string
		want             Decision
		stmts            []string
	}{
		{"s3:PutObject", "arn:aws:s3:::home/chloe/x", Allowed, []string{
			`user.chloe inline policy "own" statement 0 Allow`,
			"user.chloe permissions boundary arn:aws:iam::123456789012:policy/bound statement 0 (Everything) Allow"}},
		{"s3:GetObject", "arn:aws:s3:::b/k", Allowed, []string{
			"group.devs managed policy arn:aws:iam::123456789012:policy/team/read-s3 statement 0 (Read) Allow",
			"group.ops managed policy arn:aws:iam::aws:policy/ReadOnlyAccess statement 1 (ReadOnlyActionsGroup2) Allow",
			"user.chloe permissions boundary arn:aws:iam::123456789012:policy/bound statement 0 (Everything) Allow"}},
		{"s3:DeleteObject", "arn:aws:s3:::b/k", ExplicitDeny, []string{
			`group.devs inline policy "no-delete" statement 0 Deny`}},
		{"iam:CreateUser", "*", ExplicitDeny, []string{
			"user.chloe permissions boundary arn:aws:iam::123456789012:policy/bound statement 1 (NoIAM) Deny"}},
		{"ec2:RunInstances", "*", ImplicitDeny, nil},
	}
	for _, tt := range tests {
		ans := evalOK(t, e, Request{Principal: User("chloe"), Action: tt.action, Resource: tt.resource})
		if ans.Decision != tt.want || !slices.Equal(refs(ans), tt.stmts) {
			t.Errorf("%s on %s: %s %q, want %s %q", tt.action, tt.resource, ans.Decision, refs(ans), tt.want, tt.stmts)
		}
	}
	ans := evalOK(t, e, Request{Principal: User("chloe"), Action: "s3:GetObject", Resource: "*"})
	s := ans.Statements[1]
	if s.Policy.Kind != PolicyManaged || s.Policy.Owner != model.GroupAddr("ops") || !s.Policy.AWSManaged ||
		s.Policy.Name != "ReadOnlyAccess" || s.Path() != "Statement[1]" || s.Policy.Document == nil {
		t.Errorf("AWS managed statement: %+v", s)
	}
	wantWarn := []string{
		"the policy arn:aws:iam::aws:policy/NoSuchPolicy attached to group.ops is neither in the account nor an AWS managed policy: it was left out",
		`user.chloe is in group "gone", which the account does not have`,
	}
	slices.Sort(ans.Warnings)
	if !slices.Equal(ans.Warnings, wantWarn) {
		t.Errorf("warnings %q, want %q", ans.Warnings, wantWarn)
	}
	if len(ans.NotCovered) == 0 {
		t.Error("the answer does not say what it does not cover")
	}
}

// TestUnknownBoundary checks that a boundary iamc cannot read still
// bounds: it allows nothing, and the answer says so.
func TestUnknownBoundary(t *testing.T) {
	e := New(identityAccount(), Options{})
	ans := evalOK(t, e, Request{Principal: User("erin"), Action: "s3:GetObject", Resource: "*"})
	if ans.Decision != ImplicitDeny || len(ans.Warnings) != 1 || !strings.Contains(ans.Warnings[0], "taken to allow nothing") {
		t.Errorf("%s %q", ans.Decision, ans.Warnings)
	}
}

// TestTrustStatementIdentity checks that a trust statement is named by
// its role.
func TestTrustStatementIdentity(t *testing.T) {
	a := testAccountWith(User("alice"), nil, "", doc(`{"Sid":"Alice","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"sts:AssumeRole"}`))
	ans := evalOK(t, New(a, Options{}), Request{Principal: User("alice"), Action: "sts:AssumeRole", Resource: "arn:aws:iam::123456789012:role/target"})
	if got := refs(ans); ans.Decision != Allowed || !slices.Equal(got, []string{"role.target trust policy statement 0 (Alice) Allow"}) {
		t.Errorf("%s %q", ans.Decision, got)
	}
}

// TestPolicySets checks Policies, PolicySetKey and PrincipalKeys: users
// with the same policies share a key, and an answer says when it read a
// key derived from the principal.
func TestPolicySets(t *testing.T) {
	e := New(identityAccount(), Options{})
	id, b, err := e.Policies(User("chloe"))
	if err != nil || len(id) != 4 || b == nil || b.Kind != PolicyBoundary {
		t.Fatalf("Policies: %v %v %v", id, b, err)
	}
	kc, _ := e.PolicySetKey(User("chloe"))
	kd, _ := e.PolicySetKey(User("dan"))
	ke, _ := e.PolicySetKey(User("erin"))
	if kc == kd || kd == ke || kd == "" {
		t.Errorf("keys %q %q %q: chloe's and erin's policies differ from dan's", kc, kd, ke)
	}
	a := identityAccount()
	a.AddUser(&model.User{Name: "fred", Path: "/", Groups: []string{"devs"}})
	e = New(a, Options{})
	kd, _ = e.PolicySetKey(User("dan"))
	kf, _ := e.PolicySetKey(User("fred"))
	if kd != kf {
		t.Errorf("dan and fred have the same policies but keys %q and %q", kd, kf)
	}
	ans := evalOK(t, e, Request{Principal: User("chloe"), Action: "s3:PutObject", Resource: "arn:aws:s3:::home/chloe/x"})
	if !slices.Equal(ans.PrincipalKeys, []string{"aws:username"}) {
		t.Errorf("principal keys %q", ans.PrincipalKeys)
	}
	ans = evalOK(t, e, Request{Principal: User("dan"), Action: "s3:GetObject", Resource: "*"})
	if len(ans.PrincipalKeys) != 0 {
		t.Errorf("principal keys %q, want none", ans.PrincipalKeys)
	}
}

// TestPrincipalKeysAbsent: a tag that the principal lacks is read as
// much as one it has: the answer is the principal's, not its policies'.
func TestPrincipalKeysAbsent(t *testing.T) {
	a := model.NewAccount("123456789012")
	doc := policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"web"}}}]}`)
	a.AddUser(&model.User{Name: "tagged", Path: "/", Tags: model.Tags{"team": "web"}, InlinePolicies: []model.InlinePolicy{{Name: "p", Document: doc}}})
	a.AddUser(&model.User{Name: "bare", Path: "/", InlinePolicies: []model.InlinePolicy{{Name: "p", Document: doc}}})
	e := New(a, Options{})
	for _, who := range []string{"tagged", "bare"} {
		ans := evalOK(t, e, Request{Principal: User(who), Action: "s3:GetObject", Resource: "*"})
		if !slices.Equal(ans.PrincipalKeys, []string{"aws:principaltag/team"}) {
			t.Errorf("%s: principal keys %q, want aws:principaltag/team", who, ans.PrincipalKeys)
		}
	}
}

func TestParsePrincipal(t *testing.T) {
	e := New(testAccountWith(User("alice"), nil, "", ""), Options{})
	tests := []struct {
		in   string
		want Principal
		err  string
	}{
		{"user.alice", User("alice"), ""},
		{"role.app", Role("app"), ""},
		{"user.nobody", User("nobody"), ""},
		{"arn:aws:iam::123456789012:user/alice", User("alice"), ""},
		{"arn:aws:iam::123456789012:role/service/app", Role("app"), ""},
		{"arn:aws:iam::123456789012:role/app", Principal{}, "not in the account"},
		{"arn:aws:iam::999999999999:user/alice", Principal{}, "not in the account"},
		{"arn:aws:iam::123456789012:user/nobody", Principal{}, "no user"},
		{"arn:aws:iam::123456789012:group/devs", Principal{}, "only users and roles"},
		{"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", Principal{KindFederated, "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, ""},
		{"arn:aws:iam::123456789012:saml-provider/corp", Principal{KindFederated, "arn:aws:iam::123456789012:saml-provider/corp"}, ""},
		{"accounts.google.com", Principal{KindFederated, "accounts.google.com"}, ""},
		{"cognito-identity.amazonaws.com", Principal{KindFederated, "cognito-identity.amazonaws.com"}, ""},
		{"ec2.amazonaws.com", Principal{KindService, "ec2.amazonaws.com"}, ""},
		{"", Principal{}, "empty"},
		{"group.devs", Principal{}, "not an address"},
		{"user.", Principal{}, "no name"},
		{"alice", Principal{}, "not an address"},
		{"arn:aws:s3:::bucket", Principal{}, "not the ARN of a user"},
	}
	for _, tt := range tests {
		got, err := e.ParsePrincipal(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParsePrincipal(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParsePrincipal(%q) = %v, %v; want an error saying %q", tt.in, got, err, tt.err)
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	e := New(testAccountWith(User("alice"), nil, "", ""), Options{})
	tests := []struct {
		r   Request
		err string
	}{
		{Request{Principal: User("nobody"), Action: "s3:GetObject", Resource: "*"}, `no user "nobody"`},
		{Request{Principal: Role("nobody"), Action: "s3:GetObject", Resource: "*"}, `no role "nobody"`},
		{Request{Principal: User("alice"), Resource: "*"}, "no action"},
		{Request{Principal: User("alice"), Action: "s3:GetObject"}, "no resource"},
		{Request{Principal: Principal{Kind: "group", Name: "devs"}, Action: "s3:GetObject", Resource: "*"}, "unknown kind"},
		{Request{Principal: Principal{Kind: KindService}, Action: "s3:GetObject", Resource: "*"}, "has no name"},
	}
	for _, tt := range tests {
		_, err := e.Evaluate(tt.r)
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%+v: %v, want an error saying %q", tt.r, err, tt.err)
		}
	}
	_, err := e.Evaluate(Request{Principal: User("nobody"), Action: "s3:GetObject", Resource: "*"})
	if !errors.Is(err, ErrNoSuchPrincipal) {
		t.Errorf("%v is not ErrNoSuchPrincipal", err)
	}
}

// TestConcurrent evaluates from many goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	e := New(identityAccount(), Options{})
	done := make(chan bool)
	for i := range 8 {
		go func() {
			for j := range 200 {
				who := []string{"chloe", "dan", "erin"}[(i+j)%3]
				if _, err := e.Evaluate(Request{Principal: User(who), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}); err != nil {
					t.Error(err)
				}
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
}
