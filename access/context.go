package access

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iamc/iamc/model"
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

// evalContext is the context of one evaluation: the keys, folded, and the
// absent keys that the evaluation looked up.
type evalContext struct {
	values  map[string][]string
	absent  map[string]string // folded key -> the key as the policy wrote it
	account string            // the account of the request's principal
	// derived holds the folded keys iamc derived from the principal (and
	// the caller did not override); used records those looked up.
	derived map[string]bool
	used    map[string]string
	// unresolvedFails makes every comparison with an unresolved policy
	// variable fail, even where the variable's text could not have
	// matched: the differential test's model of how the oracle reads
	// such variables (see knownDifference).
	unresolvedFails bool
}

// newEvalContext merges the keys iamc knows for the principal with the
// caller's, the caller's winning, and adds the current time.
func newEvalContext(derived, caller Context, now time.Time, account string) *evalContext {
	c := &evalContext{values: make(map[string][]string, len(derived)+len(caller)+2), account: account}
	c.values[foldKey(keyCurrentTime)] = []string{now.UTC().Format(time.RFC3339)}
	c.values[foldKey(keyEpochTime)] = []string{strconv.FormatInt(now.Unix(), 10)}
	c.derived = make(map[string]bool, len(derived))
	for k, v := range derived {
		c.values[foldKey(k)] = v
		c.derived[foldKey(k)] = true
	}
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
		delete(c.derived, f)
	}
	return c
}

// lookup returns the values of the folded key and whether it is present.
func (c *evalContext) lookup(folded string) ([]string, bool) {
	v, ok := c.values[folded]
	if ok && c.derived[folded] {
		if c.used == nil {
			c.used = map[string]string{}
		}
		c.used[folded] = folded
	}
	return v, ok
}

// principalKeys returns the keys derived from the principal that the
// evaluation looked up, sorted.
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

// principalContext returns the context keys iamc knows for a principal:
// for a user aws:username, aws:userid (when the account gives its unique
// id), aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType "User"
// and aws:PrincipalTag/KEY for each tag; for a role the same but
// aws:username, with aws:PrincipalType "AssumedRole" (a role acts through
// its sessions), and aws:userid only when the caller gives it, since it
// holds the session's name.
func principalContext(p *principal) Context {
	c := Context{}
	switch p.kind {
	case KindUser:
		c[keyUsername] = []string{p.name}
		if p.id != "" {
			c[keyUserID] = []string{p.id}
		}
		c[keyPrincipalType] = []string{"User"}
	case KindRole:
		c[keyPrincipalType] = []string{"AssumedRole"}
	default:
		return c
	}
	c[keyPrincipalArn] = []string{p.arn}
	if p.account != "" {
		c[keyPrincipalAccount] = []string{p.account}
	}
	for k, v := range p.tags {
		c[keyPrincipalTag+k] = []string{v}
	}
	return c
}

// principalARN is the ARN of a user or role: the one the account holds,
// else built from the account id, path and name.
func principalARN(accountID, resource, path, name, arn string) string {
	if arn != "" {
		return arn
	}
	return model.ARN(accountID, resource, path, name)
}
