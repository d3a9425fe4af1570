package apply

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// journalChecker is a provider that, at each CreateLoginProfile, checks
// that the journal on disk already holds the password it is sent.
type journalChecker struct {
	journal string
	t       *testing.T
	seen    int
	fail    string // a user whose profile IAM refuses
}

func (j *journalChecker) Identity(context.Context) (provider.Identity, error) {
	return provider.Identity{Account: model.DefaultAccountID, Provider: "test"}, nil
}
func (j *journalChecker) Read(context.Context) (*model.Account, error) {
	return model.NewAccount("1"), nil
}
func (j *journalChecker) Do(_ context.Context, o op.Op) error {
	lp, ok := o.(*op.CreateLoginProfile)
	if !ok {
		return nil
	}
	data, err := os.ReadFile(j.journal)
	if err != nil || !strings.Contains(string(data), lp.Password) {
		j.t.Errorf("the password of %s was not in the journal before the call (%v)", lp.UserName, err)
	}
	j.seen++
	if lp.UserName == j.fail {
		return &provider.Error{Code: provider.PasswordPolicyViolation, Message: "refused"}
	}
	return nil
}

func profiles(users ...string) []op.Op {
	var ops []op.Op
	for _, u := range users {
		ops = append(ops, &op.CreateLoginProfile{UserName: u})
	}
	return ops
}

func readCreds(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var j credentialsJSON
	if err := json.Unmarshal(data, &j); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range j.LoginProfiles {
		out[c.User] = c.Password
	}
	return out
}

// Every password is synced to the journal before the first call, with one
// sync for the whole run; the credentials file is written once, at Close.
func TestJournalHoldsEveryPasswordBeforeItsCall(t *testing.T) {
	dir := t.TempDir()
	out, journal := filepath.Join(dir, "creds.json"), filepath.Join(dir, ".iamc", "credentials.journal")
	sink, err := OpenCredentialsFile(out, journal)
	if err != nil {
		t.Fatal(err)
	}
	prov := &journalChecker{journal: journal, t: t, fail: "b"}
	p := steps(profiles("a", "b", "c"), nil)
	if _, err := Run(context.Background(), p, prov, Options{Credentials: sink, Parallelism: 2}); err == nil {
		t.Fatal("b's refusal was not reported")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the credentials file was written before Close: %v", err)
	}
	info, err := os.Stat(journal)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("journal: %v, %v", info, err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	got := readCreds(t, out)
	if _, ok := got["b"]; ok || got["a"] == "" || prov.seen == 0 {
		t.Errorf("credentials = %v: a kept, b (refused) forgotten", got)
	}
	if _, err := os.Stat(journal); !os.IsNotExist(err) {
		t.Errorf("the journal was not removed: %v", err)
	}
}

// A run that is killed leaves its journal; the next run folds it into its
// credentials file and says so, or, without one, refuses and names it.
func TestFoldJournalAfterAKill(t *testing.T) {
	dir := t.TempDir()
	out, journal := filepath.Join(dir, "creds.json"), filepath.Join(dir, ".iamc", "credentials.journal")
	sink, err := OpenCredentialsFile(out, journal)
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Keep([]Credential{{User: "a", Password: "pw-a"}, {User: "b", Password: "pw-b"}}); err != nil {
		t.Fatal(err)
	}
	if err := sink.Forget("b"); err != nil {
		t.Fatal(err)
	}
	// Killed here: no Close. The lock goes with the process.
	sink.journal.f.Close()
	// A torn last line, as a crash during a write leaves.
	f, _ := os.OpenFile(journal, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"user":"c","passw`)
	f.Close()

	if _, err := FoldJournal(journal, ""); !errors.Is(err, ErrPendingPasswords) || !strings.Contains(err.Error(), journal) || !strings.Contains(err.Error(), out) {
		t.Fatalf("without a credentials file: %v", err)
	}
	if _, err := os.Stat(journal); err != nil {
		t.Fatalf("a refused fold removed the journal: %v", err)
	}
	other := filepath.Join(dir, "other.json")
	folded, err := FoldJournal(journal, other)
	if err != nil {
		t.Fatal(err)
	}
	if folded.Journal != journal || folded.Passwords != 1 || folded.Meant != out {
		t.Errorf("folded = %+v", folded)
	}
	if got := readCreds(t, other); len(got) != 1 || got["a"] != "pw-a" {
		t.Errorf("credentials = %v", got)
	}
	if info, _ := os.Stat(other); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode().Perm())
	}
	if _, err := os.Stat(journal); !os.IsNotExist(err) {
		t.Errorf("the journal was not removed: %v", err)
	}
	if folded, err := FoldJournal(journal, ""); err != nil || folded.Journal != "" {
		t.Errorf("nothing left: %+v, %v", folded, err)
	}
}

// Temporary files that an earlier iamc's per-password rewrites left
// beside the credentials file are folded in and removed; one cut short
// is removed (its last password was never used).
func TestFoldStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "creds.json")
	if err := writeCredentials(out, map[string]Credential{"a": {User: "a", Password: "old-a"}}); err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(dir, ".creds.json.tmp-1")
	os.WriteFile(whole, []byte(`{"login_profiles":[{"user":"a","password":"old-a"},{"user":"b","password":"pw-b"}]}`), 0o600)
	cut := filepath.Join(dir, ".creds.json.tmp-2")
	os.WriteFile(cut, []byte(`{"login_profiles":[{"user":"a","pass`), 0o600)
	folded, err := FoldJournal(filepath.Join(dir, "no-journal"), out)
	if err != nil {
		t.Fatal(err)
	}
	if len(folded.Temps) != 2 || folded.Passwords != 1 {
		t.Errorf("folded = %+v", folded)
	}
	if got := readCreds(t, out); got["a"] != "old-a" || got["b"] != "pw-b" {
		t.Errorf("credentials = %v", got)
	}
	for _, f := range []string{whole, cut} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s left behind", f)
		}
	}
}

// A journal that a running apply holds is neither folded nor shared.
func TestBusyJournal(t *testing.T) {
	dir := t.TempDir()
	journal := filepath.Join(dir, "credentials.journal")
	sink, err := OpenCredentialsFile(filepath.Join(dir, "creds.json"), journal)
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Keep([]Credential{{User: "a", Password: "pw"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := FoldJournal(journal, filepath.Join(dir, "x.json")); err == nil || !strings.Contains(err.Error(), "another iamc apply is running") {
		t.Errorf("a busy journal was folded: %v", err)
	}
	second, _ := OpenCredentialsFile(filepath.Join(dir, "y.json"), journal)
	if err := second.Keep([]Credential{{User: "b", Password: "pw"}}); err == nil {
		t.Error("two runs shared one journal")
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
}

// A credentials file must be a new path or a regular file: a named pipe
// there used to hang the apply.
func TestCredentialsFileMustBeRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Skip(err)
	}
	_, err := OpenCredentialsFile(fifo, filepath.Join(dir, "j"))
	if err == nil || !strings.Contains(err.Error(), "a named pipe, not a regular file") {
		t.Fatalf("err = %v", err)
	}
}
