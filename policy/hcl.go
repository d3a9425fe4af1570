package policy

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/internal/spell"
)

// The HCL statement form: a policy, inline_policy or trust block holds
// statement blocks (DESIGN.md section 3).
var (
	policyBodySchema = &hcl.BodySchema{
		Blocks: []hcl.BlockHeaderSchema{{Type: "statement"}},
	}
	statementSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "sid"}, {Name: "effect"},
			{Name: "actions"}, {Name: "not_actions"},
			{Name: "resources"}, {Name: "not_resources"},
			{Name: "ignore_warnings"},
		},
		Blocks: []hcl.BlockHeaderSchema{{Type: "principals"}, {Type: "not_principals"}, {Type: "condition"}},
	}
	principalsSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "type", Required: true}, {Name: "identifiers", Required: true}},
	}
	conditionSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{
			{Name: "test", Required: true}, {Name: "variable", Required: true}, {Name: "values", Required: true},
		},
	}
)

// DecodeHCL decodes the statement blocks of body (the body of a policy,
// inline_policy or trust block, after its owner took its own attributes
// with PartialContent) into a document of Version 2012-10-17, with the
// SourceMap that leads its paths back to the source. It too uses
// PartialContent and returns the rest of body, so that the caller reports
// attributes that belong to neither; its diagnostics are those of the
// statement blocks: unknown arguments, wrong types, and ignore_warnings
// codes that do not apply to kind. What IAM's grammar says of the decoded
// document is for Validate.
//
// Attributes are evaluated in ctx. A list may be any expression
// (concat(...)); when it is written literally, each element is evaluated
// on its own and keeps its range. A null attribute counts as absent. An
// unknown value (cty's, as account.id is during validate) is kept as a
// placeholder that Validate skips, and the map's HasUnknown says so.
func DecodeHCL(body hcl.Body, ctx *hcl.EvalContext, kind Kind) (*Document, *SourceMap, hcl.Body, hcl.Diagnostics) {
	content, remain, diags := body.PartialContent(policyBodySchema)
	d := &Document{Version: Version2012, Statements: make([]Statement, 0, len(content.Blocks))}
	m := &SourceMap{body: body.MissingItemRange(), stmts: make([]*stmtSource, 0, len(content.Blocks))}
	dec := decoder{ctx: ctx, kind: kind, m: m}
	for _, b := range content.Blocks {
		s, src := dec.statement(b)
		d.Statements = append(d.Statements, s)
		m.stmts = append(m.stmts, src)
	}
	return d, m, remain, append(diags, dec.diags...)
}

// decoder decodes the statements of one body.
type decoder struct {
	ctx   *hcl.EvalContext
	kind  Kind
	m     *SourceMap
	diags hcl.Diagnostics
}

// How a list's elements may be typed: strings only, or (condition values)
// also numbers and booleans, which IAM reads as strings.
const (
	stringsOnly = false
	scalars     = true
)

func (dec *decoder) statement(b *hcl.Block) (Statement, *stmtSource) {
	s := Statement{Effect: "Allow"}
	src := &stmtSource{block: b.DefRange}
	content, diags := b.Body.Content(statementSchema)
	dec.diags = append(dec.diags, diags...)
	attrs := content.Attributes
	if a := attrs["sid"]; a != nil {
		if v, ok := dec.str(a, &src.fields[fieldSid]); ok {
			s.Sid = v
		}
	}
	if a := attrs["effect"]; a != nil {
		if v, ok := dec.str(a, &src.fields[fieldEffect]); ok {
			s.Effect = v
		}
	}
	s.Action = dec.attrList(attrs["actions"], &src.fields[fieldAction])
	s.NotAction = dec.attrList(attrs["not_actions"], &src.fields[fieldNotAction])
	s.Resource = dec.attrList(attrs["resources"], &src.fields[fieldResource])
	s.NotResource = dec.attrList(attrs["not_resources"], &src.fields[fieldNotResource])
	if a := attrs["ignore_warnings"]; a != nil {
		src.ignore = dec.ignoreWarnings(a)
	}
	for _, blk := range content.Blocks {
		switch blk.Type {
		case "principals":
			s.Principal = dec.principals(blk, s.Principal, &src.principal)
		case "not_principals":
			s.NotPrincipal = dec.principals(blk, s.NotPrincipal, &src.notPrincipal)
		case "condition":
			s.Condition = dec.condition(blk, s.Condition, src)
		}
	}
	return s, src
}

