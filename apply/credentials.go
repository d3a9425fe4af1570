package apply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"sync"

	"github.com/iamc/iamc/internal/atomicfile"
)

// CredentialsFile is a CredentialSink that keeps generated passwords in a
// JSON file readable by its owner only (mode 0600). The file is rewritten
// whole, atomically, after each password, so that a password is never
// lost once its login profile exists. Passwords already in the file from
// an earlier run are kept, unless the same user gets a new one.
type CredentialsFile struct {
	path    string
	mu      sync.Mutex
	entries map[string]Credential
}

// Credential is one user's initial console password.
type Credential struct {
	User                  string `json:"user"`
	Password              string `json:"password"`
	PasswordResetRequired bool   `json:"password_reset_required"`
}

type credentialsJSON struct {
	LoginProfiles []Credential `json:"login_profiles"`
}

// OpenCredentialsFile prepares path for writing: it must be creatable
// with mode 0600, and an existing file must be one this sink wrote and
// not readable by others. It is called before any step runs, so that a
// bad path refuses the apply before anything is written.
func OpenCredentialsFile(path string) (*CredentialsFile, error) {
	c := &CredentialsFile{path: path, entries: map[string]Credential{}}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Created on first Put; check now that the directory takes it.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("credentials file %s: %w", path, err)
		}
		f.Close()
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("credentials file %s: %w", path, err)
		}
		return c, nil
	case err != nil:
		return nil, fmt.Errorf("credentials file %s: %w", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("credentials file %s: %w", path, err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("credentials file %s is readable by others (mode %v); make it 0600 or choose a new file", path, info.Mode().Perm())
	}
	var j credentialsJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("credentials file %s exists and is not one iamc wrote: %v", path, err)
	}
	for _, e := range j.LoginProfiles {
		c.entries[e.User] = e
	}
	return c, nil
}

// Path is the file's path.
func (c *CredentialsFile) Path() string { return c.path }

// Put records a password and rewrites the file.
func (c *CredentialsFile) Put(user, password string, reset bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[user] = Credential{User: user, Password: password, PasswordResetRequired: reset}
	return c.write()
}

// Forget removes a user's password, which IAM did not take, and rewrites
// the file.
func (c *CredentialsFile) Forget(user string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[user]; !ok {
		return nil
	}
	delete(c.entries, user)
	return c.write()
}

// write rewrites the whole file; c.mu is held.
func (c *CredentialsFile) write() error {
	var j credentialsJSON
	for _, e := range c.entries {
		j.LoginProfiles = append(j.LoginProfiles, e)
	}
	sort.Slice(j.LoginProfiles, func(a, b int) bool { return j.LoginProfiles[a].User < j.LoginProfiles[b].User })
	// No HTML escaping: a password's & < > stay as they are.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(j); err != nil {
		return err
	}
	return atomicfile.Write(c.path, buf.Bytes(), 0o600)
}
