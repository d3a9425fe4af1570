//go:build unix

package memory

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/op"
)

// flock belongs to an open file, so two Opens in one process exclude each
// other as two processes do: these tests lock across goroutines.

func TestSecondWriterFailsAtOnceNamingTheFile(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	defer a.Close()
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Fatalf("second Open = %v; want ErrLocked naming %s", err, path)
	}
}

func TestSecondWriterWaitsForTheTimeout(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	defer a.Close()
	start := time.Now()
	_, err := Open(path, Options{LockTimeout: 150 * time.Millisecond})
	waited := time.Since(start)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "150ms") {
		t.Fatalf("second Open = %v", err)
	}
	if waited < 150*time.Millisecond || waited > 2*time.Second {
		t.Errorf("waited %v; want about 150ms", waited)
	}
}

// The second apply waits for the first and sees all its writes: none is
// lost.
func TestSecondWriterGetsTheLockAndTheFirstOnesWrites(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	mustDo(t, a, &op.CreateUser{UserName: "first"})
	type result struct {
		b   *Account
		err error
	}
	done := make(chan result)
	go func() {
		b, err := Open(path, Options{LockTimeout: 5 * time.Second})
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		t.Fatalf("the second Open did not wait: %v", r.err)
	case <-time.After(50 * time.Millisecond):
	}
	mustDo(t, a, &op.CreateUser{UserName: "first-again"})
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	defer r.b.Close()
	m := mustRead(t, r.b)
	if m.User("first") == nil || m.User("first-again") == nil {
		t.Errorf("the second apply lost the first one's writes: %v", m.Users)
	}
	mustDo(t, r.b, &op.CreateUser{UserName: "second"})
}

func TestReadersShareAndExcludeWriters(t *testing.T) {
	path := statePath(t)
	w := mustOpen(t, path, Options{})
	mustDo(t, w, &op.CreateUser{UserName: "x"})
	// A writer blocks readers.
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrLocked) {
		t.Fatalf("reader while a writer holds the lock: %v", err)
	}
	w.Close()
	r1 := mustOpen(t, path, Options{ReadOnly: true})
	r2 := mustOpen(t, path, Options{ReadOnly: true})
	if mustRead(t, r1).User("x") == nil || mustRead(t, r2).User("x") == nil {
		t.Error("a reader does not see the writer's user")
	}
	// Readers block a writer.
	if _, err := Open(path, Options{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("writer while readers hold the lock: %v", err)
	}
	r1.Close()
	if _, err := Open(path, Options{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("writer while a reader holds the lock: %v", err)
	}
	r2.Close()
	w2 := mustOpen(t, path, Options{})
	w2.Close()
}

func TestCloseReleasesTheLockEvenWhenSavingFails(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	mustDo(t, a, &op.CreateUser{UserName: "x"})
	orig := writeFile
	writeFile = func(string, []byte, os.FileMode) error { return errors.New("disk full") }
	err := a.Close()
	writeFile = orig
	if err == nil {
		t.Fatal("Close reported no error")
	}
	b := mustOpen(t, path, Options{})
	b.Close()
}
