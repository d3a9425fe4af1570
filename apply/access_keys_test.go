package apply

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeySecretSurvivesACrash: a key's secret is in the journal, synced,
// once kept; an apply killed before Close leaves it there, and the next
// run folds it into the credentials file beside the passwords.
func TestKeySecretSurvivesACrash(t *testing.T) {
	dir := t.TempDir()
	path, journal := filepath.Join(dir, "creds.json"), filepath.Join(dir, ".iamc", "credentials.journal")
	c, err := OpenCredentialsFile(path, journal)
	if err != nil {
		t.Fatal(err)
	}
	secret := strings.Repeat("s", 40)
	if err := c.Keep([]Credential{{User: "tyler", Password: "Initial-Passw0rd!"}, {User: "backup", AccessKeyID: "AKIAEXAMPLE000000001", SecretAccessKey: secret}}); err != nil {
		t.Fatal(err)
	}
	c.journal.f.Close() // killed before Close
	folded, err := FoldJournal(journal, path)
	if err != nil {
		t.Fatal(err)
	}
	if folded.Passwords != 2 {
		t.Errorf("folded %d secrets, want 2", folded.Passwords)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"access_keys": [`, `"access_key_id": "AKIAEXAMPLE000000001"`, `"secret_access_key": "` + secret + `"`, `"user": "tyler"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the credentials file lacks %s:\n%s", want, data)
		}
	}
	entries, err := readCredentials(path)
	if err != nil || len(entries) != 2 {
		t.Errorf("read back %d entries (%v), want 2", len(entries), err)
	}
}
