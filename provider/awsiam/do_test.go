package awsiam

import (
	"context"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// fillOp sets every string field of an op to a value of its kind, so that
// the SDK's required-parameter validation passes.
func fillOp(o op.Op) {
	v := reflect.ValueOf(o).Elem()
	for i := 0; i < v.NumField(); i++ {
		f, name := v.Field(i), v.Type().Field(i).Name
		switch f.Interface().(type) {
		case []op.Tag:
			f.Set(reflect.ValueOf([]op.Tag{{Key: "k", Value: "v"}}))
		case []string:
			f.Set(reflect.ValueOf([]string{"k"}))
		}
		if f.Kind() != reflect.String {
			continue
		}
		switch {
		case strings.HasSuffix(name, "Arn") || name == "PermissionsBoundary":
			f.SetString("arn:aws:iam::123456789012:policy/p")
		case strings.Contains(name, "Document"):
			f.SetString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
		case name == "Password":
			f.SetString("Initial-Passw0rd!")
		case name == "Path" || name == "NewPath":
			f.SetString("/p/")
		default:
			f.SetString("x")
		}
	}
}

func TestDoEveryOpIsOneCall(t *testing.T) {
	f, srv := newFake(t, nil)
	p := newTestProvider(t, srv.URL, Options{})
	for _, o := range op.All() {
		fillOp(o)
		before := len(f.actions())
		if err := p.Do(context.Background(), o); err != nil {
			t.Errorf("%s: %v", o.Action(), err)
			continue
		}
		got := f.actions()[before:]
		if len(got) != 1 || got[0] != o.Action() {
			t.Errorf("%s made calls %v, want exactly one %s", o.Action(), got, o.Action())
		}
	}
	calls := p.Calls()
	for _, o := range op.All() {
		if calls[o.Action()] != 1 {
			t.Errorf("Calls()[%s] = %d, want 1", o.Action(), calls[o.Action()])
		}
	}
}

func TestDoParameters(t *testing.T) {
	f, srv := newFake(t, nil)
	p := newTestProvider(t, srv.URL, Options{})
	empty := ""
	tests := []struct {
		o       op.Op
		want    map[string]string
		missing []string
	}{
		{&op.UpdateRole{RoleName: "r"}, map[string]string{"RoleName": "r"}, []string{"Description", "MaxSessionDuration"}},
		{&op.UpdateRole{RoleName: "r", Description: &empty, MaxSessionDuration: 7200}, map[string]string{"Description": "", "MaxSessionDuration": "7200"}, nil},
		{&op.CreateRole{RoleName: "r", AssumeRolePolicyDocument: "{}"}, map[string]string{"AssumeRolePolicyDocument": "{}"}, []string{"MaxSessionDuration", "Description", "Path", "PermissionsBoundary"}},
		{&op.CreateUser{UserName: "u", Tags: []op.Tag{{Key: "team", Value: "a b"}}}, map[string]string{"Tags.member.1.Key": "team", "Tags.member.1.Value": "a b"}, []string{"Path"}},
		{&op.UpdateAccountPasswordPolicy{MinimumPasswordLength: 14, RequireSymbols: true}, map[string]string{"MinimumPasswordLength": "14", "RequireSymbols": "true", "HardExpiry": "false"}, []string{"MaxPasswordAge", "PasswordReusePrevention"}},
		{&op.UpdateLoginProfile{UserName: "u", PasswordResetRequired: false}, map[string]string{"PasswordResetRequired": "false"}, []string{"Password"}},
		{&op.CreatePolicyVersion{PolicyArn: "arn:aws:iam::123456789012:policy/p", PolicyDocument: "{}", SetAsDefault: true}, map[string]string{"SetAsDefault": "true"}, nil},
		{&op.UntagUser{UserName: "u", TagKeys: []string{"a", "b"}}, map[string]string{"TagKeys.member.1": "a", "TagKeys.member.2": "b"}, nil},
		{&op.DeleteVirtualMFADevice{SerialNumber: "arn:aws:iam::123456789012:mfa/u", User: "u"}, map[string]string{"SerialNumber": "arn:aws:iam::123456789012:mfa/u"}, []string{"UserName"}},
	}
	for _, tt := range tests {
		if err := p.Do(context.Background(), tt.o); err != nil {
			t.Fatalf("%s: %v", tt.o.Action(), err)
		}
		f.mu.Lock()
		form := f.forms[len(f.forms)-1]
		f.mu.Unlock()
		for k, v := range tt.want {
			if got, ok := form[k]; !ok || got[0] != v {
				t.Errorf("%s: %s = %q (sent %v), want %q", tt.o.Action(), k, got, ok, v)
			}
		}
		for _, k := range tt.missing {
			if _, ok := form[k]; ok {
				t.Errorf("%s: %s sent, want it left out", tt.o.Action(), k)
			}
		}
	}
}

func TestCreateLoginProfileWithoutPassword(t *testing.T) {
	f, srv := newFake(t, nil)
	p := newTestProvider(t, srv.URL, Options{})
	err := p.Do(context.Background(), &op.CreateLoginProfile{UserName: "u"})
	if !provider.IsCode(err, provider.InvalidInput) || !strings.Contains(err.Error(), "user.u: CreateLoginProfile:") {
		t.Errorf("error = %v", err)
	}
	if len(f.actions()) != 0 {
		t.Errorf("a call was made: %v", f.actions())
	}
}

const userResult = `<User><Path>/</Path><UserName>%s</UserName><UserId>AIDA</UserId><Arn>arn:aws:iam::123456789012:user/%s</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></User>`

func userXML(name string) string { return strings.ReplaceAll(userResult, "%s", name) }

func TestDoConsistencyWaits(t *testing.T) {
	tests := []struct {
		name    string
		ops     []op.Op
		reply   func(action string, form url.Values, n int) answer
		timeout time.Duration
		code    provider.Code // of the last op; "" = success
		calls   map[string]int
		logs    []string
		noLogs  []string
	}{
		{
			name: "NoSuchEntity after create",
			ops:  []op.Op{&op.CreateUser{UserName: "tyler"}, &op.AttachUserPolicy{UserName: "tyler", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
			reply: func(action string, form url.Values, n int) answer {
				switch {
				case action == "CreateUser":
					return answer{result: userXML("tyler")}
				case action == "AttachUserPolicy" && n < 2:
					return answer{code: "NoSuchEntity", msg: "The user with name tyler cannot be found."}
				}
				return answer{}
			},
			calls: map[string]int{"AttachUserPolicy": 3},
			logs:  []string{"user.tyler: AttachUserPolicy: waiting 1ms for user.tyler to become visible after its create (NoSuchEntity: The user with name tyler cannot be found.)", "waiting 2ms"},
		},
		{
			name: "NoSuchEntity of a policy just created",
			ops: []op.Op{&op.CreatePolicy{PolicyName: "p", PolicyDocument: "{}"},
				&op.AttachGroupPolicy{GroupName: "g", PolicyArn: "arn:aws:iam::123456789012:policy/p"}},
			reply: func(action string, form url.Values, n int) answer {
				switch {
				case action == "CreatePolicy":
					return answer{result: `<Policy><PolicyName>p</PolicyName><Arn>arn:aws:iam::123456789012:policy/p</Arn></Policy>`}
				case action == "AttachGroupPolicy" && n < 1:
					return answer{code: "NoSuchEntity", msg: "Policy arn:aws:iam::123456789012:policy/p does not exist or is not attachable."}
				}
				return answer{}
			},
			calls: map[string]int{"AttachGroupPolicy": 2},
			logs:  []string{"policy.p to become visible"},
		},
		{
			name: "NoSuchEntity of something never created fails at once",
			ops:  []op.Op{&op.AttachUserPolicy{UserName: "ghost", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
			reply: func(action string, form url.Values, n int) answer {
				return answer{code: "NoSuchEntity", msg: "The user with name ghost cannot be found."}
			},
			code:   provider.NotFound,
			calls:  map[string]int{"AttachUserPolicy": 1},
			noLogs: []string{"waiting"},
		},
		{
			name: "NoSuchEntity naming the other entity fails at once",
			ops:  []op.Op{&op.CreateUser{UserName: "alice"}, &op.AddUserToGroup{UserName: "alice", GroupName: "nogroup"}},
			reply: func(action string, form url.Values, n int) answer {
				if action == "AddUserToGroup" {
					return answer{code: "NoSuchEntity", msg: "The group with name nogroup cannot be found."}
				}
				return answer{result: userXML("alice")}
			},
			code:   provider.NotFound,
			calls:  map[string]int{"AddUserToGroup": 1},
			noLogs: []string{"waiting"},
		},
		{
			name: "NoSuchEntity naming the just-created entity waits",
			ops:  []op.Op{&op.CreateGroup{GroupName: "ops"}, &op.AddUserToGroup{UserName: "alice", GroupName: "ops"}},
			reply: func(action string, form url.Values, n int) answer {
				if action == "AddUserToGroup" && n == 0 {
					return answer{code: "NoSuchEntity", msg: "The group with name ops cannot be found."}
				}
				return answer{}
			},
			calls: map[string]int{"AddUserToGroup": 2},
			logs:  []string{"user.alice: AddUserToGroup: waiting 1ms for group.ops to become visible after its create"},
		},
		{
			name: "invalid principal naming a just-created user",
			ops: []op.Op{&op.CreateUser{UserName: "deployer"}, &op.CreateRole{RoleName: "deploy",
				AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/deployer"},"Action":"sts:AssumeRole"}]}`}},
			reply: func(action string, form url.Values, n int) answer {
				switch {
				case action == "CreateUser":
					return answer{result: userXML("deployer")}
				case action == "CreateRole" && n < 3:
					return answer{code: "MalformedPolicyDocument", msg: "Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:user/deployer\""}
				}
				return answer{}
			},
			calls: map[string]int{"CreateRole": 4},
			logs:  []string{"role.deploy: CreateRole: waiting 1ms for user.deployer to become visible as a principal"},
		},
		{
			name: "invalid principal naming a stranger fails at once",
			ops: []op.Op{&op.UpdateAssumeRolePolicy{RoleName: "deploy",
				PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/nobody"},"Action":"sts:AssumeRole"}]}`}},
			reply: func(action string, form url.Values, n int) answer {
				return answer{code: "MalformedPolicyDocument", msg: "Invalid principal in policy"}
			},
			code:  provider.Malformed,
			calls: map[string]int{"UpdateAssumeRolePolicy": 1},
		},
		{
			name: "temporarily unmodifiable until the timeout",
			ops:  []op.Op{&op.DeleteRole{RoleName: "r"}},
			reply: func(action string, form url.Values, n int) answer {
				return answer{code: "EntityTemporarilyUnmodifiable", msg: "Cannot perform the operation on the entity because it was modified recently."}
			},
			timeout: 20 * time.Millisecond,
			code:    provider.Unmodifiable,
			logs:    []string{"role.r: DeleteRole: waiting 1ms for role.r to become modifiable"},
		},
		{
			name: "concurrent modification once",
			ops:  []op.Op{&op.PutRolePolicy{RoleName: "r", PolicyName: "p", PolicyDocument: "{}"}},
			reply: func(action string, form url.Values, n int) answer {
				if n == 0 {
					return answer{code: "ConcurrentModification", msg: "busy", status: 409}
				}
				return answer{}
			},
			calls: map[string]int{"PutRolePolicy": 2},
			logs:  []string{"a concurrent change to role.r to finish"},
		},
		{
			name: "limit exceeded right after a removal",
			ops: []op.Op{
				&op.DeletePolicyVersion{PolicyArn: "arn:aws:iam::123456789012:policy/p", VersionId: "v1"},
				&op.CreatePolicyVersion{PolicyArn: "arn:aws:iam::123456789012:policy/p", PolicyDocument: "{}", SetAsDefault: true},
			},
			reply: func(action string, form url.Values, n int) answer {
				if action == "CreatePolicyVersion" && n == 0 {
					return answer{code: "LimitExceeded", msg: "Cannot exceed quota for PolicyVersionsPerPolicy: 5", status: 409}
				}
				return answer{}
			},
			calls: map[string]int{"CreatePolicyVersion": 2},
			logs:  []string{"a removal from policy.p to take effect"},
		},
		{
			name: "limit exceeded without a removal fails at once",
			ops:  []op.Op{&op.CreatePolicyVersion{PolicyArn: "arn:aws:iam::123456789012:policy/p", PolicyDocument: "{}"}},
			reply: func(action string, form url.Values, n int) answer {
				return answer{code: "LimitExceeded", msg: "Cannot exceed quota for PolicyVersionsPerPolicy: 5", status: 409}
			},
			code:  provider.LimitExceeded,
			calls: map[string]int{"CreatePolicyVersion": 1},
		},
		{
			name: "lost answer to a create",
			ops:  []op.Op{&op.CreateUser{UserName: "tyler"}},
			reply: func(action string, form url.Values, n int) answer {
				if n == 0 {
					return answer{code: "ServiceFailure", msg: "internal error", status: 500}
				}
				return answer{code: "EntityAlreadyExists", msg: "User with name tyler already exists.", status: 409}
			},
			calls: map[string]int{"CreateUser": 1},
			logs:  []string{"user.tyler: CreateUser: ServiceFailure: internal error; retrying (attempt 2 of", "user.tyler: CreateUser: EntityAlreadyExists after an attempt whose answer was lost: that attempt took effect"},
		},
		{
			name: "lost answer to a delete",
			ops:  []op.Op{&op.DeleteUser{UserName: "tyler"}},
			reply: func(action string, form url.Values, n int) answer {
				if n == 0 {
					return answer{status: 503}
				}
				return answer{code: "NoSuchEntity", msg: "The user with name tyler cannot be found.", status: 404}
			},
			calls: map[string]int{"DeleteUser": 1},
			logs:  []string{"NoSuchEntity after an attempt whose answer was lost"},
		},
		{
			name: "already exists without a lost answer is an error",
			ops:  []op.Op{&op.CreateUser{UserName: "tyler"}},
			reply: func(action string, form url.Values, n int) answer {
				return answer{code: "EntityAlreadyExists", msg: "User with name tyler already exists.", status: 409}
			},
			code:  provider.AlreadyExists,
			calls: map[string]int{"CreateUser": 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := newFake(t, tt.reply)
			var log logBuffer
			p := newTestProvider(t, srv.URL, Options{Logf: log.logf, ConsistencyTimeout: tt.timeout})
			var err error
			for _, o := range tt.ops {
				if err = p.Do(context.Background(), o); err != nil {
					break
				}
			}
			if provider.CodeOf(err) != tt.code {
				t.Fatalf("error = %v, want code %q", err, tt.code)
			}
			last := tt.ops[len(tt.ops)-1]
			if err != nil && !strings.HasPrefix(err.Error(), last.Target().String()+": "+last.Action()+": ") {
				t.Errorf("error %q does not name the entity and the step", err)
			}
			if tt.timeout > 0 && !strings.Contains(err.Error(), "still so after waiting 20ms") {
				t.Errorf("error %q does not say how long it waited", err)
			}
			for a, n := range tt.calls {
				if got := p.Calls()[a]; got != n {
					t.Errorf("Calls()[%s] = %d, want %d", a, got, n)
				}
			}
			logs := log.String()
			// Setbacks counts what the log reports, one each.
			retries, waits := p.Setbacks()
			if want := strings.Count(logs, "; retrying (attempt"); retries != want {
				t.Errorf("Setbacks() retries = %d, the log reports %d", retries, want)
			}
			if want := strings.Count(logs, ": waiting "); waits != want {
				t.Errorf("Setbacks() waits = %d, the log reports %d", waits, want)
			}
			for _, l := range tt.logs {
				if !strings.Contains(logs, l) {
					t.Errorf("log lacks %q:\n%s", l, logs)
				}
			}
			for _, l := range tt.noLogs {
				if strings.Contains(logs, l) {
					t.Errorf("log has %q:\n%s", l, logs)
				}
			}
		})
	}
}

func TestDoCancel(t *testing.T) {
	f, srv := newFake(t, func(action string, form url.Values, n int) answer {
		return answer{code: "EntityTemporarilyUnmodifiable", msg: "later", status: 409}
	})
	isolateEnv(t)
	p, err := New(context.Background(), Options{EndpointURL: srv.URL}) // real waits: 1s, 2s, ...
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = p.Do(ctx, &op.DeleteRole{RoleName: "r"})
	if provider.CodeOf(err) != CodeCanceled || !strings.Contains(err.Error(), "before the call was made") || len(f.actions()) != 0 {
		t.Errorf("cancelled before: %v, calls %v", err, f.actions())
	}

	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err = p.Do(ctx, &op.DeleteRole{RoleName: "r"})
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("Do took %s after its context was cancelled", d)
	}
	if provider.CodeOf(err) != CodeCanceled || !strings.Contains(err.Error(), "role.r: DeleteRole: RequestCanceled: interrupted while waiting to retry after EntityTemporarilyUnmodifiable; the step has not taken effect") {
		t.Errorf("cancelled while waiting: %v", err)
	}
}

func TestDoConcurrentThrottled(t *testing.T) {
	// A fifth of all attempts throttled and one in twenty a 500: every
	// create still completes, and each counts as one call.
	var mu sync.Mutex
	seq := 0
	_, srv := newFake(t, func(action string, form url.Values, n int) answer {
		mu.Lock()
		seq++
		k := seq
		mu.Unlock()
		switch {
		case k%5 == 0:
			return answer{code: "Throttling", msg: "Rate exceeded"}
		case k%20 == 3:
			return answer{code: "ServiceFailure", msg: "internal", status: 500}
		}
		return answer{result: userXML(form.Get("UserName"))}
	})
	var log logBuffer
	p := newTestProvider(t, srv.URL, Options{Logf: log.logf})
	const n = 400
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 4)
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			errs <- p.Do(context.Background(), &op.CreateUser{UserName: "u" + strconv.Itoa(i)})
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := p.Calls()["CreateUser"]; got != n {
		t.Errorf("Calls()[CreateUser] = %d, want %d", got, n)
	}
	if !strings.Contains(log.String(), "CreateUser: Throttling: Rate exceeded; retrying (attempt 2 of 12)") {
		t.Errorf("throttling retries not reported:\n%.500s", log.String())
	}
	if retries, _ := p.Setbacks(); retries == 0 || retries != strings.Count(log.String(), "; retrying (attempt") {
		t.Errorf("Setbacks() retries = %d, the log reports %d", retries, strings.Count(log.String(), "; retrying (attempt"))
	}
}
