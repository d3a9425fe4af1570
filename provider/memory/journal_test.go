package memory

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamc/iamc/op"
)

// crash leaves an account as a kill -9 would: the journal's file and the
// lock closed, nothing compacted, nothing buffered written.
func crash(t *testing.T, a *Account) {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.journal != nil {
		a.journal.mu.Lock()
		a.journal.closed = true
		a.journal.f.Close()
		a.journal.mu.Unlock()
	}
	a.closed = true
	release(a.lock)
}

// journalOps are calls of every shape the journal records: creates that
// make ids and dates, a login profile whose password must not be
// written, and the calls no plan makes.
func journalOps() []op.Op {
	return []op.Op{
		&op.CreateGroup{GroupName: "devs", Path: "/eng/"},
		&op.CreateUser{UserName: "alice", Tags: []op.Tag{{Key: "team", Value: "a"}}},
		&op.AddUserToGroup{GroupName: "devs", UserName: "alice"},
		&op.CreateLoginProfile{UserName: "alice", Password: "Journal-Secret-123", PasswordResetRequired: true},
		&op.CreatePolicy{PolicyName: "read", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`},
		&op.AttachUserPolicy{UserName: "alice", PolicyArn: "arn:aws:iam::123456789012:policy/read"},
		&op.CreateRole{RoleName: "app", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`},
		&op.CreateInstanceProfile{InstanceProfileName: "app"},
		&op.AddRoleToInstanceProfile{InstanceProfileName: "app", RoleName: "app"},
		&op.CreateAccessKey{UserName: "alice"},
		&op.UpdateUser{UserName: "alice", NewPath: "/staff/"},
	}
}

// ticking is a clock that moves a second per call, so that a replay that
// took its dates from the clock rather than the journal would differ.
func ticking() func() time.Time {
	var mu sync.Mutex
	t := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Second)
		return t
	}
}

func TestJournalReplaysEveryAcknowledgedCall(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{Journal: true})
	a.Now = ticking()
	mustDo(t, a, journalOps()...)
	var want []byte
	a.View(func(s *State) { want, _ = encodeState(s) })
	crash(t, a)

	data, err := os.ReadFile(JournalPath(path))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "Journal-Secret-123") {
		t.Fatal("the journal holds a password")
	}
	if info, _ := os.Stat(JournalPath(path)); info.Mode().Perm() != journalMode {
		t.Errorf("journal mode %o", info.Mode().Perm())
	}

	b := mustOpen(t, path, Options{})
	defer b.Close()
	b.Now = func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }
	if n, dropped := b.Replayed(); n != len(journalOps()) || dropped != 0 {
		t.Fatalf("replayed %d calls, dropped %d bytes; want %d and 0", n, dropped, len(journalOps()))
	}
	var got []byte
	b.View(func(s *State) { got, _ = encodeState(s) })
	if !bytes.Equal(got, want) {
		t.Fatalf("replayed state differs:\n%s\nwant\n%s", got, want)
	}
}

func TestJournalDropsARecordCutShort(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{Journal: true})
	mustDo(t, a, &op.CreateUser{UserName: "alice"}, &op.CreateUser{UserName: "bob"})
	crash(t, a)
	jp := JournalPath(path)
	data, _ := os.ReadFile(jp)
	lines := strings.SplitAfter(string(data), "\n")
	// bob's record cut short, as a write killed before its sync leaves it.
	cut := lines[0] + lines[1][:len(lines[1])/2]
	if err := os.WriteFile(jp, []byte(cut), 0o644); err != nil {
		t.Fatal(err)
	}
	b := mustOpen(t, path, Options{Journal: true})
	if n, dropped := b.Replayed(); n != 1 || dropped != int64(len(lines[1])/2) {
		t.Fatalf("replayed %d, dropped %d", n, dropped)
	}
	if kept, err := os.ReadFile(DroppedPath(jp)); err != nil || string(kept) != lines[1][:len(lines[1])/2] {
		t.Fatalf("the bytes cut off are not kept: %q, %v", kept, err)
	}
	if got := mustRead(t, b); got.User("alice") == nil || got.User("bob") != nil {
		t.Fatalf("users after replay: %v", got.SortedUsers())
	}
	// Appending goes on after the last whole record.
	mustDo(t, b, &op.CreateUser{UserName: "carol"})
	crash(t, b)
	c := mustOpen(t, path, Options{})
	defer c.Close()
	if got := mustRead(t, c); got.User("alice") == nil || got.User("carol") == nil || len(got.Users) != 2 {
		t.Fatalf("users after the second replay: %v", got.SortedUsers())
	}
}

func TestJournalRecordsThatDisagreeAreErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(lines []string) []string
		want string
	}{
		{"a record missing", func(l []string) []string { return []string{l[0], l[2]} }, ":2: record 3 follows record 1"},
		{"a record the state refuses", func(l []string) []string { return []string{l[0], l[0]} }, ":2: record 1 follows record 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := statePath(t)
			a := mustOpen(t, path, Options{Journal: true})
			mustDo(t, a, &op.CreateUser{UserName: "alice"}, &op.CreateUser{UserName: "bob"}, &op.CreateUser{UserName: "carol"})
			crash(t, a)
			data, _ := os.ReadFile(JournalPath(path))
			lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
			lines[len(lines)-1] += "\n"
			if err := os.WriteFile(JournalPath(path), []byte(strings.Join(tc.edit(lines), "")), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, Options{})
			if err == nil || !strings.Contains(err.Error(), JournalPath(path)+tc.want) {
				t.Fatalf("Open: %v, want %q", err, tc.want)
			}
			// The lock was released.
			l, err := acquire(path, false, 0)
			if err != nil {
				t.Fatalf("the failed Open kept the lock: %v", err)
			}
			release(l)
		})
	}
	// A whole record the state refuses: the journal and the state file
	// disagree.
	path := statePath(t)
	a := mustOpen(t, path, Options{Journal: true})
	mustDo(t, a, &op.CreateUser{UserName: "alice"})
	crash(t, a)
	line, err := encodeRecord(2, time.Now(), &op.CreateUser{UserName: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(JournalPath(path), os.O_APPEND|os.O_WRONLY, 0)
	f.Write(line)
	f.Close()
	if _, err := Open(path, Options{}); err == nil || !strings.Contains(err.Error(), ":2: replaying CreateUser") {
		t.Fatalf("Open: %v", err)
	}
}

func TestSaveCompactsTheJournal(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{Journal: true})
	mustDo(t, a, &op.CreateUser{UserName: "alice"}, &op.CreateUser{UserName: "bob"})
	before, _ := os.ReadFile(JournalPath(path))
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	if size := a.JournalSize(); size != 0 {
		t.Fatalf("journal after compaction: %d bytes", size)
	}
	state, _ := os.ReadFile(path)
	if !strings.Contains(string(state), `"journal":2`) {
		t.Fatalf("the state file does not say which records it holds:\n%s", state)
	}
	mustDo(t, a, &op.CreateUser{UserName: "carol"})
	crash(t, a)
	after, _ := os.ReadFile(JournalPath(path))
	if strings.Count(string(after), "\n") != 1 {
		t.Fatalf("journal after compaction and one call:\n%s", after)
	}

	// A compaction killed after writing the state file and before
	// emptying the journal: the records the state file holds are skipped.
	if err := os.WriteFile(JournalPath(path), append(before, after...), 0o644); err != nil {
		t.Fatal(err)
	}
	b := mustOpen(t, path, Options{Journal: true})
	if n, _ := b.Replayed(); n != 1 {
		t.Fatalf("replayed %d records, want carol's only", n)
	}
	if got := mustRead(t, b); len(got.Users) != 3 {
		t.Fatalf("users: %v", got.SortedUsers())
	}
	// Close compacts and removes the journal.
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(JournalPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("journal after Close: %v", err)
	}
}