// principals adds a principals (or not_principals) block to p.
func (dec *decoder) principals(b *hcl.Block, p *Principal, src *principalSource) *Principal {
	content, diags := b.Body.Content(principalsSchema)
	dec.diags = append(dec.diags, diags...)
	if !src.set {
		src.set, src.block = true, b.DefRange
	}
	if p == nil {
		p = &Principal{}
	}
	typeAttr, idsAttr := content.Attributes["type"], content.Attributes["identifiers"]
	if typeAttr == nil || idsAttr == nil {
		return unknownPrincipal(p)
	}
	var typeSrc listSource
	typ, ok := dec.str(typeAttr, &typeSrc)
	if !ok {
		dec.nullError(typeAttr, "a principal type")
		return unknownPrincipal(p)
	}
	if src.types == nil {
		src.types = map[string]*listSource{}
	}
	l := src.types[typ]
	if l == nil {
		l = &typeSrc
		src.types[typ] = l
	}
	if typ == "*" {
		return dec.wildcardPrincipal(p, idsAttr, typeAttr, l)
	}
	if p.Wildcard {
		dec.errorAt(typeAttr.Expr, "Principal \"*\" stands alone",
			"A statement whose principals include type \"*\" (everyone) cannot list other principals as well; remove one of them.")
		return p
	}
	ids := dec.list(idsAttr, l, stringsOnly)
	if ids == nil {
		dec.nullError(idsAttr, "a list of identifiers")
		return unknownPrincipal(p)
	}
	if p.Entries == nil {
		p.Entries = map[string][]string{}
	}
	p.Entries[typ] = append(p.Entries[typ], ids...)
	return p
}

// unknownPrincipal adds to p a principal that stands for one that could
// not be decoded (a diagnostic says why), so that Validate does not add
// that the principal is empty or missing.
func unknownPrincipal(p *Principal) *Principal {
	if p.Entries == nil {
		p.Entries = map[string][]string{}
	}
	p.Entries[unknownValue] = []string{unknownValue}
	return p
}

// wildcardPrincipal decodes a principals block of type "*", which stands
// for Principal "*" and takes identifiers = ["*"].
func (dec *decoder) wildcardPrincipal(p *Principal, idsAttr, typeAttr *hcl.Attribute, l *listSource) *Principal {
	if len(p.Entries) > 0 {
		dec.errorAt(typeAttr.Expr, "Principal \"*\" stands alone",
			"A statement whose principals include type \"*\" (everyone) cannot list other principals as well; remove one of them.")
		return p
	}
	ids := dec.list(idsAttr, l, stringsOnly)
	for _, id := range ids {
		if id != "*" && !isUnknown(id) {
			dec.errorAt(idsAttr.Expr, "Invalid identifiers for principal type \"*\"",
				"A principal of type \"*\" (everyone) takes identifiers = [\"*\"].")
			return p
		}
	}
	p.Wildcard = true
	return p
}

