package awsiam

import (
	"sort"
	"strings"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// recentWindow is how long after a create or removal a failure may still
// be IAM's eventual consistency rather than a real one.
const recentWindow = 10 * time.Minute

// recentLog is what this provider created and removed, by key: an
// address's kind and folded name ("user/tyler"), or an ARN. It is guarded
// by Provider.mu.
type recentLog struct {
	created map[string]time.Time
	removed map[string]time.Time
}

func addrKey(a model.Address) string { return string(a.Kind) + "/" + model.Fold(a.Name) }

// kindKey stands for "some entity of this kind was deleted", which frees
// room under an account quota.
func kindKey(k model.Kind) string { return string(k) + "/*" }

// noteDone records what a successful op created or removed (op.Facts):
// a create makes its entity and its ARN (arn, or the one guessed from the
// account id when the create's answer was lost); a rename makes the new
// name; a delete removes the entity and frees room under the account's
// quota of its kind; an op that frees room under a cap of its target
// (a detach, an untag, ...) removes from the target.
func (p *Provider) noteDone(o op.Op, arn string) {
	now := time.Now()
	f := op.Describe(o)
	var created, removed []string
	if f.Creates.Name != "" {
		created = append(created, addrKey(f.Creates))
		if arn == "" {
			arn = p.guessARN(o)
		}
		if arn != "" {
			created = append(created, arn)
		}
	}
	if f.RenamedTo.Name != "" {
		created = append(created, addrKey(f.RenamedTo))
	}
	if f.Deletes.Name != "" {
		removed = append(removed, addrKey(f.Deletes), kindKey(f.Deletes.Kind))
	}
	if f.Frees {
		removed = append(removed, addrKey(o.Target()))
	}
	if len(created) == 0 && len(removed) == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.recent.created == nil {
		p.recent.created = map[string]time.Time{}
		p.recent.removed = map[string]time.Time{}
	}
	for _, k := range created {
		p.recent.created[k] = now
	}
	for _, k := range removed {
		p.recent.removed[k] = now
	}
}

// guessARN builds a created entity's ARN when the create's answer was lost,
// from the account id Identity found.
func (p *Provider) guessARN(o op.Op) string {
	p.mu.Lock()
	id := p.ident
	p.mu.Unlock()
	if id == nil || id.Account == "" {
		return ""
	}
	return op.CreatedARN(o, id.Account)
}

// refs are the keys of the entities an op names: its target and the
// group, policy or boundary it refers to.
func refs(o op.Op) []string {
	f := op.Describe(o)
	out := []string{addrKey(o.Target())}
	for _, a := range f.Names {
		out = append(out, addrKey(a))
	}
	return append(out, f.PolicyARNs...)
}

// consistencyReason says what Do waits for when perr may be IAM's
// eventual consistency ("user.tyler to become visible"), or "" when it is
// a real failure.
func (p *Provider) consistencyReason(o op.Op, perr *provider.Error) string {
	switch perr.Code {
	case provider.Unmodifiable:
		return o.Target().String() + " to become modifiable"
	case provider.ConcurrentModification:
		return "a concurrent change to " + o.Target().String() + " to finish"
	case provider.NotFound:
		keys := refs(o)
		// IAM's message names the entity it misses ("The group with name
		// g cannot be found."): when it names one of the op's, only that
		// one matters.
		var named []string
		for _, k := range keys {
			if mentions(perr.Message, keyName(k)) {
				named = append(named, k)
			}
		}
		if len(named) > 0 {
			keys = named
		}
		if names := p.recentlyCreated(keys); len(names) > 0 {
			return strings.Join(names, ", ") + " to become visible after its create"
		}
	case provider.Malformed:
		if !strings.Contains(strings.ToLower(perr.Message), "invalid principal") {
			return ""
		}
		doc := op.Describe(o).Trust
		if doc == "" {
			return ""
		}
		if names := p.createdPrincipals(doc); len(names) > 0 {
			return strings.Join(names, ", ") + " to become visible as a principal"
		}
	case provider.LimitExceeded:
		keys := []string{addrKey(o.Target())}
		if c := op.Describe(o).Creates; c.Name != "" {
			keys = append(keys, kindKey(c.Kind))
		}
		if p.recentlyRemoved(keys) {
			return "a removal from " + o.Target().String() + " to take effect"
		}
	}
	return ""
}

// recentlyCreated returns the keys among keys that this provider created
// within recentWindow, as readable names.
func (p *Provider) recentlyCreated(keys []string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, k := range keys {
		if t, ok := p.recent.created[k]; ok && time.Since(t) < recentWindow {
			out = append(out, readableKey(k))
		}
	}
	return out
}

func (p *Provider) recentlyRemoved(keys []string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, k := range keys {
		if t, ok := p.recent.removed[k]; ok && time.Since(t) < recentWindow {
			return true
		}
	}
	return false
}

// createdPrincipals returns the users and roles this provider created
// recently whose ARNs the document names.
func (p *Provider) createdPrincipals(doc string) []string {
	doc = strings.ReplaceAll(doc, `\/`, `/`) // JSON may escape slashes
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for k, t := range p.recent.created {
		if !strings.HasPrefix(k, "arn:") || time.Since(t) >= recentWindow {
			continue
		}
		a, err := model.ParseEntityARN(k)
		if err != nil || (a.Resource != "user" && a.Resource != "role") {
			continue
		}
		if strings.Contains(doc, `"`+k+`"`) {
			out = append(out, a.Resource+"."+a.Name)
		}
	}
	sort.Strings(out)
	return out
}

// keyName is the name or ARN a key stands for, as messages write it.
func keyName(k string) string {
	if strings.HasPrefix(k, "arn:") {
		return k
	}
	_, name, _ := strings.Cut(k, "/")
	return name
}

// mentions reports whether msg names name as a whole word, compared
// without regard to case: not as part of a longer name.
func mentions(msg, name string) bool {
	if name == "" {
		return false
	}
	m, n := strings.ToLower(msg), strings.ToLower(name)
	for i := 0; ; {
		j := strings.Index(m[i:], n)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(n)
		before := start == 0 || !isNameByte(m[start-1])
		after := end == len(m) || !isNameByte(m[end]) ||
			(m[end] == '.' && (end+1 == len(m) || m[end+1] == ' ')) // "... name tyler."
		if before && after {
			return true
		}
		i = start + 1
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("+=,.@_-/:", c) >= 0
}

// readableKey turns "user/tyler" into "user.tyler" and an ARN into the
// address it names.
func readableKey(k string) string {
	if strings.HasPrefix(k, "arn:") {
		if a, err := model.ParseEntityARN(k); err == nil {
			return a.Resource + "." + a.Name
		}
		return k
	}
	return strings.Replace(k, "/", ".", 1)
}
