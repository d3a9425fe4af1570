package iamapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/iamc/iamc/provider/memory"
)

// Config is what Run serves and where.
type Config struct {
	// Addr is the HOST:PORT to listen on; "" is 127.0.0.1:0 (loopback,
	// a free port).
	Addr string
	// AllowRemote allows an Addr that is not a loopback address, and
	// then serves any Host name. It needs a SecretAccessKey of one's own
	// in Options: the default key is public.
	AllowRemote bool
	// State is the memory account's state file; "" serves an account in
	// memory only, which nothing persists.
	State string
	// AccountID is the id of an account whose state file does not exist
	// yet; "" is model.DefaultAccountID.
	AccountID string
	// Accounts, when given, are the accounts served instead of State
	// and AccountID: a request acts in the account of the key that
	// signed it, the server's own key in the first (Accounts).
	Accounts []Account
	Options  Options
	// Ready, when set, is called with the bound address once the server
	// accepts connections.
	Ready func(addr string)
	// Notice, when set, gets what Run has to say besides the requests:
	// what it replayed from the journal, compactions that failed.
	Notice func(format string, args ...any)
}

// Account is one account Run serves: its state file ("" in memory only)
// and its id, which the state file must hold when it exists.
type Account struct {
	ID    string
	State string
}

// compactEvery is how often Run checks whether the journal has grown
// enough to be compacted into the state file.
const compactEvery = time.Second

// minCompact is the journal's size below which it is never compacted
// while serving; above it, it is compacted once it is larger than the
// state file, so that compacting costs O(1) per byte journaled.
const minCompact = 4 << 20

// shutdownGrace is how long Run waits for requests in flight when its
// context ends.
const shutdownGrace = 5 * time.Second

// Run opens the state file with its journal (memory.Open, which locks it
// and replays what a killed server left in the journal), serves the
// account until ctx is done, and then compacts the journal into the state
// file and closes it. Every write is on disk before it is answered: the
// account appends it to the journal and syncs, concurrent writes sharing
// one sync. While serving, the journal is compacted into the state file
// when it grows past the state file's size. The secrets of the access
// keys the server creates are kept in STATE.secrets (mode 0600).
func Run(ctx context.Context, c Config) error {
	addr := c.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	if err := checkAddr(addr, c.AllowRemote, c.Options.SecretAccessKey); err != nil {
		return err
	}
	notice := c.Notice
	if notice == nil {
		notice = func(string, ...any) {}
	}
	served := c.Accounts
	if len(served) == 0 {
		served = []Account{{State: c.State, ID: c.AccountID}}
	}
	var accts []*memory.Account
	var secs []*secrets
	closeAll := func() error {
		var errs []error
		for i := range accts {
			if err := accts[i].Close(); err != nil { // compacts the journal into the state file
				errs = append(errs, fmt.Errorf("saving the account on shutdown: %w", err))
			}
			errs = append(errs, secs[i].close())
		}
		return errors.Join(errs...)
	}
	for _, a := range served {
		acct, sec, err := openAccount(a, len(c.Accounts) > 0, notice)
		if err != nil {
			closeAll()
			return err
		}
		accts, secs = append(accts, acct), append(secs, sec)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		closeAll()
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	opts := c.Options
	opts.AnyHost = opts.AnyHost || c.AllowRemote
	// One account or several: a realm of one answers every request in
	// its account, as a lone Handler does.
	h, err := newAccounts(accts, secs, opts)
	if err != nil {
		ln.Close()
		closeAll()
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second}
	serving := make(chan error, 1)
	go func() { serving <- srv.Serve(ln) }()
	if c.Ready != nil {
		c.Ready(ln.Addr().String())
	}

	ticker := time.NewTicker(compactEvery)
	defer ticker.Stop()
	var serveErr error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case err := <-serving:
			serveErr = fmt.Errorf("serving on %s: %w", ln.Addr(), err)
			break loop
		case <-ticker.C:
			for i, a := range served {
				if a.State != "" && accts[i].JournalSize() > compactAt(a.State) {
					if err := accts[i].Save(); err != nil {
						notice("compacting the journal into %s: %v", a.State, err)
					}
				}
			}
		}
	}

	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	return errors.Join(serveErr, closeAll())
}

// openAccount opens a served account's state file with its journal and
// its secrets file, or makes an account in memory when it has no state
// file. strict refuses a state file that holds another account than a.ID.
func openAccount(a Account, strict bool, notice func(string, ...any)) (*memory.Account, *secrets, error) {
	if a.State == "" {
		return memory.New(a.ID), newMemorySecrets(), nil
	}
	acct, err := memory.Open(a.State, memory.Options{AccountID: a.ID, Journal: true})
	if err != nil {
		return nil, nil, err
	}
	if n, _ := acct.Replayed(); n > 0 {
		notice("replayed %d writes from %s", n, memory.JournalPath(a.State))
	}
	if _, dropped := acct.Replayed(); dropped > 0 {
		notice("dropped the last %d bytes of %s, a write cut short and never acknowledged; they are kept in %s", dropped, memory.JournalPath(a.State), memory.DroppedPath(memory.JournalPath(a.State)))
	}
	if a.ID != "" && strict {
		var id string
		acct.View(func(s *memory.State) { id = s.AccountID })
		if id != a.ID {
			acct.Close()
			return nil, nil, fmt.Errorf("%s holds the account %s, not %s", a.State, id, a.ID)
		}
	}
	sec, err := openSecrets(SecretsPath(a.State), func(id string) bool {
		found := false
		acct.View(func(s *memory.State) { u, _ := s.AccessKey(id); found = u != nil })
		return found
	})
	if err != nil {
		acct.Close()
		return nil, nil, err
	}
	return acct, sec, nil
}

// compactAt is the journal size past which Run compacts it.
func compactAt(state string) int64 {
	size := int64(minCompact)
	if info, err := os.Stat(state); err == nil && info.Size() > size {
		size = info.Size()
	}
	return size
}

// checkAddr refuses to listen on an address that is not loopback unless
// allowed, and allowed only with a secret of one's own.
func checkAddr(addr string, allowRemote bool, secret string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %v", addr, err)
	}
	if isLoopbackAddr(host) {
		return nil
	}
	if !allowRemote {
		return fmt.Errorf("listening on %s: not a loopback address; anyone who can reach it could use the account (allow it with --allow-remote)", addr)
	}
	if secret == "" || secret == DefaultSecretAccessKey {
		return fmt.Errorf("listening on %s: --allow-remote needs a --secret-access-key of your own: the default key is public", addr)
	}
	return nil
}

// isLoopbackAddr reports whether a host to listen on is loopback only.
func isLoopbackAddr(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
