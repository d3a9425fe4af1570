package catalog

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"

	"github.com/iamc/iamc/catalog/internal/pack"
	"github.com/iamc/iamc/internal/wildcard"
)

// ActionInfo describes one action of the catalog.
type ActionInfo struct {
	// Name is the canonical name, SERVICE:Action in AWS's spelling.
	Name string
	// AccessLevel is the access level as the reference states it: "List",
	// "Read", "Write", "Permissions management, Write" or "Tagging, Write".
	AccessLevel string
	// ResourceTypes names the resource types the action applies to (keys
	// of its service's ResourceTypes); empty when it supports only "*".
	ResourceTypes []string
	// ConditionKeys lists the condition keys the reference gives for the
	// action, with or without a resource type.
	ConditionKeys []string
}

// ServiceInfo describes one service of the catalog.
type ServiceInfo struct {
	Prefix        string // "s3"
	Name          string // "Amazon S3"
	Actions       int
	ResourceTypes []ResourceType // sorted by name, case folded
	ConditionKeys []ConditionKey // sorted by name, case folded
}

// ResourceType is a service's resource type and the format of its ARNs,
// with ${Partition}-style placeholders as the reference writes them.
type ResourceType struct {
	Name string // "object"
	ARN  string // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
}

// ConditionKey is a condition key with its type ("String", "ARN",
// "Bool", "ArrayOfString", ...).
type ConditionKey struct {
	Name string
	Type string
}

// serviceEntry is a service as the header lists it; its block decodes on
// first use.
type serviceEntry struct {
	prefix, name string
	actions      int
	block        int
	once         sync.Once
	data         *serviceData
}

// serviceData is a decoded service block. Every string shares the
// block's memory.
type serviceData struct {
	resources []ResourceType
	condKeys  []ConditionKey
	actions   []actionEntry // sorted by name, case folded
	indices   []uint16      // the actions' resource and condition key indices
}

type actionEntry struct {
	full    string // SERVICE:Action
	level   uint8
	rtStart uint32 // indices[rtStart:ckStart] are resource types,
	ckStart uint32 // indices[ckStart:ckEnd] condition keys
	ckEnd   uint32
}

func (a *actionEntry) name(prefixLen int) string { return a.full[prefixLen+1:] }

var actionTable = sync.OnceValue(loadActionTable)

type actionIndex struct {
	pack     *pack.Container
	levels   []string
	services []serviceEntry // sorted by prefix
	prefixes []string       // the services' prefixes, in the same order
	total    int
}

func loadActionTable() *actionIndex {
	c, err := pack.Open(actionsMagic, actionsBin)
	if err != nil {
		corrupt("action catalog", err)
	}
	head, err := c.Block(0)
	if err != nil {
		corrupt("action catalog", err)
	}
	t := &actionIndex{pack: c}
	ls := lines{head}
	first, _ := ls.next()
	if field(&first) != "levels" {
		corrupt("action catalog", fmt.Errorf("header does not start with the access levels"))
	}
	for first != "" {
		t.levels = append(t.levels, field(&first))
	}
	t.services = make([]serviceEntry, strings.Count(ls.s, "\n"))
	t.prefixes = make([]string, len(t.services))
	for i := range t.services {
		line, _ := ls.next()
		e := &t.services[i]
		e.prefix, e.name, e.block = field(&line), field(&line), i+1
		if e.actions, err = atoi(field(&line)); err != nil || line != "" {
			corrupt("action catalog", fmt.Errorf("header line of service %q: %v", e.prefix, err))
		}
		if i > 0 && t.prefixes[i-1] >= e.prefix {
			corrupt("action catalog", fmt.Errorf("service %q out of order", e.prefix))
		}
		t.prefixes[i] = e.prefix
		t.total += e.actions
	}
	if len(t.services)+1 != c.Len() {
		corrupt("action catalog", fmt.Errorf("%d services, %d blocks", len(t.services), c.Len()))
	}
	return t
}

// service finds the service of prefix, compared without regard to case.
func (t *actionIndex) service(prefix string) *serviceEntry {
	i, ok := slices.BinarySearchFunc(t.prefixes, prefix, wildcard.Compare)
	if !ok {
		return nil
	}
	return &t.services[i]
}

