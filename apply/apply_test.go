package apply

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
)

// recorder is a provider that records the calls it gets and can fail or
// block on chosen users.
type recorder struct {
	mu       sync.Mutex
	calls    []string
	fail     map[string]error
	block    chan struct{} // when set, every call waits for it
	inFlight atomic.Int32
	maxSeen  atomic.Int32
	lastPW   string
}

func (r *recorder) Identity(context.Context) (provider.Identity, error) {
	return provider.Identity{Account: model.DefaultAccountID, Provider: "test"}, nil
}
func (r *recorder) Read(context.Context) (*model.Account, error) { return model.NewAccount("1"), nil }
func (r *recorder) Do(ctx context.Context, o op.Op) error {
	n := r.inFlight.Add(1)
	defer r.inFlight.Add(-1)
	for {
		m := r.maxSeen.Load()
		if n <= m || r.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	if r.block != nil {
		select {
		case <-r.block:
		case <-time.After(5 * time.Second):
			return errors.New("test provider: never unblocked")
		}
	} else {
		time.Sleep(time.Millisecond)
	}
	if ctx.Err() != nil {
		return errors.New("test provider: a step in flight saw its context cancelled")
	}
	name := o.Target().Name
	r.mu.Lock()
	defer r.mu.Unlock()
	if lp, ok := o.(*op.CreateLoginProfile); ok {
		r.lastPW = lp.Password
	}
	if err := r.fail[name]; err != nil {
		return err
	}
	r.calls = append(r.calls, o.Action()+" "+name)
	return nil
}

func steps(ops []op.Op, deps map[int][]int) *plan.Plan {
	p := &plan.Plan{}
	for i, o := range ops {
		p.Steps = append(p.Steps, plan.Step{ID: i + 1, Op: o, Address: o.Target(), DependsOn: deps[i+1]})
	}
	return p
}

func TestSequentialFollowsPlanOrder(t *testing.T) {
	p := steps([]op.Op{
		&op.CreateGroup{GroupName: "g"},
		&op.CreateUser{UserName: "a"},
		&op.CreateUser{UserName: "b"},
		&op.AddUserToGroup{GroupName: "g", UserName: "a"},
	}, map[int][]int{4: {1, 2}})
	rec := &recorder{}
	rep, err := Run(context.Background(), p, rec, Options{Parallelism: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"CreateGroup g", "CreateUser a", "CreateUser b", "AddUserToGroup a"}
	if !reflect.DeepEqual(rec.calls, want) {
		t.Errorf("calls = %v, want %v", rec.calls, want)
	}
	if !rep.OK() || !reflect.DeepEqual(rep.Done, []int{1, 2, 3, 4}) {
		t.Errorf("report = %+v", rep)
	}
}

func TestParallelismIsBoundedAndDependenciesHold(t *testing.T) {
	var ops []op.Op
	deps := map[int][]int{}
	for i := 0; i < 20; i++ {
		ops = append(ops, &op.CreateUser{UserName: string(rune('a' + i))})
	}
	ops = append(ops, &op.CreateGroup{GroupName: "last"})
	deps[21] = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}
	rec := &recorder{}
	rep, err := Run(context.Background(), steps(ops, deps), rec, Options{Parallelism: 4})
	if err != nil {
		t.Fatal(err)
	}
	if m := rec.maxSeen.Load(); m > 4 || m < 2 {
		t.Errorf("max concurrent calls = %d, want 2..4", m)
	}
	if rec.calls[len(rec.calls)-1] != "CreateGroup last" {
		t.Errorf("the dependent step did not run last: %v", rec.calls)
	}
	if len(rep.Done) != 21 {
		t.Errorf("done = %d", len(rep.Done))
	}
}

func TestFailureStopsNewStepsAndReports(t *testing.T) {
	p := steps([]op.Op{
		&op.CreateUser{UserName: "a"},
		&op.CreateUser{UserName: "bad"},
		&op.CreateUser{UserName: "c"},
		&op.AddUserToGroup{GroupName: "g", UserName: "bad"},
	}, map[int][]int{4: {2}})
	rec := &recorder{fail: map[string]error{"bad": &provider.Error{Code: provider.LimitExceeded, Message: "too many"}}}
	rep, err := Run(context.Background(), p, rec, Options{Parallelism: 1})
	if err == nil || !strings.Contains(err.Error(), "LimitExceeded") || !strings.Contains(err.Error(), "1 of 4 steps done") {
		t.Fatalf("err = %v", err)
	}
	if !reflect.DeepEqual(rep.Done, []int{1}) || len(rep.Failed) != 1 || rep.Failed[0].Step.ID != 2 || !reflect.DeepEqual(rep.NotRun, []int{3, 4}) {
		t.Errorf("report = %+v", rep)
	}
}

func TestInterruptFinishesInFlightSteps(t *testing.T) {
	var ops []op.Op
	for i := 0; i < 10; i++ {
		ops = append(ops, &op.CreateUser{UserName: string(rune('a' + i))})
	}
	rec := &recorder{block: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{}, 10)
	go func() {
		<-started
		<-started
		cancel()
		time.Sleep(10 * time.Millisecond)
		close(rec.block)
	}()
	rep, err := Run(ctx, steps(ops, nil), rec, Options{Parallelism: 2, Progress: func(e Event) {
		if e.Kind == Started {
			started <- struct{}{}
		}
	}})
	if err == nil || !rep.Interrupted {
		t.Fatalf("err = %v, report = %+v", err, rep)
	}
	if len(rep.Done) != 2 || len(rep.NotRun) != 8 || len(rep.Failed) != 0 {
		t.Errorf("in-flight steps must finish and nothing new start: %+v", rep)
	}
}

func TestBadDependencyRefused(t *testing.T) {
	p := steps([]op.Op{&op.CreateUser{UserName: "a"}, &op.CreateUser{UserName: "b"}}, map[int][]int{1: {2}})
	if _, err := Run(context.Background(), p, &recorder{}, Options{}); err == nil {
		t.Fatal("a step depending on a later one was accepted")
	}
}

func TestLoginProfilesNeedASinkAndGetPolicyPasswords(t *testing.T) {
	p := steps([]op.Op{&op.CreateUser{UserName: "a"}, &op.CreateLoginProfile{UserName: "a", PasswordResetRequired: true}}, map[int][]int{2: {1}})
	rec := &recorder{}
	if _, err := Run(context.Background(), p, rec, Options{}); !errors.Is(err, ErrNoCredentialSink) || len(rec.calls) != 0 {
		t.Fatalf("err = %v, calls = %v: must refuse before any call", err, rec.calls)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "creds.json")
	sink, err := OpenCredentialsFile(path, filepath.Join(dir, ".iamc", "credentials.journal"))
	if err != nil {
		t.Fatal(err)
	}
	pol := &model.PasswordPolicy{MinimumLength: 40, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true, RequireLowercase: true}
	if _, err := Run(context.Background(), p, rec, Options{Credentials: sink, PasswordPolicy: pol}); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".iamc", "credentials.journal")); !os.IsNotExist(err) {
		t.Errorf("the journal outlived the credentials file: %v", err)
	}
	if why := MeetsPolicy(rec.lastPW, pol); why != "" || len(rec.lastPW) != 40 {
		t.Errorf("generated password %d long does not meet the policy: %s", len(rec.lastPW), why)
	}
	if p.Steps[1].Op.(*op.CreateLoginProfile).Password != "" {
		t.Error("the password leaked into the plan's op")
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("credentials file: %v %v", info, err)
	}
	data, _ := os.ReadFile(path)
	var j credentialsJSON
	if err := json.Unmarshal(data, &j); err != nil || len(j.LoginProfiles) != 1 || j.LoginProfiles[0].Password != rec.lastPW || !j.LoginProfiles[0].PasswordResetRequired {
		t.Errorf("credentials file = %s (%v)", data, err)
	}
	// A file readable by others is refused.
	os.Chmod(path, 0o644)
	if _, err := OpenCredentialsFile(path, filepath.Join(dir, "j")); err == nil {
		t.Error("a world-readable credentials file was accepted")
	}
}

