package memory

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
)

// Kind is the memory account as iamc's commands offer it (--provider
// memory, the default): an account in a state file.
var Kind = provider.Kind{
	Name:  "memory",
	Usage: "a local account in a state file",
	Flags: []provider.Flag{
		{Name: "state", Usage: "the memory account's state `FILE` (default $IAMC_STATE, else .iamc/account.json under DIR)", Env: "IAMC_STATE"},
		{Name: "lock-timeout", Usage: "how long to wait for another iamc holding the memory account's lock", Type: provider.DurationFlag, Default: "30s"},
	},
	Resolve: func(s provider.Settings, dir string) error {
		if s["state"] == "" {
			s["state"] = filepath.Join(dir, ".iamc", "account.json")
		}
		return nil
	},
	Exists: func(s provider.Settings) bool {
		_, err := os.Stat(s["state"])
		return err == nil
	},
	Location: func(s provider.Settings) string { return s["state"] },
	Open:     openKind,
}

// openKind opens the state file the settings name. A reader of a state
// file that does not exist yet gets an empty account, with the id it asks
// for, and nothing is created; a writer creates the file's directory.
func openKind(ctx context.Context, s provider.Settings, o provider.OpenOptions) (*provider.Account, error) {
	state := s["state"]
	out := &provider.Account{Location: state, Sequential: true}
	if _, err := os.Stat(state); errors.Is(err, fs.ErrNotExist) && !o.Write {
		id := o.AccountID
		if id == "" {
			id = model.DefaultAccountID
		}
		// Its quotas matter only as the base of the configuration's.
		out.Provider = New(id)
	} else {
		timeout, err := time.ParseDuration(s["lock-timeout"])
		if err != nil {
			return nil, fmt.Errorf("--lock-timeout: %v", err)
		}
		if o.Write {
			if err := os.MkdirAll(filepath.Dir(state), 0o755); err != nil {
				return nil, err
			}
		}
		acct, err := Open(state, Options{AccountID: o.AccountID, Quotas: o.Quotas, ReadOnly: !o.Write, LockTimeout: timeout})
		if err != nil {
			return nil, err
		}
		out.Provider, out.Close = acct, acct.Close
	}
	ident, err := out.Provider.Identity(ctx)
	if err != nil {
		if out.Close != nil {
			out.Close()
		}
		return nil, fmt.Errorf("identifying the account: %w", err)
	}
	out.Identity = ident
	return out, nil
}
