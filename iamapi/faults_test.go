package iamapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/provider/memory"
)

func TestThrottleRate(t *testing.T) {
	e := newEnv(t, nil, Options{ThrottleRate: 1})
	for i := 0; i < 5; i++ {
		_, err := e.iam.CreateUser(e.ctx, &iam.CreateUserInput{UserName: aws.String("u")})
		wantCode(t, err, "Throttling", 400)
		if !strings.Contains(err.Error(), "Rate exceeded") {
			t.Fatalf("message: %v", err)
		}
	}
	st := e.h.Stats()
	if st.Total != 5 || st.Throttled != 5 || st.Errors != 5 || st.Faults != 0 || st.Actions["CreateUser"] != 5 {
		t.Fatalf("stats: %+v", st)
	}
	var n int
	e.acct.View(func(s *memory.State) { n = len(s.Users) })
	if n != 0 {
		t.Fatal("a throttled write changed the account")
	}
}

func TestErrorRate(t *testing.T) {
	e := newEnv(t, nil, Options{ErrorRate: 1, Seed: 7})
	codes := map[string]int{}
	for i := 0; i < 40; i++ {
		_, err := e.iam.CreateUser(e.ctx, &iam.CreateUserInput{UserName: aws.String("u")})
		code, status := apiCode(err)
		if status != 500 {
			t.Fatalf("status %d: %v", status, err)
		}
		codes[code]++
	}
	if codes["InternalFailure"] == 0 || codes["ServiceFailure"] == 0 || len(codes) != 2 {
		t.Fatalf("codes: %v", codes)
	}
	if st := e.h.Stats(); st.Faults != 40 || st.Errors != 40 || st.Throttled != 0 {
		t.Fatalf("stats: %+v", st)
	}
	var n int
	e.acct.View(func(s *memory.State) { n = len(s.Users) })
	if n != 0 {
		t.Fatal("a failed write changed the account")
	}
}

// TestFaultDice checks the dice: the share of faults follows the rates,
// and a seed gives the same faults again.
func TestFaultDice(t *testing.T) {
	roll := func(seed int64) ([]fault, map[fault]int) {
		d := newDice(seed)
		var seq []fault
		count := map[fault]int{}
		for i := 0; i < 2000; i++ {
			f := d.roll(0.2, 0.25)
			seq = append(seq, f)
			count[f]++
		}
		return seq, count
	}
	a, count := roll(42)
	b, _ := roll(42)
	c, _ := roll(43)
	same := func(x, y []fault) bool {
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
		return true
	}
	if !same(a, b) || same(a, c) {
		t.Fatal("the dice are not reproducible by seed")
	}
	// Throttling 20%; errors 25% of the rest, 20% of all.
	if n := count[faultThrottle]; n < 320 || n > 480 {
		t.Errorf("%d throttled of 2000 at 0.2", n)
	}
	if n := count[faultError]; n < 320 || n > 480 {
		t.Errorf("%d errors of 2000 at 0.25 of the rest", n)
	}
	d := newDice(1)
	for i := 0; i < 100; i++ {
		if d.roll(0, 0) != faultNone {
			t.Fatal("a fault at rate 0")
		}
	}
}

func TestLatency(t *testing.T) {
	e := newEnv(t, nil, Options{Latency: 60 * time.Millisecond})
	start := time.Now()
	must[*iam.ListUsersOutput](t)(e.iam.ListUsers(e.ctx, &iam.ListUsersInput{}))
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Fatalf("the call took %v, less than the latency", d)
	}
	// A request whose client is gone does not wait the latency out.
	h := NewHandler(memory.New(""), Options{Latency: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(params("ListUsers").Encode())).WithContext(ctx)
	done := make(chan struct{})
	go func() {
		h.ServeHTTP(httptest.NewRecorder(), req)
		close(done)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a cancelled request still waits out the latency")
	}
}

