package iamapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/iamc/iamc/provider/memory"
)

// Options configure a Handler: the key it knows, the hosts it serves, the
// faults it injects and its log.
type Options struct {
	// AccessKeyID and SecretAccessKey are the server's own key, which
	// may sign any request; "" is DefaultAccessKeyID and
	// DefaultSecretAccessKey ("test"), what the README tells users to
	// set. The access keys the server creates for the account's users
	// sign too, while they are Active.
	AccessKeyID     string
	SecretAccessKey string
	// AnyHost serves requests whatever their Host header (iamc serve
	// --allow-remote); otherwise only 127.0.0.1, localhost and [::1]
	// are served, so that a DNS rebinding page cannot reach the server.
	AnyHost bool
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
	// report; nil is time.Now. Signatures' dates are checked against the
	// real clock, as the clients sign with it.
	Now func() time.Time
}

// Handler serves a memory account over the AWS IAM Query API: POST (or
// GET) / with Action and Version for IAM and for STS GetCallerIdentity,
// GET /iamc/stats for the request counters and POST /iamc/stats/reset to
// zero them. Every request must be signed (SigV4) with a key it knows,
// and none made by a web page is answered (auth.go).
type Handler struct {
	acct    *memory.Account
	opts    Options
	now     func() time.Time
	dice    *dice
	vis     *visibility
	stats   counters
	rep     reportState
	keyID   string
	secret  string
	secrets *secrets
	// signingKeys are the SigV4 keys derived lately.
	signingKeys signingKeys
	// realm is the accounts served beside this one (accounts.go).
	realm *realm
}

// NewHandler returns a Handler serving acct. The secrets of the access
// keys it creates are kept in memory only; Run keeps them in a file.
func NewHandler(acct *memory.Account, opts Options) *Handler {
	return newHandler(acct, opts, newMemorySecrets())
}

func newHandler(acct *memory.Account, opts Options, sec *secrets) *Handler {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	h := &Handler{
		acct:    acct,
		opts:    opts,
		now:     now,
		dice:    newDice(opts.Seed),
		vis:     newVisibility(opts.ConsistencyDelay, now),
		keyID:   opts.AccessKeyID,
		secret:  opts.SecretAccessKey,
		secrets: sec,
	}
	if h.keyID == "" {
		h.keyID = DefaultAccessKeyID
	}
	if h.secret == "" {
		h.secret = DefaultSecretAccessKey
	}
	h.realm = soloRealm(h)
	return h
}

// call is one API request being answered.
type call struct {
	ctx  context.Context
	h    *Handler
	f    *form
	act  *action
	who  *caller
	body xmlw // the result element's content
}

// ServeHTTP answers one request. It never panics and never answers
// anything but AWS's XML (or the stats JSON).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if e := h.checkSite(r); e != nil {
		h.stats.add("", outcomeError)
		writeError(w, e, newRequestID(), false)
		h.logf("- %d %s (a web page's request, or a Host that is not loopback)", e.Status, e.Code)
		return
	}
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
	body, e := readBody(r)
	if e != nil {
		return fail(e, false)
	}
	who, e := h.authenticate(r, body)
	if e != nil {
		h.stats.add("", outcomeError)
		return fail(e, isSTS(r.URL.RawQuery, body))
	}
	h.recordKeyUse(r.Context(), who)
	f, e := readForm(r, body)
	if e != nil {
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
	c := &call{ctx: r.Context(), h: h, f: f, act: act, who: who}
	if err := act.run(c); err != nil {
		h.stats.add(actionName, outcomeError)
		return fail(asAPIError(err), act.sts)
	}
	if !act.write {
		// What a read saw is on disk before it is answered: a write
		// not yet synced is never shown and then lost. (A write waits
		// for its own record in Do.)
		if err := h.acct.Flush(); err != nil {
			h.stats.add(actionName, outcomeError)
			h.logf("making the account durable: %v", err)
			return fail(asAPIError(err), act.sts)
		}
	}
	h.stats.add(actionName, outcomeOK)
	writeResult(w, c, reqID)
	return actionName, http.StatusOK, "OK"
}

// isSTS reports whether a request names an STS action (GetCallerIdentity),
// read leniently from its query and body, so that an error answered
// before the request is read strictly is in STS's namespace.
func isSTS(rawQuery string, body []byte) bool {
	action := ""
	if q, err := url.ParseQuery(rawQuery); err == nil {
		action = q.Get("Action")
	}
	if b, err := url.ParseQuery(string(body)); err == nil && b.Get("Action") != "" {
		action = b.Get("Action")
	}
	act := actions()[action]
	return act != nil && act.sts
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
