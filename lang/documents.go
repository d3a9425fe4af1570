package lang

import (
	"errors"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/policy"
)

// docSource is where a block gives a policy document: a document-style
// attribute (document, assume_role_policy) or statement blocks in body.
type docSource struct {
	block  hcl.Range       // the block that declares the document
	attr   *hcl.Attribute  // document = ..., nil when absent
	body   hcl.Body        // what holds the statement blocks (own attributes hidden)
	schema *hcl.BodySchema // the block's own schema, for did-you-mean on leftovers
	kind   policy.Kind
	what   string // "The policy's document", for messages
	// attrName and blockName name the two forms in messages.
	attrName, blockName string
	trustBlock          bool            // a trust block: statement blocks are the only form
	ignore              map[string]bool // codes silenced by the enclosing blocks
}

// document decodes and validates a policy document given either as an
// attribute or as statement blocks (exactly one of the two). It returns
// nil when there is no usable document (an error was reported).
func (ev *evaluator) document(src docSource, ctx *hcl.EvalContext) *policy.Document {
	var stmts int
	rest := src.body
	if rest != nil {
		peek, r, _ := rest.PartialContent(statementPeek)
		stmts, rest = len(peek.Blocks), r
	}
	switch {
	case src.attr != nil && stmts > 0:
		ev.leftovers(rest, src.schema)
		ev.errorf(src.attr.NameRange, "Both "+src.attrName+" and "+src.blockName,
			"Give the document either as %s or as %s = ..., not both.", src.blockName, src.attrName)
		return nil
	case src.attr == nil && stmts == 0:
		ev.leftovers(rest, src.schema)
		if src.trustBlock {
			ev.errorf(src.block, "Missing policy document", "The trust block holds no statement block: write the statements of the role's trust policy in it.")
			return nil
		}
		ev.errorf(src.block, "Missing policy document",
			"%s is missing: write %s, or %s = jsonencode({...}) or file(\"....json\").", src.what, src.blockName, src.attrName)
		return nil
	case src.attr != nil:
		ev.leftovers(rest, src.schema)
		return ev.jsonDocument(src, ctx)
	}
	doc, sm, remain, diags := policy.DecodeHCL(src.body, ctx, src.kind)
	ev.add(diags)
	ev.leftovers(remain, src.schema)
	if diags.HasErrors() || sm.HasUnknown() {
		ev.problems(policy.Validate(doc, src.kind), src, sm, nil)
		return nil
	}
	if ev.problems(policy.Validate(doc, src.kind), src, sm, nil) {
		return nil
	}
	ev.l.places.add(doc, &docPlace{sm: sm, block: src.block})
	return doc
}

// leftovers reports what remains of a body after every decoder took its
// part: arguments and blocks that belong to nobody, with a did-you-mean
// over everything the block may hold.
func (ev *evaluator) leftovers(body hcl.Body, schema *hcl.BodySchema) {
	if body == nil {
		return
	}
	_, diags := body.Content(withStatement(schema))
	ev.add(diags)
}

