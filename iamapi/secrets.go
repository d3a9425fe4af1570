package iamapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/iamc/iamc/internal/atomicfile"
)

// secretsMode is the mode of the secrets file: the owner's only.
const secretsMode = 0o600

// SecretsPath returns the path of the file beside a state file that holds
// the secrets of the access keys iamc serve created: STATE.secrets.
func SecretsPath(state string) string { return state + ".secrets" }

// secrets are the secret access keys of the access keys the server
// created (CreateAccessKey), by key id. The account holds its keys by id
// only; their secrets are kept here, in a file of their own with mode
// 0600 (or in memory only, for a server without a state file), never in
// the state file. The file is a log of JSON lines, {"id":..., "secret":...}
// for a key created and {"id":..., "deleted":true} for one deleted, each
// synced before the call that made it is answered; opening it compacts
// it to the keys the account still holds.
type secrets struct {
	path string // "" keeps the secrets in memory only
	mu   sync.Mutex
	f    *os.File
	m    map[string]string
}

type secretLine struct {
	ID      string `json:"id"`
	Secret  string `json:"secret,omitempty"`
	Deleted bool   `json:"deleted,omitempty"`
}

func newMemorySecrets() *secrets { return &secrets{m: map[string]string{}} }

// openSecrets reads the secrets file at path, keeps the secrets of the
// keys that exist (keep reports whether a key id does), rewrites the file
// when it held others, and opens it for appending. A file whose mode lets
// anyone but its owner read it is refused.
func openSecrets(path string, keep func(id string) bool) (*secrets, error) {
	s := &secrets{path: path, m: map[string]string{}}
	records := 0
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("reading the secrets file: %w", err)
	default:
		info, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("reading the secrets file: %w", err)
		}
		if info.Mode().Perm()&0o077 != 0 {
			return nil, fmt.Errorf("%s: the secrets file has mode %o; it holds secret access keys, so it must be readable by its owner only (chmod 600 %s)", path, info.Mode().Perm(), path)
		}
		lines := bytes.Split(data, []byte("\n"))
		// The last element follows the last newline: empty, or a line
		// cut short, whose key was never answered.
		for n, line := range lines[:len(lines)-1] {
			var l secretLine
			if err := json.Unmarshal(line, &l); err != nil || l.ID == "" {
				return nil, fmt.Errorf("%s:%d: not a secrets record", path, n+1)
			}
			records++
			if l.Deleted {
				delete(s.m, l.ID)
			} else {
				s.m[l.ID] = l.Secret
			}
		}
	}
	dropped := false
	for id := range s.m {
		if !keep(id) {
			delete(s.m, id)
			dropped = true
		}
	}
	if data == nil {
		return s, nil // the file is made with the first key
	}
	if dropped || records != len(s.m) || !bytes.HasSuffix(data, []byte("\n")) {
		// Rewrite the file with the live keys only, one line each: it
		// is small (two keys per user at most).
		if err := atomicfile.Write(path, s.encode(), secretsMode); err != nil {
			return nil, fmt.Errorf("writing the secrets file: %w", err)
		}
	}
	if err := s.openFile(); err != nil {
		return nil, err
	}
	return s, nil
}

// openFile opens the secrets file for appending, making it (mode 0600)
// if there is none.
func (s *secrets) openFile() error {
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, secretsMode)
	if err != nil {
		return fmt.Errorf("opening the secrets file: %w", err)
	}
	if d, err := os.Open(filepath.Dir(s.path)); err == nil {
		d.Sync()
		d.Close()
	}
	s.f = f
	return nil
}

// encode writes the live secrets, sorted by key id.
func (s *secrets) encode() []byte {
	ids := make([]string, 0, len(s.m))
	for id := range s.m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b bytes.Buffer
	for _, id := range ids {
		line, _ := json.Marshal(secretLine{ID: id, Secret: s.m[id]})
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// get returns a key's secret.
func (s *secrets) get(id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[id]
	return v, ok
}

// put records a new key's secret, on disk before it returns.
func (s *secrets) put(id, secret string) error {
	return s.write(secretLine{ID: id, Secret: secret})
}

// drop forgets a deleted key's secret.
func (s *secrets) drop(id string) error {
	return s.write(secretLine{ID: id, Deleted: true})
}

func (s *secrets) write(l secretLine) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil && s.path != "" {
		if err := s.openFile(); err != nil {
			return err
		}
	}
	if s.f != nil {
		line, err := json.Marshal(l)
		if err != nil {
			return err
		}
		if _, err := s.f.Write(append(line, '\n')); err != nil {
			return fmt.Errorf("writing the secrets file: %w", err)
		}
		if err := s.f.Sync(); err != nil {
			return fmt.Errorf("writing the secrets file: %w", err)
		}
	}
	if l.Deleted {
		delete(s.m, l.ID)
	} else {
		s.m[l.ID] = l.Secret
	}
	return nil
}

func (s *secrets) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}
