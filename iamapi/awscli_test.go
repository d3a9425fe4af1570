package iamapi

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/iamc/iamc/provider/memory"
)

// awsCLI is Debian's AWS CLI (apt-get install -y awscli). Other installs
// on PATH may differ; the test calls this one.
const awsCLI = "/usr/bin/aws"

// cli runs the real AWS CLI against a served account. Its commands run in
// one Python process (testdata/awsdriver.py runs the awscli package's own
// entry point, as /usr/bin/aws does, once per command): starting Python
// and loading the CLI cost most of a second a command.
type cli struct {
	t   *testing.T
	url string
	env []string
	drv *driver
}

// driver is a running testdata/awsdriver.py.
type driver struct {
	mu  sync.Mutex
	in  io.WriteCloser
	out *bufio.Scanner
}

func startDriver(t *testing.T) *driver {
	t.Helper()
	python := filepath.Join(filepath.Dir(awsCLI), "python3")
	cmd := exec.Command(python, filepath.Join("testdata", "awsdriver.py"))
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	return &driver{in: in, out: sc}
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	if _, err := os.Stat(awsCLI); err != nil {
		if os.Getenv("IAMC_REQUIRE_AWSCLI") == "1" {
			t.Fatalf("IAMC_REQUIRE_AWSCLI=1 but %s is missing: apt-get install -y awscli", awsCLI)
		}
		t.Skipf("%s is missing (apt-get install -y awscli); set IAMC_REQUIRE_AWSCLI=1 to make this a failure", awsCLI)
	}
	srv := httptest.NewServer(NewHandler(memory.New(""), Options{}))
	t.Cleanup(srv.Close)
	home := t.TempDir()
	// A clean environment: no profile, config or credentials of the
	// machine's, dummy keys, no pager.
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		// The README's credentials.
		"AWS_ACCESS_KEY_ID=test",
		"AWS_SECRET_ACCESS_KEY=test",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_PAGER=",
		"AWS_EC2_METADATA_DISABLED=true",
	}
	return &cli{t: t, url: srv.URL, env: env, drv: startDriver(t)}
}

// with returns the CLI with more environment variables (the last of a
// name wins).
func (c *cli) with(env ...string) *cli {
	return &cli{t: c.t, url: c.url, env: append(append([]string(nil), c.env...), env...), drv: c.drv}
}

