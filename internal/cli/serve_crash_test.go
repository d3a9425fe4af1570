package cli_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// TestServeKilledMidApplyLosesNoAcknowledgedWrite runs `iamc serve` as
// a process and an apply through it (the AWS provider, as a user runs
// it), kills the server with SIGKILL after a random number of writes were
// answered, restarts it, and checks that every write answered with
// success is in the account. The apply then resumes; after the last
// round it completes and a second plan is empty.
func TestServeKilledMidApplyLosesNoAcknowledgedWrite(t *testing.T) {
	if _, err := exec.LookPath("iamc"); err != nil {
		t.Skip("the test binary is not installed as iamc")
	}
	dir := t.TempDir()
	config := filepath.Join(dir, "config")
	writeCrashConfig(t, config)
	state := filepath.Join(dir, "served", "account.json")
	env := append(os.Environ(), "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test", "AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE="+filepath.Join(dir, "none"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "none"),
		"AWS_EC2_METADATA_DISABLED=true", "AWS_SESSION_TOKEN=", "AWS_PROFILE=", "IAMC_STATE=", "IAMC_PROVIDER=")

	p := &ackProxy{t: t}
	front := httptest.NewServer(p)
	defer front.Close()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	const rounds = 4
	total := 0
	for round := 1; round <= rounds; round++ {
		srv := startServe(t, state, env)
		p.target.Store(srv.url)
		p.reset()
		killAt := int64(1 + rng.Intn(120))
		if round == rounds {
			killAt = -1 // the last round completes
		}
		apply := exec.Command("iamc", "apply", "--provider", "aws", "--endpoint-url", front.URL, "--auto-approve",
			"--parallelism", "8", "--credentials-out", filepath.Join(dir, fmt.Sprintf("creds-%d.json", round)), config)
		apply.Env = env
		var out bytes.Buffer
		apply.Stdout, apply.Stderr = &out, &out
		if err := apply.Start(); err != nil {
			t.Fatal(err)
		}
		applied := make(chan error, 1)
		go func() { applied <- apply.Wait() }()
		if killAt < 0 {
			if err := <-applied; err != nil {
				t.Fatalf("the last apply: %v\n%s", err, out.String())
			}
			srv.stop(t)
		} else {
			finished := false
			for p.acked.Load() < killAt && !finished {
				select {
				case <-applied:
					finished = true
				case <-time.After(time.Millisecond):
				}
			}
			srv.kill(t)
			if !finished {
				apply.Process.Kill()
				<-applied
			}
		}
		acked := p.writes()
		total += len(acked)
		checkAcknowledged(t, state, acked, round)
		t.Logf("round %d: %d writes answered before the server ended", round, len(acked))
	}
	if total == 0 {
		t.Fatal("no write was answered")
	}
	// The account the interrupted applies built converges: nothing left
	// to do.
	srv := startServe(t, state, env)
	defer srv.stop(t)
	plan := exec.Command("iamc", "plan", "--provider", "aws", "--endpoint-url", srv.url, "--detailed-exitcode", config)
	plan.Env = env
	if out, err := plan.CombinedOutput(); err != nil {
		t.Fatalf("the plan after the last apply: %v\n%s", err, out)
	}
}

// writeCrashConfig writes a configuration of a few hundred writes.
func writeCrashConfig(t *testing.T, dir string) {
	t.Helper()
	var b strings.Builder
	for g := 0; g < 6; g++ {
		fmt.Fprintf(&b, "group \"g%d\" {\n  policies = [policy.p%d, aws.policy.ReadOnlyAccess]\n}\n\n", g, g)
		fmt.Fprintf(&b, "policy \"p%d\" {\n  statement {\n    actions   = [\"s3:GetObject\"]\n    resources = [\"arn:aws:s3:::b%d/*\"]\n  }\n}\n\n", g, g)
		fmt.Fprintf(&b, "role \"r%d\" {\n  trust {\n    statement {\n      actions = [\"sts:AssumeRole\"]\n      principals {\n        type        = \"Service\"\n        identifiers = [\"ec2.amazonaws.com\"]\n      }\n    }\n  }\n  policies = [policy.p%d]\n}\n\n", g, g)
	}
	for u := 0; u < 60; u++ {
		fmt.Fprintf(&b, "user \"u%02d\" {\n  groups = [group.g%d, group.g%d]\n  tags   = { n = \"%d\" }\n", u, u%6, (u+1)%6, u)
		if u%3 == 0 {
			b.WriteString("  console_access {}\n")
		}
		b.WriteString("}\n\n")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.iam.hcl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// serveProc is a running `iamc serve`.
type serveProc struct {
	cmd *exec.Cmd
	url string
	log *bytes.Buffer
}

// startServe starts `iamc serve` on a free loopback port and waits for
// it to say where it serves.
func startServe(t *testing.T, state string, env []string) *serveProc {
	t.Helper()
	s, err := launchServe(state, env)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// launchServe starts `iamc serve --addr 127.0.0.1:0 --state STATE` and
// waits for it to say where it serves.
func launchServe(state string, env []string) (*serveProc, error) {
	return launchServeArgs([]string{"--state", state}, env)
}

// launchServeArgs starts iamc serve with these flags besides --addr.
func launchServeArgs(args []string, env []string) (*serveProc, error) {
	cmd := exec.Command("iamc", append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = env
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &serveProc{cmd: cmd, log: &bytes.Buffer{}}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			s.log.WriteString(line + "\n")
			if _, addr, ok := strings.Cut(line, " at http://"); ok {
				ready <- "http://" + strings.Fields(addr)[0]
			}
		}
		close(ready)
	}()
	select {
	case u, ok := <-ready:
		if !ok {
			cmd.Wait()
			return nil, fmt.Errorf("iamc serve did not start:\n%s", s.log)
		}
		s.url = u
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		return nil, fmt.Errorf("iamc serve did not start in time")
	}
	return s, nil
}

// kill ends the server as a crash would: SIGKILL.
func (s *serveProc) kill(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
}

// stop ends the server as Ctrl-C does.
func (s *serveProc) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(os.Interrupt)
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("iamc serve on interrupt: %v", err)
	}
}

