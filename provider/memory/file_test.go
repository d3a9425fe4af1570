package memory

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

var ctx = context.Background()

// statePath returns a state file path in a fresh directory, under a
// subdirectory Open must create.
func statePath(t *testing.T) string {
	return filepath.Join(t.TempDir(), ".iamc", "account.json")
}

func mustOpen(t *testing.T, path string, opts Options) *Account {
	t.Helper()
	a, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return a
}

func mustDo(t *testing.T, a *Account, ops ...op.Op) {
	t.Helper()
	for _, o := range ops {
		if err := a.Do(ctx, o); err != nil {
			t.Fatalf("%s: %v", o.Action(), err)
		}
	}
}

func mustRead(t *testing.T, a *Account) *model.Account {
	t.Helper()
	m, err := a.Read(ctx)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return m
}

func TestOpenCreatesThenPersists(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{AccountID: "111122223333"})
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Open wrote the file before any Save: %v", err)
	}
	mustDo(t, a, &op.CreateGroup{GroupName: "devs"}, &op.CreateUser{UserName: "alice"},
		&op.AddUserToGroup{GroupName: "devs", UserName: "alice"})
	if !a.Dirty() {
		t.Error("not dirty after a Do")
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	// The id given when the file was created stays; a later option does
	// not change it.
	b := mustOpen(t, path, Options{AccountID: "999999999999"})
	defer b.Close()
	if b.Dirty() {
		t.Error("a freshly loaded account is dirty")
	}
	m := mustRead(t, b)
	if m.ID != "111122223333" || m.User("alice") == nil || len(m.User("alice").Groups) != 1 {
		t.Errorf("reopened account = %s with alice %+v", m.ID, m.User("alice"))
	}
	id, _ := b.Identity(ctx)
	if id.Account != "111122223333" || id.Provider != "memory" || id.Caller != "memory account in "+path {
		t.Errorf("identity = %+v", id)
	}
}

func TestNewAccountDefaults(t *testing.T) {
	a := New("")
	id, _ := a.Identity(ctx)
	if id.Account != model.DefaultAccountID || id.Caller != "in-memory account" {
		t.Errorf("identity = %+v", id)
	}
	if err := a.Save(); err != nil {
		t.Errorf("Save of an account without a file: %v", err)
	}
	a.View(func(s *State) {
		if s.Quotas != model.DefaultQuotas {
			t.Errorf("quotas = %+v", s.Quotas)
		}
	})
}

func TestOpenQuotasAreTheFilesOnceCreated(t *testing.T) {
	path := statePath(t)
	q := model.DefaultQuotas
	q.Users = 1
	a := mustOpen(t, path, Options{Quotas: &q})
	mustDo(t, a, &op.CreateUser{UserName: "a"})
	if err := a.Do(ctx, &op.CreateUser{UserName: "b"}); !provider.IsCode(err, provider.LimitExceeded) {
		t.Errorf("second user: %v; want LimitExceeded", err)
	}
	a.Close()
	b := mustOpen(t, path, Options{})
	defer b.Close()
	if err := b.Do(ctx, &op.CreateUser{UserName: "b"}); !provider.IsCode(err, provider.LimitExceeded) {
		t.Errorf("after reopening: %v; want the file's quota", err)
	}
}

func TestSaveWritesOnlyWhenChanged(t *testing.T) {
	path := statePath(t)
	writes := countWrites(t)
	a := mustOpen(t, path, Options{})
	mustDo(t, a, &op.CreateUser{UserName: "alice"})
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if *writes != 1 {
		t.Errorf("%d writes; want 1", *writes)
	}
	b := mustOpen(t, path, Options{})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if *writes != 1 {
		t.Errorf("closing an unchanged account wrote the file (%d writes)", *writes)
	}
}

// countWrites counts the state file writes of the test.
func countWrites(t *testing.T) *int {
	n := 0
	orig := writeFile
	writeFile = func(path string, data []byte, mode os.FileMode) error {
		n++
		return orig(path, data, mode)
	}
	t.Cleanup(func() { writeFile = orig })
	return &n
}

