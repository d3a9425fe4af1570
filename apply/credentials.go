package apply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/iamc/iamc/internal/atomicfile"
	"github.com/iamc/iamc/internal/regularfile"
)

// MaxCredentialsFileSize bounds a credentials file that iamc reads back.
const MaxCredentialsFileSize = 64 << 20

// CredentialsFile is a CredentialSink that keeps generated passwords in a
// JSON file readable by its owner only (mode 0600). Passwords reach the
// file through a journal (see Journal): each is appended to it and synced
// before the call that makes it real, and Close writes the file once,
// whole, and removes the journal. Passwords already in the file from an
// earlier run are kept, unless the same user gets a new one.
type CredentialsFile struct {
	path    string
	journal *Journal
	entries map[string]Credential
}

// Credential is one user's initial console password, or, with
// AccessKeyID set, the secret of an access key iamc created.
type Credential struct {
	User                  string `json:"user"`
	Password              string `json:"password"`
	PasswordResetRequired bool   `json:"password_reset_required"`

	AccessKeyID     string `json:"access_key_id,omitempty"`
	SecretAccessKey string `json:"secret_access_key,omitempty"`
}

// AccessKeyCredential is how the credentials file lists an access key.
type AccessKeyCredential struct {
	User            string `json:"user"`
	AccessKeyID     string `json:"access_key_id"`
	SecretAccessKey string `json:"secret_access_key"`
}

// entryKey is where a credential is kept in a file's entries: a user's
// password under the user's name, a key under its id (after a space,
// which no user name holds).
func (c Credential) entryKey() string {
	if c.AccessKeyID != "" {
		return "access key " + c.AccessKeyID
	}
	return c.User
}

type credentialsJSON struct {
	LoginProfiles []Credential          `json:"login_profiles"`
	AccessKeys    []AccessKeyCredential `json:"access_keys,omitempty"`
}

// entries lists what the file holds, by entryKey.
func (j *credentialsJSON) entries() map[string]Credential {
	out := make(map[string]Credential, len(j.LoginProfiles)+len(j.AccessKeys))
	for _, e := range j.LoginProfiles {
		out[e.User] = e
	}
	for _, k := range j.AccessKeys {
		c := Credential{User: k.User, AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey}
		out[c.entryKey()] = c
	}
	return out
}

// OpenCredentialsFile prepares path for writing, with its journal at
// journalPath: path must be a new path or a regular file this sink wrote
// and not readable by others, and creatable with mode 0600. It is called
// before any step runs, so that a bad path refuses the apply before
// anything is written; the journal is created when the first password is
// kept.
func OpenCredentialsFile(path, journalPath string) (*CredentialsFile, error) {
	entries, err := readCredentials(path)
	if err != nil {
		return nil, err
	}
	if entries == nil {
		// Created at Close; check now that the directory takes it.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("credentials file %s: %w", path, err)
		}
		f.Close()
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("credentials file %s: %w", path, err)
		}
		entries = map[string]Credential{}
	}
	return &CredentialsFile{path: path, journal: newJournal(journalPath, path), entries: entries}, nil
}

// readCredentials reads a credentials file this sink wrote: nil when there
// is none. A path that exists must be a regular file (a named pipe there
// would block the apply), not readable by others, and hold what this sink
// writes.
func readCredentials(path string) (map[string]Credential, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("credentials file %s: %w", path, err)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("credentials file %s is %s, not a regular file: give a new path or a file iamc wrote", path, regularfile.Kind(info.Mode()))
	case info.Mode().Perm()&0o077 != 0:
		return nil, fmt.Errorf("credentials file %s is readable by others (mode %v); make it 0600 or choose a new file", path, info.Mode().Perm())
	}
	data, err := regularfile.Read(path, MaxCredentialsFileSize)
	if err != nil {
		return nil, fmt.Errorf("credentials file: %w", err)
	}
	var j credentialsJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("credentials file %s exists and is not one iamc wrote: %v", path, err)
	}
	return j.entries(), nil
}

// Path is the file's path.
func (c *CredentialsFile) Path() string { return c.path }

// Keep saves the passwords in the journal, synced, before any of them is
// used: one sync for all of them.
func (c *CredentialsFile) Keep(creds []Credential) error {
	for _, e := range creds {
		c.entries[e.entryKey()] = e
	}
	return c.journal.keep(creds)
}

// Forget drops a user's password, which IAM did not take.
func (c *CredentialsFile) Forget(user string) error {
	delete(c.entries, user)
	return c.journal.forget(user)
}

// Close writes the file, whole and atomically (mode 0600), with every
// password kept and not forgotten, then removes the journal. Until it
// returns, the journal holds every password; a run that never gets here
// leaves it for the next run to fold in (FoldJournal).
func (c *CredentialsFile) Close() error {
	if !c.journal.used() {
		return nil
	}
	if err := writeCredentials(c.path, c.entries); err != nil {
		return fmt.Errorf("writing the credentials file %s (the passwords stay in %s): %w", c.path, c.journal.path, err)
	}
	return c.journal.remove()
}

// writeCredentials writes entries to path, atomically, mode 0600.
func writeCredentials(path string, entries map[string]Credential) error {
	var j credentialsJSON
	for _, e := range entries {
		if e.AccessKeyID != "" {
			j.AccessKeys = append(j.AccessKeys, AccessKeyCredential{User: e.User, AccessKeyID: e.AccessKeyID, SecretAccessKey: e.SecretAccessKey})
			continue
		}
		j.LoginProfiles = append(j.LoginProfiles, e)
	}
	sort.Slice(j.LoginProfiles, func(a, b int) bool { return j.LoginProfiles[a].User < j.LoginProfiles[b].User })
	sort.Slice(j.AccessKeys, func(a, b int) bool { return j.AccessKeys[a].AccessKeyID < j.AccessKeys[b].AccessKeyID })
	// No HTML escaping: a password's & < > stay as they are.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(j); err != nil {
		return err
	}
	return atomicfile.Write(path, buf.Bytes(), 0o600)
}

// staleTemps returns what an atomic write of path that was killed left
// beside it: an earlier iamc rewrote the credentials file once per
// password that way.
func staleTemps(path string) []string {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"))
	return matches
}
