package provider

import (
	"context"
	"io"

	"github.com/iamc/iamc/model"
)

// Kind is one provider implementation as iamc's commands offer it: its
// name for --provider, its own flags, and how to open an account with
// them. A new provider is a package that declares its Kind, and one line
// in package provider/registry.
type Kind struct {
	Name  string // "memory", "aws"
	Usage string // what it is, for --provider's help
	Flags []Flag
	// Resolve fills the settings' defaults that depend on the
	// configuration directory (a state file under it), once the flags
	// and the environment have given theirs.
	Resolve func(s Settings, dir string) error
	// Exists reports whether the account is there already, without
	// opening it (a memory account's state file); true for an account
	// kept elsewhere.
	Exists func(s Settings) bool
	// Location is where the account is kept, as Account.Location says it,
	// known before it is opened.
	Location func(s Settings) string
	// Open opens the account.
	Open func(ctx context.Context, s Settings, o OpenOptions) (*Account, error)
	// AssumeRole is whether Open assumes OpenOptions.AssumeRole: the
	// kinds that reach an account with AWS credentials do; the others
	// have no roles to assume and ignore it.
	AssumeRole bool
}

// Flag is a setting of one kind, as a command line offers it
// (--Name VALUE); a flag of another kind than the one chosen is refused.
type Flag struct {
	Name    string
	Usage   string
	Type    FlagType
	Default string // as the flag's text: "30s", "false"
	// Env is read when the flag is not given: "IAMC_STATE".
	Env string
}

// FlagType is how a flag's value is written.
type FlagType int

// The flag types.
const (
	StringFlag FlagType = iota
	BoolFlag
	DurationFlag
)

// Settings are a kind's flag values by name, after the environment and
// Resolve.
type Settings map[string]string

// OpenOptions say how a command opens an account.
type OpenOptions struct {
	// Write is false for a command that only reads: nothing is created on
	// disk, and a lock is shared.
	Write bool
	// AccountID and Quotas are those of an account that does not exist
	// yet ("" and nil: the defaults).
	AccountID string
	Quotas    *model.Quotas
	// AssumeRole is the ARN of a role to assume before opening the
	// account (iamc { assume_role }), "" for none; see Kind.AssumeRole.
	AssumeRole string
	// Logf receives a line for each retry and wait as it happens; Debug,
	// when set, one line per request, secrets redacted.
	Logf  func(format string, args ...any)
	Debug io.Writer
}

// Account is an opened account.
type Account struct {
	Provider
	Identity Identity
	// Location is where the account is kept, as plan files record it and
	// apply compares it: the memory account's state file; "" for AWS.
	Location string
	// Sequential asks apply for one call at a time: a memory account does
	// each in microseconds, and its progress stays in plan order.
	Sequential bool
	// Close releases the account; for a memory account opened to write,
	// it saves what was done. Nil when there is nothing to release.
	Close func() error
}
