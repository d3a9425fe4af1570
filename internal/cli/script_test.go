package cli_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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
			env.Setenv("EXAMPLES", examples)
			// The AWS provider must never reach a real account from a test.
			env.Setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
			env.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret-not-real")
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
			"serve-account": serveAccount,
			"perm":          perm,
			"sleep":         sleep,
			"grep-password": grepPassword,
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

// serveAccount serves a memory account over the IAM API for the rest of
// the script, as `iamc serve` does, and points the AWS SDK at it:
//
//	serve-account STATEFILE [throttle-rate error-rate consistency-delay]
func serveAccount(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: serve-account STATEFILE")
	}
	acct, err := memory.Open(ts.MkAbs(args[0]), memory.Options{})
	ts.Check(err)
	var opts iamapi.Options
	if len(args) == 4 {
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

// parseFaults reads "throttle-rate error-rate consistency-delay".
func parseFaults(ts *testscript.TestScript, args []string) iamapi.Options {
	throttle, err := strconv.ParseFloat(args[0], 64)
	ts.Check(err)
	errs, err := strconv.ParseFloat(args[1], 64)
	ts.Check(err)
	delay, err := time.ParseDuration(args[2])
	ts.Check(err)
	return iamapi.Options{ThrottleRate: throttle, ErrorRate: errs, ConsistencyDelay: delay, Seed: 7}
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

// sleep waits for a duration: sleep 1s
func sleep(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}
