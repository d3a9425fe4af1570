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
// (their source map), or a document attribute (attr).
type docPlace struct {
	sm    *policy.SourceMap
	attr  *attrPlace
	block hcl.Range // the declaring block, when nothing finer is known
}

// attrPlace is where the statements of a document given as an attribute
// are written: in its JSON text, when the text lies in a heredoc or in
// the file file() read (src), else in the expression (jsonencode({...}),
// an object). It is found as the document compiles and holds ranges and
// the text only: a place keeps neither the expression, part of a syntax
// tree, nor the evaluation context alive, as the configuration's every
// document has one.
type attrPlace struct {
	text []byte
	src  *textSource
	// statements[i] is where the expression writes statement i, and
	// rest where a statement past them is: the deepest part of its path
	// found (documentRange).
	statements []hcl.Range
	rest       hcl.Range
}

// attrPlace finds where the statements of a document given as expr are
// written; text is its JSON text, as parsed.
func (l *loader) attrPlace(expr hcl.Expression, ctx *hcl.EvalContext, text []byte) *attrPlace {
	if src := l.locator(expr, ctx, text).source(); src != nil {
		return &attrPlace{text: text, src: src}
	}
	// Past the statements the expression writes out (an index out of a
	// tuple's range, or past 0 when Statement is no tuple, or any when
	// the path is not found), documentRange stops at the same part;
	// a statement it finds is strictly inside that part.
	p := &attrPlace{rest: documentRange(expr, statementPath(-1))}
	for i := 0; ; i++ {
		r := documentRange(expr, statementPath(i))
		if r == p.rest {
			break
		}
		p.statements = append(p.statements, r)
	}
	return p
}

// statement returns where statement index (from 0) is written.
func (p *attrPlace) statement(index int) hcl.Range {
	if p.src != nil {
		start, end := jsonValueRange(p.text, statementPath(index))
		return p.src.rangeOf(start, end)
	}
	if index >= 0 && index < len(p.statements) {
		return p.statements[index]
	}
	return p.rest
}

func statementPath(index int) string { return "Statement[" + strconv.Itoa(index) + "]" }

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
	if place.sm != nil {
		if r, ok := place.sm.Range(statementPath(index)); ok {
			return r, true
		}
		return place.block, true
	}
	if place.attr != nil {
		return place.attr.statement(index), true
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
