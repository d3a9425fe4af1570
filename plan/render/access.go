package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/internal/markdown"
	"github.com/iamc/iamc/model"
)

// The access section is short enough to read whatever the plan: a line
// names at most maxActions actions, a group of principals at most
// maxNames names, and a change at most maxLines lines; the JSON plan
// holds everything.
const (
	maxActions = 4
	maxNames   = 8
	maxLines   = 12
)

// broadensLine is what a plan says at its top when it broadens access.
func broadensLine(d *access.Delta) string {
	s := "This plan broadens access"
	if n := len(d.NewPrincipals); n > 0 {
		s += ": it creates " + english.Join(addresses(d.NewPrincipals, maxNames))
	}
	return s + "."
}

// who names the principals of a change: "group.developers: chloe, lucas,
// maria" when they are exactly a group's members, else their addresses.
func who(c access.Change) string {
	if c.Group != "" {
		members := make([]string, len(c.Principals))
		for i, p := range c.Principals {
			members[i] = p.Name
		}
		return model.GroupAddr(c.Group).String() + ": " + names(clip(members, maxNames))
	}
	return names(addresses(c.Principals, maxNames))
}

// names lists principals with commas, as a list of names reads: "chloe,
// lucas, maria"; a clipped list ends "and 2,728 more".
func names(items []string) string {
	if n := len(items); n > 1 && strings.HasSuffix(items[n-1], " more") {
		return strings.Join(items[:n-1], ", ") + " and " + items[n-1]
	}
	return strings.Join(items, ", ")
}

// addresses lists addresses, at most max of them and then "N more".
func addresses(as []model.Address, max int) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return clip(out, max)
}

// clip keeps the first max items and says how many more there are.
func clip(items []string, max int) []string {
	if len(items) <= max {
		return items
	}
	return append(items[:max:max], fmt.Sprintf("%d more", len(items)-max))
}

// accessLine says what one line of grants is: "iam Permissions
// management: iam:PassRole on *".
func accessLine(l access.Line) string {
	var what string
	switch {
	case l.Every && l.Service == "*":
		what = fmt.Sprintf("every action (%d)", l.Count)
	case l.Every && l.Level == "*":
		what = fmt.Sprintf("every %s action (%d)", l.Service, l.Count)
	case l.Every:
		what = fmt.Sprintf("every %s %s action (%d)", l.Service, l.Level, l.Count)
	default:
		what = l.Service + " " + l.Level + ": " + english.Join(clip(l.Actions, maxActions))
	}
	s := what + " on " + resourceText(l.Resource)
	if l.Condition != "" {
		s += " if " + l.Condition
	}
	return s
}

func resourceText(r string) string {
	if rest, ok := strings.CutPrefix(r, "not "); ok {
		return "every resource but " + rest
	}
	return r
}

// accessMark is one line of a change: how the principals' access moves
// ("gains", "loses", "denied", "no longer denied") and what.
type accessMark struct {
	sign string // "+" or "-"
	word string
	text string
}

// grantLines are a change's gains and losses as marked lines: "+" for
// what the principals may newly do (an Allow gained, a Deny gone), "-"
// for what they may no longer do. A change of more than maxLines lines
// is summed up per access level across services, so that a policy that
// grants most of AWS reads as a few lines.
func grantLines(c access.Change) []accessMark {
	if len(c.Gained)+len(c.Lost) <= maxLines {
		out := marks(c.Gained, "+", "gains", "no longer denied")
		return append(out, marks(c.Lost, "-", "loses", "denied")...)
	}
	out := summed(c.Gained, "+", "gains", "no longer denied")
	return append(out, summed(c.Lost, "-", "loses", "denied")...)
}

func marks(ls []access.Line, sign, allow, deny string) []accessMark {
	var out []accessMark
	for _, l := range ls {
		word := allow
		if l.Effect == "Deny" {
			word = deny
		}
		out = append(out, accessMark{sign, word, accessLine(l)})
	}
	return out
}