// condition adds a condition block to c; blocks with the same test and
// variable merge their values.
func (dec *decoder) condition(b *hcl.Block, c Conditions, src *stmtSource) Conditions {
	content, diags := b.Body.Content(conditionSchema)
	dec.diags = append(dec.diags, diags...)
	testAttr, varAttr, valAttr := content.Attributes["test"], content.Attributes["variable"], content.Attributes["values"]
	if c == nil {
		c = Conditions{}
	}
	// A condition that cannot be decoded (a diagnostic says why) is kept
	// as an unknown one, so that Validate does not take the statement for
	// one without a condition.
	unknown := func() Conditions {
		c[unknownValue] = map[string][]string{unknownValue: {unknownValue}}
		return c
	}
	if testAttr == nil || varAttr == nil || valAttr == nil {
		return unknown()
	}
	var testSrc, varSrc listSource
	test, ok1 := dec.str(testAttr, &testSrc)
	variable, ok2 := dec.str(varAttr, &varSrc)
	if !ok1 {
		dec.nullError(testAttr, "a condition operator")
	}
	if !ok2 {
		dec.nullError(varAttr, "a condition key")
	}
	if !ok1 || !ok2 {
		return unknown()
	}
	if src.condition == nil {
		src.condition = map[string]*opSource{}
	}
	o := src.condition[test]
	if o == nil {
		o = &opSource{test: testSrc.expr, keys: map[string]*listSource{}}
		src.condition[test] = o
	}
	l := o.keys[variable]
	if l == nil {
		l = &varSrc
		o.keys[variable] = l
	}
	values := dec.list(valAttr, l, scalars)
	if values == nil {
		dec.nullError(valAttr, "a list of values")
		return unknown()
	}
	keys := c[test]
	if keys == nil {
		keys = map[string][]string{}
		c[test] = keys
	}
	keys[variable] = append(keys[variable], values...)
	return c
}

// ignoreWarnings decodes ignore_warnings: codes of warnings that can arise
// for the kind of document.
func (dec *decoder) ignoreWarnings(a *hcl.Attribute) []string {
	var src listSource
	codes := dec.list(a, &src, stringsOnly)
	valid := WarningCodes(dec.kind)
	for j, code := range codes {
		if isUnknown(code) || slices.Contains(valid, code) {
			continue
		}
		r := src.rangeOf("[" + strconv.Itoa(j) + "]")
		dec.diags = append(dec.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Unknown warning code",
			Detail: "ignore_warnings takes the codes of warnings that a " + dec.kind.String() + " policy statement can have (" +
				english.JoinQuoted(valid) + "), not " + strconv.Quote(code) + "." + spell.DidYouMean(spell.ClosestString(code, valid, spell.ThirdOfCandidate)),
			Subject:     &r,
			Expression:  a.Expr,
			EvalContext: dec.ctx,
		})
	}
	return codes
}

// str evaluates a string attribute, recording its range in src. It
// reports false for null. A wrong type is a diagnostic, and like an
// unknown value it gives the unknown placeholder, so that Validate adds
// nothing to the diagnostic.
func (dec *decoder) str(a *hcl.Attribute, src *listSource) (string, bool) {
	src.set, src.expr = true, a.Expr.Range()
	v, diags := a.Expr.Value(dec.ctx)
	dec.diags = append(dec.diags, diags...)
	if diags.HasErrors() {
		return unknownValue, true
	}
	v, _ = v.UnmarkDeep()
	switch {
	case !v.IsKnown():
		dec.m.unknown = true
		return unknownValue, true
	case v.IsNull():
		return "", false
	case v.Type() != cty.String:
		dec.typeError(a.Expr, a.Expr, "The value must be a string", v.Type())
		return unknownValue, true
	}
	return dec.text(v.AsString(), a.Expr), true
}

// text returns s, or the unknown placeholder (after a diagnostic) when s
// holds the NUL character, which IAM does not accept and which marks
// unknown values in a decoded document.
func (dec *decoder) text(s string, at hcl.Expression) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	dec.errorAt(at, "Invalid character", "Policy documents cannot hold the NUL character (\\u0000).")
	return unknownValue
}

// attrList is list for an optional attribute: nil when absent or null.
func (dec *decoder) attrList(a *hcl.Attribute, src *listSource) Values {
	if a == nil {
		return nil
	}
	return dec.list(a, src, stringsOnly)
}