// clock is a settable clock for the consistency delay.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestConsistencyDelay(t *testing.T) {
	clk := &clock{t: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	e := newEnv(t, nil, Options{ConsistencyDelay: 10 * time.Second, Now: clk.now})
	c, ctx, s := e.iam, e.ctx, aws.String

	// A group made long ago, then a user, a role and a policy just now.
	must[*iam.CreateGroupOutput](t)(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: s("old")}))
	must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: s("veteran")}))
	clk.advance(time.Minute)
	cu := must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: s("alice")}))
	if *cu.User.UserName != "alice" {
		t.Fatal("the create itself does not see its user")
	}
	cp := must[*iam.CreatePolicyOutput](t)(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: s("p"), PolicyDocument: s(readDoc)}))
	must[*iam.CreateRoleOutput](t)(c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: s("r"), AssumeRolePolicyDocument: s(trustDoc)}))

	// Invisible to reads...
	_, err := c.GetUser(ctx, &iam.GetUserInput{UserName: s("alice")})
	wantCode(t, err, "NoSuchEntity", 404)
	_, err = c.GetRole(ctx, &iam.GetRoleInput{RoleName: s("r")})
	wantCode(t, err, "NoSuchEntity", 404)
	_, err = c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: cp.Policy.Arn})
	wantCode(t, err, "NoSuchEntity", 404)
	lu := must[*iam.ListUsersOutput](t)(c.ListUsers(ctx, &iam.ListUsersInput{}))
	if userNames(lu.Users) != "veteran" {
		t.Fatalf("ListUsers shows %s", userNames(lu.Users))
	}
	g := must[*iam.GetAccountAuthorizationDetailsOutput](t)(c.GetAccountAuthorizationDetails(ctx, &iam.GetAccountAuthorizationDetailsInput{}))
	if len(g.UserDetailList) != 1 || len(g.RoleDetailList) != 0 || len(g.Policies) != 0 || len(g.GroupDetailList) != 1 {
		t.Fatalf("GAAD shows %d users, %d roles, %d policies", len(g.UserDetailList), len(g.RoleDetailList), len(g.Policies))
	}
	lp := must[*iam.ListPoliciesOutput](t)(c.ListPolicies(ctx, &iam.ListPoliciesInput{Scope: types.PolicyScopeTypeLocal}))
	if len(lp.Policies) != 0 {
		t.Fatal("ListPolicies shows a new policy")
	}
	// ...to writes naming them...
	_, err = c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: s("old"), UserName: s("alice")})
	wantCode(t, err, "NoSuchEntity", 404)
	_, err = c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: s("veteran"), PolicyArn: cp.Policy.Arn})
	wantCode(t, err, "NoSuchEntity", 404)
	_, err = c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: s("r"), PolicyName: s("x"), PolicyDocument: s(readDoc)})
	wantCode(t, err, "NoSuchEntity", 404)
	// ...and to trust policies naming them.
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + *cu.User.Arn + `"},"Action":"sts:AssumeRole"}]}`
	_, err = c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: s("assumer"), AssumeRolePolicyDocument: s(trust)})
	wantCode(t, err, "MalformedPolicyDocument", 400)
	if !strings.Contains(err.Error(), "Invalid principal in policy") {
		t.Fatalf("message: %v", err)
	}
	// A second create is still EntityAlreadyExists, as on AWS.
	_, err = c.CreateUser(ctx, &iam.CreateUserInput{UserName: s("ALICE")})
	wantCode(t, err, "EntityAlreadyExists", 409)

	// Once the delay has passed, everything is there.
	clk.advance(10 * time.Second)
	must[*iam.GetUserOutput](t)(c.GetUser(ctx, &iam.GetUserInput{UserName: s("alice")}))
	must[*iam.AddUserToGroupOutput](t)(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: s("old"), UserName: s("alice")}))
	must[*iam.AttachUserPolicyOutput](t)(c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: s("veteran"), PolicyArn: cp.Policy.Arn}))
	must[*iam.CreateRoleOutput](t)(c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: s("assumer"), AssumeRolePolicyDocument: s(trust)}))
	lu = must[*iam.ListUsersOutput](t)(c.ListUsers(ctx, &iam.ListUsersInput{}))
	if userNames(lu.Users) != "alice,veteran" {
		t.Fatalf("ListUsers shows %s", userNames(lu.Users))
	}
}