// load decodes the service's block once.
func (t *actionIndex) load(e *serviceEntry) *serviceData {
	e.once.Do(func() {
		d, err := t.decode(e)
		if err != nil {
			corrupt("action catalog", fmt.Errorf("service %s: %v", e.prefix, err))
		}
		e.data = d
	})
	return e.data
}

func (t *actionIndex) decode(e *serviceEntry) (*serviceData, error) {
	block, err := t.pack.Block(e.block)
	if err != nil {
		return nil, err
	}
	ls := lines{block}
	counts, _ := ls.next()
	var n [3]int
	for i := range n {
		if n[i], err = atoi(field(&counts)); err != nil {
			return nil, err
		}
	}
	if n[2] != e.actions {
		return nil, fmt.Errorf("block holds %d actions, header says %d", n[2], e.actions)
	}
	d := &serviceData{
		resources: make([]ResourceType, n[0]),
		condKeys:  make([]ConditionKey, n[1]),
		actions:   make([]actionEntry, n[2]),
	}
	for i := range d.resources {
		line, _ := ls.next()
		d.resources[i] = ResourceType{Name: field(&line), ARN: line}
	}
	for i := range d.condKeys {
		line, _ := ls.next()
		d.condKeys[i] = ConditionKey{Name: field(&line), Type: line}
	}
	for i := range d.actions {
		line, ok := ls.next()
		if !ok {
			return nil, fmt.Errorf("block ends after %d actions", i)
		}
		a := &d.actions[i]
		a.full = field(&line)
		if len(a.full) <= len(e.prefix) || a.full[:len(e.prefix)] != e.prefix || a.full[len(e.prefix)] != ':' {
			return nil, fmt.Errorf("action %q is not of service %s", a.full, e.prefix)
		}
		lv, err := atoi(field(&line))
		if err != nil || lv >= len(t.levels) {
			return nil, fmt.Errorf("action %s: bad access level %q", a.full, line)
		}
		a.level = uint8(lv)
		a.rtStart = uint32(len(d.indices))
		if d.indices, err = appendIndices(d.indices, field(&line), len(d.resources)); err != nil {
			return nil, fmt.Errorf("action %s: %v", a.full, err)
		}
		a.ckStart = uint32(len(d.indices))
		if d.indices, err = appendIndices(d.indices, line, len(d.condKeys)); err != nil {
			return nil, fmt.Errorf("action %s: %v", a.full, err)
		}
		a.ckEnd = uint32(len(d.indices))
	}
	if ls.s != "" {
		return nil, fmt.Errorf("block has data after its %d actions", n[2])
	}
	return d, nil
}

// appendIndices parses a comma-separated list of indices below limit.
func appendIndices(dst []uint16, list string, limit int) ([]uint16, error) {
	for list != "" {
		var f string
		f, list, _ = strings.Cut(list, ",")
		n, err := atoi(f)
		if err != nil || n >= limit {
			return dst, fmt.Errorf("bad index %q", f)
		}
		dst = append(dst, uint16(n))
	}
	return dst, nil
}

// action finds name (SERVICE:Action, any case) in the catalog.
func (t *actionIndex) action(name string) (*serviceEntry, *serviceData, *actionEntry) {
	prefix, act, ok := strings.Cut(name, ":")
	if !ok {
		return nil, nil, nil
	}
	e := t.service(prefix)
	if e == nil {
		return nil, nil, nil
	}
	d := t.load(e)
	i, ok := slices.BinarySearchFunc(d.actions, act, func(a actionEntry, x string) int {
		return wildcard.Compare(a.name(len(e.prefix)), x)
	})
	if !ok {
		return nil, nil, nil
	}
	return e, d, &d.actions[i]
}

// ServicePrefixes lists every service prefix of the catalog, sorted.
func ServicePrefixes() []string {
	return slices.Clone(actionTable().prefixes)
}

// HasService reports whether prefix names a service of the catalog,
// compared without regard to case.
func HasService(prefix string) bool {
	return actionTable().service(prefix) != nil
}

// Service describes the service of prefix (any case).
func Service(prefix string) (ServiceInfo, bool) {
	t := actionTable()
	e := t.service(prefix)
	if e == nil {
		return ServiceInfo{}, false
	}
	d := t.load(e)
	return ServiceInfo{
		Prefix:        e.prefix,
		Name:          e.name,
		Actions:       e.actions,
		ResourceTypes: slices.Clone(d.resources),
		ConditionKeys: slices.Clone(d.condKeys),
	}, true
}