func TestGeneratedPasswordsMeetEveryPolicy(t *testing.T) {
	for _, pol := range []*model.PasswordPolicy{nil, {MinimumLength: 6}, {MinimumLength: 128, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true, RequireLowercase: true}} {
		for i := 0; i < 50; i++ {
			pw, err := GeneratePassword(pol)
			if err != nil {
				t.Fatal(err)
			}
			full := &model.PasswordPolicy{MinimumLength: MinGeneratedLength, RequireSymbols: true, RequireNumbers: true, RequireUppercase: true, RequireLowercase: true}
			if why := MeetsPolicy(pw, pol); why != "" {
				t.Fatalf("%q: %s", pw, why)
			}
			if why := MeetsPolicy(pw, full); why != "" {
				t.Fatalf("%q lacks a class: %s", pw, why)
			}
		}
	}
}

// memorySink is a CredentialSink in memory, recording what it was told.
type memorySink struct {
	mu  sync.Mutex
	pw  map[string]string
	log []string
}

func (m *memorySink) Keep(creds []Credential) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pw == nil {
		m.pw = map[string]string{}
	}
	for _, c := range creds {
		m.pw[c.User] = c.Password
		m.log = append(m.log, "keep "+c.User)
	}
	return nil
}

func (m *memorySink) Forget(user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.pw, user)
	m.log = append(m.log, "forget "+user)
	return nil
}

