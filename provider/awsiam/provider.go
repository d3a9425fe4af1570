package awsiam

import (
	"context"
	"io"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// Options configure a Provider. The zero value is the SDK's default chain
// with iamc's retry settings.
type Options struct {
	// Profile is the shared config profile (--profile); "" means
	// AWS_PROFILE, else the default chain.
	Profile string
	// EndpointURL is the endpoint for IAM and STS (--endpoint-url); ""
	// leaves it to the SDK's resolution (AWS_ENDPOINT_URL_IAM,
	// AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the shared config).
	EndpointURL string
	// AssumeRole, when set, is the ARN of a role that the credentials of
	// the configuration chain assume (STS AssumeRole); the account is then
	// read and written as that role (iamc { assume_role }).
	AssumeRole string
	// Logf receives a line for every retry and every eventual-consistency
	// wait as it happens (the CLI sends it to stderr). nil discards them.
	Logf func(format string, args ...any)
	// Debug, when set, receives one line per HTTP attempt: service,
	// action, parameters (secrets redacted, documents by size), status,
	// duration and request id. Never headers or response bodies.
	Debug io.Writer
	// ConsistencyTimeout bounds the total time one Do waits for IAM's
	// eventual consistency; 0 means DefaultConsistencyTimeout.
	ConsistencyTimeout time.Duration
	// MaxAttempts is the SDK's attempts per call, throttling and 5xx
	// included; 0 means the shared config's max_attempts
	// (AWS_MAX_ATTEMPTS) when set, else DefaultMaxAttempts.
	MaxAttempts int

	// Test hooks, unexported: the tests in this package shorten the
	// waits so that heavy throttling and consistency delays run fast.
	retryBase  time.Duration // first SDK backoff; 0 = defaultRetryBase
	retryMax   time.Duration // SDK backoff cap; 0 = DefaultMaxBackoff
	waitBase   time.Duration // first consistency wait; 0 = defaultWaitBase
	reportPoll time.Duration // first credential report poll; 0 = defaultReportPoll
}

// Provider is an AWS account's IAM. It is safe for concurrent use: apply
// runs up to --parallelism Do calls at once.
type Provider struct {
	iam  *iam.Client
	sts  *sts.Client
	opts Options

	maxAttempts int

	debugMu sync.Mutex // one Debug line at a time

	mu    sync.Mutex
	calls map[string]int
	// retries and waits count the SDK's retries and the waits for IAM's
	// eventual consistency, as Logf reports them.
	retries, waits int
	hints          *provider.ReadHints
	// roleUse holds the roles' last use by folded name as the last Read
	// saw it in GetAccountAuthorizationDetails (posture.go); nil before.
	roleUse map[string]model.RoleActivity
	ident   *provider.Identity
	// recent remembers what this provider created or removed, so that a
	// NoSuchEntity or LimitExceeded right after can be told apart from a
	// real one (see consistency.go).
	recent recentLog
}

var _ provider.Provider = (*Provider)(nil)
var _ provider.Hinter = (*Provider)(nil)

// New loads the AWS configuration and returns a Provider. It makes no
// call to AWS (credentials are resolved on the first call).
func New(ctx context.Context, o Options) (*Provider, error) {
	p := &Provider{opts: o, calls: map[string]int{}}
	if p.opts.ConsistencyTimeout <= 0 {
		p.opts.ConsistencyTimeout = DefaultConsistencyTimeout
	}
	if err := p.configure(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

// logf sends a line to Options.Logf.
func (p *Provider) logf(format string, args ...any) {
	if p.opts.Logf != nil {
		p.opts.Logf(format, args...)
	}
}

// Identity asks STS whose credentials these are: the account and the
// caller's ARN. The answer is kept for the provider's life.
func (p *Provider) Identity(ctx context.Context) (provider.Identity, error) {
	p.mu.Lock()
	if p.ident != nil {
		id := *p.ident
		p.mu.Unlock()
		return id, nil
	}
	p.mu.Unlock()
	out, err := p.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return provider.Identity{}, readError("GetCallerIdentity", model.Address{}, err)
	}
	id := provider.Identity{Account: deref(out.Account), Caller: deref(out.Arn), Provider: "aws"}
	p.mu.Lock()
	p.ident = &id
	p.mu.Unlock()
	return id, nil
}

// Hint tells Read what the plan compares against, so that it reads per
// entity only what can change the plan (provider.Hinter).
func (p *Provider) Hint(h provider.ReadHints) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hints = &h
}

// Calls returns the API calls made so far per action, reads and writes,
// STS included. A call the SDK retried counts once; each retry the
// provider makes for eventual consistency counts again.
func (p *Provider) Calls() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]int, len(p.calls))
	for k, v := range p.calls {
		out[k] = v
	}
	return out
}

// TotalCalls is the sum of Calls.
func (p *Provider) TotalCalls() int {
	n := 0
	for _, v := range p.Calls() {
		n += v
	}
	return n
}

// Setbacks returns how many attempts the SDK has retried (throttling,
// 5xx) and how many times Do has waited for IAM's eventual consistency,
// so far: an apply's live progress shows them.
func (p *Provider) Setbacks() (retries, waits int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.retries, p.waits
}

func (p *Provider) setback(retry bool) {
	p.mu.Lock()
	if retry {
		p.retries++
	} else {
		p.waits++
	}
	p.mu.Unlock()
}

func (p *Provider) count(action string) {
	p.mu.Lock()
	p.calls[action]++
	p.mu.Unlock()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
