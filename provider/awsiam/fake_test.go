package awsiam

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// Dummy credentials the tests put in the environment; the redaction tests
// check that none of them is ever written.
const (
	testAccessKey    = "AKIAIAMCTESTKEY00001"
	testSecretKey    = "iamcTestSecretKey/do+not+log/0123456789"
	testSessionToken = "iamcTestSessionTokenDoNotLog"
)

// isolateEnv gives a test an AWS environment of its own: dummy static
// credentials, no shared config or credentials file, no IMDS, no endpoint
// or profile from the machine.
func isolateEnv(t *testing.T) { isolateEnvB(t) }

// isolateEnvB is isolateEnv for tests and benchmarks.
func isolateEnvB(t testing.TB) {
	t.Helper()
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS",
		"AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_NEW_RETRIES_2026"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", dir+"/config")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", dir+"/credentials")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_ACCESS_KEY_ID", testAccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", testSecretKey)
	t.Setenv("AWS_SESSION_TOKEN", testSessionToken)
	t.Setenv("AWS_REGION", "eu-west-1")
}

// fast are Options whose waits are short enough for tests.
func fast(o Options) Options {
	o.retryBase = time.Millisecond
	o.retryMax = 5 * time.Millisecond
	o.waitBase = time.Millisecond
	o.reportPoll = time.Millisecond
	return o
}

// newTestProvider returns a provider talking to endpoint.
func newTestProvider(t *testing.T, endpoint string, o Options) *Provider {
	t.Helper()
	isolateEnv(t)
	o.EndpointURL = endpoint
	p, err := New(context.Background(), fast(o))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// answer is what fakeIAM replies to one request.
type answer struct {
	status int    // 0 = 200, or 400 with code
	code   string // error code; "" = success
	msg    string
	result string // inner XML of <ActionResult>
}

// fakeIAM is a minimal IAM Query API endpoint for tests of the client
// side alone: it records each request's form and answers what reply says.
type fakeIAM struct {
	mu     sync.Mutex
	forms  []url.Values
	raw    []string
	scopes []string                                           // each request's SigV4 credential scope: DATE/REGION/SERVICE/aws4_request
	reply  func(action string, form url.Values, n int) answer // n: how many times this action was asked before
	seen   map[string]int
}

func newFake(t *testing.T, reply func(action string, form url.Values, n int) answer) (*fakeIAM, *httptest.Server) {
	f := &fakeIAM{reply: reply, seen: map[string]int{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeIAM) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	action := form.Get("Action")
	f.mu.Lock()
	f.forms = append(f.forms, form)
	f.raw = append(f.raw, string(body))
	scope := r.Header.Get("Authorization")
	if _, after, ok := strings.Cut(scope, "Credential="); ok {
		scope, _, _ = strings.Cut(after, ",")
		_, scope, _ = strings.Cut(scope, "/") // drop the access key id
	}
	f.scopes = append(f.scopes, scope)
	n := f.seen[action]
	f.seen[action]++
	f.mu.Unlock()
	a := answer{}
	switch {
	case action == "GetCallerIdentity":
		a.result = "<Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDACI</UserId><Account>123456789012</Account>"
	case f.reply != nil:
		a = f.reply(action, form, n)
	case action == "CreateAccessKey":
		a.result = "<AccessKey><UserName>x</UserName><AccessKeyId>AKIAFAKE000000000001</AccessKeyId><Status>Active</Status><SecretAccessKey>fakefakefakefakefakefakefakefakefakefake</SecretAccessKey></AccessKey>"
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", fmt.Sprintf("req-%s-%d", action, n))
	if a.code != "" {
		if a.status == 0 {
			a.status = 400
		}
		w.WriteHeader(a.status)
		fmt.Fprintf(w, `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>req</RequestId></ErrorResponse>`, a.code, a.msg)
		return
	}
	if a.status != 0 {
		w.WriteHeader(a.status)
		return
	}
	fmt.Fprintf(w, `<%sResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><%sResult>%s</%sResult><ResponseMetadata><RequestId>req</RequestId></ResponseMetadata></%sResponse>`,
		action, action, a.result, action, action)
}

// actions lists the Action of every request so far.
func (f *fakeIAM) actions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]string, len(f.forms))
	for i, fm := range f.forms {
		out[i] = fm.Get("Action")
	}
	return out
}

// logBuffer collects Logf lines, safe for concurrent use.
type logBuffer struct {
	mu    sync.Mutex
	lines []string
}

func (l *logBuffer) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// syncBuffer is an io.Writer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
