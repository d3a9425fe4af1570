package catalog

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/iamc/iamc/catalog/internal/pack"
	"github.com/iamc/iamc/internal/spell"
)

// ManagedPolicy is an AWS managed policy at its latest version.
type ManagedPolicy struct {
	Name      string // "AWSLambdaBasicExecutionRole"
	ARN       string // "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
	Path      string // "/service-role/"
	VersionID string // "v1"
	Document  string // the latest document, compact JSON
	Created   string // RFC 3339, UTC: when the policy was created
	Updated   string // RFC 3339, UTC: when its latest version was made
}

// managedARNPrefix starts every AWS managed policy's ARN; path and name
// follow.
const managedARNPrefix = "arn:aws:iam::aws:policy"

// managedEntry is a policy as the index lists it; strings share the
// index's memory.
type managedEntry struct {
	arn                       string
	nameAt                    int // arn[nameAt:] is the name
	version, created, updated string
	block, off, len           int
}

func (e *managedEntry) name() string { return e.arn[e.nameAt:] }
func (e *managedEntry) path() string { return e.arn[len(managedARNPrefix):e.nameAt] }

type managedIndex struct {
	pack    *pack.Container
	entries []managedEntry // sorted by name
	names   []string       // the entries' names, in the same order
	blocks  []docBlock     // blocks[i] is pack block i+1
}

type docBlock struct {
	once sync.Once
	text string
}

var managedTable = sync.OnceValue(loadManagedTable)

func loadManagedTable() *managedIndex {
	m, err := loadManaged()
	if err != nil {
		corrupt("managed policies", err)
	}
	return m
}

func loadManaged() (*managedIndex, error) {
	c, err := pack.Open(managedMagic, managedBin)
	if err != nil {
		return nil, err
	}
	idx, err := c.Block(0)
	if err != nil {
		return nil, err
	}
	m := &managedIndex{pack: c, blocks: make([]docBlock, c.Len()-1)}
	n := strings.Count(idx, "\n")
	m.entries = make([]managedEntry, n)
	m.names = make([]string, n)
	ls := lines{idx}
	for i := range m.entries {
		line, _ := ls.next()
		e := &m.entries[i]
		e.arn, e.version, e.created, e.updated = field(&line), field(&line), field(&line), field(&line)
		rest, ok := strings.CutPrefix(e.arn, managedARNPrefix+"/")
		if !ok {
			return nil, fmt.Errorf("ARN %q", e.arn)
		}
		e.nameAt = len(e.arn) - len(rest) + strings.LastIndexByte(rest, '/') + 1
		for _, p := range []*int{&e.block, &e.off, &e.len} {
			if *p, err = atoi(field(&line)); err != nil {
				return nil, fmt.Errorf("policy %s: %v", e.arn, err)
			}
		}
		if line != "" || e.block < 1 || e.block >= c.Len() {
			return nil, fmt.Errorf("policy %s: bad index line", e.arn)
		}
		m.names[i] = e.name()
		if i > 0 && m.names[i-1] >= m.names[i] {
			return nil, fmt.Errorf("policy %s out of order", e.arn)
		}
	}
	return m, nil
}

// entry finds the policy called name (exactly).
func (m *managedIndex) entry(name string) *managedEntry {
	i, ok := slices.BinarySearch(m.names, name)
	if !ok {
		return nil
	}
	return &m.entries[i]
}

// entryByARN finds the policy whose ARN is arn (exactly).
func (m *managedIndex) entryByARN(arn string) *managedEntry {
	if !strings.HasPrefix(arn, managedARNPrefix+"/") {
		return nil
	}
	e := m.entry(arn[strings.LastIndexByte(arn, '/')+1:])
	if e == nil || e.arn != arn {
		return nil
	}
	return e
}

// policy builds the full ManagedPolicy, decoding the block that holds the
// document once.
func (m *managedIndex) policy(e *managedEntry) ManagedPolicy {
	b := &m.blocks[e.block-1]
	b.once.Do(func() {
		var err error
		if b.text, err = m.pack.Block(e.block); err != nil {
			corrupt("managed policies", err)
		}
	})
	if e.off+e.len > len(b.text) {
		corrupt("managed policies", fmt.Errorf("policy %s: document outside its block", e.arn))
	}
	return ManagedPolicy{
		Name:      e.name(),
		ARN:       e.arn,
		Path:      e.path(),
		VersionID: e.version,
		Document:  b.text[e.off : e.off+e.len],
		Created:   e.created,
		Updated:   e.updated,
	}
}

// ManagedPolicyByName returns the AWS managed policy called name; names
// are compared exactly (SuggestManagedPolicy helps with the case). It
// decompresses the block of about 64 KB that holds the document, once.
func ManagedPolicyByName(name string) (ManagedPolicy, bool) {
	m := managedTable()
	e := m.entry(name)
	if e == nil {
		return ManagedPolicy{}, false
	}
	return m.policy(e), true
}

// ManagedPolicyByARN returns the AWS managed policy whose ARN, path
// included, is arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole".
func ManagedPolicyByARN(arn string) (ManagedPolicy, bool) {
	m := managedTable()
	e := m.entryByARN(arn)
	if e == nil {
		return ManagedPolicy{}, false
	}
	return m.policy(e), true
}

// ManagedPolicyARN returns the ARN of the AWS managed policy called name
// from the index alone, without touching any document: what a reference
// aws.policy.NAME needs.
func ManagedPolicyARN(name string) (string, bool) {
	e := managedTable().entry(name)
	if e == nil {
		return "", false
	}
	return e.arn, true
}

// IsManagedPolicyARN reports whether arn is the ARN of an AWS managed
// policy, from the index alone.
func IsManagedPolicyARN(arn string) bool {
	return managedTable().entryByARN(arn) != nil
}

// ManagedPolicyNames lists the names of every AWS managed policy, sorted.
func ManagedPolicyNames() []string {
	return slices.Clone(managedTable().names)
}

// SuggestManagedPolicy returns the AWS managed policy name closest to
// name, for a "did you mean": the same name in another case
// ("administratoraccess" → "AdministratorAccess"), a near spelling
// ("ReadOnlyAcess" → "ReadOnlyAccess"), or the name of a path-qualified
// one ("service-role/AWSLambdaBasicExecutionRole"). It returns "" when
// nothing is close.
func SuggestManagedPolicy(name string) string {
	m := managedTable()
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if m.entry(name) != nil {
		return name
	}
	i := spell.Closest(name, len(m.names), func(i int) string { return m.names[i] }, spell.QuarterOfWord)
	if i < 0 {
		return ""
	}
	return m.names[i]
}
