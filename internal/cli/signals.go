package cli

import (
	"context"
	"fmt"
	"os"
	"sync"
	"syscall"
)

// phase is what a running command is doing, which decides what an
// interrupt does: before the first write to an account there is nothing
// to protect, so it stops the process at once; while an apply writes it
// must let the calls in flight finish; iamc serve shuts down cleanly.
type phase struct {
	mu    sync.Mutex
	state phaseState
}

type phaseState int

const (
	reading phaseState = iota // compiling, reading, planning: stop at once
	writing                   // an apply has started its first step
	serving                   // iamc serve
)

type phaseKey struct{}

func withPhase(ctx context.Context, p *phase) context.Context {
	return context.WithValue(ctx, phaseKey{}, p)
}

// enter moves the command in ctx to a new phase. Entering writing waits
// for a signal being handled in reading to end the process, so that no
// write starts after iamc decided to stop at once. A context without a
// phase (tests calling Run) ignores it.
func enter(ctx context.Context, s phaseState) {
	p, _ := ctx.Value(phaseKey{}).(*phase)
	if p == nil {
		return
	}
	p.mu.Lock()
	p.state = s
	p.mu.Unlock()
}

// exitCode is the shell's status for a process ended by sig.
func exitCode(sig os.Signal) int {
	if sig == syscall.SIGTERM {
		return 128 + int(syscall.SIGTERM)
	}
	return 128 + int(syscall.SIGINT)
}

func signalName(sig os.Signal) string {
	if sig == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
}

// handleSignals acts on the signals of the process as its phase says.
func handleSignals(sigs <-chan os.Signal, p *phase, cancel context.CancelFunc) {
	sig, ok := <-sigs
	if !ok {
		return
	}
	p.mu.Lock()
	switch p.state {
	case reading:
		// Held locked: no write may start while the process ends.
		fmt.Fprintf(os.Stderr, "iamc: %s: stopped; nothing was changed\n", signalName(sig))
		os.Exit(exitCode(sig))
	case writing:
		fmt.Fprintln(os.Stderr, "iamc: interrupted: no new step starts, and the steps in flight finish (interrupt again to stop at once, leaving their outcome unknown)")
	case serving:
		fmt.Fprintln(os.Stderr, "iamc: stopping: the requests in flight finish and the account is saved (interrupt again to stop at once)")
	}
	p.mu.Unlock()
	cancel()
	if sig, ok := <-sigs; ok {
		fmt.Fprintln(os.Stderr, "iamc: stopped at once")
		os.Exit(exitCode(sig))
	}
}