// LookupAction returns the canonical spelling of an action named in any
// case, as IAM matches action names: "S3:getobject" → "s3:GetObject". It
// reports false for an unknown action and for a pattern.
func LookupAction(name string) (canonical string, ok bool) {
	_, _, a := actionTable().action(name)
	if a == nil {
		return "", false
	}
	return a.full, true
}

// Action describes the action name (any case).
func Action(name string) (ActionInfo, bool) {
	t := actionTable()
	_, d, a := t.action(name)
	if a == nil {
		return ActionInfo{}, false
	}
	info := ActionInfo{Name: a.full, AccessLevel: t.levels[a.level]}
	if a.ckStart > a.rtStart {
		info.ResourceTypes = make([]string, 0, a.ckStart-a.rtStart)
		for _, i := range d.indices[a.rtStart:a.ckStart] {
			info.ResourceTypes = append(info.ResourceTypes, d.resources[i].Name)
		}
	}
	if a.ckEnd > a.ckStart {
		info.ConditionKeys = make([]string, 0, a.ckEnd-a.ckStart)
		for _, i := range d.indices[a.ckStart:a.ckEnd] {
			info.ConditionKeys = append(info.ConditionKeys, d.condKeys[i].Name)
		}
	}
	return info, true
}

// MatchActions returns the canonical names of the actions that pattern
// matches, sorted. Patterns use IAM's wildcards, '*' for any run of
// characters and '?' for one, and match without regard to case: "s3:Get*",
// "s3:*Object?", "*". A pattern without wildcards matches its one action.
// A pattern that matches nothing gives nil.
func MatchActions(pattern string) []string {
	var out []string
	for full := range actionTable().matches(pattern) {
		out = append(out, full)
	}
	slices.Sort(out)
	return out
}

// MatchesAnyAction reports whether pattern (as for MatchActions) matches
// at least one action. It stops at the first match and allocates nothing:
// a validator's check of "*" or "s3:*" costs next to nothing.
func MatchesAnyAction(pattern string) bool {
	for range actionTable().matches(pattern) {
		return true
	}
	return false
}

// matches yields the canonical names of the actions pattern matches, in
// the catalog's order (services by prefix, actions case folded).
func (t *actionIndex) matches(pattern string) iter.Seq[string] {
	return func(yield func(string) bool) {
		if !wildcard.Has(pattern) {
			if _, _, a := t.action(pattern); a != nil {
				yield(a.full)
			}
			return
		}
		prefix, act, ok := strings.Cut(pattern, ":")
		switch {
		case !ok:
			// No colon: the pattern runs over whole names ("*", "s3*").
			for i := range t.services {
				e := &t.services[i]
				if !couldMatchPrefix(pattern, e.prefix) {
					continue
				}
				for _, a := range t.load(e).actions {
					if wildcard.Match(pattern, a.full) && !yield(a.full) {
						return
					}
				}
			}
		case !wildcard.Has(prefix):
			if e := t.service(prefix); e != nil {
				matchIn(e, t.load(e), act, yield)
			}
		default:
			for i := range t.services {
				e := &t.services[i]
				if wildcard.Match(prefix, e.prefix) && !matchIn(e, t.load(e), act, yield) {
					return
				}
			}
		}
	}
}

// matchIn yields the actions of a service whose names (without prefix)
// match act; it reports false when yield asked to stop.
func matchIn(e *serviceEntry, d *serviceData, act string, yield func(string) bool) bool {
	plen := len(e.prefix)
	for _, a := range d.actions {
		if (act == "*" || wildcard.Match(act, a.name(plen))) && !yield(a.full) {
			return false
		}
	}
	return true
}

// couldMatchPrefix reports whether a colon-free pattern can match names
// of the service prefix: its text up to the first '*' must fit the start
// of "PREFIX:" ('?' standing for the colon, say).
func couldMatchPrefix(pattern, prefix string) bool {
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '*' || i > len(prefix):
			return true
		case c == '?':
		case i == len(prefix):
			return false // a literal where the colon must be
		case wildcard.Fold(c) != wildcard.Fold(prefix[i]):
			return false
		}
	}
	return false
}