// ackProxy passes requests to the server and records every write the
// server answered with success, before the client sees the answer.
type ackProxy struct {
	t      *testing.T
	target atomic.Value // the server's URL
	acked  atomic.Int64
	mu     sync.Mutex
	forms  []url.Values
}

func (p *ackProxy) reset() {
	p.mu.Lock()
	p.forms = nil
	p.mu.Unlock()
	p.acked.Store(0)
}

func (p *ackProxy) writes() []url.Values {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]url.Values(nil), p.forms...)
}

func (p *ackProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	out, err := http.NewRequest(r.Method, p.target.Load().(string)+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	out.Header = r.Header.Clone()
	out.Host = r.Host // as signed
	resp, err := http.DefaultTransport.RoundTrip(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	form, _ := url.ParseQuery(string(body))
	if resp.StatusCode == http.StatusOK && isWrite(form.Get("Action")) {
		p.mu.Lock()
		p.forms = append(p.forms, form)
		p.mu.Unlock()
		p.acked.Add(1)
	}
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	w.Write(answer)
}

func isWrite(action string) bool {
	for _, p := range []string{"Create", "Delete", "Put", "Attach", "Detach", "Add", "Remove", "Update", "Tag", "Untag", "Set"} {
		if strings.HasPrefix(action, p) {
			return true
		}
	}
	return false
}

// checkAcknowledged opens the killed server's state (replaying its
// journal, as a restart does) and checks the effect of every write
// answered with success.
func checkAcknowledged(t *testing.T, state string, acked []url.Values, round int) {
	t.Helper()
	a, err := memory.Open(state, memory.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("round %d: reopening the state: %v", round, err)
	}
	defer a.Close()
	m, err := a.Read(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range acked {
		if msg := missing(m, f); msg != "" {
			t.Errorf("round %d: %s was answered with success and is not in the account: %s", round, f.Get("Action"), msg)
		}
	}
}

// missing says what of a write's effect the account lacks, "" if none.
func missing(m *model.Account, f url.Values) string {
	member := func(list []string, x string) bool {
		for _, v := range list {
			if model.Fold(v) == model.Fold(x) {
				return true
			}
		}
		return false
	}
	user, group, role := m.User(f.Get("UserName")), m.Group(f.Get("GroupName")), m.Role(f.Get("RoleName"))
	switch f.Get("Action") {
	case "CreateUser":
		if user == nil {
			return "no user " + f.Get("UserName")
		}
	case "CreateGroup":
		if group == nil {
			return "no group " + f.Get("GroupName")
		}
	case "CreateRole":
		if role == nil {
			return "no role " + f.Get("RoleName")
		}
	case "CreatePolicy":
		if m.Policy(f.Get("PolicyName")) == nil {
			return "no policy " + f.Get("PolicyName")
		}
	case "AddUserToGroup":
		if user == nil || !member(user.Groups, f.Get("GroupName")) {
			return fmt.Sprintf("%s not in %s", f.Get("UserName"), f.Get("GroupName"))
		}
	case "AttachGroupPolicy":
		if group == nil || !member(group.ManagedPolicies, f.Get("PolicyArn")) {
			return fmt.Sprintf("%s not attached to %s", f.Get("PolicyArn"), f.Get("GroupName"))
		}
	case "AttachRolePolicy":
		if role == nil || !member(role.ManagedPolicies, f.Get("PolicyArn")) {
			return fmt.Sprintf("%s not attached to %s", f.Get("PolicyArn"), f.Get("RoleName"))
		}
	case "CreateLoginProfile":
		if user == nil || user.LoginProfile == nil {
			return "no login profile for " + f.Get("UserName")
		}
	default:
		return "the test knows no effect of it"
	}
	return ""
}
