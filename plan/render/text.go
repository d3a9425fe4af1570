package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/policy"
)

// Options shape the text and Markdown plans.
type Options struct {
	// DocWidth is how many characters of a policy document a command
	// shows before "..."; 0 means 60.
	DocWidth int
	// ConfigWarnings are the configuration's warnings, one line each
	// ("main.iam.hcl:3:1: Summary: detail"): the Markdown plan, which a
	// pull request shows, carries them.
	ConfigWarnings []string
}

func (o Options) docWidth() int {
	if o.DocWidth <= 0 {
		return 60
	}
	return o.DocWidth
}

// Text writes the plan as a reviewer reads it in a terminal.
func Text(w io.Writer, p *plan.Plan, o Options) error {
	b := bufio.NewWriter(w)
	header(b, p)
	for _, n := range p.Notices {
		b.WriteString("\nNote: " + n + "\n")
	}
	if p.Broadens() {
		b.WriteString("\n" + broadensLine(p.Access) + "\n")
	}
	textAccess(b, p.Access)
	if p.Empty() {
		b.WriteString("\nNo changes.\n")
		textWarnings(b, p)
		return b.Flush()
	}
	for _, c := range p.Changes {
		b.WriteString("\n")
		textChange(b, c)
	}
	if len(p.Steps) > 0 {
		b.WriteString("\nSteps:\n")
		width := len(strconv.Itoa(len(p.Steps)))
		for _, s := range p.Steps {
			fmt.Fprintf(b, "  %*d. %s\n", width, s.ID, op.Command(s.Op, o.docWidth()))
		}
	}
	textWarnings(b, p)
	b.WriteString("\n" + summary(p) + "\n")
	return b.Flush()
}

func header(b *bufio.Writer, p *plan.Plan) {
	fmt.Fprintf(b, "Account: %s\n", orNone(p.Account))
	if p.Provider != "" {
		prov := p.Provider
		if p.State != "" {
			prov += " (" + p.State + ")"
		}
		fmt.Fprintf(b, "Provider: %s\n", prov)
	}
	if p.Caller != "" {
		fmt.Fprintf(b, "Caller: %s\n", p.Caller)
	}
}

func orNone(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

func textWarnings(b *bufio.Writer, p *plan.Plan) {
	if len(p.Warnings) == 0 {
		return
	}
	b.WriteString("\nWarnings:\n")
	for _, w := range p.Warnings {
		b.WriteString("  - " + w + "\n")
	}
}

// summary is the plan's last line.
func summary(p *plan.Plan) string {
	c, u, r, d := p.Counts()
	return fmt.Sprintf("Plan: %d to create, %d to update, %d to replace, %d to delete.", c, u, r, d)
}

func textChange(b *bufio.Writer, c plan.Change) {
	fmt.Fprintf(b, "%s %s\n", c.Action.Symbol(), c.Address)
	for _, n := range c.Notes {
		b.WriteString("    # " + n + "\n")
	}
	for _, a := range c.Attributes {
		if a.Added != nil || a.Removed != nil {
			b.WriteString("    " + a.Name + ":\n")
			for _, x := range a.Added {
				b.WriteString("      + " + x + "\n")
			}
			for _, x := range a.Removed {
				b.WriteString("      - " + x + "\n")
			}
			continue
		}
		b.WriteString("    " + a.Name + ": " + scalarText(c.Action, a) + "\n")
	}
	for _, d := range c.Documents {
		b.WriteString("    " + docSymbol(d) + " " + d.Name + "\n")
		for _, line := range strings.SplitAfter(policy.Diff(d.Before, d.After), "\n") {
			if line != "" {
				b.WriteString("        " + line)
			}
		}
	}
}

// scalarText shows a scalar attribute: "value" for a new entity,
// "before" → "after" otherwise.
func scalarText(action plan.Action, a plan.Attribute) string {
	if action == plan.Create && a.Before == nil {
		return quote(a.After)
	}
	return quote(a.Before) + " → " + quote(a.After)
}

func quote(s *string) string {
	if s == nil {
		return "(none)"
	}
	return strconv.Quote(*s)
}

func docSymbol(d plan.DocumentChange) string {
	switch {
	case d.Before == nil:
		return "+"
	case d.After == nil:
		return "-"
	}
	return "~"
}