// TestPasswordsAreSavedBeforeTheCall: a password is in the sink before its
// login profile is created, stays there when the call's outcome is
// unknown, and goes when IAM refused the call.
func TestPasswordsAreSavedBeforeTheCall(t *testing.T) {
	for _, tc := range []struct {
		err  error
		kept bool
	}{
		{&provider.Error{Code: provider.Canceled, Message: "interrupted"}, true},
		{&provider.Error{Code: provider.NoAnswer, Message: "connection reset"}, true},
		{&provider.Error{Code: provider.PasswordPolicyViolation, Message: "too short"}, false},
		{&provider.Error{Code: provider.AlreadyExists, Message: "exists"}, false},
	} {
		p := steps([]op.Op{&op.CreateLoginProfile{UserName: "a"}}, nil)
		sink := &memorySink{}
		rec := &recorder{fail: map[string]error{"a": tc.err}}
		if _, err := Run(context.Background(), p, rec, Options{Credentials: sink}); err == nil {
			t.Fatalf("%v: the failure was not reported", tc.err)
		}
		if _, kept := sink.pw["a"]; kept != tc.kept || sink.log[0] != "keep a" {
			t.Errorf("%v: kept = %v, want %v (log %v)", tc.err, kept, tc.kept, sink.log)
		}
		if tc.kept && sink.pw["a"] != rec.lastPW {
			t.Errorf("%v: the saved password is not the one sent", tc.err)
		}
	}
}

// slowFailer is a provider whose calls of one action fail after a while,
// as a slow endpoint's refusal does; it records the calls that succeed.
type slowFailer struct {
	action string
	mu     sync.Mutex
	done   []string
}

func (f *slowFailer) Identity(context.Context) (provider.Identity, error) {
	return provider.Identity{Account: model.DefaultAccountID, Provider: "test"}, nil
}
func (f *slowFailer) Read(context.Context) (*model.Account, error) { return model.NewAccount("1"), nil }
func (f *slowFailer) Do(_ context.Context, o op.Op) error {
	if o.Action() == f.action {
		time.Sleep(100 * time.Millisecond)
		return &provider.Error{Code: provider.AlreadyExists, Action: o.Action(), Message: "refused"}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.done = append(f.done, o.Action()+" "+o.Target().Name)
	return nil
}

// TestFailedStepStopsItsEntity applies, four steps at a time, a plan in
// which the first step on a user fails slowly: none of the user's later
// steps runs (the plan makes each wait for the one before it on the same
// entity), while another user's independent step does.
func TestFailedStepStopsItsEntity(t *testing.T) {
	doc := policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	desired, current := model.NewAccount(model.DefaultAccountID), model.NewAccount(model.DefaultAccountID)
	desired.AddGroup(&model.Group{Name: "g", Path: "/"})
	current.AddGroup(&model.Group{Name: "g", Path: "/"})
	desired.AddUser(&model.User{Name: "u", Path: "/", Groups: []string{"g"}, ManagedPolicies: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"},
		InlinePolicies: []model.InlinePolicy{{Name: "own", Document: doc}}, Tags: model.Tags{"team": "web"}})
	current.AddUser(&model.User{Name: "u", Path: "/"})
	desired.AddUser(&model.User{Name: "v", Path: "/", Tags: model.Tags{"team": "db"}})
	current.AddUser(&model.User{Name: "v", Path: "/"})
	p, err := plan.Compute(desired, current, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Steps) != 5 || p.Steps[0].Op.Action() != "AddUserToGroup" {
		t.Fatalf("the plan is not the one this test is about: %+v", p.Steps)
	}
	f := &slowFailer{action: "AddUserToGroup"}
	rep, err := Run(context.Background(), p, f, Options{Parallelism: 4})
	if err == nil || len(rep.Failed) != 1 {
		t.Fatalf("err = %v, report = %+v", err, rep)
	}
	if !reflect.DeepEqual(f.done, []string{"TagUser v"}) {
		t.Errorf("calls done beside the failed one: %v, want only v's", f.done)
	}
	if len(rep.NotRun) != 3 {
		t.Errorf("not run: %v, want u's three later steps", rep.NotRun)
	}
}
