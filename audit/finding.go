package audit

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/iamc/iamc/model"
)

// Severity ranks findings: what --fail-on compares.
type Severity int

// The severities, lowest first.
const (
	Low Severity = iota + 1
	Medium
	High
)

// Severities are the severities, highest first: the order of a report.
var Severities = []Severity{High, Medium, Low}

func (s Severity) String() string {
	switch s {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText writes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads low, medium or high.
func ParseSeverity(s string) (Severity, error) {
	for _, v := range Severities {
		if strings.EqualFold(s, v.String()) {
			return v, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q: use low, medium or high", s)
}

// Location is where the configuration declares a finding's entity.
type Location struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

func (l Location) String() string { return fmt.Sprintf("%s:%d", l.File, l.Line) }

// Finding is one thing the audit found.
type Finding struct {
	// ID names the check (root-mfa, privilege-escalation, ...).
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	// Entity is what the finding is about: an address (user.tyler,
	// password_policy), or "root" for the account's root user.
	Entity string `json:"entity"`
	// Title says what was found in a line; Why why it matters; Fix what
	// to do.
	Title string `json:"title"`
	Why   string `json:"why"`
	Fix   string `json:"fix"`
	// CIS is the title of the CIS AWS Foundations Benchmark
	// recommendation the finding belongs to, "" when none does.
	CIS string `json:"cis,omitempty"`
	// Actions are the IAM actions a privilege-escalation path uses, and
	// Path its steps in order.
	Actions []string `json:"actions,omitempty"`
	Path    []string `json:"path,omitempty"`
	// Location is the entity's declaration, when the configuration
	// declares it.
	Location *Location `json:"location,omitempty"`

	addr model.Address // the entity's address, for Location
}

// Check is one of the audit's checks, as a report lists them.
type Check struct {
	ID       string
	Severity Severity
	Title    string // what the check looks for
	CIS      string // the CIS recommendation's title, "" when none
}

// Input is what an audit reads.
type Input struct {
	Account *model.Account
	// Posture is what the provider read beside the entities; nil skips
	// the checks that need it.
	Posture *model.Posture
	Now     time.Time
	// Declarations maps entities' addresses (Address.Key()) to where the
	// configuration declares them; nil without a configuration.
	Declarations map[model.Address]Location
}

// Run runs every check and returns the findings, highest severity first,
// then by check and entity.
func Run(in Input) []Finding {
	a := &auditor{in: in}
	a.root()
	a.passwordPolicy()
	a.directPolicies()
	a.credentials()
	a.roles()
	a.trusts()
	a.access()
	for i := range a.out {
		f := &a.out[i]
		if loc, ok := in.Declarations[f.addr.Key()]; ok && f.addr.Kind != "" {
			l := loc
			f.Location = &l
		}
	}
	sort.SliceStable(a.out, func(i, j int) bool {
		x, y := a.out[i], a.out[j]
		if x.Severity != y.Severity {
			return x.Severity > y.Severity
		}
		if i, j := CheckIndex(x.ID), CheckIndex(y.ID); i != j {
			return i < j
		}
		return x.Entity < y.Entity
	})
	return a.out
}

// checkIndex maps each check's id to its place in Checks.
var checkIndex = sync.OnceValue(func() map[string]int {
	m := make(map[string]int, len(Checks))
	for i, c := range Checks {
		m[c.ID] = i
	}
	return m
})

// CheckIndex returns the place in Checks of the check with this id
// (the order of a report within a severity, and SARIF's rule index),
// or -1 for an id of no check.
func CheckIndex(id string) int {
	if i, ok := checkIndex()[id]; ok {
		return i
	}
	return -1
}

// auditor collects findings.
type auditor struct {
	in  Input
	out []Finding
}

// add records a finding of check c about addr (its String is the entity;
// an empty address is the root user).
func (a *auditor) add(c Check, addr model.Address, title, why, fix string) *Finding {
	entity := "root"
	if addr.Kind != "" {
		entity = addr.String()
	}
	a.out = append(a.out, Finding{ID: c.ID, Severity: c.Severity, Entity: entity, Title: title, Why: why, Fix: fix, CIS: c.CIS, addr: addr})
	return &a.out[len(a.out)-1]
}

// days is how many whole days before now t is.
func (a *auditor) days(t time.Time) int { return int(a.in.Now.Sub(t).Hours() / 24) }

// Reaches reports whether any finding has severity s or higher.
func Reaches(fs []Finding, s Severity) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity >= s })
}
