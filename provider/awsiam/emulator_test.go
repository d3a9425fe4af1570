package awsiam

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider/memory"
)

// emulator wraps a served memory account so that it answers as IAM
// emulators in wide use do where they differ from IAM: moto (also inside
// LocalStack) leaves PolicyName out of GetAccountAuthorizationDetails'
// Policies, answers an action it does not implement with an HTML page
// and status 500, and some emulators answer InvalidAction or
// NotImplemented. Each field turns one behaviour on; the zero value
// answers as the served account does.
type emulator struct {
	next http.Handler

	// stripPolicyName drops <PolicyName> from the managed policies of
	// GetAccountAuthorizationDetails, as moto does.
	stripPolicyName bool
	// html answers these actions with an HTML page and status 500.
	html map[string]bool
	// errors answers these actions with AWS's error XML.
	errors map[string]emulatedError
	// delay holds the answer to these actions back, as a slow endpoint
	// does.
	delay map[string]time.Duration
	// rewrite, if set, edits the body of a successful answer.
	rewrite func(action string, body []byte) []byte

	mu   sync.Mutex
	seen map[string]int // requests per action
}

// emulatedError is an error an emulator answers with.
type emulatedError struct {
	status int
	code   string
}

// motoHTML is the page moto answers an action it does not implement
// with: Werkzeug's page for an internal server error, which is not XML
// (an attribute without quotes).
const motoHTML = `<!doctype html>
<html lang=en>
<title>500 Internal Server Error</title>
<h1>Internal Server Error</h1>
<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>
`

// emulated serves a memory account seeded with seed behind e, and returns
// the server, the account (to look at what was done) and e.
func emulated(t *testing.T, seed *model.Account, e *emulator) (*httptest.Server, *memory.Account) {
	t.Helper()
	acct := memory.New("")
	if seed != nil {
		var err error
		if acct, err = memory.FromModel(seed); err != nil {
			t.Fatalf("seeding: %v", err)
		}
	}
	e.next = iamapi.NewHandler(acct, servedOptions(iamapi.Options{}))
	e.seen = map[string]int{}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv, acct
}

func (e *emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	form, _ := url.ParseQuery(string(body))
	action := form.Get("Action")
	e.mu.Lock()
	e.seen[action]++
	e.mu.Unlock()
	if d := e.delay[action]; d > 0 {
		time.Sleep(d)
	}
	if e.html[action] {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, motoHTML)
		return
	}
	if x, ok := e.errors[action]; ok {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(x.status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>The action %s is not valid for this web service.</Message></Error><RequestId>emulated</RequestId></ErrorResponse>`,
			x.code, action)
		return
	}
	rec := httptest.NewRecorder()
	e.next.ServeHTTP(rec, r)
	out := rec.Body.Bytes()
	if rec.Code == http.StatusOK {
		if e.stripPolicyName && action == "GetAccountAuthorizationDetails" {
			out = stripManagedPolicyNames(out)
		}
		if e.rewrite != nil {
			out = e.rewrite(action, out)
		}
	}
	for k, v := range rec.Header() {
		if k != "Content-Length" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(rec.Code)
	w.Write(out)
}

// requests returns how many requests the emulator had for an action.
func (e *emulator) requests(action string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.seen[action]
}

var (
	policiesSection = regexp.MustCompile(`(?s)<Policies>.*</Policies>`)
	policyNameElem  = regexp.MustCompile(`<PolicyName>[^<]*</PolicyName>`)
)

// stripManagedPolicyNames removes PolicyName from the Policies section of
// a GetAccountAuthorizationDetails answer, leaving inline and attached
// policies' names, as moto answers.
func stripManagedPolicyNames(body []byte) []byte {
	return policiesSection.ReplaceAllFunc(body, func(sec []byte) []byte {
		return policyNameElem.ReplaceAll(sec, nil)
	})
}