// jsonDocument evaluates a document attribute: a JSON string
// (jsonencode(...), file(...)) or an object, which is encoded to JSON.
func (ev *evaluator) jsonDocument(src docSource, ctx *hcl.EvalContext) *policy.Document {
	expr := src.attr.Expr
	v, ok := ev.value(expr, ctx)
	if !ok {
		return nil
	}
	var text []byte
	ty := v.Type()
	switch {
	case v.IsNull():
		ev.errorf(expr.Range(), "Invalid policy document", "%s is null; give a JSON document: jsonencode({...}) or file(\"....json\").", src.what)
		return nil
	case ty == cty.String:
		// A byte order mark, as some editors and AWS's console tools
		// write at the start of a JSON file, is not part of the document.
		text = []byte(strings.TrimPrefix(v.AsString(), "\uFEFF"))
	case ty.IsObjectType() || ty.IsMapType():
		var err error
		if text, err = ctyjson.Marshal(v, ty); err != nil {
			ev.errorf(expr.Range(), "Invalid policy document", "%s cannot be written as JSON: %v.", src.what, err)
			return nil
		}
	default:
		ev.errorf(expr.Range(), "Invalid policy document", "%s must be a JSON string (jsonencode({...}) or file(\"....json\")), not %s.", src.what, ty.FriendlyName())
		return nil
	}
	doc, err := policy.ParseJSON(text)
	if err != nil {
		loc := ev.l.locator(expr, ctx, text)
		ev.parseError(err, loc)
		ev.keepFile(loc)
		return nil
	}
	ps := policy.Validate(doc, src.kind)
	ev.l.places.add(doc, &docPlace{attr: ev.l.attrPlace(expr, ctx, text), block: src.block})
	if len(ps) == 0 {
		return doc
	}
	loc := ev.l.locator(expr, ctx, text)
	failed := ev.problems(ps, src, nil, loc)
	ev.keepFile(loc)
	if failed {
		return nil
	}
	return doc
}

// parseError reports a document that policy.ParseJSON cannot read: at the
// element its path names, or, for JSON that is not valid, at the
// offending character, with its line and column in the document.
func (ev *evaluator) parseError(err error, loc *docLocator) {
	var pe *policy.ParseError
	if errors.As(err, &pe) && pe.Path != "" {
		ev.errorf(loc.pathRange(pe.Path), "Invalid policy document", "At %s: %s.%s", pe.Path, strings.TrimSuffix(pe.Msg, "."), loc.fileNote())
		return
	}
	rng := loc.expr.Range()
	if msg, off, ok := jsonSyntaxError(loc.text); ok {
		if r, ok := loc.offsetRange(off); ok {
			rng = r
		}
		line, col := textPos(loc.text, off)
		ev.errorf(rng, "Invalid policy document", "The document is not valid JSON: %s, at line %d, column %d of the document.%s", msg, line, col, loc.fileNote())
		return
	}
	ev.errorf(rng, "Invalid policy document", "%s.%s", english.Capitalize(strings.TrimSuffix(err.Error(), ".")), loc.fileNote())
}

// problems turns Validate's problems into diagnostics: at the range the
// source map gives for statement blocks, at the attribute's expression
// with the JSON path in the detail for a document attribute. Warnings
// silenced by the statement or an enclosing block are dropped. It reports
// whether there was an error.
func (ev *evaluator) problems(ps []policy.Problem, src docSource, sm *policy.SourceMap, loc *docLocator) bool {
	failed := false
	for _, p := range ps {
		sev := hcl.DiagError
		if p.Severity == policy.Warning {
			sev = hcl.DiagWarning
			if src.ignore[p.Code] || sm.Suppressed(statementIndex(p.Path), p.Code) {
				continue
			}
		} else {
			failed = true
		}
		d := &hcl.Diagnostic{Severity: sev, Summary: p.Summary, Detail: p.Detail}
		if sm != nil {
			r, ok := sm.Range(p.Path)
			if !ok {
				r = src.block
			}
			d.Subject = r.Ptr()
		} else {
			d.Subject = loc.pathRange(p.Path).Ptr()
			if p.Path != "" {
				d.Detail = "At " + p.Path + ": " + p.Detail
			}
			d.Detail += loc.fileNote()
		}
		if sev == hcl.DiagWarning {
			d.Detail += " (Silence it with ignore_warnings = [\"" + p.Code + "\"].)"
		}
		ev.add(hcl.Diagnostics{d})
	}
	return failed
}

// statementIndex returns i of a path "Statement[i]...", or -1.
func statementIndex(path string) int {
	rest, ok := strings.CutPrefix(path, "Statement[")
	if !ok {
		return -1
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return -1
	}
	i, err := strconv.Atoi(rest[:end])
	if err != nil {
		return -1
	}
	return i
}
