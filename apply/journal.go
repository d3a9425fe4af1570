package apply

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamc/iamc/internal/regularfile"
)

// Journal is where generated passwords are kept, synced, before the calls
// that make them real, until the credentials file is written at the end
// of the apply: an append-only file of JSON lines, mode 0600, at a place
// the CLI derives from the configuration directory, so that the next run
// finds it even without --credentials-out. A run that is killed leaves it
// behind; the next run folds it into its credentials file (FoldJournal),
// or refuses to go on without one.
//
// The first line names the credentials file it was meant for; then one
// line per kept password ({"user","password","password_reset_required"})
// or forgotten one ({"forget":USER}).
type Journal struct {
	path   string
	target string // the credentials file it was meant for
	f      *os.File
}

// journalHeader is the journal's first line.
type journalHeader struct {
	Journal        string `json:"journal"`
	CredentialsOut string `json:"credentials_out"`
}

const journalKind = "iamc passwords not yet in the credentials file"

type journalRecord struct {
	Credential
	Forget string `json:"forget,omitempty"`
}

// JournalPath is where the journal of a configuration directory is:
// .iamc/credentials.journal under it.
func JournalPath(dir string) string {
	return filepath.Join(dir, ".iamc", "credentials.journal")
}

func newJournal(path, target string) *Journal {
	abs, err := filepath.Abs(target)
	if err == nil {
		target = abs
	}
	return &Journal{path: path, target: target}
}

func (j *Journal) used() bool { return j.f != nil }

// keep appends passwords and syncs them; the first call creates the file,
// and syncs its directory too.
func (j *Journal) keep(creds []Credential) error {
	if len(creds) == 0 {
		return nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	created := false
	if j.f == nil {
		if err := os.MkdirAll(filepath.Dir(j.path), 0o700); err != nil {
			return err
		}
		f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists: another iamc apply is keeping passwords in it, or one was interrupted (run iamc apply again to fold them into the credentials file)", j.path)
		}
		if err != nil {
			return err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return err
		}
		j.f, created = f, true
		if err := enc.Encode(journalHeader{Journal: journalKind, CredentialsOut: j.target}); err != nil {
			return err
		}
	}
	for _, c := range creds {
		if err := enc.Encode(journalRecord{Credential: c}); err != nil {
			return err
		}
	}
	if _, err := j.f.Write(buf.Bytes()); err != nil {
		return err
	}
	if err := j.f.Sync(); err != nil {
		return err
	}
	if created {
		syncDir(filepath.Dir(j.path))
	}
	return nil
}

// forget appends that a password was not used. It is not synced: a
// forget lost in a crash only keeps a password that opens nothing.
func (j *Journal) forget(user string) error {
	if j.f == nil {
		return nil
	}
	line, err := json.Marshal(journalRecord{Forget: user})
	if err != nil {
		return err
	}
	_, err = j.f.Write(append(line, '\n'))
	return err
}

// remove closes and removes the journal, once its passwords are in the
// credentials file.
func (j *Journal) remove() error {
	if j.f == nil {
		return nil
	}
	j.f.Close()
	j.f = nil
	if err := os.Remove(j.path); err != nil {
		return err
	}
	syncDir(filepath.Dir(j.path))
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Folded says what FoldJournal found and did.
type Folded struct {
	Journal   string   // the journal folded in, "" when there was none
	Temps     []string // temporary files of an earlier credentials file write
	Passwords int      // passwords now in the credentials file from them
	Meant     string   // the credentials file the journal was meant for
}

// ErrPendingPasswords is wrapped by FoldJournal's error when passwords of
// an interrupted apply wait and no credentials file was given.
var ErrPendingPasswords = errors.New("passwords of an interrupted apply are waiting")

// FoldJournal finds what an interrupted apply left: the journal at
// journalPath, and temporary files beside credentialsOut that an earlier
// iamc's atomic rewrites left behind. With a credentials file given, it
// writes their passwords into it (mode 0600) and removes them; without
// one, it refuses, naming the journal, so that no password that may open
// a login profile is lost. It is called before any step of any apply.
func FoldJournal(journalPath, credentialsOut string) (*Folded, error) {
	out := &Folded{}
	var fromJournal map[string]Credential
	if busy(journalPath) {
		return nil, fmt.Errorf("another iamc apply is running and keeping passwords in %s: wait until it has finished", journalPath)
	}
	switch data, err := regularfile.Read(journalPath, MaxCredentialsFileSize); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("the journal of passwords of an interrupted apply: %w", err)
	default:
		out.Journal = journalPath
		fromJournal, out.Meant = parseJournal(data)
	}
	if credentialsOut != "" {
		out.Temps = staleTemps(credentialsOut)
	}
	if out.Journal == "" && len(out.Temps) == 0 {
		return out, nil
	}
	if credentialsOut == "" {
		meant := ""
		if out.Meant != "" {
			meant = " (meant for " + out.Meant + ")"
		}
		return nil, fmt.Errorf("%w in %s%s: run iamc apply again with --credentials-out FILE, and they are written there; nothing was changed", ErrPendingPasswords, journalPath, meant)
	}
	entries, err := readCredentials(credentialsOut)
	if err != nil {
		return nil, err
	}
	if entries == nil {
		entries = map[string]Credential{}
	}
	// Temporary files hold whole earlier versions of the file, or a
	// version cut short by a kill before its rename: such a version's
	// last password was never used (it is saved before its call), and
	// the file it was to replace holds the others.
	for _, t := range out.Temps {
		data, err := regularfile.Read(t, MaxCredentialsFileSize)
		if err != nil {
			continue
		}
		var j credentialsJSON
		if json.Unmarshal(data, &j) != nil {
			continue
		}
		for k, e := range j.entries() {
			if _, ok := entries[k]; !ok {
				entries[k] = e
				out.Passwords++
			}
		}
	}
	for user, e := range fromJournal {
		entries[user] = e
		out.Passwords++
	}
	if err := writeCredentials(credentialsOut, entries); err != nil {
		return nil, fmt.Errorf("writing the passwords of an interrupted apply to %s (they stay in %s): %w", credentialsOut, journalPath, err)
	}
	if out.Journal != "" {
		if err := os.Remove(journalPath); err != nil {
			return nil, err
		}
		syncDir(filepath.Dir(journalPath))
	}
	for _, t := range out.Temps {
		os.Remove(t)
	}
	return out, nil
}

// parseJournal reads a journal's passwords, less the forgotten ones. A
// last line cut short by a crash is skipped: its password was not synced,
// so its call never ran.
func parseJournal(data []byte) (map[string]Credential, string) {
	kept := map[string]Credential{}
	meant := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), len(data)+1)
	first := true
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if first {
			first = false
			var h journalHeader
			if json.Unmarshal([]byte(line), &h) == nil && h.Journal == journalKind {
				meant = h.CredentialsOut
				continue
			}
		}
		var r journalRecord
		if json.Unmarshal([]byte(line), &r) != nil {
			continue
		}
		switch {
		case r.Forget != "":
			delete(kept, r.Forget)
		case r.User != "":
			kept[r.Credential.entryKey()] = r.Credential
		}
	}
	return kept, meant
}
