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
// a state file (Open), and with Options.Journal to a journal beside it
// that each call is synced to before Do returns. It is safe for
// concurrent use: Do changes the state one op at a time, Read and View
// share the account with each other.
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

	// journal is the open journal (Options.Journal), nil without one.
	journal *journal
	// staleJournal is set when Open replayed a journal that the account
	// does not append to: Save removes it once the state file holds it.
	staleJournal bool
	// replayed and dropped say what Open found in the journal: records
	// applied, and the bytes of a record cut short at its end.
	replayed int
	dropped  int64
	// replaying is set while Open replays the journal; opTime is the
	// time of the call being carried out (now returns it).
	replaying bool
	opTime    time.Time
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
	if !a.opTime.IsZero() {
		return a.opTime
	}
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
// call's action and its target. With a journal, Do returns once the call
// is on disk.
func (a *Account) Do(ctx context.Context, o op.Op) error {
	return a.DoView(ctx, o, nil)
}

// DoView is Do that, when the call succeeds, calls fn with the state as
// the call left it, before any other call changes it (the IAM API answers
// a create with what it made). fn must not keep s or anything reached
// from it, nor change it, nor call the account.
func (a *Account) DoView(ctx context.Context, o op.Op, fn func(s *State)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if o == nil {
		return &provider.Error{Code: provider.InvalidInput, Message: "no operation given"}
	}
	a.mu.Lock()
	seq, err := a.doLocked(o)
	if err == nil && fn != nil {
		fn(a.st)
	}
	j := a.journal
	a.mu.Unlock()
	if err != nil {
		return err
	}
	if j != nil {
		if err := j.wait(seq); err != nil {
			return fmt.Errorf("%s: the call was made but could not be made durable: %w", o.Action(), err)
		}
	}
	return nil
}

// doLocked carries out o under the account's lock and, with a journal,
// appends its record; it returns the record's number.
func (a *Account) doLocked(o op.Op) (uint64, error) {
	if a.closed {
		return 0, errClosed
	}
	if a.readOnly {
		return 0, &provider.Error{Code: provider.Unsupported, Action: o.Action(), Target: o.Target(),
			Message: fmt.Sprintf("the state file %s was opened read-only", a.path)}
	}
	a.opTime = a.now()
	defer func() { a.opTime = time.Time{} }()
	var line []byte
	seq := a.st.JournalSeq + 1
	if a.journal != nil {
		if err := a.journal.failed(); err != nil {
			return 0, fmt.Errorf("%s: refused: %w", o.Action(), err)
		}
		var err error
		if line, err = encodeRecord(seq, a.opTime, o); err != nil {
			return 0, fmt.Errorf("%s: journal record: %w", o.Action(), err)
		}
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
		return 0, err
	}
	a.dirty = true
	a.gen++
	if a.journal != nil {
		a.st.JournalSeq = seq
		a.journal.append(seq, line)
	}
	return seq, nil
}

// Flush returns once every call Do has made so far is on disk, so that
// what a reader saw cannot be lost. Without a journal it does nothing.
func (a *Account) Flush() error {
	a.mu.RLock()
	j := a.journal
	var seq uint64
	if j != nil {
		seq = a.st.JournalSeq
	}
	a.mu.RUnlock()
	if j == nil {
		return nil
	}
	return j.wait(seq)
}

// Replayed says what Open found in the journal: the number of calls it
// applied to the state file, and the bytes of a last record that was cut
// short or damaged (a write that was never acknowledged) and was dropped.
func (a *Account) Replayed() (calls int, dropped int64) {
	return a.replayed, a.dropped
}

// JournalSize returns the bytes of the journal, 0 without one.
func (a *Account) JournalSize() int64 {
	a.mu.RLock()
	j := a.journal
	a.mu.RUnlock()
	if j == nil {
		return 0
	}
	return j.size()
}