// summed sums lines up per effect, access level, resource and condition:
// "Read: 2,310 actions of 398 services (a4b, access-analyzer, account
// and 395 more) on *".
func summed(ls []access.Line, sign, allow, deny string) []accessMark {
	type key struct{ effect, level, resource, condition string }
	type sum struct {
		actions  int
		services []string
	}
	var order []key
	sums := map[key]*sum{}
	for _, l := range ls {
		k := key{l.Effect, l.Level, l.Resource, l.Condition}
		x := sums[k]
		if x == nil {
			x = &sum{}
			sums[k] = x
			order = append(order, k)
		}
		x.actions += l.Count
		if n := len(x.services); n == 0 || x.services[n-1] != l.Service {
			x.services = append(x.services, l.Service)
		}
	}
	var out []accessMark
	for _, k := range order {
		x := sums[k]
		word := allow
		if k.effect == "Deny" {
			word = deny
		}
		level := k.level
		if level == "*" {
			level = "every level"
		}
		text := fmt.Sprintf("%s: %s of %s (%s) on %s", level, english.CountOf(x.actions, "action", "actions"),
			english.CountOf(len(x.services), "service", "services"), english.Join(clip(x.services, maxActions)), resourceText(k.resource))
		if k.condition != "" {
			text += " if " + k.condition
		}
		out = append(out, accessMark{sign, word, text})
	}
	return out
}

// trustLine says who may assume a role: "Service ec2.amazonaws.com
// (sts:AssumeRole)".
func trustLine(t access.TrustGrant) string {
	s := t.Principal + " (" + t.Action + ")"
	if t.Condition != "" {
		s += " if " + t.Condition
	}
	return s
}

// textAccess writes the access section of the text plan.
func textAccess(b *bufio.Writer, d *access.Delta) {
	if d == nil || d.Empty() {
		return
	}
	b.WriteString("\nAccess:\n")
	if len(d.NewPrincipals) > 0 {
		b.WriteString("  New principals: " + strings.Join(addresses(d.NewPrincipals, maxNames), ", ") + "\n")
	}
	for _, c := range d.Changes {
		b.WriteString("  " + who(c) + "\n")
		for _, m := range grantLines(c) {
			if m.word == "no longer denied" || m.word == "denied" {
				b.WriteString("    " + m.sign + " " + m.word + ": " + m.text + "\n")
			} else {
				b.WriteString("    " + m.sign + " " + m.text + "\n")
			}
		}
	}
	if len(d.Unlisted) > 0 {
		b.WriteString("  " + unlistedLine(d) + "\n")
	}
	for _, t := range d.Trusts {
		b.WriteString("  " + t.Role.String() + " may be assumed by\n")
		for _, g := range t.Gained {
			b.WriteString("    + " + trustLine(g) + "\n")
		}
		for _, g := range t.Lost {
			b.WriteString("    - " + trustLine(g) + "\n")
		}
	}
}

// unlistedLine names the created or deleted principals whose access the
// section does not read out.
func unlistedLine(d *access.Delta) string {
	return fmt.Sprintf("Not read out, past %d distinct policy sets of created or deleted principals or %d action names in all: %s (iamc can answers what each may do)",
		access.MaxWholeSets, access.MaxReadOut, names(addresses(d.Unlisted, maxNames)))
}

// mdAccess writes the access section of the Markdown plan: one table, a
// row per line of a change.
func mdAccess(b *bufio.Writer, d *access.Delta) {
	if d == nil || d.Empty() {
		return
	}
	b.WriteString("\n#### Access\n\n")
	if len(d.NewPrincipals) > 0 {
		b.WriteString("New principals: " + codes(addresses(d.NewPrincipals, maxNames)) + "\n\n")
	}
	if len(d.Unlisted) > 0 {
		b.WriteString(cell(unlistedLine(d)) + "\n\n")
	}
	if len(d.Changes) == 0 && len(d.Trusts) == 0 {
		return
	}
	b.WriteString("| Who | | Access |\n| --- | --- | --- |\n")
	for _, c := range d.Changes {
		for i, m := range grantLines(c) {
			name := ""
			if i == 0 {
				name = cell(who(c))
			}
			fmt.Fprintf(b, "| %s | %s | %s |\n", name, m.word, cell(m.text))
		}
	}
	for _, t := range d.Trusts {
		name := cell(t.Role.String() + " may be assumed by")
		for _, g := range t.Gained {
			fmt.Fprintf(b, "| %s | %s | %s |\n", name, "gains", cell(trustLine(g)))
			name = ""
		}
		for _, g := range t.Lost {
			fmt.Fprintf(b, "| %s | %s | %s |\n", name, "loses", cell(trustLine(g)))
			name = ""
		}
	}
}

