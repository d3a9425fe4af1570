package providertest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// Factory makes a fresh provider for one test. seed is the account the
// test starts from (nil: an empty account); its id is
// model.DefaultAccountID, and the ARNs in it name that account (Rebase
// moves them to another). A provider that cannot be seeded with what a
// test needs (access keys on real AWS, say) calls t.Skip with a message.
type Factory func(t *testing.T, seed *model.Account) provider.Provider

// testCase is one behaviour of IAM.
type testCase struct {
	name string
	run  func(t *testing.T, r *runner)
}

// Run runs the whole suite, one subtest per behaviour, one after the
// other, each cleaning up after itself: for an account that outlives the
// run (a real AWS account).
func Run(t *testing.T, f Factory) {
	run(t, f, false)
}

// RunDisposable runs the whole suite against accounts the factory makes
// afresh for each subtest and that nothing reads afterwards (a memory
// account, a served one): the subtests run in parallel, and none reads the
// account to clean it up (a seed of 5,000 users costs tens of thousands
// of calls to read over the wire).
func RunDisposable(t *testing.T, f Factory) {
	run(t, f, true)
}

func run(t *testing.T, f Factory, disposable bool) {
	token := runToken()
	for i, c := range allCases() {
		t.Run(c.name, func(t *testing.T) {
			if disposable {
				t.Parallel()
			}
			c.run(t, &runner{factory: f, token: token, n: i, disposable: disposable})
		})
	}
}

func allCases() []testCase {
	var all []testCase
	for _, cs := range [][]testCase{
		roundTripCases(), nameCases(), notFoundCases(), conflictCases(), limitCases(),
		documentCases(), principalCases(), loginProfileCases(), passwordPolicyCases(), aliasCases(),
		tagCases(), reservedCases(), readCases(),
	} {
		all = append(all, cs...)
	}
	return all
}

// runner holds what the tests of one Run share.
type runner struct {
	factory Factory
	token   string // unique per Run
	n       int    // the running test's number
	// disposable says the account is the test's alone: no cleanup.
	disposable bool
}

// runToken returns 4 random characters, so that two runs against one
// account use different names.
func runToken() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("providertest: no randomness: " + err.Error())
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b[:])
}

// prefix starts every name the running test uses.
func (r *runner) prefix() string { return fmt.Sprintf("ct%s%03d-", r.token, r.n) }

// seed is the account a test starts from, built with the test's names.
type seed struct {
	*model.Account
	pre string
}

func (s *seed) n(name string) string { return s.pre + name }

// policyARN is the ARN of one of the seed's customer managed policies.
func (s *seed) policyARN(name string) string { return model.PolicyARN(s.ID, "/", s.n(name)) }

func (s *seed) user(name string, fns ...func(*model.User)) *model.User {
	u := &model.User{Name: s.n(name), Path: "/"}
	for _, fn := range fns {
		fn(u)
	}
	s.AddUser(u)
	return u
}

func (s *seed) group(name string, fns ...func(*model.Group)) *model.Group {
	g := &model.Group{Name: s.n(name), Path: "/"}
	for _, fn := range fns {
		fn(g)
	}
	s.AddGroup(g)
	return g
}

func (s *seed) role(name string, fns ...func(*model.Role)) *model.Role {
	r := &model.Role{Name: s.n(name), Path: "/", AssumeRolePolicy: mustParse(trustDoc("ec2.amazonaws.com")),
		MaxSessionDuration: model.DefaultMaxSessionDuration}
	for _, fn := range fns {
		fn(r)
	}
	s.AddRole(r)
	return r
}

func (s *seed) policy(name string, fns ...func(*model.ManagedPolicy)) *model.ManagedPolicy {
	p := &model.ManagedPolicy{Name: s.n(name), Path: "/", Document: mustParse(allow("s3:GetObject"))}
	for _, fn := range fns {
		fn(p)
	}
	s.AddPolicy(p)
	return p
}

// env is one test's provider and the helpers that speak to it.
type env struct {
	t       *testing.T
	p       provider.Provider
	ctx     context.Context
	pre     string
	account string // the provider's account id

	// The account-wide settings as the test found them, put back by
	// cleanup when the test changed them.
	touchedAccount bool
	alias          *string
	passwordPolicy *model.PasswordPolicy
}

// start makes the test's provider from a seed built by build (nil: no
// seed) and registers the cleanup of everything the test names.
func (r *runner) start(t *testing.T, build func(s *seed)) *env {
	t.Helper()
	var m *model.Account
	if build != nil {
		s := &seed{Account: model.NewAccount(model.DefaultAccountID), pre: r.prefix()}
		build(s)
		m = s.Account
	}
	p := r.factory(t, m)
	e := &env{t: t, p: p, ctx: context.Background(), pre: r.prefix()}
	id, err := p.Identity(e.ctx)
	if err != nil {
		t.Fatalf("Identity: %v", err)
	}
	e.account = id.Account
	if r.disposable {
		return e
	}
	cur := e.read()
	e.alias, e.passwordPolicy = cur.Alias, cur.PasswordPolicy
	t.Cleanup(e.cleanup)
	return e
}

