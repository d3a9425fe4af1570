package awsiam

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/iamc/iamc/model"
)

type middlewareStack = middleware.Stack

// callInfo follows one SDK call through its attempts. Do puts one in the
// context of each call; the instrument middleware makes one for the
// others. The attempts of a call run one after another, so it needs no
// lock.
type callInfo struct {
	target   model.Address // the entity, when the call has one
	used     bool          // taken by a call
	attempts int
	// ambiguous is set when an attempt failed without a definite answer
	// (no response, or a 5xx): the call may have taken effect although a
	// later attempt reports that it could not.
	ambiguous bool
}

type callInfoKey struct{}

func withCallInfo(ctx context.Context, ci *callInfo) context.Context {
	return context.WithValue(ctx, callInfoKey{}, ci)
}

func callInfoFrom(ctx context.Context) *callInfo {
	ci, _ := ctx.Value(callInfoKey{}).(*callInfo)
	return ci
}

// instrument adds iamc's middleware to every SDK call: counting calls per
// action, following attempts (for idempotency after lost answers),
// reporting retries through Logf, and the --debug lines.
func (p *Provider) instrument(r *retry.Standard) func(*middlewareStack) error {
	return func(st *middlewareStack) error {
		count := middleware.InitializeMiddlewareFunc("iamcCount", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			p.count(awsmiddleware.GetOperationName(ctx))
			// Each call follows its attempts in a callInfo of its own: the
			// caller's, if it gave an unused one (Do reads it after the
			// call), else a new one for the same target.
			ci := callInfoFrom(ctx)
			if ci == nil || ci.used {
				fresh := &callInfo{}
				if ci != nil {
					fresh.target = ci.target
				}
				ci = fresh
				ctx = withCallInfo(ctx, ci)
			}
			ci.used = true
			return next.HandleInitialize(ctx, in)
		})
		if err := st.Initialize.Add(count, middleware.After); err != nil {
			return err
		}
		attempt := middleware.FinalizeMiddlewareFunc("iamcAttempt", func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			return p.handleAttempt(ctx, in, next, r)
		})
		// After Retry, so that it sees every attempt.
		if err := st.Finalize.Insert(attempt, "Retry", middleware.After); err != nil {
			return st.Finalize.Add(attempt, middleware.After)
		}
		return nil
	}
}

func (p *Provider) handleAttempt(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler, r *retry.Standard) (middleware.FinalizeOutput, middleware.Metadata, error) {
	ci := callInfoFrom(ctx)
	if ci == nil {
		ci = &callInfo{}
	}
	var params string
	if p.opts.Debug != nil {
		params = requestParams(in.Request)
	}
	start := time.Now()
	out, md, err := next.HandleFinalize(ctx, in)
	elapsed := time.Since(start)
	ci.attempts++
	limit := p.maxAttempts
	if u, ok := asUnreadable(err, ci.attempts); ok {
		// Not IAM's answer: a few attempts only (unreadableAttempts).
		limit = min(limit, unreadableAttempts)
		u.final = ci.attempts >= limit
		err = u
	} else if u, ok := asUnreachable(err, ci.attempts); ok {
		limit = min(limit, unreadableAttempts)
		u.final = ci.attempts >= limit
		err = u
	}
	if err != nil && ambiguous(err) {
		ci.ambiguous = true
	}
	service, action := awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx)
	if p.opts.Debug != nil {
		p.debugLine(service, action, ci.attempts, params, md, err, elapsed)
	}
	if err != nil && ctx.Err() == nil && ci.attempts < limit && r.IsErrorRetryable(err) {
		prefix := ""
		if ci.target.Kind != "" {
			prefix = ci.target.String() + ": "
		}
		p.setback(true)
		p.logf("%s%s: %s; retrying (attempt %d of %d)", prefix, action, shortError(err), ci.attempts+1, limit)
	}
	return out, md, err
}

