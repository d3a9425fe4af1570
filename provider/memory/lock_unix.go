//go:build unix

package memory

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockPoll is how often a waiting Open tries the lock again.
const lockPoll = 20 * time.Millisecond

// acquire takes the lock of the state file at path: an flock on
// path+".lock", exclusive or shared. flock belongs to the open file, so
// two Opens in one process exclude each other as two processes do. The
// lock file is never removed: removing it would let two processes lock
// two different files.
//
// A reader creates nothing: when the lock file does not exist, no writer
// has ever held it, and when it cannot be opened (a read-only checkout)
// the reader goes without. Writers replace the state file atomically, so
// a reader without the lock still sees a whole file.
func acquire(path string, shared bool, timeout time.Duration) (*os.File, error) {
	lockPath := path + ".lock"
	var f *os.File
	var err error
	if shared {
		if f, err = os.Open(lockPath); err != nil {
			return nil, nil
		}
	} else if f, err = os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644); err != nil {
		return nil, fmt.Errorf("locking the state file %s: %w", path, err)
	}
	how := syscall.LOCK_EX
	if shared {
		how = syscall.LOCK_SH
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return f, nil
		}
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("locking the state file %s: %w", path, err)
		}
		left := time.Until(deadline)
		if left <= 0 {
			f.Close()
			return nil, lockedError(path, timeout)
		}
		time.Sleep(min(lockPoll, left))
	}
}

// release drops the lock by closing its file.
func release(f *os.File) {
	if f != nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
}

func lockedError(path string, waited time.Duration) error {
	if waited > 0 {
		return fmt.Errorf("%w: %s is in use by another iamc (apply or serve), and stayed locked for %s; try again when it has finished", ErrLocked, path, waited)
	}
	return fmt.Errorf("%w: %s is in use by another iamc (apply or serve); try again when it has finished", ErrLocked, path)
}
