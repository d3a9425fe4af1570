package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/iamc/iamc/model"
)

// FileVersion is the version of the plan file format (File). It changes
// when a file written by one iamc could be misread by another.
const FileVersion = 1

// File is a plan file: what `iamc plan --out` writes and `iamc apply
// FILE` reads. It holds what is needed to carry out exactly the plan that
// was shown, and to refuse anything else: where the plan applies, the
// fingerprint of the account it was computed against, what it was
// computed for (the desired account, scope, quotas), and the digest of
// the plan itself. Apply computes the plan again from these and the
// account as it is, and carries it out only when its digest is the
// recorded one: the file holds no steps to edit, and is a tenth of the
// size it would be with them.
type File struct {
	Version int `json:"iamc_plan_file"`

	Account     string `json:"account"`
	Provider    string `json:"provider"`
	Caller      string `json:"caller,omitempty"`
	State       string `json:"state,omitempty"`
	AssumeRole  string `json:"assume_role,omitempty"`
	Dir         string `json:"dir"`
	Fingerprint string `json:"fingerprint"`

	Desired         *model.Account `json:"desired"`
	Scope           model.Scope    `json:"scope,omitempty"`
	ScopeDeclared   bool           `json:"scope_declared,omitempty"`
	Quotas          model.Quotas   `json:"quotas"`
	AllowEmptyScope bool           `json:"allow_empty_scope,omitempty"`
	// Now is when the plan was made: the ages of access keys are taken
	// at it, and applying the file computes the plan again at it.
	Now time.Time `json:"now,omitzero"`

	// Digest is the SHA-256 of the plan's changes and steps as JSON.
	Digest string `json:"digest"`
	// Summary is what the plan does, for a person reading the file.
	Summary FileSummary `json:"summary"`
}

// FileSummary counts what a plan does.
type FileSummary struct {
	Create  int `json:"create"`
	Update  int `json:"update"`
	Replace int `json:"replace"`
	Delete  int `json:"delete"`
	Steps   int `json:"steps"`
}

// NewFile records a computed plan, with its metadata (Account, Provider,
// Fingerprint, Desired, ...) set, as a plan file.
func NewFile(pl *Plan) (*File, error) {
	if pl.Desired == nil || pl.Quotas == nil {
		return nil, errors.New("plan: a plan file needs the desired account and the quotas it was computed for")
	}
	digest, err := pl.Digest()
	if err != nil {
		return nil, err
	}
	c, u, r, d := pl.Counts()
	return &File{
		Version: FileVersion,
		Account: pl.Account, Provider: pl.Provider, Caller: pl.Caller, State: pl.State, AssumeRole: pl.AssumeRole, Dir: pl.Dir,
		Fingerprint: pl.Fingerprint,
		Desired:     pl.Desired, Scope: pl.Scope, ScopeDeclared: pl.ScopeDeclared, Quotas: *pl.Quotas,
		AllowEmptyScope: pl.AllowEmptyScope,
		Now:             pl.Now,
		Digest:          digest,
		Summary:         FileSummary{Create: c, Update: u, Replace: r, Delete: d, Steps: len(pl.Steps)},
	}, nil
}

