package apply

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/provider"
)

// Options control a run.
type Options struct {
	// Parallelism is how many steps may run at once; below 1 means 1.
	Parallelism int
	// PasswordPolicy is the policy generated passwords must meet: the
	// declared one when the configuration has it, else the account's.
	// Nil means IAM's default policy.
	PasswordPolicy *model.PasswordPolicy
	// Credentials keeps the generated login passwords. A plan with
	// CreateLoginProfile steps and no Credentials is refused before any
	// step runs.
	Credentials CredentialSink
	// Progress, if set, is told of every step as it starts and ends. It
	// is called from several goroutines, one call at a time.
	Progress func(Event)
}

// CredentialSink keeps generated secrets somewhere only their owner reads.
// Every password of a run is Kept, durably and at once, before the first
// step, so that none is lost when a call's answer is (an interrupt, a
// network failure), at the cost of one sync for the whole run; a password
// is Forgotten when IAM refused its call.
type CredentialSink interface {
	Keep(creds []Credential) error
	Forget(user string) error
}

// EventKind says what happened to a step.
type EventKind int

// The events of a step.
const (
	Started EventKind = iota
	Done
	Failed
)

// Event is one step starting or ending.
type Event struct {
	Kind EventKind
	Step plan.Step
	Err  error // for Failed
}

// Report says what a run did. Every step of the plan is in exactly one of
// Done, Failed and NotRun.
type Report struct {
	Done        []int // step ids, in the order they finished
	Failed      []StepError
	NotRun      []int // sorted step ids
	Interrupted bool  // the context was cancelled before every step ran
}

// StepError is a step that failed.
type StepError struct {
	Step plan.Step
	Err  error
}

func (e StepError) Error() string {
	return fmt.Sprintf("step %d (%s): %v", e.Step.ID, op.Command(e.Step.Op, 60), e.Err)
}

// OK reports whether every step was done.
func (r *Report) OK() bool { return len(r.Failed) == 0 && len(r.NotRun) == 0 && !r.Interrupted }

// NeedsCredentials reports whether running p sets secrets (creates login
// profiles), so that a caller can refuse before anything is written.
func NeedsCredentials(p *plan.Plan) bool {
	for _, s := range p.Steps {
		if op.Describe(s.Op).Secret {
			return true
		}
	}
	return false
}

// ErrNoCredentialSink is returned when a plan creates login profiles or access keys and
// no place to put their passwords was given.
var ErrNoCredentialSink = errors.New("the plan creates login profiles or access keys, whose initial passwords and secret keys must be written somewhere only you can read: give --credentials-out FILE")

// Run carries out the plan's steps. A step starts once every step it
// depends on is done; when a step fails, or ctx is cancelled, no new step
// starts, the steps in flight finish (ctx's cancellation does not reach
// them: a call cut off half-way leaves its outcome unknown), and Run
// returns. The error is nil when every step was done; otherwise it
// summarises the report.
func Run(ctx context.Context, p *plan.Plan, prov provider.Provider, o Options) (*Report, error) {
	if err := CheckSteps(p); err != nil {
		return nil, err
	}
	if NeedsCredentials(p) && o.Credentials == nil {
		return nil, ErrNoCredentialSink
	}
	passwords, err := keepPasswords(p, o)
	if err != nil {
		return nil, err
	}
	par := o.Parallelism
	if par < 1 {
		par = 1
	}
	r := &runner{
		ctx:       ctx,
		prov:      prov,
		opts:      o,
		passwords: passwords,
		steps:     p.Steps,
		waiting:   map[int]int{},
		children:  map[int][]int{},
		report:    &Report{},
		sem:       par,
	}
	r.run()
	return r.report, r.report.err()
}

func (r *Report) err() error {
	switch {
	case len(r.Failed) > 0:
		return fmt.Errorf("%d of %d steps done; %v", len(r.Done), len(r.Done)+len(r.Failed)+len(r.NotRun), r.Failed[0])
	case r.Interrupted:
		return fmt.Errorf("interrupted: %d of %d steps done", len(r.Done), len(r.Done)+len(r.NotRun))
	}
	return nil
}

// CheckSteps verifies that the plan's steps are numbered in order and
// depend only on earlier steps, so that a run cannot deadlock on a
// hand-edited plan file. Run checks it; callers may check it before they
// open anything.
func CheckSteps(p *plan.Plan) error {
	for i, s := range p.Steps {
		if s.ID != i+1 {
			return fmt.Errorf("plan step %d has id %d; steps must be numbered 1, 2, ... in order", i+1, s.ID)
		}
		if s.Op == nil {
			return fmt.Errorf("plan step %d has no operation", s.ID)
		}
		for _, d := range s.DependsOn {
			if d < 1 || d >= s.ID {
				return fmt.Errorf("plan step %d depends on step %d, which does not come before it", s.ID, d)
			}
		}
	}
	return nil
}

