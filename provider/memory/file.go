package memory

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/iamc/iamc/internal/atomicfile"
	"github.com/iamc/iamc/internal/regularfile"
	"github.com/iamc/iamc/model"
)

// MaxStateFileSize bounds a state file that Open reads.
const MaxStateFileSize = 512 << 20

// Options say how Open opens a state file.
type Options struct {
	// AccountID is the account's id when the state file does not exist
	// yet; "" means model.DefaultAccountID. An existing file keeps its own.
	AccountID string
	// Quotas are the account's quotas when the state file is created; nil
	// means model.DefaultQuotas. An existing file keeps its own.
	Quotas *model.Quotas
	// ReadOnly takes a shared lock, so that readers (iamc plan) coexist;
	// Do and Save are refused, and nothing is created on disk.
	ReadOnly bool
	// LockTimeout is how long to wait for another process's lock on the
	// file; 0 fails at once.
	LockTimeout time.Duration
	// Journal makes every call durable before Do returns: it is appended
	// to the journal beside the state file (JournalPath) and synced, and
	// Save compacts the journal into the state file (iamc serve).
	Journal bool
}

// ErrLocked is wrapped by the error Open returns when another process
// holds the state file's lock.
var ErrLocked = errors.New("the state file is locked")

// writeFile writes the state file atomically; tests replace it to crash
// part-way.
var writeFile = atomicfile.Write

// stateFileMode is the state file's mode: it holds no secret.
const stateFileMode = 0o644

// Open opens the account persisted in the state file at path, creating it
// in memory when the file does not exist (the file is written by Save or
// Close). It takes the file's lock first, path+".lock" beside it: an
// exclusive lock held until Close, or a shared one with ReadOnly. When
// another process holds the lock, Open waits up to opts.LockTimeout and
// then fails with an error naming the file (wrapping ErrLocked). It then
// replays the journal beside the file, if there is one (journal.go), so
// that the account holds every call an iamc serve acknowledged.
//
// A file that is not an iamc state file, was written by a newer iamc or is
// inconsistent is an error naming the file; it is never replaced.
func Open(path string, opts Options) (*Account, error) {
	if path == "" {
		return nil, errors.New("opening a memory account: no state file given")
	}
	id := opts.AccountID
	if id == "" {
		id = model.DefaultAccountID
	}
	if !model.IsAccountID(id) {
		return nil, fmt.Errorf("opening %s: account id %q is not 12 digits", path, id)
	}
	q := model.DefaultQuotas
	if opts.Quotas != nil {
		q = *opts.Quotas
		if err := q.Check(); err != nil {
			return nil, fmt.Errorf("opening %s: %v", path, err)
		}
	}
	dir := filepath.Dir(path)
	if !opts.ReadOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("opening %s: %w", path, err)
		}
	}
	lock, err := acquire(path, opts.ReadOnly, opts.LockTimeout)
	if err != nil {
		return nil, err
	}
	a := &Account{Now: defaultNow, path: path, lock: lock, readOnly: opts.ReadOnly}
	data, err := regularfile.Read(path, MaxStateFileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		a.st = newState(id, q)
		a.dirty = !opts.ReadOnly
	case err != nil:
		release(lock)
		return nil, fmt.Errorf("reading the state file: %w", err)
	default:
		st, err := decodeState(data)
		if err != nil {
			release(lock)
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		a.st = st
	}
	applied, good, err := a.replayJournal()
	if err != nil {
		release(lock)
		return nil, err
	}
	a.replayed = applied
	if applied > 0 && !opts.ReadOnly {
		a.dirty = true
	}
	if good >= 0 {
		if info, err := os.Stat(JournalPath(path)); err == nil {
			a.dropped = info.Size() - good
		}
	}
	if a.dropped > 0 && !opts.ReadOnly {
		if err := keepDropped(JournalPath(path), good); err != nil {
			release(lock)
			return nil, err
		}
	}
	if !opts.ReadOnly {
		removeStaleTemps(path)
		if opts.Journal {
			j, err := openJournal(JournalPath(path), good, a.st.JournalSeq)
			if err != nil {
				release(lock)
				return nil, err
			}
			a.journal = j
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				// The account's id and quotas are on disk before the
				// first call is acknowledged.
				if err := a.Save(); err != nil {
					a.Close()
					return nil, err
				}
			}
		} else {
			a.staleJournal = good >= 0
		}
	}
	return a, nil
}

