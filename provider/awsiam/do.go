package awsiam

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// DefaultConsistencyTimeout bounds the eventual-consistency waits of one
// step when Options.ConsistencyTimeout is 0.
const DefaultConsistencyTimeout = 2 * time.Minute

// defaultWaitBase is the first eventual-consistency wait; each next one
// doubles, up to maxWait.
const (
	defaultWaitBase = time.Second
	maxWait         = 16 * time.Second
)

// Do carries out one op with one SDK call (op.All lists them; every one
// is covered). The SDK retries throttling and 5xx answers itself (see
// DefaultMaxAttempts). On top of that, Do waits and calls again, for at
// most Options.ConsistencyTimeout in all, when IAM's eventual consistency
// is the likely cause of a failure:
//
//   - NoSuchEntity when the op names an entity this provider created (or
//     renamed to) in the last ten minutes;
//   - MalformedPolicyDocument "Invalid principal" when a trust policy
//     names a user or role this provider created;
//   - LimitExceeded when this provider just removed something from the
//     same entity (a detach before an attach at a cap, a version deleted
//     before a sixth is created);
//   - EntityTemporarilyUnmodifiable and ConcurrentModification, always.
//
// Each wait is reported through Options.Logf as it starts, with doubling
// delays from one second. When an attempt's answer was lost (a 5xx or a
// broken connection) and the SDK's retry then meets EntityAlreadyExists on
// a create or NoSuchEntity on a delete, the first attempt did the work: the
// step is done, and Logf says so.
//
// Do is safe for concurrent use. It honours ctx: a cancelled context
// stops a wait at once and an in-flight call as soon as the SDK returns;
// the error then says whether the call may have taken effect (CodeCanceled)
// or had not been made. Every error is a *provider.Error naming the op's
// action and target.
func (p *Provider) Do(ctx context.Context, o op.Op) error {
	if err := ctx.Err(); err != nil {
		return &provider.Error{Code: CodeCanceled, Action: o.Action(), Target: o.Target(),
			Message: "interrupted before the call was made", Err: err}
	}
	base := p.opts.waitBase
	if base <= 0 {
		base = defaultWaitBase
	}
	var waited time.Duration
	for try := 1; ; try++ {
		ci := &callInfo{target: o.Target()}
		arn, err := p.send(withCallInfo(ctx, ci), o)
		if err == nil {
			p.noteDone(o, arn)
			if _, ok := o.(*op.CreatePolicyVersion); ok && ci.ambiguous {
				p.logf("%s: %s: an attempt whose answer was lost may have created a version as well; the next plan shows any extra version", o.Target(), o.Action())
			}
			return nil
		}
		var local *provider.Error
		if errors.As(err, &local) && local.Err == nil {
			return local // refused before any call
		}
		perr := opError(ctx, o, err, ci.attempts > 0)
		if ci.ambiguous && doneDespite(o, perr.Code) {
			p.logf("%s: %s: %s after an attempt whose answer was lost: that attempt took effect; the step is done", o.Target(), o.Action(), perr.Code)
			p.noteDone(o, "")
			return nil
		}
		what := p.consistencyReason(o, perr)
		if what == "" {
			return perr
		}
		delay := expDelay(base, maxWait, try)
		if rest := p.opts.ConsistencyTimeout - waited; delay > rest {
			delay = rest
		}
		if delay <= 0 {
			perr.Message += fmt.Sprintf(" (still so after waiting %s for IAM's eventual consistency)", waited.Round(time.Millisecond))
			return perr
		}
		p.setback(false)
		p.logf("%s: %s: waiting %s for %s (%s: %s)", o.Target(), o.Action(), delay.Round(time.Millisecond), what, perr.Code, perr.Message)
		if err := sleep(ctx, delay); err != nil {
			return &provider.Error{Code: CodeCanceled, Action: o.Action(), Target: o.Target(),
				Message: fmt.Sprintf("interrupted while waiting to retry after %s; the step has not taken effect", perr.Code), Err: err}
		}
		waited += delay
	}
}

// doneDespite reports whether an error met on a retry means an earlier,
// lost attempt of the same op did the work: the entity a create makes
// exists, or the thing a delete removes is gone.
func doneDespite(o op.Op, code provider.Code) bool {
	f := op.Describe(o)
	return code == provider.AlreadyExists && f.DoneIfExists || code == provider.NotFound && f.DoneIfMissing
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