func TestStatsEndpoint(t *testing.T) {
	e := newEnv(t, nil, Options{})
	must[*iam.CreateUserOutput](t)(e.iam.CreateUser(e.ctx, &iam.CreateUserInput{UserName: aws.String("u")}))
	must[*iam.ListUsersOutput](t)(e.iam.ListUsers(e.ctx, &iam.ListUsersInput{}))
	must[*iam.ListUsersOutput](t)(e.iam.ListUsers(e.ctx, &iam.ListUsersInput{}))
	_, err := e.iam.GetUser(e.ctx, &iam.GetUserInput{UserName: aws.String("nobody")})
	wantCode(t, err, "NoSuchEntity", 404)
	e.post(params("NoSuchAction"), true)

	get := func(method, path string) (int, Stats) {
		req, err := http.NewRequest(method, e.url+path, nil)
		check(t, err)
		sign(t, req, "", "", "", time.Time{})
		status, body := e.do(req)
		var s Stats
		if status == 200 {
			if err := json.Unmarshal([]byte(body), &s); err != nil {
				t.Fatalf("%s: %v", body, err)
			}
		}
		return status, s
	}
	status, st := get("GET", "/iamc/stats")
	want := map[string]int64{"CreateUser": 1, "ListUsers": 2, "GetUser": 1}
	if status != 200 || st.Total != 5 || st.Errors != 2 || len(st.Actions) != 3 {
		t.Fatalf("%d %+v", status, st)
	}
	for k, v := range want {
		if st.Actions[k] != v {
			t.Errorf("%s: %d, want %d", k, st.Actions[k], v)
		}
	}
	if status, st = get("POST", "/iamc/stats/reset"); status != 200 || st.Total != 0 || len(st.Actions) != 0 {
		t.Fatalf("reset: %d %+v", status, st)
	}
	if st := e.h.Stats(); st.Total != 0 {
		t.Fatalf("after reset: %+v", st)
	}
	if status, _ = get("GET", "/iamc/nothing"); status != 404 {
		t.Fatalf("unknown stats path: %d", status)
	}
}

// TestConcurrentRequests runs many clients at once, with every fault on,
// for the race detector and to check that the counters add up.
func TestConcurrentRequests(t *testing.T) {
	clk := &clock{t: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	e := newEnv(t, seeded(t), Options{ThrottleRate: 0.1, ErrorRate: 0.1, ConsistencyDelay: time.Second, Now: clk.now, Seed: 3})
	const workers, calls = 8, 15
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < calls; i++ {
				name := aws.String(fmt.Sprintf("u%d-%d", w, i))
				e.iam.CreateUser(e.ctx, &iam.CreateUserInput{UserName: name})
				e.iam.AddUserToGroup(e.ctx, &iam.AddUserToGroupInput{GroupName: aws.String("devs"), UserName: name})
				e.iam.ListUsers(e.ctx, &iam.ListUsersInput{MaxItems: aws.Int32(5)})
				e.iam.GetAccountAuthorizationDetails(e.ctx, &iam.GetAccountAuthorizationDetailsInput{})
				clk.advance(100 * time.Millisecond)
			}
		}(w)
	}
	wg.Wait()
	st := e.h.Stats()
	var sum int64
	for _, n := range st.Actions {
		sum += n
	}
	if st.Total != workers*calls*4 || sum != st.Total || st.Throttled == 0 || st.Faults == 0 || st.Errors < st.Throttled+st.Faults {
		t.Fatalf("stats: %+v", st)
	}
}