// removeStaleTemps removes what a killed Save left behind. Only the holder
// of the exclusive lock writes, so none of these is being written now.
func removeStaleTemps(path string) {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"))
	for _, m := range matches {
		os.Remove(m)
	}
}

// Save writes the state file now if the account changed since it was read
// or last saved, atomically: a temporary file in the same directory,
// fsync, rename over the file, fsync of the directory. A crash leaves the
// old file or the new one, whole. It is a no-op for an account without a
// file, and an error for one opened ReadOnly. With a journal, Save
// compacts it: the records the state file now holds are dropped from it.
// A journal replayed by Open without Options.Journal is removed once the
// state file holds it.
//
// Save holds the account's lock only to encode it: Read and View go on
// while the file is written and synced, and a Do in that time keeps the
// account dirty for the next Save.
func (a *Account) Save() error {
	a.saveMu.Lock()
	defer a.saveMu.Unlock()
	a.mu.RLock()
	data, gen, err := a.encode()
	var mark int64
	if a.journal != nil && data != nil {
		mark, _ = a.journal.mark()
	}
	a.mu.RUnlock()
	if data == nil || err != nil {
		return err
	}
	if err := writeFile(a.path, data, stateFileMode); err != nil {
		return fmt.Errorf("saving %s: %w", a.path, err)
	}
	a.mu.Lock()
	if a.gen == gen {
		a.dirty = false
	}
	a.mu.Unlock()
	if a.journal != nil {
		return a.journal.rotate(mark)
	}
	a.removeStaleJournal()
	return nil
}

// removeStaleJournal removes a journal that Open replayed and the state
// file now holds. The caller holds saveMu.
func (a *Account) removeStaleJournal() {
	if !a.staleJournal {
		return
	}
	if err := os.Remove(JournalPath(a.path)); err == nil || errors.Is(err, fs.ErrNotExist) {
		a.staleJournal = false
	}
}

// encode returns the state file's bytes if the account needs saving (nil
// if not) and the generation they hold. The caller holds a.mu.
func (a *Account) encode() ([]byte, uint64, error) {
	switch {
	case a.closed:
		return nil, 0, errClosed
	case a.readOnly:
		return nil, 0, fmt.Errorf("saving %s: the state file was opened read-only", a.path)
	case a.path == "" || !a.dirty:
		return nil, 0, nil
	}
	data, err := encodeState(a.st)
	if err != nil {
		return nil, 0, fmt.Errorf("saving %s: %w", a.path, err)
	}
	return data, a.gen, nil
}

// Close saves the account (unless it was opened ReadOnly) and releases the
// state file's lock. It is safe to call twice; later calls do nothing.
// The lock is released even when saving fails.
func (a *Account) Close() error {
	a.saveMu.Lock()
	defer a.saveMu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return nil
	}
	var err error
	if !a.readOnly {
		var data []byte
		if data, _, err = a.encode(); data != nil {
			if err = writeFile(a.path, data, stateFileMode); err != nil {
				err = fmt.Errorf("saving %s: %w", a.path, err)
			} else {
				a.dirty = false
			}
		}
		if err == nil {
			a.removeStaleJournal()
		}
	}
	if a.journal != nil {
		// Saved, the state file holds every record: the journal goes.
		// Not saved, the journal stays for the next Open to replay.
		err = errors.Join(err, a.journal.close(err == nil))
		a.journal = nil
	}
	a.closed = true
	release(a.lock)
	a.lock = nil
	return err
}
