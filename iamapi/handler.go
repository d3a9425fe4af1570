package iamapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/iamc/iamc/provider/memory"
)

// Options configure a Handler: the faults it injects and its log.
type Options struct {
	// ThrottleRate is the share (0..1) of requests answered with AWS's
	// 400 Throttling "Rate exceeded".
	ThrottleRate float64
	// ErrorRate is the share (0..1) of requests answered with a 500
	// (ServiceFailure or InternalFailure, as IAM answers either).
	ErrorRate float64
	// Latency is added to every request.
	Latency time.Duration
	// ConsistencyDelay keeps a newly created user, group, role or managed
	// policy invisible to every other call for that long: reads answer
	// NoSuchEntity and leave it out of lists, writes naming it answer
	// NoSuchEntity, and trust policies naming its ARN are
	// MalformedPolicyDocument "Invalid principal in policy", as IAM's
	// eventual consistency does. A second create of it still answers
	// EntityAlreadyExists.
	ConsistencyDelay time.Duration
	// Seed seeds the fault dice, so that a run is reproducible.
	Seed int64
	// Logf, when set, gets one line per request: action, status, code
	// and duration. It never sees a parameter value, so never a secret.
	Logf func(format string, args ...any)
	// Now is the clock of the consistency delay and of the credential
	// report; nil is time.Now.
	Now func() time.Time
}

// Handler serves a memory account over the AWS IAM Query API: POST (or
// GET) / with Action and Version for IAM and for STS GetCallerIdentity,
// GET /iamc/stats for the request counters and POST /iamc/stats/reset to
// zero them.
type Handler struct {
	acct  *memory.Account
	opts  Options
	now   func() time.Time
	dice  *dice
	vis   *visibility
	stats counters
	rep   reportState
}

// NewHandler returns a Handler serving acct.
func NewHandler(acct *memory.Account, opts Options) *Handler {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Handler{
		acct: acct,
		opts: opts,
		now:  now,
		dice: newDice(opts.Seed),
		vis:  newVisibility(opts.ConsistencyDelay, now),
	}
}

// call is one API request being answered.
type call struct {
	ctx  context.Context
	h    *Handler
	f    *form
	act  *action
	body xmlw // the result element's content
}

// ServeHTTP answers one request. It never panics and never answers
// anything but AWS's XML (or the stats JSON).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/iamc/") {
		h.serveStats(w, r)
		return
	}
	start := time.Now()
	actionName, status, code := h.serveAPI(w, r, newRequestID())
	h.logf("%s %d %s %s", orDash(actionName), status, code, time.Since(start).Round(time.Microsecond))
}

// serveAPI answers an IAM or STS request and returns what it logs.
// A panic is answered 500 InternalFailure.
func (h *Handler) serveAPI(w http.ResponseWriter, r *http.Request, reqID string) (actionName string, status int, code string) {
	fail := func(e *apiError, sts bool) (string, int, string) {
		writeError(w, e, reqID, sts)
		return actionName, e.Status, e.Code
	}
	defer func() {
		if v := recover(); v != nil {
			h.stats.add(actionName, outcomeError)
			e := newError(codeInternalFailure, "An internal error occurred while processing the request.")
			writeError(w, e, reqID, false)
			status, code = e.Status, fmt.Sprintf("%s (panic: %v)", e.Code, v)
		}
	}()
	if h.opts.Latency > 0 {
		t := time.NewTimer(h.opts.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return fail(newError(codeServiceFailure, "The request was cancelled."), false)
		}
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return fail(&apiError{Code: "InvalidHttpRequest", Message: "The IAM API is served on GET and POST.", Status: http.StatusMethodNotAllowed}, false)
	}
	f, e := readForm(r)
	if e != nil {
		return fail(e, false)
	}
	if e := checkAuth(r, f); e != nil {
		return fail(e, false)
	}
	act, e := lookupAction(f)
	if e != nil {
		h.stats.add("", outcomeError)
		return fail(e, act != nil && act.sts)
	}
	actionName = act.name
	switch h.dice.roll(h.opts.ThrottleRate, h.opts.ErrorRate) {
	case faultThrottle:
		h.stats.add(actionName, outcomeThrottled)
		return fail(newError(codeThrottling, "Rate exceeded"), act.sts)
	case faultError:
		h.stats.add(actionName, outcomeFault)
		if h.dice.coin() {
			return fail(newError(codeServiceFailure, "The request processing has failed because of an unknown error, exception or failure."), act.sts)
		}
		return fail(newError(codeInternalFailure, "An internal error occurred while processing the request."), act.sts)
	}
	c := &call{ctx: r.Context(), h: h, f: f, act: act}
	if err := act.run(c); err != nil {
		h.stats.add(actionName, outcomeError)
		return fail(asAPIError(err), act.sts)
	}
	h.stats.add(actionName, outcomeOK)
	writeResult(w, c, reqID)
	return actionName, http.StatusOK, "OK"
}

