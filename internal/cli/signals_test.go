package cli_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// silentEndpoint accepts connections and never answers, as an endpoint
// that hangs does; each accepted connection is reported on the channel.
func silentEndpoint(t *testing.T) (string, <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan struct{}, 16)
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
			select {
			case accepted <- struct{}{}:
			default:
			}
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String(), accepted
}

// iamcCommand runs the iamc that the test binary provides, in dir.
func iamcCommand(t *testing.T, dir string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	bin, err := exec.LookPath("iamc")
	if err != nil {
		t.Fatalf("iamc is not on PATH: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=test-secret-not-real",
		"AWS_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE="+filepath.Join(dir, "no-config"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "no-credentials"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd, &stderr
}

// exitStatus waits at most 10 s for cmd and returns its exit status.
func exitStatus(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("iamc did not stop within 10 s of the signal")
		return -1
	}
}

// Before the first write there is nothing to protect: an interrupt or
// SIGTERM stops plan and apply at once, with the shell's status for the
// signal, even while a call to the account hangs.
func TestSignalBeforeAnyWriteStopsAtOnce(t *testing.T) {
	cases := []struct {
		name string
		args []string
		sig  syscall.Signal
		code int
	}{
		{"plan SIGINT", []string{"plan"}, syscall.SIGINT, 130},
		{"plan SIGTERM", []string{"plan"}, syscall.SIGTERM, 143},
		{"apply SIGTERM", []string{"apply", "--auto-approve"}, syscall.SIGTERM, 143},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.iam.hcl"), []byte("user \"a\" {}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			url, accepted := silentEndpoint(t)
			cmd, stderr := iamcCommand(t, dir, append(tc.args, "--provider", "aws", "--endpoint-url", url)...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-accepted:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("iamc never called the endpoint; stderr:\n%s", stderr)
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			if code := exitStatus(t, cmd); code != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr.String(), "stopped; nothing was changed") {
				t.Errorf("stderr does not say that nothing was changed:\n%s", stderr)
			}
		})
	}
}

// iamc serve stops serving on an interrupt, saves the account, and says
// so in its own words, not the words of an apply.
func TestSignalStopsServe(t *testing.T) {
	dir := t.TempDir()
	cmd, _ := iamcCommand(t, dir, "serve", "--addr", "127.0.0.1:0", "--state", "account.json")
	cmd.Stderr = nil
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(errPipe)
	line, err := r.ReadString('\n')
	if err != nil || !strings.Contains(line, "serving") {
		cmd.Process.Kill()
		t.Fatalf("serve did not start: %q, %v", line, err)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(r)
	if code := exitStatus(t, cmd); code != 0 {
		t.Errorf("exit status %d, want 0; stderr:\n%s", code, rest)
	}
	if strings.Contains(string(rest), "no new step starts") {
		t.Errorf("serve speaks of steps on shutdown:\n%s", rest)
	}
	if _, err := os.Stat(filepath.Join(dir, "account.json")); err != nil {
		t.Errorf("the account was not saved: %v", err)
	}
}