type runner struct {
	ctx      context.Context
	prov     provider.Provider
	opts     Options
	steps    []plan.Step
	waiting  map[int]int   // step id → unfinished dependencies
	children map[int][]int // step id → steps that depend on it
	report   *Report
	sem      int
	// passwords are the generated passwords, by the id of their
	// CreateLoginProfile step.
	passwords map[int]string

	progress sync.Mutex
}

type result struct {
	id  int
	err error
}

func (r *runner) run() {
	ready := []int{}
	for _, s := range r.steps {
		r.waiting[s.ID] = len(s.DependsOn)
		for _, d := range s.DependsOn {
			r.children[d] = append(r.children[d], s.ID)
		}
		if len(s.DependsOn) == 0 {
			ready = append(ready, s.ID)
		}
	}
	started := map[int]bool{}
	results := make(chan result)
	inFlight := 0
	stop := false
	for {
		for !stop && inFlight < r.sem && len(ready) > 0 {
			if r.ctx.Err() != nil {
				r.report.Interrupted = true
				stop = true
				break
			}
			id := ready[0]
			ready = ready[1:]
			started[id] = true
			inFlight++
			go func(s plan.Step) { results <- result{s.ID, r.do(s)} }(r.steps[id-1])
		}
		if inFlight == 0 {
			break
		}
		var res result
		select {
		case res = <-results:
		case <-r.ctx.Done():
			if !stop {
				r.report.Interrupted = true
				stop = true
			}
			res = <-results // steps in flight finish; the provider sees ctx
		}
		inFlight--
		if res.err != nil {
			r.report.Failed = append(r.report.Failed, StepError{Step: r.steps[res.id-1], Err: res.err})
			stop = true
			continue
		}
		r.report.Done = append(r.report.Done, res.id)
		for _, c := range r.children[res.id] {
			r.waiting[c]--
			if r.waiting[c] == 0 {
				ready = insertSorted(ready, c)
			}
		}
	}
	if r.ctx.Err() != nil && len(started) < len(r.steps) {
		r.report.Interrupted = true
	}
	for _, s := range r.steps {
		if !started[s.ID] {
			r.report.NotRun = append(r.report.NotRun, s.ID)
		}
	}
}

// insertSorted keeps ready steps in plan order, so that a run with
// parallelism 1 follows the plan's sequence exactly.
func insertSorted(ids []int, id int) []int {
	i := sort.SearchInts(ids, id)
	ids = append(ids, 0)
	copy(ids[i+1:], ids[i:])
	ids[i] = id
	return ids
}

func (r *runner) event(e Event) {
	if r.opts.Progress == nil {
		return
	}
	r.progress.Lock()
	defer r.progress.Unlock()
	r.opts.Progress(e)
}

func (r *runner) do(s plan.Step) error {
	r.event(Event{Kind: Started, Step: s})
	err := r.call(s)
	if err != nil {
		r.event(Event{Kind: Failed, Step: s, Err: err})
		return err
	}
	r.event(Event{Kind: Done, Step: s})
	return nil
}

func (r *runner) call(s plan.Step) error {
	ctx := context.WithoutCancel(r.ctx)
	if ck, ok := s.Op.(*op.CreateAccessKey); ok {
		return r.createKey(ctx, ck)
	}
	lp, ok := s.Op.(*op.CreateLoginProfile)
	if !ok {
		return r.prov.Do(ctx, s.Op)
	}
	// The password was saved before the run: if the call's answer is
	// lost, the profile may exist, and its password is not lost with it.
	// The op in the plan never holds the secret: send a copy.
	call := *lp
	call.Password = r.passwords[s.ID]
	if err := r.prov.Do(ctx, &call); err != nil {
		if !provider.MayHaveTakenEffect(err) {
			if ferr := r.opts.Credentials.Forget(lp.UserName); ferr != nil {
				return fmt.Errorf("%w (and its unused password stays in the credentials file: %v)", err, ferr)
			}
		}
		return err
	}
	return nil
}

// keepPasswords generates the password of every login profile the plan
// creates and keeps them all, durably, before the first step.
func keepPasswords(p *plan.Plan, o Options) (map[int]string, error) {
	if !NeedsCredentials(p) {
		return nil, nil
	}
	passwords := map[int]string{}
	var creds []Credential
	for _, s := range p.Steps {
		lp, ok := s.Op.(*op.CreateLoginProfile)
		if !ok {
			continue
		}
		pw, err := GeneratePassword(o.PasswordPolicy)
		if err != nil {
			return nil, err
		}
		passwords[s.ID] = pw
		creds = append(creds, Credential{User: lp.UserName, Password: pw, PasswordResetRequired: lp.PasswordResetRequired})
	}
	if err := o.Credentials.Keep(creds); err != nil {
		return nil, fmt.Errorf("saving the initial passwords before creating login profiles: %w", err)
	}
	return passwords, nil
}
