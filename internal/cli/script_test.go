package cli_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/internal/cli"
	"github.com/iamc/iamc/provider/memory"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"iamc": func() { os.Exit(cli.Main()) },
	})
}

// TestScripts runs the end-to-end scripts under testdata/script: iamc as
// a user runs it, checking exit codes, stdout, stderr and files.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("IAMC_UPDATE") != "",
		Setup: func(env *testscript.Env) error {
			// Each script gets its own copy of the examples: an apply
			// writes under the configuration's directory (its journal of
			// passwords), and scripts run side by side.
			copy := filepath.Join(env.WorkDir, ".examples")
			if err := os.CopyFS(copy, os.DirFS(examples)); err != nil {
				return err
			}
			env.Setenv("EXAMPLES", copy)
			// The AWS provider must never reach a real account from a
			// test: the README's key for iamc serve, which AWS knows not.
			env.Setenv("AWS_ACCESS_KEY_ID", "test")
			env.Setenv("AWS_SECRET_ACCESS_KEY", "test")
			env.Setenv("AWS_REGION", "us-east-1")
			env.Setenv("AWS_CONFIG_FILE", filepath.Join(env.WorkDir, "no-aws-config"))
			env.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(env.WorkDir, "no-aws-credentials"))
			env.Setenv("AWS_EC2_METADATA_DISABLED", "true")
			env.Setenv("AWS_PAGER", "")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond != "awscli" {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			return haveAWSCLI(t), nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"serve-account":     serveAccount,
			"serve-process":     serveProcess,
			"iam-call":          iamCall,
			"perm":              perm,
			"check-credentials": checkCredentials,
			"gen-users":         genUsers,
			"gh-job":            ghJob,
			"replace":           replace,
			"sleep":             sleep,
			"grep-password":     grepPassword,
			"mkfifo":            mkfifo,
			"gen-repeat":        genRepeat,
			"status":            status,
			"awscli":            awsCLI,
			"env-creds":         envCreds,
		},
	})
}

// haveAWSCLI reports whether Debian's AWS CLI is installed. CI installs it
// and sets IAMC_REQUIRE_AWSCLI=1, so that its checks cannot be skipped there.
func haveAWSCLI(t *testing.T) bool {
	if _, err := os.Stat("/usr/bin/aws"); err == nil {
		return true
	}
	if os.Getenv("IAMC_REQUIRE_AWSCLI") == "1" {
		t.Fatal("IAMC_REQUIRE_AWSCLI=1 but /usr/bin/aws is missing: apt-get install -y awscli")
	}
	return false
}

// served holds each script's served account, for check-credentials.
var served sync.Map // *testscript.TestScript → *memory.Account

// serveAccount serves a memory account over the IAM API for the rest of
// the script, as `iamc serve` does, and points the AWS SDK at it:
//
//	serve-account STATEFILE [throttle-rate error-rate consistency-delay [latency]]
func serveAccount(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: serve-account STATEFILE")
	}
	acct, err := memory.Open(ts.MkAbs(args[0]), memory.Options{})
	ts.Check(err)
	served.Store(ts, acct)
	var opts iamapi.Options
	if len(args) >= 4 {
		opts = parseFaults(ts, args[1:])
	}
	srv := httptest.NewServer(iamapi.NewHandler(acct, opts))
	ts.Defer(func() {
		srv.Close()
		acct.Close()
	})
	ts.Setenv("AWS_ENDPOINT_URL", srv.URL)
	ts.Setenv("IAMC_SERVED", srv.URL)
}

// serveProcess runs `iamc serve` as a process on a state file for the
// rest of the script, stopped as Ctrl-C stops it at the end, and points
// the AWS SDK at it:
//
//	serve-process STATEFILE
//	serve-process --account ID=STATEFILE...
func serveProcess(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: serve-process STATEFILE | --account ID=STATEFILE...")
	}
	flags := []string{"--state", ts.MkAbs(args[0])}
	if strings.HasPrefix(args[0], "--") {
		flags = nil
		for _, a := range args {
			if id, state, ok := strings.Cut(a, "="); ok && !strings.HasPrefix(a, "--") {
				a = id + "=" + ts.MkAbs(state)
			}
			flags = append(flags, a)
		}
	}
	s, err := launchServeArgs(flags, os.Environ())
	ts.Check(err)
	ts.Defer(func() {
		s.cmd.Process.Signal(os.Interrupt)
		s.cmd.Wait()
	})
	ts.Setenv("AWS_ENDPOINT_URL", s.url)
	ts.Setenv("IAMC_SERVED", s.url)
}

