package cli_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
)

// awsDrivers holds each script's running AWS CLI driver.
var awsDrivers sync.Map // *testscript.TestScript → *awsDriver

// awsDriver is Debian's AWS CLI kept running in one Python process
// (iamapi/testdata/awsdriver.py): a command costs milliseconds, not the
// second that starting Python and loading the CLI take.
type awsDriver struct {
	in  io.WriteCloser
	out *bufio.Scanner
	dir string
}

// awsCLI runs the real AWS CLI against the script's served account, as
// `exec /usr/bin/aws --endpoint-url $IAMC_SERVED ARGS...` would, with the
// script's AWS_* environment, in the directory the script was in when
// its first awscli command ran:
//
//	awscli iam create-user --user-name ann
func awsCLI(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: awscli SERVICE COMMAND [ARGS...]")
	}
	endpoint := ts.Getenv("IAMC_SERVED")
	if endpoint == "" {
		ts.Fatalf("awscli: no served account (serve-account or serve-process first)")
	}
	d := startAWSDriver(ts)
	env := map[string]string{}
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_EC2_METADATA_DISABLED", "AWS_PAGER", "AWS_DEFAULT_OUTPUT"} {
		if v := ts.Getenv(k); v != "" {
			env[k] = v
		}
	}
	req, err := json.Marshal(map[string]any{"env": env, "args": append([]string{"--endpoint-url", endpoint}, args...)})
	ts.Check(err)
	if _, err := d.in.Write(append(req, '\n')); err != nil {
		ts.Fatalf("awscli: %v", err)
	}
	if !d.out.Scan() {
		ts.Fatalf("awscli: the driver stopped: %v", d.out.Err())
	}
	var res struct {
		Stdout, Stderr string
		Code           int
	}
	ts.Check(json.Unmarshal(d.out.Bytes(), &res))
	fmt.Fprint(ts.Stdout(), res.Stdout)
	fmt.Fprint(ts.Stderr(), res.Stderr)
	switch {
	case res.Code != 0 && !neg:
		ts.Fatalf("awscli %s: exit status %d", strings.Join(args, " "), res.Code)
	case res.Code == 0 && neg:
		ts.Fatalf("awscli %s: unexpected success", strings.Join(args, " "))
	}
}

func startAWSDriver(ts *testscript.TestScript) *awsDriver {
	if d, ok := awsDrivers.Load(ts); ok {
		return d.(*awsDriver)
	}
	script, err := filepath.Abs(filepath.Join("..", "..", "iamapi", "testdata", "awsdriver.py"))
	ts.Check(err)
	cmd := exec.Command("/usr/bin/python3", script)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = os.Environ()
	in, err := cmd.StdinPipe()
	ts.Check(err)
	out, err := cmd.StdoutPipe()
	ts.Check(err)
	cmd.Stderr = os.Stderr
	ts.Check(cmd.Start())
	ts.Defer(func() {
		in.Close()
		cmd.Wait()
		awsDrivers.Delete(ts)
	})
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	d := &awsDriver{in: in, out: sc, dir: cmd.Dir}
	awsDrivers.Store(ts, d)
	return d
}