func TestCompactionKeepsCallsMadeMeanwhile(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{Journal: true})
	mustDo(t, a, &op.CreateUser{UserName: "u0"})
	// Calls go on while the state file is written.
	slow := writeFile
	t.Cleanup(func() { writeFile = slow })
	started := make(chan bool)
	writeFile = func(p string, data []byte, mode os.FileMode) error {
		if p == path {
			close(started)
			time.Sleep(50 * time.Millisecond)
		}
		return slow(p, data, mode)
	}
	done := make(chan error)
	go func() { done <- a.Save() }()
	<-started
	for i := 1; i <= 5; i++ {
		mustDo(t, a, &op.CreateUser{UserName: fmt.Sprintf("u%d", i)})
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	writeFile = slow
	crash(t, a)
	b := mustOpen(t, path, Options{})
	defer b.Close()
	if got := mustRead(t, b); len(got.Users) != 6 {
		t.Fatalf("users: %v", got.SortedUsers())
	}
}

func TestConcurrentCallsShareASync(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{Journal: true})
	defer a.Close()
	orig := syncFile
	t.Cleanup(func() { syncFile = orig })
	syncFile = func(f *os.File) error {
		time.Sleep(20 * time.Millisecond) // a slow disk
		return orig(f)
	}
	const n = 64
	var wg sync.WaitGroup
	start := make(chan bool)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			if err := a.Do(ctx, &op.CreateUser{UserName: fmt.Sprintf("u%02d", i)}); err != nil {
				t.Error(err)
			}
		}(i)
	}
	close(start)
	wg.Wait()
	a.journal.mu.Lock()
	flushes, synced := a.journal.flushes, a.journal.synced
	a.journal.mu.Unlock()
	if synced != n || flushes > n/4 {
		t.Fatalf("%d calls made %d syncs (synced to record %d): they should share", n, flushes, synced)
	}
}

func TestAFailedSyncStopsWrites(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{Journal: true})
	defer a.Close()
	orig := syncFile
	t.Cleanup(func() { syncFile = orig })
	syncFile = func(*os.File) error { return errors.New("disk on fire") }
	err := a.Do(ctx, &op.CreateUser{UserName: "alice"})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") || !strings.Contains(err.Error(), "could not be made durable") {
		t.Fatalf("Do with a failing sync: %v", err)
	}
	syncFile = orig
	if err := a.Do(ctx, &op.CreateUser{UserName: "bob"}); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("Do after a failed sync: %v", err)
	}
	if err := a.Flush(); err == nil {
		t.Fatal("Flush after a failed sync succeeded")
	}
	if got := mustRead(t, a); got.User("bob") != nil {
		t.Fatal("a refused call changed the account")
	}
}

func TestOpenWithoutJournalReplaysAndRemovesIt(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{Journal: true})
	mustDo(t, a, &op.CreateUser{UserName: "alice"})
	crash(t, a)

	// A read-only open (iamc plan) sees the call and changes nothing.
	r := mustOpen(t, path, Options{ReadOnly: true})
	if got := mustRead(t, r); got.User("alice") == nil {
		t.Fatal("a read-only open does not see the journal")
	}
	r.Close()
	if _, err := os.Stat(JournalPath(path)); err != nil {
		t.Fatalf("a read-only open touched the journal: %v", err)
	}

	// An apply's open saves it into the state file and removes it,
	// keeping aside a record cut short.
	f, _ := os.OpenFile(JournalPath(path), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("0badc0de {\"seq\":2")
	f.Close()
	b := mustOpen(t, path, Options{})
	if kept, err := os.ReadFile(DroppedPath(JournalPath(path))); err != nil || string(kept) != "0badc0de {\"seq\":2" {
		t.Fatalf("kept %q, %v", kept, err)
	}
	mustDo(t, b, &op.CreateUser{UserName: "bob"})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(JournalPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("journal after an apply's Close: %v", err)
	}
	c := mustOpen(t, path, Options{})
	defer c.Close()
	if got := mustRead(t, c); got.User("alice") == nil || got.User("bob") == nil {
		t.Fatalf("users: %v", got.SortedUsers())
	}
}

func TestJournalWritesTheNewStateFileFirst(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{Journal: true, AccountID: "111122223333"})
	crash(t, a)
	// Reopened without the account id: the file has it.
	b := mustOpen(t, path, Options{})
	defer b.Close()
	if id, _ := b.Identity(ctx); id.Account != "111122223333" {
		t.Fatalf("account %s", id.Account)
	}
}
