package memory

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// Account is an AWS account's IAM held in memory, optionally persisted to
// a state file (Open). It is safe for concurrent use: Do runs one op at a
// time, Read and View share the account with each other.
type Account struct {
	// Now is the clock that dates what Do creates (CreateDate and the
	// like). It defaults to the current time in UTC, to the second; tests
	// set it to make dates reproducible.
	Now func() time.Time

	mu     sync.RWMutex
	saveMu sync.Mutex // serialises Save and Close, so that files are written in order
	st     *State
	dirty  bool
	gen    uint64
	closed bool

	// Persistence (Open); path is "" for an account in memory only.
	path     string
	lock     *os.File
	readOnly bool
}

var _ provider.Provider = (*Account)(nil)

func defaultNow() time.Time { return time.Now().UTC().Truncate(time.Second) }

// New returns an empty account in memory only, with the default quotas.
// An empty accountID means model.DefaultAccountID.
func New(accountID string) *Account {
	if accountID == "" {
		accountID = model.DefaultAccountID
	}
	return &Account{Now: defaultNow, st: newState(accountID, model.DefaultQuotas)}
}

func (a *Account) now() time.Time {
	if a.Now == nil {
		return defaultNow()
	}
	return a.Now()
}

// Path returns the state file's path, "" for an account in memory only.
func (a *Account) Path() string { return a.path }

// Identity names the account. It reads nothing.
func (a *Account) Identity(ctx context.Context) (provider.Identity, error) {
	if err := ctx.Err(); err != nil {
		return provider.Identity{}, err
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	caller := "in-memory account"
	if a.path != "" {
		caller = "memory account in " + a.path
	}
	return provider.Identity{Account: a.st.AccountID, Caller: caller, Provider: "memory"}, nil
}

// Quotas returns the quotas the account enforces (provider.QuotaReader):
// those it was created with.
func (a *Account) Quotas(ctx context.Context) (model.Quotas, error) {
	if err := ctx.Err(); err != nil {
		return model.Quotas{}, err
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.st.Quotas, nil
}

// View calls fn with the account's state under a read lock. fn must not
// keep s or anything reached from it, nor change it.
func (a *Account) View(fn func(s *State)) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	fn(a.st)
}

// Generation counts the successful calls of Do, so that a reader can
// cache what it derived from the state.
func (a *Account) Generation() uint64 {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.gen
}

// Dirty reports whether the account has changes its state file does not
// hold yet.
func (a *Account) Dirty() bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.dirty
}

// errClosed is returned by calls on a closed account.
var errClosed = errors.New("the memory account is closed")

// Do carries out one IAM write call. It changes the account only when it
// succeeds: a failed call leaves everything as it was, as in IAM. Its
// errors are *provider.Error values carrying IAM's code and message, the
// call's action and its target.
func (a *Account) Do(ctx context.Context, o op.Op) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if o == nil {
		return &provider.Error{Code: provider.InvalidInput, Message: "no operation given"}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return errClosed
	}
	if a.readOnly {
		return &provider.Error{Code: provider.Unsupported, Action: o.Action(), Target: o.Target(),
			Message: fmt.Sprintf("the state file %s was opened read-only", a.path)}
	}
	if err := a.do(o); err != nil {
		var pe *provider.Error
		if errors.As(err, &pe) {
			if pe.Action == "" {
				pe.Action = o.Action()
			}
			if pe.Target.Kind == "" {
				pe.Target = o.Target()
			}
		}
		return err
	}
	a.dirty = true
	a.gen++
	return nil
}