// ambiguous reports whether a failed attempt leaves it unknown whether
// IAM acted: no response at all, or a server error. A 4xx (throttling
// included) is a definite "not done".
func ambiguous(err error) bool {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		return re.HTTPStatusCode() >= 500
	}
	return !errors.Is(err, context.Canceled)
}

// shortError is an attempt's error as one short phrase: IAM's code and
// message, or the transport error.
func shortError(err error) string {
	var u *unreadableAnswer
	if errors.As(err, &u) {
		return fmt.Sprintf("HTTP %d with a body that is not IAM's error XML", u.status)
	}
	var un *unreachable
	if errors.As(err, &un) {
		return fmt.Sprintf("cannot connect to %s: %s", un.url, un.reason())
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		if m := ae.ErrorMessage(); m != "" {
			return ae.ErrorCode() + ": " + m
		}
		return ae.ErrorCode()
	}
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) && re.Response != nil && re.HTTPStatusCode() != 0 {
		return fmt.Sprintf("HTTP %d", re.HTTPStatusCode())
	}
	return transportError(err)
}

// debugLine writes one line for an attempt: never a header, never a
// response body, and request parameters only as requestParams redacts
// them.
func (p *Provider) debugLine(service, action string, n int, params string, md middleware.Metadata, err error, elapsed time.Duration) {
	status := "-"
	if resp, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response); ok && resp != nil {
		status = fmt.Sprint(resp.StatusCode)
	}
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		status = fmt.Sprint(re.HTTPStatusCode())
	}
	reqID, _ := awsmiddleware.GetRequestIDMetadata(md)
	if reqID == "" {
		var rid interface{ ServiceRequestID() string }
		if errors.As(err, &rid) {
			reqID = rid.ServiceRequestID()
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "aws: %s %s attempt %d: status %s in %s", service, action, n, status, elapsed.Round(time.Microsecond))
	if reqID != "" {
		fmt.Fprintf(&b, " request-id %s", reqID)
	}
	if err != nil {
		fmt.Fprintf(&b, " error %s", errorCode(err))
	}
	if params != "" {
		b.WriteString(" params ")
		b.WriteString(params)
	}
	b.WriteByte('\n')
	p.debugMu.Lock()
	defer p.debugMu.Unlock()
	io.WriteString(p.opts.Debug, b.String())
}

// errorCode is IAM's error code, or the kind of transport failure.
func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	if errors.Is(err, context.Canceled) {
		return "canceled"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "deadline-exceeded"
	}
	return "transport"
}

// secretParam reports whether a request parameter holds a secret: a
// password (Password, NewPassword, OldPassword, ServicePassword), a secret
// key, a token or a private key. Matching is by name, so that parameters
// iamc does not send today are covered too; PasswordResetRequired is not
// a secret.
func secretParam(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, "password") || strings.Contains(n, "secret") ||
		strings.HasSuffix(n, "token") || strings.Contains(n, "privatekey")
}

// requestParams renders a Query API request's form parameters as
// "Name=value ...", sorted, without Action and Version, secrets replaced by
// REDACTED and policy documents by their size. It reads the body and
// rewinds it for the request.
func requestParams(req any) string {
	r, ok := req.(*smithyhttp.Request)
	if !ok || !r.IsStreamSeekable() {
		return ""
	}
	stream := r.GetStream()
	if stream == nil {
		return ""
	}
	body, err := io.ReadAll(stream)
	if rerr := r.RewindStream(); rerr != nil || err != nil {
		return ""
	}
	return redactForm(body)
}

// redactForm renders a form body as requestParams describes.
func redactForm(body []byte) string {
	vals, err := url.ParseQuery(string(bytes.TrimSpace(body)))
	if err != nil {
		return "(unreadable form)"
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		if k == "Action" || k == "Version" {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		v := strings.Join(vals[k], ",")
		switch {
		case secretParam(k):
			v = "REDACTED"
		case strings.Contains(k, "Document"):
			v = fmt.Sprintf("(%d bytes)", len(v))
		default:
			v = url.QueryEscape(v)
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(v)
	}
	return b.String()
}
