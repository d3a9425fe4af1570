package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/provider/memory"
)

// nowFlag is --now TIME: the time a plan is made at, which the ages of
// access keys are taken at (rotation, deletion of inactive keys). Tests
// and reviews of a plan's future use it; without it, the plan is made at
// the current time.
type nowFlag struct{ raw string }

func (n *nowFlag) register(c *cobra.Command) {
	c.Flags().StringVar(&n.raw, "now", "", "make the plan as at `TIME` (RFC 3339, e.g. 2026-06-01T00:00:00Z): access keys' ages are taken at it")
}

// time returns the time the flag gives, or the current time, in UTC, to
// the second.
func (n *nowFlag) time() (time.Time, error) {
	if n.raw == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	t, err := time.Parse(time.RFC3339, n.raw)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now %q is not an RFC 3339 time such as 2026-06-01T00:00:00Z", n.raw)
	}
	return t.UTC(), nil
}

// clock makes a memory account date what it creates at the flag's time,
// so that keys an apply creates have the age the next plan expects. The
// AWS provider's dates are AWS's.
func (n *nowFlag) clock(sess *session) error {
	if n.raw == "" {
		return nil
	}
	t, err := n.time()
	if err != nil {
		return err
	}
	if m, ok := sess.prov.(*memory.Account); ok {
		m.Now = func() time.Time { return t }
	}
	return nil
}

// secretsWritten says what an apply wrote to its credentials file.
func secretsWritten(p interface{ Secrets() (int, int) }) string {
	passwords, keys := p.Secrets()
	switch {
	case keys == 0:
		return "Initial passwords were"
	case passwords == 0:
		return "Secret access keys were"
	}
	return "Initial passwords and secret access keys were"
}