// cell escapes text for a cell of a Markdown table.
func cell(s string) string { return strings.ReplaceAll(markdown.Escape(s), "|", "\\|") }

func codes(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = markdown.Code(s)
	}
	return strings.Join(out, ", ")
}

// The access section of the public JSON plan.
type jsonAccess struct {
	Broadens      bool              `json:"broadens"`
	NewPrincipals []string          `json:"new_principals"`
	Changes       []jsonAccessDelta `json:"changes"`
	Trusts        []jsonTrustDelta  `json:"trusts"`
	Unlisted      []string          `json:"unlisted"`
}

type jsonAccessDelta struct {
	Principals []string     `json:"principals"`
	Group      *string      `json:"group"`
	Gained     []jsonGrants `json:"gained"`
	Lost       []jsonGrants `json:"lost"`
}

type jsonGrants struct {
	Effect    string          `json:"effect"`
	Service   string          `json:"service"`
	Level     string          `json:"access_level"`
	Actions   []string        `json:"actions"`
	Every     bool            `json:"every"`
	Count     int             `json:"count"`
	Resource  string          `json:"resource"`
	Condition json.RawMessage `json:"condition"`
}

type jsonTrustDelta struct {
	Role   string      `json:"role"`
	Gained []jsonTrust `json:"gained"`
	Lost   []jsonTrust `json:"lost"`
}

type jsonTrust struct {
	Principal string          `json:"principal"`
	Action    string          `json:"action"`
	Condition json.RawMessage `json:"condition"`
}

func conditionJSON(c string) json.RawMessage {
	if c == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(c)
}

func toJSONAccess(d *access.Delta) *jsonAccess {
	if d == nil {
		return nil
	}
	out := &jsonAccess{Broadens: d.Broadens, NewPrincipals: addresses(d.NewPrincipals, len(d.NewPrincipals)),
		Changes: []jsonAccessDelta{}, Trusts: []jsonTrustDelta{}, Unlisted: addresses(d.Unlisted, len(d.Unlisted))}
	grants := func(ls []access.Line) []jsonGrants {
		out := []jsonGrants{}
		for _, l := range ls {
			// Every action of a service (or of all) is said by "every",
			// not listed: the catalog lists them.
			actions := l.Actions
			if actions == nil {
				actions = []string{}
			}
			out = append(out, jsonGrants{Effect: l.Effect, Service: l.Service, Level: l.Level, Actions: actions,
				Every: l.Every, Count: l.Count, Resource: l.Resource, Condition: conditionJSON(l.Condition)})
		}
		return out
	}
	for _, c := range d.Changes {
		jc := jsonAccessDelta{Principals: addresses(c.Principals, len(c.Principals)), Gained: grants(c.Gained), Lost: grants(c.Lost)}
		if c.Group != "" {
			g := c.Group
			jc.Group = &g
		}
		out.Changes = append(out.Changes, jc)
	}
	trusts := func(ts []access.TrustGrant) []jsonTrust {
		out := []jsonTrust{}
		for _, t := range ts {
			out = append(out, jsonTrust{Principal: t.Principal, Action: t.Action, Condition: conditionJSON(t.Condition)})
		}
		return out
	}
	for _, t := range d.Trusts {
		out.Trusts = append(out.Trusts, jsonTrustDelta{Role: t.Role.String(), Gained: trusts(t.Gained), Lost: trusts(t.Lost)})
	}
	return out
}