func (e *env) n(name string) string { return e.pre + name }

// policyARN is the ARN of a customer managed policy of the test.
func (e *env) policyARN(name string) string { return model.PolicyARN(e.account, "/", e.n(name)) }

// touchAccount records that the test changes the alias or the password
// policy, so that cleanup puts them back.
func (e *env) touchAccount() { e.touchedAccount = true }

func (e *env) read() *model.Account {
	e.t.Helper()
	a, err := e.p.Read(e.ctx)
	if err != nil {
		e.t.Fatalf("Read: %v", err)
	}
	return a
}

// do runs ops that must succeed.
func (e *env) do(ops ...op.Op) {
	e.t.Helper()
	for _, o := range ops {
		if err := e.p.Do(e.ctx, o); err != nil {
			e.t.Fatalf("%s: %v", op.Command(o, 60), err)
		}
	}
}

// fails runs an op that must fail with code, as a *provider.Error naming
// the op's action, and change nothing the test can see.
func (e *env) fails(o op.Op, code provider.Code) *provider.Error {
	e.t.Helper()
	before := e.snapshot()
	err := e.p.Do(e.ctx, o)
	if err == nil {
		e.t.Fatalf("%s succeeded; want %s", op.Command(o, 60), code)
	}
	var pe *provider.Error
	if !errors.As(err, &pe) {
		e.t.Fatalf("%s: error %v (%T) is not a *provider.Error", op.Command(o, 60), err, err)
	}
	if pe.Code != code {
		e.t.Fatalf("%s: got %v; want code %s", op.Command(o, 60), err, code)
	}
	if pe.Action != o.Action() {
		e.t.Errorf("%s: the error names action %q", o.Action(), pe.Action)
	}
	if pe.Message == "" {
		e.t.Errorf("%s: the error has no message", o.Action())
	}
	if after := e.snapshot(); after != before {
		e.t.Errorf("%s failed but changed the account:\nbefore %s\nafter  %s", o.Action(), before, after)
	}
	return pe
}

// snapshot renders what the test can see of the account: its own
// entities, the alias and the password policy.
func (e *env) snapshot() string {
	e.t.Helper()
	a := e.read()
	for k, u := range a.Users {
		if !strings.HasPrefix(u.Name, e.pre) {
			delete(a.Users, k)
		}
	}
	for k, g := range a.Groups {
		if !strings.HasPrefix(g.Name, e.pre) {
			delete(a.Groups, k)
		}
	}
	for k, r := range a.Roles {
		if !strings.HasPrefix(r.Name, e.pre) {
			delete(a.Roles, k)
		}
	}
	for k, p := range a.Policies {
		if !strings.HasPrefix(p.Name, e.pre) {
			delete(a.Policies, k)
		}
	}
	data, err := json.Marshal(a)
	if err != nil {
		e.t.Fatalf("encoding the account: %v", err)
	}
	return string(data)
}

// Rebase returns a copy of seed moved to another account: its id and the
// ARNs of its own customer managed policies (attachments, boundaries,
// entity ARNs). A Factory for an account other than
// model.DefaultAccountID uses it.
func Rebase(seed *model.Account, accountID string) *model.Account {
	out := seed.Clone()
	from := "arn:aws:iam::" + seed.ID + ":"
	to := "arn:aws:iam::" + accountID + ":"
	fix := func(s string) string {
		if strings.HasPrefix(s, from) {
			return to + s[len(from):]
		}
		return s
	}
	fixAll := func(list []string) {
		for i := range list {
			list[i] = fix(list[i])
		}
	}
	out.ID = accountID
	for _, u := range out.Users {
		u.ARN, u.PermissionsBoundary = fix(u.ARN), fix(u.PermissionsBoundary)
		fixAll(u.ManagedPolicies)
		for i := range u.Credentials.MFADevices {
			u.Credentials.MFADevices[i].SerialNumber = fix(u.Credentials.MFADevices[i].SerialNumber)
		}
	}
	for _, g := range out.Groups {
		g.ARN = fix(g.ARN)
		fixAll(g.ManagedPolicies)
	}
	for _, r := range out.Roles {
		r.ARN, r.PermissionsBoundary = fix(r.ARN), fix(r.PermissionsBoundary)
		fixAll(r.ManagedPolicies)
	}
	for _, p := range out.Policies {
		p.ARN = fix(p.ARN)
	}
	return out
}
