package lang

import (
	"strconv"
	"sync"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// places records where each compiled policy document of the
// configuration is declared, so that an answer of the access evaluator,
// which names a document and a statement's index, is shown at that
// statement's file, line and column.
type places struct {
	mu sync.Mutex
	by map[*policy.Document]*docPlace
}

// docPlace is where one document's statements are: statement blocks
// (their source map), or a document attribute (its locator, which finds
// a statement in the JSON text, a heredoc or a file() lazily).
type docPlace struct {
	sm    *policy.SourceMap
	loc   *docLocator
	block hcl.Range // the declaring block, when nothing finer is known
}

func (p *places) add(doc *policy.Document, place *docPlace) {
	if doc == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.by == nil {
		p.by = map[*policy.Document]*docPlace{}
	}
	p.by[doc] = place
}

// StatementRange returns where statement index (from 0) of a document of
// the configuration is declared: its statement block, or its place in a
// JSON document; false for a document the configuration does not hold
// (an AWS managed policy).
func (c *Config) StatementRange(doc *policy.Document, index int) (hcl.Range, bool) {
	if c == nil || c.places == nil {
		return hcl.Range{}, false
	}
	c.places.mu.Lock()
	place := c.places.by[doc]
	c.places.mu.Unlock()
	if place == nil {
		return hcl.Range{}, false
	}
	path := "Statement[" + strconv.Itoa(index) + "]"
	if place.sm != nil {
		if r, ok := place.sm.Range(path); ok {
			return r, true
		}
		return place.block, true
	}
	if place.loc != nil {
		c.places.mu.Lock()
		defer c.places.mu.Unlock()
		return place.loc.pathRange(path), true
	}
	return place.block, true
}

// addresses maps every valid instance's configuration address to its
// address by IAM name.
func (l *loader) addresses() map[string]model.Address {
	out := map[string]model.Address{}
	for k := range numKinds {
		for _, e := range l.entityOrder[k] {
			for _, in := range e.instances {
				if in.valid {
					out[in.addr()] = model.Address{Kind: k.model(), Name: in.name}
				}
			}
		}
	}
	return out
}

// ResolveAddress returns the IAM address of an entity named as the
// configuration writes it (user.dev["alice"]); an address by IAM name
// that no block's label spells is returned as it is when the entity is
// declared.
func (c *Config) ResolveAddress(s string) (model.Address, bool) {
	if c == nil {
		return model.Address{}, false
	}
	if a, ok := c.Addresses[s]; ok {
		return a, true
	}
	a, err := model.ParseAddress(s)
	if err != nil {
		return model.Address{}, false
	}
	if _, ok := c.Declarations[a.Key()]; ok {
		for _, x := range c.Addresses {
			if x.Key() == a.Key() {
				return x, true
			}
		}
	}
	return model.Address{}, false
}