func TestAFailedOpStillSavesWhatSucceeded(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	mustDo(t, a, &op.CreateUser{UserName: "alice"})
	if err := a.Do(ctx, &op.DeleteGroup{GroupName: "nope"}); !provider.IsCode(err, provider.NotFound) {
		t.Fatalf("DeleteGroup: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b := mustOpen(t, path, Options{ReadOnly: true})
	defer b.Close()
	if mustRead(t, b).User("alice") == nil {
		t.Error("the user created before the failed op was lost")
	}
}

func TestNoSecretInTheStateFile(t *testing.T) {
	path := statePath(t)
	const password = "Sup3r-Secret-Passw0rd!"
	a := mustOpen(t, path, Options{})
	mustDo(t, a, &op.CreateUser{UserName: "alice"},
		&op.CreateLoginProfile{UserName: "alice", Password: password, PasswordResetRequired: true})
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{password, "Passw0rd", "password\""} {
		if bytes.Contains(bytes.ToLower(data), bytes.ToLower([]byte(secret))) {
			t.Errorf("the state file contains %q:\n%s", secret, data)
		}
	}
	if !bytes.Contains(data, []byte(`"login_profile":{`)) {
		t.Errorf("the login profile is not recorded:\n%s", data)
	}
}

func TestFailedWriteKeepsTheOldFileAndStaysDirty(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	mustDo(t, a, &op.CreateUser{UserName: "before"})
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(path)
	orig := writeFile
	writeFile = func(string, []byte, os.FileMode) error { return errors.New("disk full") }
	defer func() { writeFile = orig }()
	mustDo(t, a, &op.CreateUser{UserName: "after"})
	err := a.Save()
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Save = %v; want an error naming the file", err)
	}
	if !a.Dirty() {
		t.Error("a failed Save cleared Dirty")
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, old) {
		t.Error("a failed write changed the file")
	}
	writeFile = orig
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestCloseTwiceAndUseAfterClose(t *testing.T) {
	a := mustOpen(t, statePath(t), Options{})
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := a.Do(ctx, &op.CreateUser{UserName: "x"}); err == nil {
		t.Error("Do after Close succeeded")
	}
	if _, err := a.Read(ctx); err == nil {
		t.Error("Read after Close succeeded")
	}
	if err := a.Save(); err == nil {
		t.Error("Save after Close succeeded")
	}
}

func TestReadOnly(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, ".iamc", "account.json")
	r := mustOpen(t, missing, Options{ReadOnly: true})
	if m := mustRead(t, r); m.ID != model.DefaultAccountID || len(m.Users) != 0 {
		t.Errorf("a missing file reads as %+v", m)
	}
	if err := r.Do(ctx, &op.CreateUser{UserName: "x"}); !provider.IsCode(err, provider.Unsupported) || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("Do on a read-only account: %v", err)
	}
	if err := r.Save(); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("Save on a read-only account: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read-only Open created %s", filepath.Dir(missing))
	}
	// Nor does it create a lock file beside a state file no writer ever
	// locked.
	path := filepath.Join(dir, "committed.json")
	w := mustOpen(t, path, Options{})
	mustDo(t, w, &op.CreateUser{UserName: "x"})
	w.Close()
	os.Remove(path + ".lock")
	r = mustOpen(t, path, Options{ReadOnly: true})
	if mustRead(t, r).User("x") == nil {
		t.Error("the reader does not see the user")
	}
	r.Close()
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Error("a read-only Open created a lock file")
	}
}

func TestFilePermissions(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	mustDo(t, a, &op.CreateUser{UserName: "x"})
	a.Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != stateFileMode {
		t.Errorf("mode = %v", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "account.json account.json.lock" {
		t.Errorf("directory holds %q", names)
	}
}

// A fixed clock for reproducible files.
func fixedClock() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }

// Reads go on while Save writes the file; a Do during a Save keeps the
// account dirty, so that the next Save writes it.
func TestSaveLetsReadersOnAndKeepsLaterChanges(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	defer a.Close()
	mustDo(t, a, &op.CreateUser{UserName: "first"})
	orig := writeFile
	writing := make(chan struct{})
	proceed := make(chan struct{})
	writeFile = func(p string, data []byte, mode os.FileMode) error {
		close(writing)
		<-proceed
		return orig(p, data, mode)
	}
	defer func() { writeFile = orig }()
	done := make(chan error)
	go func() { done <- a.Save() }()
	<-writing
	mustRead(t, a) // not blocked by the write
	mustDo(t, a, &op.CreateUser{UserName: "during"})
	close(proceed)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !a.Dirty() {
		t.Fatal("a change made during Save was marked saved")
	}
	writeFile = orig
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte(`"during"`)) {
		t.Error("the second Save did not write the later change")
	}
}