// run runs aws --endpoint-url URL --output json ARGS and returns its
// output, error output and exit code.
func (c *cli) run(args ...string) (stdout, stderr string, code int) {
	c.t.Helper()
	service := args[0]
	full := append([]string{"--endpoint-url", c.url, "--output", "json", service}, args[1:]...)
	env := map[string]string{}
	for _, kv := range c.env {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	req, err := json.Marshal(map[string]any{"env": env, "args": full})
	if err != nil {
		c.t.Fatal(err)
	}
	c.drv.mu.Lock()
	defer c.drv.mu.Unlock()
	if _, err := c.drv.in.Write(append(req, '\n')); err != nil {
		c.t.Fatalf("aws %s: %v", strings.Join(args, " "), err)
	}
	if !c.drv.out.Scan() {
		c.t.Fatalf("aws %s: the CLI driver stopped: %v", strings.Join(args, " "), c.drv.out.Err())
	}
	var res struct {
		Stdout, Stderr string
		Code           int
	}
	if err := json.Unmarshal(c.drv.out.Bytes(), &res); err != nil {
		c.t.Fatalf("aws %s: %v", strings.Join(args, " "), err)
	}
	return res.Stdout, res.Stderr, res.Code
}

// ok runs a command that must succeed and decodes its JSON output (nil
// when it prints nothing).
func (c *cli) ok(args ...string) map[string]any {
	c.t.Helper()
	out, errOut, code := c.run(args...)
	if code != 0 {
		c.t.Fatalf("aws %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	if strings.TrimSpace(out) == "" {
		return nil
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		c.t.Fatalf("aws %s printed no JSON object: %v\n%s", strings.Join(args, " "), err, out)
	}
	return v
}

// fails runs a command that must fail with a service error (exit 254)
// and checks the error line the CLI prints.
func (c *cli) fails(code, message string, args ...string) {
	c.t.Helper()
	_, errOut, exit := c.run(args...)
	op := ""
	for _, w := range strings.Split(args[1], "-") {
		op += strings.ToUpper(w[:1]) + w[1:]
	}
	want := "An error occurred (" + code + ") when calling the " + op + " operation: " + message
	if exit != 254 || !strings.Contains(errOut, want) {
		c.t.Fatalf("aws %s: exit %d\n%s\nwant exit 254 and %q", strings.Join(args, " "), exit, errOut, want)
	}
}

// get follows a path of keys and list indexes through decoded JSON.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func names(list any, key string) string {
	var out []string
	for _, x := range list.([]any) {
		out = append(out, get(x, key).(string))
	}
	return strings.Join(out, ",")
}

// asJSON decodes a JSON text for comparison with what the CLI printed.
func asJSON(t *testing.T, s string) any {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// The documents the CLI sends, as a user writes them.
const (
	cliDoc   = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`
	cliDoc2  = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}`
	cliTrust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`
)

// TestAWSCLI drives served accounts with the real AWS CLI: the commands a
// user of iamc's plans runs, and the errors they meet, checking what the
// CLI prints. The parts run in parallel, each on its own account, since
// every command starts a Python interpreter.
func TestAWSCLI(t *testing.T) {
	newCLI(t) // skips the whole test without the CLI
	t.Run("users and groups", func(t *testing.T) {
		t.Parallel()
		c := newCLI(t)
		u := c.ok("iam", "create-user", "--user-name", "alice", "--path", "/staff/", "--tags", "Key=team,Value=web")
		if get(u, "User", "UserName") != "alice" || get(u, "User", "Arn") != "arn:aws:iam::123456789012:user/staff/alice" ||
			get(u, "User", "Tags", 0, "Value") != "web" {
			t.Fatalf("create-user: %v", u)
		}
		c.fails("EntityAlreadyExists", "User with name ALICE already exists.", "iam", "create-user", "--user-name", "ALICE")
		c.fails("NoSuchEntity", "The user with name nobody cannot be found.", "iam", "get-user", "--user-name", "nobody")
		c.ok("iam", "create-user", "--user-name", "bob")
		if l := c.ok("iam", "list-users"); names(get(l, "Users"), "UserName") != "alice,bob" {
			t.Fatalf("list-users: %v", l)
		}
		if l := c.ok("iam", "list-users", "--max-items", "1"); names(get(l, "Users"), "UserName") != "alice" || get(l, "NextToken") == nil {
			t.Fatalf("list-users --max-items 1: %v", l)
		}
		if g := c.ok("iam", "get-user", "--user-name", "ALICE"); get(g, "User", "Path") != "/staff/" {
			t.Fatalf("get-user: %v", g)
		}
		c.ok("iam", "create-group", "--group-name", "devs")
		c.ok("iam", "add-user-to-group", "--group-name", "devs", "--user-name", "alice")
		if g := c.ok("iam", "get-group", "--group-name", "devs"); names(get(g, "Users"), "UserName") != "alice" || get(g, "Group", "GroupName") != "devs" {
			t.Fatalf("get-group: %v", g)
		}
		if g := c.ok("iam", "list-groups-for-user", "--user-name", "alice"); names(get(g, "Groups"), "GroupName") != "devs" {
			t.Fatalf("list-groups-for-user: %v", g)
		}
		c.fails("DeleteConflict", "Cannot delete entity, must remove user from all groups first.", "iam", "delete-user", "--user-name", "alice")
		c.fails("NoSuchEntity", "The group with name nope cannot be found.", "iam", "add-user-to-group", "--group-name", "nope", "--user-name", "alice")
		c.ok("iam", "put-user-policy", "--user-name", "alice", "--policy-name", "inline", "--policy-document", cliDoc)
		if g := c.ok("iam", "get-user-policy", "--user-name", "alice", "--policy-name", "inline"); !reflect.DeepEqual(get(g, "PolicyDocument"), asJSON(t, cliDoc)) {
			t.Fatalf("get-user-policy: %v", g)
		}
		c.ok("iam", "put-group-policy", "--group-name", "devs", "--policy-name", "g", "--policy-document", cliDoc)
		if l := c.ok("iam", "list-group-policies", "--group-name", "devs"); !reflect.DeepEqual(get(l, "PolicyNames"), []any{"g"}) {
			t.Fatalf("list-group-policies: %v", l)
		}
		c.fails("DeleteConflict", "Cannot delete entity, must remove users from group first.", "iam", "delete-group", "--group-name", "devs")
		c.ok("iam", "delete-group-policy", "--group-name", "devs", "--policy-name", "g")
		c.ok("iam", "delete-user-policy", "--user-name", "alice", "--policy-name", "inline")
		c.ok("iam", "remove-user-from-group", "--group-name", "devs", "--user-name", "alice")
		c.ok("iam", "delete-user", "--user-name", "alice")
		c.ok("iam", "delete-group", "--group-name", "devs")
		if l := c.ok("iam", "list-users"); names(get(l, "Users"), "UserName") != "bob" {
			t.Fatalf("list-users after the deletes: %v", l)
		}
		if l := c.ok("iam", "list-groups"); len(get(l, "Groups").([]any)) != 0 {
			t.Fatalf("list-groups after the deletes: %v", l)
		}
	})

	t.Run("policies and versions", func(t *testing.T) {
		t.Parallel()
		c := newCLI(t)
		p := c.ok("iam", "create-policy", "--policy-name", "read", "--policy-document", cliDoc, "--description", "read objects")
		arn, _ := get(p, "Policy", "Arn").(string)
		if arn != "arn:aws:iam::123456789012:policy/read" || get(p, "Policy", "DefaultVersionId") != "v1" {
			t.Fatalf("create-policy: %v", p)
		}
		c.fails("EntityAlreadyExists", "A policy called READ already exists.", "iam", "create-policy", "--policy-name", "READ", "--policy-document", cliDoc)
		for i := 2; i <= 5; i++ {
			v := c.ok("iam", "create-policy-version", "--policy-arn", arn, "--policy-document", cliDoc2, "--set-as-default")
			if get(v, "PolicyVersion", "VersionId") != "v"+string(rune('0'+i)) || get(v, "PolicyVersion", "IsDefaultVersion") != true {
				t.Fatalf("create-policy-version: %v", v)
			}
		}
		c.fails("LimitExceeded", "A managed policy can have up to 5 versions.", "iam", "create-policy-version", "--policy-arn", arn, "--policy-document", cliDoc2)
		if l := c.ok("iam", "list-policy-versions", "--policy-arn", arn); names(get(l, "Versions"), "VersionId") != "v5,v4,v3,v2,v1" {
			t.Fatalf("list-policy-versions: %v", l)
		}
		v1 := c.ok("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v1")
		if !reflect.DeepEqual(get(v1, "PolicyVersion", "Document"), asJSON(t, cliDoc)) {
			t.Fatalf("get-policy-version printed the document %v", get(v1, "PolicyVersion", "Document"))
		}
		c.fails("DeleteConflict", "Cannot delete the default version of a policy.", "iam", "delete-policy-version", "--policy-arn", arn, "--version-id", "v5")
		c.ok("iam", "create-user", "--user-name", "alice")
		c.ok("iam", "attach-user-policy", "--user-name", "alice", "--policy-arn", arn)
		if a := c.ok("iam", "list-attached-user-policies", "--user-name", "alice"); names(get(a, "AttachedPolicies"), "PolicyName") != "read" {
			t.Fatalf("list-attached-user-policies: %v", a)
		}
		if e := c.ok("iam", "list-entities-for-policy", "--policy-arn", arn); names(get(e, "PolicyUsers"), "UserName") != "alice" {
			t.Fatalf("list-entities-for-policy: %v", e)
		}
		c.fails("DeleteConflict", "Cannot delete a policy attached to entities.", "iam", "delete-policy", "--policy-arn", arn)
		c.ok("iam", "detach-user-policy", "--user-name", "alice", "--policy-arn", arn)
		for _, v := range []string{"v1", "v2", "v3", "v4"} {
			c.ok("iam", "delete-policy-version", "--policy-arn", arn, "--version-id", v)
		}
		c.ok("iam", "delete-policy", "--policy-arn", arn)
		c.fails("NoSuchEntity", "Policy "+arn+" was not found.", "iam", "get-policy", "--policy-arn", arn)
	})

	t.Run("roles", func(t *testing.T) {
		t.Parallel()
		c := newCLI(t)
		r := c.ok("iam", "create-role", "--role-name", "app", "--assume-role-policy-document", cliTrust, "--description", "the app", "--max-session-duration", "7200")
		if !reflect.DeepEqual(get(r, "Role", "AssumeRolePolicyDocument"), asJSON(t, cliTrust)) {
			t.Fatalf("create-role printed the trust policy %v", get(r, "Role", "AssumeRolePolicyDocument"))
		}
		c.fails("MalformedPolicyDocument", "", "iam", "create-role", "--role-name", "bad", "--assume-role-policy-document", cliDoc)
		c.ok("iam", "attach-role-policy", "--role-name", "app", "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess")
		c.ok("iam", "put-role-policy", "--role-name", "app", "--policy-name", "r", "--policy-document", cliDoc2)
		if l := c.ok("iam", "list-roles"); get(l, "Roles", 0, "Description") != "the app" || get(l, "Roles", 0, "MaxSessionDuration") != float64(7200) {
			t.Fatalf("list-roles: %v", l)
		}
		if g := c.ok("iam", "get-role", "--role-name", "app"); !reflect.DeepEqual(get(g, "Role", "AssumeRolePolicyDocument"), asJSON(t, cliTrust)) {
			t.Fatalf("get-role: %v", g)
		}
		d := c.ok("iam", "get-account-authorization-details")
		if names(get(d, "RoleDetailList"), "RoleName") != "app" ||
			!reflect.DeepEqual(get(d, "RoleDetailList", 0, "RolePolicyList", 0, "PolicyDocument"), asJSON(t, cliDoc2)) ||
			!reflect.DeepEqual(get(d, "RoleDetailList", 0, "AssumeRolePolicyDocument"), asJSON(t, cliTrust)) ||
			names(get(d, "Policies"), "PolicyName") != "ReadOnlyAccess" {
			t.Fatalf("get-account-authorization-details: %v", d)
		}
		c.fails("DeleteConflict", "Cannot delete entity, must delete policies first.", "iam", "delete-role", "--role-name", "app")
		c.ok("iam", "delete-role-policy", "--role-name", "app", "--policy-name", "r")
		c.ok("iam", "detach-role-policy", "--role-name", "app", "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess")
		c.ok("iam", "delete-role", "--role-name", "app")
		c.fails("NoSuchEntity", "The role with name app cannot be found.", "iam", "get-role", "--role-name", "app")
	})

	t.Run("access keys, instance profiles and signatures", func(t *testing.T) {
		t.Parallel()
		c := newCLI(t)
		c.ok("iam", "create-user", "--user-name", "alice")
		k := c.ok("iam", "create-access-key", "--user-name", "alice")
		id, _ := get(k, "AccessKey", "AccessKeyId").(string)
		secret, _ := get(k, "AccessKey", "SecretAccessKey").(string)
		if len(id) != 20 || len(secret) != 40 || get(k, "AccessKey", "Status") != "Active" {
			t.Fatalf("create-access-key: %v", k)
		}
		// The new key signs, as alice, in any region the CLI is set to.
		as := c.with("AWS_ACCESS_KEY_ID="+id, "AWS_SECRET_ACCESS_KEY="+secret, "AWS_DEFAULT_REGION=eu-west-1")
		if who := as.ok("sts", "get-caller-identity"); get(who, "Arn") != "arn:aws:iam::123456789012:user/alice" {
			t.Fatalf("get-caller-identity with alice's key: %v", who)
		}
		c.ok("iam", "update-access-key", "--user-name", "alice", "--access-key-id", id, "--status", "Inactive")
		as.fails("InvalidClientTokenId", "The security token included in the request is invalid.", "iam", "list-users")
		c.with("AWS_SECRET_ACCESS_KEY=wrong").fails("SignatureDoesNotMatch",
			"The request signature we calculated does not match the signature you provided.", "iam", "list-users")
		ip := c.ok("iam", "create-instance-profile", "--instance-profile-name", "web", "--path", "/apps/")
		if get(ip, "InstanceProfile", "Arn") != "arn:aws:iam::123456789012:instance-profile/apps/web" {
			t.Fatalf("create-instance-profile: %v", ip)
		}
		c.ok("iam", "delete-instance-profile", "--instance-profile-name", "web")
	})

	t.Run("account", func(t *testing.T) {
		t.Parallel()
		c := newCLI(t)
		if id := c.ok("sts", "get-caller-identity"); get(id, "Account") != "123456789012" {
			t.Fatalf("get-caller-identity: %v", id)
		}
		c.ok("iam", "update-account-password-policy", "--minimum-password-length", "14", "--require-numbers", "--max-password-age", "90")
		if pp := c.ok("iam", "get-account-password-policy"); get(pp, "PasswordPolicy", "MinimumPasswordLength") != float64(14) ||
			get(pp, "PasswordPolicy", "RequireNumbers") != true || get(pp, "PasswordPolicy", "ExpirePasswords") != true {
			t.Fatalf("get-account-password-policy: %v", pp)
		}
		c.ok("iam", "delete-account-password-policy")
		c.fails("NoSuchEntity", "The Password Policy with domain name 123456789012 cannot be found.", "iam", "get-account-password-policy")
		c.ok("iam", "create-account-alias", "--account-alias", "acme-prod")
		if a := c.ok("iam", "list-account-aliases"); !reflect.DeepEqual(get(a, "AccountAliases"), []any{"acme-prod"}) {
			t.Fatalf("list-account-aliases: %v", a)
		}
		c.ok("iam", "delete-account-alias", "--account-alias", "acme-prod")
		if a := c.ok("iam", "list-account-aliases"); len(get(a, "AccountAliases").([]any)) != 0 {
			t.Fatalf("list-account-aliases after the delete: %v", a)
		}
	})
}
