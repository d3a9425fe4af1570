package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/internal/markdown"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/policy"
)

// Markdown writes the plan as a pull-request comment: the summary line
// first, then a section per entity with its documents' diffs in ```diff
// blocks, the warnings, and the steps in a collapsible block.
func Markdown(w io.Writer, p *plan.Plan, o Options) error {
	b := bufio.NewWriter(w)
	if p.Empty() {
		b.WriteString("**No changes.**\n")
	} else {
		b.WriteString("**" + summary(p) + "**\n")
	}
	if p.Broadens() {
		b.WriteString("\n> [!WARNING]\n> **" + markdown.Escape(broadensLine(p.Access)) + "**\n")
	}
	mdAccess(b, p.Access)
	b.WriteString("\n")
	parts := []string{"Account " + markdown.Code(orNone(p.Account))}
	if p.Provider != "" {
		parts = append(parts, "provider "+markdown.Code(p.Provider))
	}
	if p.State != "" {
		parts = append(parts, "state "+markdown.Code(p.State))
	}
	if p.Caller != "" {
		parts = append(parts, "caller "+markdown.Code(p.Caller))
	}
	b.WriteString(strings.Join(parts, " · ") + "\n")
	for _, n := range p.Notices {
		b.WriteString("\n> **Note:** " + n + "\n")
	}
	if len(p.Warnings) > 0 {
		b.WriteString("\n")
		for i, w := range p.Warnings {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString("> **Warning:** " + w + "\n")
		}
	}
	if len(o.ConfigWarnings) > 0 {
		b.WriteString("\n#### Warnings of the configuration\n\n")
		for _, w := range o.ConfigWarnings {
			b.WriteString("- " + markdown.Escape(w) + "\n")
		}
	}
	for _, c := range p.Changes {
		b.WriteString("\n")
		mdChange(b, c)
	}
	if len(p.Steps) > 0 {
		fmt.Fprintf(b, "\n<details><summary>%s</summary>\n\n```sh\n", english.CountOf(len(p.Steps), "step", "steps"))
		for _, s := range p.Steps {
			b.WriteString(op.Command(s.Op, o.docWidth()) + "\n")
		}
		b.WriteString("```\n\n</details>\n")
	}
	return b.Flush()
}

func mdChange(b *bufio.Writer, c plan.Change) {
	fmt.Fprintf(b, "#### %s %s\n\n", markdown.Code(c.Action.Symbol()+" "+c.Address.String()), c.Action)
	for _, n := range c.Notes {
		b.WriteString("- _" + markdown.Escape(n) + "_\n")
	}
	for _, a := range c.Attributes {
		if a.Added != nil || a.Removed != nil {
			var items []string
			for _, x := range a.Added {
				items = append(items, "+ "+markdown.Code(x))
			}
			for _, x := range a.Removed {
				items = append(items, "− "+markdown.Code(x))
			}
			b.WriteString("- " + markdown.Code(a.Name) + ": " + strings.Join(items, ", ") + "\n")
			continue
		}
		if c.Action == plan.Create && a.Before == nil {
			b.WriteString("- " + markdown.Code(a.Name) + ": " + mdValue(a.After) + "\n")
			continue
		}
		b.WriteString("- " + markdown.Code(a.Name) + ": " + mdValue(a.Before) + " → " + mdValue(a.After) + "\n")
	}
	for _, d := range c.Documents {
		b.WriteString("- " + markdown.Code(d.Name) + " " + docVerb(d) + ":\n\n")
		b.WriteString("  ```diff\n")
		for _, line := range strings.SplitAfter(policy.Diff(d.Before, d.After), "\n") {
			if line != "" {
				b.WriteString("  " + line)
			}
		}
		b.WriteString("  ```\n")
	}
}

func docVerb(d plan.DocumentChange) string {
	switch {
	case d.Before == nil:
		return "added"
	case d.After == nil:
		return "removed"
	}
	return "changed"
}

func mdValue(s *string) string {
	if s == nil {
		return "_(none)_"
	}
	return markdown.Code(*s)
}