// Digest is the SHA-256, in hex, of the plan's changes and steps as JSON:
// the same for the same plan, whatever else it records.
func (p *Plan) Digest() (string, error) {
	data, err := json.Marshal(struct {
		Changes []Change `json:"changes"`
		Steps   []Step   `json:"steps"`
	}{p.Changes, p.Steps})
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// Marshal writes the file as compact JSON and a newline.
func (f *File) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReadFile reads a plan file, checking its version and that it says what
// it is for; name names it in errors.
func ReadFile(name string, data []byte) (*File, error) {
	var probe struct {
		Version       *int    `json:"iamc_plan_file"`
		FormatVersion *string `json:"format_version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("%s is not a plan file: %v", name, err)
	}
	switch {
	case probe.Version == nil && probe.FormatVersion != nil:
		return nil, fmt.Errorf("%s is a JSON plan as iamc plan --format json prints it, or a plan file of an older iamc, not a plan file: write one with iamc plan --out FILE", name)
	case probe.Version == nil:
		return nil, fmt.Errorf("%s is not a plan file (it has no iamc_plan_file version)", name)
	case *probe.Version != FileVersion:
		return nil, fmt.Errorf("%s is a plan file of version %d; this iamc reads version %d: run iamc plan again", name, *probe.Version, FileVersion)
	}
	f := &File{}
	if err := json.Unmarshal(data, f); err != nil {
		return nil, fmt.Errorf("%s is not a valid plan file: %v", name, err)
	}
	switch {
	case f.Provider == "" || f.Account == "" || f.Fingerprint == "":
		return nil, fmt.Errorf("%s does not say which account it is for (provider, account, fingerprint)", name)
	case f.Dir == "" || !filepath.IsAbs(f.Dir):
		return nil, fmt.Errorf("%s does not record the configuration directory it was made from: run iamc plan again", name)
	case f.Desired == nil || f.Quotas == (model.Quotas{}):
		return nil, fmt.Errorf("%s does not record the configuration it was made for (desired, quotas)", name)
	case f.Digest == "":
		return nil, fmt.Errorf("%s does not record the digest of its plan", name)
	}
	return f, nil
}

// ErrEdited is wrapped by Recompute's error when the plan computed again
// is not the one the file records.
var ErrEdited = errors.New("it does not hold the plan iamc computes for the configuration it records: it was edited, or made by another version of iamc")

// Recompute computes the plan again from what the file records and the
// account as it is (whose fingerprint the caller has checked), and returns
// it with the file's metadata when its digest is the recorded one.
func (f *File) Recompute(current *model.Account) (*Plan, error) {
	quotas := f.Quotas
	pl, err := Compute(f.Desired, current, Options{Scope: f.Scope, ScopeDeclared: f.ScopeDeclared, Quotas: quotas, AllowEmptyScope: f.AllowEmptyScope, Now: f.Now})
	if err != nil {
		return nil, fmt.Errorf("it records a configuration that cannot be planned against the account (%v)", err)
	}
	digest, err := pl.Digest()
	if err != nil {
		return nil, err
	}
	if digest != f.Digest {
		return nil, ErrEdited
	}
	pl.Account, pl.Provider, pl.Caller, pl.State, pl.Dir = f.Account, f.Provider, f.Caller, f.State, f.Dir
	pl.AssumeRole = f.AssumeRole
	pl.Fingerprint = f.Fingerprint
	pl.Desired, pl.Scope, pl.ScopeDeclared, pl.Quotas, pl.AllowEmptyScope = f.Desired, f.Scope, f.ScopeDeclared, &quotas, f.AllowEmptyScope
	return pl, nil
}

// MaxFileSize bounds a plan file that apply reads.
const MaxFileSize = 256 << 20

// Check returns the plan the file records when it applies to the account
// as it is: account is the provider's account id, current what it read.
// It refuses another account, an account that changed since the plan was
// made (its fingerprint), and a file whose plan computed again is not the
// recorded one; name names the file in its errors.
func (f *File) Check(name, account, caller string, current *model.Account) (*Plan, error) {
	if account != f.Account {
		return nil, fmt.Errorf("%s is a plan for account %s, but the %s provider's account is %s (%s): refusing to apply it", name, f.Account, f.Provider, account, caller)
	}
	if Fingerprint(current) != f.Fingerprint {
		return nil, fmt.Errorf("%s is stale: the account has changed since the plan was made; run iamc plan again", name)
	}
	pl, err := f.Recompute(current)
	if err != nil {
		return nil, fmt.Errorf("%s: %v: run iamc plan again", name, err)
	}
	return pl, nil
}
