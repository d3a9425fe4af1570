package iamapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/iamc/iamc/provider/memory"
)

// Config is what Run serves and where.
type Config struct {
	// Addr is the HOST:PORT to listen on; "" is 127.0.0.1:0 (loopback,
	// a free port).
	Addr string
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
}

// saveInterval is how often Run writes a changed account: at most once
// per interval.
const saveInterval = time.Second

// shutdownGrace is how long Run waits for requests in flight when its
// context ends.
const shutdownGrace = 5 * time.Second

// Run opens the state file (memory.Open, which locks it), serves the
// account until ctx is done, writes the file at most once a second while
// the account has unsaved changes and once more on shutdown, then closes
// the file. A save that fails while serving is logged (Options.Logf) and
// retried on the next tick; the error of the last save is returned.
func Run(ctx context.Context, c Config) error {
	addr := c.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var acct *memory.Account
	if c.State == "" {
		acct = memory.New(c.AccountID)
	} else {
		a, err := memory.Open(c.State, memory.Options{AccountID: c.AccountID})
		if err != nil {
			return err
		}
		acct = a
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		acct.Close()
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	h := NewHandler(acct, c.Options)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if c.Ready != nil {
		c.Ready(ln.Addr().String())
	}

	ticker := time.NewTicker(saveInterval)
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
			if acct.Dirty() {
				if err := acct.Save(); err != nil {
					h.logf("saving the account: %v", err)
				}
			}
		}
	}

	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	closeErr := acct.Close() // saves what changed since the last tick
	if closeErr != nil {
		closeErr = fmt.Errorf("saving the account on shutdown: %w", closeErr)
	}
	return errors.Join(serveErr, closeErr)
}
