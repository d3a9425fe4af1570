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
	Options   Options
	// Ready, when set, is called with the bound address once the server
	// accepts connections.
	Ready func(addr string)
	// Notice, when set, gets what Run has to say besides the requests:
	// what it replayed from the journal, compactions that failed.
	Notice func(format string, args ...any)
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
	var acct *memory.Account
	var sec *secrets
	if c.State == "" {
		acct = memory.New(c.AccountID)
		sec = newMemorySecrets()
	} else {
		a, err := memory.Open(c.State, memory.Options{AccountID: c.AccountID, Journal: true})
		if err != nil {
			return err
		}
		acct = a
		if n, _ := acct.Replayed(); n > 0 {
			notice("replayed %d writes from %s", n, memory.JournalPath(c.State))
		}
		if _, dropped := acct.Replayed(); dropped > 0 {
			notice("dropped the last %d bytes of %s, a write cut short and never acknowledged; they are kept in %s", dropped, memory.JournalPath(c.State), memory.DroppedPath(memory.JournalPath(c.State)))
		}
		sec, err = openSecrets(SecretsPath(c.State), func(id string) bool {
			found := false
			acct.View(func(s *memory.State) { u, _ := s.AccessKey(id); found = u != nil })
			return found
		})
		if err != nil {
			acct.Close()
			return err
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		sec.close()
		acct.Close()
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	opts := c.Options
	opts.AnyHost = opts.AnyHost || c.AllowRemote
	h := newHandler(acct, opts, sec)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
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
		case err := <-served:
			serveErr = fmt.Errorf("serving on %s: %w", ln.Addr(), err)
			break loop
		case <-ticker.C:
			if c.State != "" && acct.JournalSize() > compactAt(c.State) {
				if err := acct.Save(); err != nil {
					notice("compacting the journal into %s: %v", c.State, err)
				}
			}
		}
	}

	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	closeErr := acct.Close() // compacts the journal into the state file
	if closeErr != nil {
		closeErr = fmt.Errorf("saving the account on shutdown: %w", closeErr)
	}
	return errors.Join(serveErr, closeErr, sec.close())
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