// checkAuth requires a SigV4 signature, in the Authorization header or in
// a presigned URL's query. The signature itself is not checked: any key
// is accepted.
func checkAuth(r *http.Request, f *form) *apiError {
	if auth := r.Header.Get("Authorization"); auth != "" {
		alg, rest, _ := strings.Cut(auth, " ")
		if alg != "AWS4-HMAC-SHA256" {
			return newError(codeIncompleteSignature, "Authorization header requires AWS4-HMAC-SHA256 signing: %s is not supported.", clip(alg))
		}
		for _, part := range []string{"Credential=", "SignedHeaders=", "Signature="} {
			if !strings.Contains(rest, part) {
				return newError(codeIncompleteSignature, "Authorization header requires '%s' parameter. Authorization=%s", strings.TrimSuffix(part, "="), alg)
			}
		}
		if r.Header.Get("X-Amz-Date") == "" && r.Header.Get("Date") == "" {
			return newError(codeIncompleteSignature, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
		}
		return nil
	}
	if alg, ok := f.vals["X-Amz-Algorithm"]; ok {
		if alg != "AWS4-HMAC-SHA256" {
			return newError(codeIncompleteSignature, "X-Amz-Algorithm %s is not supported; use AWS4-HMAC-SHA256.", clip(alg))
		}
		for _, p := range []string{"X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"} {
			if f.vals[p] == "" {
				return newError(codeIncompleteSignature, "The presigned request lacks the parameter %s.", p)
			}
		}
		return nil
	}
	return newError(codeMissingAuth, "Request is missing Authentication Token")
}

// writeResult writes a successful answer:
// <XResponse><XResult>...</XResult><ResponseMetadata>...</XResponse>.
func writeResult(w http.ResponseWriter, c *call, reqID string) {
	var out xmlw
	ns := iamNamespace
	if c.act.sts {
		ns = stsNamespace
	}
	out.b.WriteString(`<` + c.act.name + `Response xmlns="` + ns + `">`)
	if c.act.result {
		out.open(c.act.name + "Result")
		out.b.Write(c.body.b.Bytes())
		out.close(c.act.name + "Result")
	}
	out.open("ResponseMetadata")
	out.text("RequestId", reqID)
	out.close("ResponseMetadata")
	out.close(c.act.name + "Response")
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("x-amzn-RequestId", reqID)
	w.WriteHeader(http.StatusOK)
	w.Write(out.b.Bytes())
}

// writeError writes AWS's error XML with the code's HTTP status.
func writeError(w http.ResponseWriter, e *apiError, reqID string, sts bool) {
	var out xmlw
	ns := iamNamespace
	if sts {
		ns = stsNamespace
	}
	out.b.WriteString(`<ErrorResponse xmlns="` + ns + `">`)
	out.open("Error")
	out.text("Type", e.Type())
	out.text("Code", e.Code)
	out.text("Message", e.Message)
	out.close("Error")
	out.text("RequestId", reqID)
	out.close("ErrorResponse")
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("x-amzn-RequestId", reqID)
	w.WriteHeader(e.Status)
	w.Write(out.b.Bytes())
}

// newRequestID returns a request id in AWS's form (a UUID).
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	s := hex.EncodeToString(b[:])
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}

func (h *Handler) logf(format string, args ...any) {
	if h.opts.Logf != nil {
		h.opts.Logf(format, args...)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