// iamCall sends one IAM API request to the served account, signed with
// the environment's key as the AWS SDK signs, and prints the answer's
// XML; it fails unless the answer is a success:
//
//	iam-call ACTION [NAME=VALUE ...]
func iamCall(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: iam-call ACTION [NAME=VALUE ...]")
	}
	endpoint := ts.Getenv("IAMC_SERVED")
	if endpoint == "" {
		ts.Fatalf("iam-call: no served account (serve-account first)")
	}
	form := url.Values{"Action": {args[0]}, "Version": {"2010-05-08"}}
	for _, kv := range args[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			ts.Fatalf("iam-call: %q is not NAME=VALUE", kv)
		}
		form.Set(k, v)
	}
	body := form.Encode()
	req, err := http.NewRequest(http.MethodPost, endpoint+"/", strings.NewReader(body))
	ts.Check(err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: ts.Getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: ts.Getenv("AWS_SECRET_ACCESS_KEY")}
	ts.Check(v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "iam", "us-east-1", time.Now()))
	resp, err := http.DefaultClient.Do(req)
	ts.Check(err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "%s\n", out)
	if (resp.StatusCode == http.StatusOK) == neg {
		ts.Fatalf("iam-call %s: status %d", args[0], resp.StatusCode)
	}
}

// envCreds sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN from the JSON answer of STS AssumeRole that the AWS
// CLI printed (aws --output json sts assume-role ...):
//
//	env-creds FILE
func envCreds(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: env-creds FILE")
	}
	var out struct {
		Credentials struct{ AccessKeyId, SecretAccessKey, SessionToken string }
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &out))
	c := out.Credentials
	if c.AccessKeyId == "" || c.SecretAccessKey == "" || c.SessionToken == "" {
		ts.Fatalf("env-creds: %s holds no credentials", args[0])
	}
	ts.Setenv("AWS_ACCESS_KEY_ID", c.AccessKeyId)
	ts.Setenv("AWS_SECRET_ACCESS_KEY", c.SecretAccessKey)
	ts.Setenv("AWS_SESSION_TOKEN", c.SessionToken)
}

// parseFaults reads "throttle-rate error-rate consistency-delay [latency]".
func parseFaults(ts *testscript.TestScript, args []string) iamapi.Options {
	throttle, err := strconv.ParseFloat(args[0], 64)
	ts.Check(err)
	errs, err := strconv.ParseFloat(args[1], 64)
	ts.Check(err)
	delay, err := time.ParseDuration(args[2])
	ts.Check(err)
	opts := iamapi.Options{ThrottleRate: throttle, ErrorRate: errs, ConsistencyDelay: delay, Seed: 7}
	if len(args) > 3 {
		opts.Latency, err = time.ParseDuration(args[3])
		ts.Check(err)
	}
	return opts
}

// checkCredentials checks that every user of the served account with a
// login profile has its password in the credentials file:
//
//	check-credentials CREDENTIALS
func checkCredentials(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: check-credentials CREDENTIALS")
	}
	v, ok := served.Load(ts)
	if !ok {
		ts.Fatalf("check-credentials: no served account")
	}
	acct, err := v.(*memory.Account).Read(context.Background())
	ts.Check(err)
	var creds struct {
		LoginProfiles []struct{ User, Password string } `json:"login_profiles"`
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &creds))
	have := map[string]bool{}
	for _, c := range creds.LoginProfiles {
		have[c.User] = c.Password != ""
	}
	profiles := 0
	for _, u := range acct.SortedUsers() {
		if u.LoginProfile == nil {
			continue
		}
		profiles++
		if !have[u.Name] {
			ts.Fatalf("user %s has a login profile whose password is not in %s", u.Name, args[0])
		}
	}
	fmt.Fprintf(ts.Stdout(), "%d login profiles, every password saved\n", profiles)
}

// perm prints a file's permission bits in octal: perm FILE
func perm(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: perm FILE")
	}
	info, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	fmt.Fprintf(ts.Stdout(), "%o\n", info.Mode().Perm())
}

// grepPassword succeeds when a password of the credentials file appears
// in any of the other files: grep-password CREDENTIALS FILE...
func grepPassword(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: grep-password CREDENTIALS FILE...")
	}
	var creds struct {
		LoginProfiles []struct{ Password string } `json:"login_profiles"`
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &creds))
	if len(creds.LoginProfiles) == 0 {
		ts.Fatalf("no passwords in %s", args[0])
	}
	found := false
	for _, f := range args[1:] {
		data := ts.ReadFile(f)
		for _, c := range creds.LoginProfiles {
			if strings.Contains(data, c.Password) {
				found = true
				ts.Logf("the password of %s is in %s", args[0], f)
			}
		}
	}
	if found == neg {
		ts.Fatalf("grep-password: found = %v", found)
	}
}

// status runs a command, as exec does, and checks its exit status:
// status 3 iamc plan --detailed-exitcode
func status(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// sleep waits for a duration: sleep 1s
func sleep(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

// genUsers writes N users with console access to a file: gen-users FILE N
func genUsers(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: gen-users FILE N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "user \"u%03d\" {\n  console_access {}\n}\n\n", i)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o644))
}

// replace replaces every OLD with NEW in a file: replace FILE OLD NEW
func replace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	data := ts.ReadFile(args[0])
	if !strings.Contains(data, args[1]) {
		ts.Fatalf("replace: %q is not in %s", args[1], args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.ReplaceAll(data, args[1], args[2])), 0o644))
}