// list evaluates a list attribute, recording in src its range (unless src
// already has one: a principal's type, a condition's variable) and each
// element's: the element's own expression when the list is written
// literally, else the attribute's. It returns nil for null. Ranges are
// appended to src.elems, so that blocks that merge (two principals blocks
// of one type) keep their elements' ranges in the merged order.
func (dec *decoder) list(a *hcl.Attribute, src *listSource, kinds bool) Values {
	if !src.set {
		src.set, src.expr = true, a.Expr.Range()
	}
	if exprs, diags := hcl.ExprList(a.Expr); !diags.HasErrors() {
		out := make(Values, 0, len(exprs))
		for _, e := range exprs {
			src.elems = append(src.elems, e.Range())
			v, diags := e.Value(dec.ctx)
			dec.diags = append(dec.diags, diags...)
			if diags.HasErrors() {
				out = append(out, unknownValue)
				continue
			}
			out = append(out, dec.element(v, e, a.Expr, kinds))
		}
		return out
	}
	out := dec.wholeList(a, kinds)
	for range out {
		src.elems = append(src.elems, a.Expr.Range())
	}
	return out
}

// wholeList evaluates a list attribute that is not written literally.
func (dec *decoder) wholeList(a *hcl.Attribute, kinds bool) Values {
	v, diags := a.Expr.Value(dec.ctx)
	dec.diags = append(dec.diags, diags...)
	if diags.HasErrors() {
		return Values{unknownValue}
	}
	v, _ = v.UnmarkDeep()
	switch ty := v.Type(); {
	case !v.IsKnown():
		dec.m.unknown = true
		return Values{unknownValue}
	case v.IsNull():
		return nil
	case !(ty.IsListType() || ty.IsSetType() || ty.IsTupleType()):
		dec.typeError(a.Expr, a.Expr, "The value must be a list", ty)
		return Values{unknownValue}
	}
	out := make(Values, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, dec.element(e, a.Expr, a.Expr, kinds))
	}
	return out
}

// element converts one list element to a string; at is the expression
// its diagnostics point at, within the attribute's expression whole.
func (dec *decoder) element(v cty.Value, at, whole hcl.Expression, kinds bool) string {
	v, _ = v.UnmarkDeep()
	switch ty := v.Type(); {
	case !v.IsKnown():
		dec.m.unknown = true
		return unknownValue
	case v.IsNull():
		dec.errorAt(at, "Null list element", "A list element here must be a string, not null.")
		return unknownValue
	case ty == cty.String:
		return dec.text(v.AsString(), at)
	case kinds == scalars && (ty == cty.Number || ty == cty.Bool):
		s, err := convert.Convert(v, cty.String)
		if err == nil {
			return s.AsString()
		}
		fallthrough
	default:
		want := "Each list element must be a string"
		if kinds == scalars {
			want = "Each list element must be a string, a number or a bool"
		}
		dec.typeError(at, whole, want, ty)
		return unknownValue
	}
}

// typeError reports a value of the wrong type; want is the start of the
// sentence that says what is needed.
func (dec *decoder) typeError(at, whole hcl.Expression, want string, got cty.Type) {
	r := at.Range()
	dec.diags = append(dec.diags, &hcl.Diagnostic{
		Severity:    hcl.DiagError,
		Summary:     "Incorrect value type",
		Detail:      want + ", not " + got.FriendlyName() + ".",
		Subject:     &r,
		Expression:  whole,
		EvalContext: dec.ctx,
	})
}

func (dec *decoder) errorAt(at hcl.Expression, summary, detail string) {
	r := at.Range()
	dec.diags = append(dec.diags, &hcl.Diagnostic{
		Severity:    hcl.DiagError,
		Summary:     summary,
		Detail:      detail,
		Subject:     &r,
		Expression:  at,
		EvalContext: dec.ctx,
	})
}

// nullError reports a required attribute set to null.
func (dec *decoder) nullError(a *hcl.Attribute, want string) {
	dec.errorAt(a.Expr, "Null value", "The argument \""+a.Name+"\" is required: it must be "+want+", not null.")
}
