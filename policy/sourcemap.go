package policy

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// SourceMap maps the JSON paths of a document decoded from HCL
// (Problem.Path) to the HCL ranges they came from: a list element's own
// expression when the list is written literally, else the attribute's
// expression; a principal or condition to its block's attributes; the
// statement block's definition for the statement as a whole. It also
// holds each statement's ignore_warnings.
//
// It is kept as ranges per statement and element rather than as a map of
// path strings, so that decoding thousands of documents builds no paths:
// only Range, on the error path, parses one.
type SourceMap struct {
	body    hcl.Range // where a missing statement would go
	stmts   []*stmtSource
	unknown bool
}

// stmtSource holds the ranges of one statement block.
type stmtSource struct {
	block        hcl.Range
	fields       [len(listFields)]listSource
	principal    principalSource
	notPrincipal principalSource
	condition    map[string]*opSource // by operator
	ignore       []string
}

// listFields are the statement's attributes in the JSON model, in the
// order of stmtSource.fields.
var listFields = [...]string{"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource"}

const (
	fieldSid = iota
	fieldEffect
	fieldAction
	fieldNotAction
	fieldResource
	fieldNotResource
)

// listSource is an attribute's expression and, when it is a literal list,
// its elements' expressions.
type listSource struct {
	set   bool
	expr  hcl.Range
	elems []hcl.Range
}

// rangeOf is the range of sub, "" for the whole or "[j]" for element j.
func (l *listSource) rangeOf(sub string) hcl.Range {
	if j, ok := parseIndex(sub); ok && j < len(l.elems) {
		return l.elems[j]
	}
	return l.expr
}

// principalSource holds the principals (or not_principals) blocks of a
// statement: the first block, and per principal type the type's
// expression (expr) and its identifiers' expressions (elems).
type principalSource struct {
	set   bool
	block hcl.Range
	types map[string]*listSource
}

// opSource holds the condition blocks of one operator: the first test
// expression and, per condition key, the first variable expression
// (expr) and the values' expressions (elems).
type opSource struct {
	test hcl.Range
	keys map[string]*listSource
}

// Range returns the range that path (a Problem.Path) came from: that of
// the longest recorded prefix of path, at least the body the statements
// were decoded from. It reports false only for a nil map.
func (m *SourceMap) Range(path string) (hcl.Range, bool) {
	if m == nil {
		return hcl.Range{}, false
	}
	rest, ok := strings.CutPrefix(path, "Statement[")
	if !ok {
		return m.body, true
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return m.body, true
	}
	i, err := strconv.Atoi(rest[:end])
	if err != nil || i < 0 || i >= len(m.stmts) {
		return m.body, true
	}
	s := m.stmts[i]
	rest, ok = strings.CutPrefix(rest[end+1:], ".")
	if !ok {
		return s.block, true
	}
	name, sub := rest, ""
	if k := strings.IndexAny(rest, ".["); k >= 0 {
		name, sub = rest[:k], rest[k:]
	}
	switch name {
	case "Principal", "NotPrincipal":
		p := &s.principal
		if name == "NotPrincipal" {
			p = &s.notPrincipal
		}
		if !p.set {
			return s.block, true
		}
		typ, ok := strings.CutPrefix(sub, ".")
		if !ok {
			return p.block, true
		}
		idx := ""
		if k := strings.IndexByte(typ, '['); k >= 0 {
			typ, idx = typ[:k], typ[k:]
		}
		if l := p.types[typ]; l != nil {
			return l.rangeOf(idx), true
		}
		return p.block, true
	case "Condition":
		op, key, _ := strings.Cut(strings.TrimPrefix(sub, "."), ".")
		o := s.condition[op]
		if o == nil {
			return s.block, true
		}
		if key == "" {
			return o.test, true
		}
		if l := o.keys[key]; l != nil {
			return l.expr, true
		}
		if k := strings.LastIndexByte(key, '['); k >= 0 {
			if l := o.keys[key[:k]]; l != nil {
				return l.rangeOf(key[k:]), true
			}
		}
		return o.test, true
	}
	if f := slices.Index(listFields[:], name); f >= 0 && s.fields[f].set {
		return s.fields[f].rangeOf(sub), true
	}
	return s.block, true
}

// Suppressed reports whether statement i silenced the warning code with
// its ignore_warnings attribute.
func (m *SourceMap) Suppressed(statement int, code string) bool {
	if m == nil || statement < 0 || statement >= len(m.stmts) {
		return false
	}
	return slices.Contains(m.stmts[statement].ignore, code)
}

// HasUnknown reports whether some value of the document was unknown when
// it was decoded (a reference to what only the account tells, during
// validate). Validate skips such values; such a document must not be
// sent to AWS.
func (m *SourceMap) HasUnknown() bool { return m != nil && m.unknown }

// parseIndex reads "[j]".
func parseIndex(s string) (int, bool) {
	if len(s) < 3 || s[0] != '[' || s[len(s)-1] != ']' {
		return 0, false
	}
	j, err := strconv.Atoi(s[1 : len(s)-1])
	return j, err == nil && j >= 0
}
