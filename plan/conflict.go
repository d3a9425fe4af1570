package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamc/iamc/model"
)

func (p *planner) errorf(addr model.Address, format string, args ...any) {
	p.errs = append(p.errs, Conflict{Address: addr, Message: fmt.Sprintf(format, args...)})
}

func (p *planner) err() error {
	sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Error() < p.errs[j].Error() })
	return p.errs
}

// Conflict is one reason no plan can be made. Address is the entity it is
// about, or the empty address for the account as a whole (a quota).
type Conflict struct {
	Address model.Address
	Message string
	// Summary, when set, says in a few words what kind of conflict it is;
	// the CLI has one of its own otherwise.
	Summary string `json:"summary,omitempty"`
	// EmptyScope marks the conflict of a configuration that declares
	// nothing (Options.AllowEmptyScope).
	EmptyScope bool `json:"empty_scope,omitempty"`
}

func (c Conflict) Error() string {
	if c.Address.Kind == "" {
		return c.Message
	}
	return c.Address.String() + ": " + c.Message
}

// Conflicts is the error Compute returns when no plan can be made: every
// conflict it found, sorted, so that each can be shown at the declaration
// it is about.
type Conflicts []Conflict

func (c Conflicts) Error() string {
	msgs := make([]string, len(c))
	for i, x := range c {
		msgs[i] = x.Error()
	}
	return strings.Join(msgs, "\n")
}
