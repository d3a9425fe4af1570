package access

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// Context holds a request's context keys and their values. Keys compare
// without regard to case, as IAM compares them; a key with several values
// is a multivalued key (aws:TagKeys), and a key present with no value is
// an empty set.
type Context map[string][]string

// foldKey folds a context key for comparison.
func foldKey(k string) string { return strings.ToLower(k) }

// The context keys iamc derives for a principal (see principalContext).
const (
	keyUsername         = "aws:username"
	keyUserID           = "aws:userid"
	keyPrincipalArn     = "aws:PrincipalArn"
	keyPrincipalAccount = "aws:PrincipalAccount"
	keyPrincipalType    = "aws:PrincipalType"
	keyPrincipalTag     = "aws:PrincipalTag/"
	keyCurrentTime      = "aws:CurrentTime"
	keyEpochTime        = "aws:EpochTime"
)

// evalContext is the context of one evaluation: the caller's keys and
// the time, folded, over the keys derived from the principal (computed
// once per principal and shared, read-only), and the absent keys that
// the evaluation looked up.
type evalContext struct {
	values  map[string][]string // the caller's keys and the time
	derived map[string][]string // the principal's, unless the caller gave them
	absent  map[string]string   // folded key -> the key as the policy wrote it
	used    map[string]bool     // derived keys looked up
	account string              // the account of the request's principal
	// unresolvedFails makes every comparison with an unresolved policy
	// variable fail, even where the variable's text could not have
	// matched: the differential test's model of how the oracle reads
	// such variables (see knownDifference).
	unresolvedFails bool
}

// newEvalContext puts the caller's keys over the keys iamc derived for
// the principal (derived, folded), and adds the current time unless the
// caller gave it.
func newEvalContext(derived map[string][]string, caller Context, now time.Time, account string) *evalContext {
	c := &evalContext{values: make(map[string][]string, len(caller)+2), derived: derived, account: account}
	c.values[foldKey(keyCurrentTime)] = []string{now.UTC().Format(time.RFC3339)}
	c.values[foldKey(keyEpochTime)] = []string{strconv.FormatInt(now.Unix(), 10)}
	// A caller's key given twice in different cases is one key: its
	// values are merged, in the order of the keys' sorted spellings.
	keys := make([]string, 0, len(caller))
	for k := range caller {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	seen := make(map[string]bool, len(keys))
	for _, k := range keys {
		f := foldKey(k)
		if seen[f] {
			c.values[f] = append(append([]string{}, c.values[f]...), caller[k]...)
			continue
		}
		seen[f] = true
		c.values[f] = caller[k]
	}
	return c
}

// lookup returns the values of the folded key and whether it is present.
func (c *evalContext) lookup(folded string) ([]string, bool) {
	if v, ok := c.values[folded]; ok {
		return v, true
	}
	v, ok := c.derived[folded]
	if ok || derivable(folded) {
		// A derivable key that this principal lacks (a tag, a unique
		// id) is as much the principal's as one it has: another
		// principal with the same policies may have it.
		if c.used == nil {
			c.used = map[string]bool{}
		}
		c.used[folded] = true
	}
	return v, ok
}

// derivable reports whether a folded key is one iamc derives from the
// principal (principalContext), for some principal.
func derivable(folded string) bool {
	switch folded {
	case foldKey(keyUsername), foldKey(keyUserID), foldKey(keyPrincipalArn), foldKey(keyPrincipalAccount), foldKey(keyPrincipalType):
		return true
	}
	return strings.HasPrefix(folded, foldKey(keyPrincipalTag))
}

// principalKeys returns the keys derived from the principal that the
// evaluation looked up, present or absent, sorted.
func (c *evalContext) principalKeys() []string {
	if len(c.used) == 0 {
		return nil
	}
	out := make([]string, 0, len(c.used))
	for k := range c.used {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// missing records an absent key the evaluation depended on.
func (c *evalContext) missing(name string) {
	f := foldKey(name)
	if _, ok := c.absent[f]; ok {
		return
	}
	if c.absent == nil {
		c.absent = map[string]string{}
	}
	c.absent[f] = name
}

// missingKeys returns the recorded absent keys, sorted without regard to
// case.
func (c *evalContext) missingKeys() []string {
	if len(c.absent) == 0 {
		return nil
	}
	out := make([]string, 0, len(c.absent))
	for _, name := range c.absent {
		out = append(out, name)
	}
	sort.Slice(out, func(i, j int) bool {
		fi, fj := foldKey(out[i]), foldKey(out[j])
		if fi != fj {
			return fi < fj
		}
		return out[i] < out[j]
	})
	return out
}

// principalContext returns the context keys iamc knows for a principal,
// folded:
// for a user aws:username, aws:userid (when the account gives its unique
// id), aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType "User"
// and aws:PrincipalTag/KEY for each tag; for a role the same but
// aws:username, with aws:PrincipalType "AssumedRole" (a role acts through
// its sessions), and aws:userid only when the caller gives it, since it
// holds the session's name.
func principalContext(p *principal) map[string][]string {
	c := map[string][]string{}
	set := func(k, v string) { c[foldKey(k)] = []string{v} }
	switch p.kind {
	case KindUser:
		set(keyUsername, p.name)
		if p.id != "" {
			set(keyUserID, p.id)
		}
		set(keyPrincipalType, "User")
	case KindRole:
		set(keyPrincipalType, "AssumedRole")
	default:
		return c
	}
	set(keyPrincipalArn, p.arn)
	if p.account != "" {
		set(keyPrincipalAccount, p.account)
	}
	for k, v := range p.tags {
		set(keyPrincipalTag+k, v)
	}
	return c
}
