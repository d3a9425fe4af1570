package awsiam

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

// The SDK retry settings, chosen so that an apply completes when a fifth of
// all calls are throttled and some more fail with 5xx.
//
// Attempts: with a fraction q of attempts failing independently, a call
// fails for good with probability q^N. At q = 0.25 (20% throttling plus 5%
// server errors) and N = 12 that is 6e-8 per call, so a 10,000-call apply
// fails from throttling alone with probability 6e-4; the SDK's default of 3
// attempts would fail 1.6% of calls, over a hundred in such an apply.
//
// Backoff: exponential from 250ms, doubled per attempt, capped at 20s, with
// "equal jitter" (half fixed, half random) so that concurrent callers
// spread out but none retries at once. Twelve attempts wait at most about
// 110s in all, under the two minutes an eventual-consistency wait may
// take.
//
// Retry quota: the SDK's token bucket (500 tokens, 5 taken per retry, 1
// given back per call that succeeds) drains once calls average more than
// one retry in five. At 20% throttling a call averages 0.25 retries, so
// the bucket runs dry after about 2,000 calls (after about 750 at 25%
// failures), and from then on calls fail with "retry quota exceeded"
// however many attempts remain. It is off (ratelimit.None): the backoff
// alone paces the retries, as IAM's throttling expects.
const (
	DefaultMaxAttempts = 12
	DefaultMaxBackoff  = 20 * time.Second
	defaultRetryBase   = 250 * time.Millisecond
)

// retryableCodes are IAM error codes the SDK does not know as retryable;
// their HTTP status (500, 503) usually makes them so anyway.
var retryableCodes = map[string]struct{}{
	"ServiceFailure":     {},
	"ServiceUnavailable": {},
	"InternalFailure":    {},
}

// Endpoints other than AWS (emulators: moto, also inside LocalStack)
// answer an action they do not implement with InvalidAction or
// NotImplemented, whatever the status (no attempt can help), or with a
// page that is not IAM's error XML and status 500 (moto's is HTML). Such
// an answer is retried only up to unreadableAttempts attempts in all: a
// passing fault of a proxy gets a second chance, an action the endpoint
// lacks fails in about a second rather than after the full retryer's
// twelve attempts and two minutes. IAM's own 5xx answers, in its error
// XML, and throttling keep the full retryer.
const unreadableAttempts = 3

// notImplementedCodes are the error codes of an endpoint that does not
// implement the action.
var notImplementedCodes = map[string]bool{
	"InvalidAction":  true,
	"NotImplemented": true,
}

func (p *Provider) newRetryer() *retry.Standard {
	base, max := p.opts.retryBase, p.opts.retryMax
	if base <= 0 {
		base = defaultRetryBase
	}
	if max <= 0 {
		max = DefaultMaxBackoff
	}
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = p.maxAttempts
		o.MaxBackoff = max
		o.Backoff = backoff{base: base, max: max}
		o.RateLimiter = ratelimit.None
		// First, so that it overrides the SDK's retry of a 5xx status.
		o.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(noRetry)}, o.Retryables...)
		o.Retryables = append(o.Retryables, retry.RetryableErrorCode{Codes: retryableCodes})
	})
}

// noRetry says that an answer of an endpoint that does not implement the
// action is not retried, nor an unreadable server error once it has had
// its attempts (see unreadableAttempts); of other errors it says nothing.
func noRetry(err error) aws.Ternary {
	if notImplementedCodes[apiCode(err)] {
		return aws.FalseTernary
	}
	var u *unreadableAnswer
	if errors.As(err, &u) && u.final {
		return aws.FalseTernary
	}
	var un *unreachable
	if errors.As(err, &un) && un.final {
		return aws.FalseTernary
	}
	return aws.UnknownTernary
}

// backoff is exponential backoff with equal jitter: the delay before retry
// n (n >= 1) is d/2 + rand(d/2) where d = min(max, base * 2^(n-1)).
type backoff struct {
	base, max time.Duration
}

func (b backoff) BackoffDelay(attempt int, _ error) (time.Duration, error) {
	return jitter(expDelay(b.base, b.max, attempt)), nil
}

// expDelay is min(max, base * 2^(n-1)) for n >= 1.
func expDelay(base, max time.Duration, n int) time.Duration {
	d := base
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	return d
}

// jitter returns d/2 plus a random part of d/2.
func jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(d-half)+1))
}
