package memory

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/op"
)

// TestCredentialsPersist checks that what the credential report reads
// survives the state file and the journal: a key's last use, an enabled
// virtual MFA device (its codes never written), a password's and a
// role's last use and the root user's flags set in the file.
func TestCredentialsPersist(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "account.json")
	a, err := Open(path, Options{Journal: true})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	a.Now = func() time.Time { return at }
	do := func(o op.Op) {
		t.Helper()
		if err := a.Do(ctx, o); err != nil {
			t.Fatalf("%s: %v", o.Action(), err)
		}
	}
	do(&op.CreateUser{UserName: "alice"})
	do(&op.CreateAccessKey{UserName: "alice"})
	do(&CreateVirtualMFADevice{VirtualMFADeviceName: "alice-phone", Path: "/staff/"})
	serial := "arn:aws:iam::123456789012:mfa/staff/alice-phone"
	if err := a.Do(ctx, &EnableMFADevice{UserName: "alice", SerialNumber: serial, AuthenticationCode1: "12345", AuthenticationCode2: "654321"}); err == nil {
		t.Fatal("EnableMFADevice took a code of five digits")
	}
	do(&EnableMFADevice{UserName: "alice", SerialNumber: serial, AuthenticationCode1: "123456", AuthenticationCode2: "654321"})
	var id string
	a.View(func(s *State) { id = s.User("alice").AccessKeys[0].ID })
	at = at.Add(time.Hour)
	do(&RecordAccessKeyUse{UserName: "alice", AccessKeyId: id, ServiceName: "sts", Region: "eu-west-1"})
	journal, err := os.ReadFile(JournalPath(path))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(journal), "654321") {
		t.Fatalf("the journal holds an MFA code:\n%s", journal)
	}
	// Killed: the journal is replayed by the next Open.
	crash(t, a)
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b.View(func(s *State) {
		u := s.User("alice")
		if len(u.MFADevices) != 1 || u.MFADevices[0].SerialNumber != serial || s.VirtualMFADevices[serial].User != "alice" {
			t.Errorf("after the replay alice has MFA devices %+v", u.MFADevices)
		}
		if k := u.AccessKeys[0]; k.LastUsed != (KeyUse{Date: at, Service: "sts", Region: "eu-west-1"}) {
			t.Errorf("after the replay the key's last use is %+v", k.LastUsed)
		}
	})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	// The root user's flags and the last uses no call sets are set in
	// the file, and kept by every write of it.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), `"virtual_mfa_devices"`, `"root": {"mfa_active": true, "access_keys_present": true},
  "virtual_mfa_devices"`, 1)
	text = strings.Replace(text, `"name":"alice"`, `"name":"alice","password_last_used":"2026-02-01T08:00:00Z"`, 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.Do(ctx, &op.CreateUser{UserName: "bob"})
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	d, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.View(func(s *State) {
		if s.Root != (RootUser{MFAActive: true, AccessKeysPresent: true}) {
			t.Errorf("root = %+v", s.Root)
		}
		if got := s.User("alice").PasswordLastUsed; !got.Equal(time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)) {
			t.Errorf("alice's password last used %v", got)
		}
	})
}
