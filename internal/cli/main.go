package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitError   = 1
	ExitChanges = 2 // plan --detailed-exitcode with changes
	// ExitBroadens is plan --detailed-exitcode with changes that let some
	// principal do something it could not.
	ExitBroadens = 3
)

// Streams are what a command reads and writes; tests replace them.
type Streams struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// IsTerminal reports whether stdin is an interactive terminal, where
	// apply may ask for confirmation.
	IsTerminal func() bool
	// StdoutIsTerminal reports whether stdout is a terminal, where apply
	// shows a live line of progress rather than a line per step.
	StdoutIsTerminal func() bool
	Environ          []string
}

// Main runs iamc with the process's arguments and streams and returns the
// exit code. What an interrupt (Ctrl-C, SIGINT) or SIGTERM does depends on
// what the command is doing (see phase): before anything is written to an
// account it stops at once, with exit status 130 (SIGINT) or 143
// (SIGTERM); once an apply has started writing, the first one lets the
// steps in flight finish and starts no new one, and a second one stops at
// once; iamc serve stops serving, saves the account and exits.
func Main() int {
	TuneGC()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ph := &phase{}
	ctx = withPhase(ctx, ph)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go handleSignals(sigs, ph, cancel)
	return Run(ctx, os.Args[1:], Streams{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		IsTerminal:       func() bool { return isTerminal(os.Stdin) },
		StdoutIsTerminal: func() bool { return isTerminal(os.Stdout) },
		Environ:          os.Environ(),
	})
}

// exitError carries an exit code out of a command whose message, if any,
// was already printed.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// silent is an error whose explanation was already printed.
func silent(code int) error { return &exitError{code: code} }

// Run runs iamc with the given arguments and returns the exit code.
func Run(ctx context.Context, args []string, s Streams) int {
	root := newRoot(ctx, s)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(s.Stderr, "iamc: %s\n", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintf(s.Stderr, "iamc: %v\n", err)
	return ExitError
}
