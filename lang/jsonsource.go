package lang

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/internal/nesting"
)

// docLocator finds where a part of a document given as an attribute is
// written, for a diagnostic about it: in the HCL of jsonencode({...}) or
// of an object (documentRange), at its line inside a heredoc, or in the
// file that file("x.json") reads. It is made when there is something to
// report, and finds the document's source on first use; attrPlace uses
// one to find a compiled document's place, and keeps only what it found.
type docLocator struct {
	l    *loader
	expr hcl.Expression
	ctx  *hcl.EvalContext
	text []byte // the document's JSON text, as parsed

	resolved bool
	src      *textSource // nil when the text's place is not known
	note     string      // for details: where a file()'s document comes from
	file     *hcl.File   // the file file() read, for Config.Files
}

func (l *loader) locator(expr hcl.Expression, ctx *hcl.EvalContext, text []byte) *docLocator {
	return &docLocator{l: l, expr: expr, ctx: ctx, text: text}
}

func (d *docLocator) source() *textSource {
	if !d.resolved {
		d.resolved = true
		if d.src = d.l.heredocSource(d.expr, d.text); d.src == nil {
			d.src, d.note, d.file = d.l.fileSource(d.expr, d.ctx, d.text)
		}
	}
	return d.src
}

// keepFile adds the file a locator read, if any, to the evaluator's
// files, so that diagnostics that point into it can show it.
func (ev *evaluator) keepFile(d *docLocator) {
	if d.file == nil || d.src == nil || ev.l.files[d.src.filename] != nil {
		return
	}
	if ev.files == nil {
		ev.files = map[string]*hcl.File{}
	}
	ev.files[d.src.filename] = d.file
}

// fileNote returns a sentence for details naming the file of a document
// read by file(), "" for other documents.
func (d *docLocator) fileNote() string {
	d.source()
	return d.note
}

// pathRange returns where the element at a JSON path (Statement[1].Action)
// is written: the deepest part of the path found, at worst the whole
// expression.
func (d *docLocator) pathRange(path string) hcl.Range {
	if s := d.source(); s != nil {
		start, end := jsonValueRange(d.text, path)
		return s.rangeOf(start, end)
	}
	return documentRange(d.expr, path)
}

// offsetRange returns where the byte at off of the text is written, and
// whether that is known.
func (d *docLocator) offsetRange(off int) (hcl.Range, bool) {
	s := d.source()
	if s == nil {
		return hcl.Range{}, false
	}
	off = min(max(off, 0), len(d.text))
	return s.rangeOf(off, min(off+1, len(d.text))), true
}

// textSource says where the bytes of a text lie in a file: line by line,
// as a heredoc's lines lose their indentation.
type textSource struct {
	filename string
	src      []byte // the whole file
	// starts[i] is the offset in the text of its line i, and at[i] the
	// offset in src of that line's first byte.
	starts, at []int
}

// srcOffset maps an offset in the text to one in the file.
func (s *textSource) srcOffset(off int) int {
	i := sort.Search(len(s.starts), func(i int) bool { return s.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return min(s.at[i]+off-s.starts[i], len(s.src))
}

// rangeOf returns the file's range of the text's bytes [start, end).
func (s *textSource) rangeOf(start, end int) hcl.Range {
	a := s.srcOffset(start)
	b := a
	if end > start {
		b = s.srcOffset(end-1) + 1
	}
	return hcl.Range{Filename: s.filename, Start: posAt(s.src, a), End: posAt(s.src, min(b, len(s.src)))}
}

// posAt returns the position of byte off of src: its line, and its column
// counted in characters, both from 1.
func posAt(src []byte, off int) hcl.Pos {
	off = min(max(off, 0), len(src))
	line, lineStart := 1+bytes.Count(src[:off], []byte{'\n'}), bytes.LastIndexByte(src[:off], '\n')+1
	return hcl.Pos{Line: line, Column: 1 + utf8.RuneCount(src[lineStart:off]), Byte: off}
}

// heredocSource returns where the text of a heredoc without
// interpolations lies in its file, nil when expr is not one or its lines
// do not match the text (escapes, a template sequence).
func (l *loader) heredocSource(expr hcl.Expression, text []byte) *textSource {
	t, ok := expr.(*hclsyntax.TemplateExpr)
	if !ok {
		return nil
	}
	for _, p := range t.Parts {
		if _, ok := p.(*hclsyntax.LiteralValueExpr); !ok {
			return nil
		}
	}
	rng := t.Range()
	f := l.files[rng.Filename]
	if f == nil || !rng.CanSliceBytes(f.Bytes) {
		return nil
	}
	src := f.Bytes
	head := src[rng.Start.Byte:rng.End.Byte]
	nl := bytes.IndexByte(head, '\n')
	if !bytes.HasPrefix(head, []byte("<<")) || nl < 0 {
		return nil
	}
	s := &textSource{filename: rng.Filename, src: src}
	cur := rng.Start.Byte + nl + 1 // the first line of the heredoc's body
	for start := 0; start < len(text); {
		line, next := text[start:], len(text)
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line, next = line[:i], start+i+1
		}
		if cur >= rng.End.Byte {
			return nil
		}
		srcLine, srcNext := src[cur:rng.End.Byte], rng.End.Byte
		if i := bytes.IndexByte(srcLine, '\n'); i >= 0 {
			srcLine, srcNext = srcLine[:i], cur+i+1
		}
		if !bytes.HasSuffix(line, []byte{'\r'}) {
			srcLine = bytes.TrimSuffix(srcLine, []byte{'\r'})
		}
		// A heredoc's line is its source line, less the indentation
		// that <<- strips.
		if !bytes.HasSuffix(srcLine, line) {
			return nil
		}
		s.starts = append(s.starts, start)
		s.at = append(s.at, cur+len(srcLine)-len(line))
		start, cur = next, srcNext
	}
	if len(s.starts) == 0 {
		return nil
	}
	return s
}

// fileSource returns where the text of file("x.json") lies in x.json, a
// sentence for details that names the file and the call, and the file for
// Config.Files; nil when expr is not such a call or the file no longer
// holds the text.
func (l *loader) fileSource(expr hcl.Expression, ctx *hcl.EvalContext, text []byte) (*textSource, string, *hcl.File) {
	call, ok := expr.(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "file" || len(call.Args) != 1 {
		return nil, "", nil
	}
	v, diags := call.Args[0].Value(ctx)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return nil, "", nil
	}
	name := v.AsString()
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(l.opts.Dir, path)
	}
	data, err := l.src.readOnce(name)
	if err != nil || !bytes.HasSuffix(data, text) {
		return nil, "", nil
	}
	f := l.files[path] // a configuration file read as a document
	if f == nil {
		f = &hcl.File{Bytes: data, Body: hcl.EmptyBody()}
	}
	if !bytes.HasSuffix(f.Bytes, text) {
		return nil, "", nil
	}
	s := &textSource{filename: path, src: f.Bytes, starts: []int{0}, at: []int{len(f.Bytes) - len(text)}}
	return s, fmt.Sprintf(" (The document is %s, read by file() at %s.)", name, at(call.Range())), f
}

// jsonSyntaxError returns encoding/json's account of why text is not JSON
// (without its byte offset) and the offset of the offending byte; ok is
// false when text is JSON.
func jsonSyntaxError(text []byte) (msg string, off int, ok bool) {
	if p := nesting.JSON(text, MaxNesting); p != nil {
		return fmt.Sprintf("arrays and objects nest more than %d deep; iamc reads no deeper JSON", MaxNesting), p.Offset, true
	}
	var raw json.RawMessage
	err := json.Unmarshal(text, &raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return "", 0, false
	}
	// Offset counts the bytes read, the offending one included.
	off = int(se.Offset) - 1
	return se.Error(), min(max(off, 0), len(text)), true
}

// textPos returns the line and column (in characters, from 1) of byte off
// of text.
func textPos(text []byte, off int) (line, col int) {
	p := posAt(text, off)
	return p.Line, p.Column
}

// jsonValueRange returns the byte range in text, which is JSON, of the
// value a path such as Statement[1].Action[0] names: the deepest part of
// the path found, at worst the whole document. As in documentRange,
// index 0 of a value that is not an array is that value.
func jsonValueRange(text []byte, path string) (start, end int) {
	w := jsonWalker{data: text}
	w.ws()
	start = w.pos
	end, ok := w.skip(start)
	if !ok {
		return 0, len(text)
	}
	for _, seg := range pathSegments(path) {
		s, e, ok := w.child(start, end, seg)
		if !ok {
			break
		}
		start, end = s, e
	}
	return start, end
}

// jsonWalker moves through JSON text by byte offsets. It reads nothing
// into values but object keys, and reports false on text that is not
// JSON rather than failing.
type jsonWalker struct {
	data []byte
	pos  int
}

func (w *jsonWalker) ws() {
	for w.pos < len(w.data) {
		switch w.data[w.pos] {
		case ' ', '\t', '\n', '\r':
			w.pos++
		default:
			return
		}
	}
}

// skip returns the end of the value that starts at pos.
func (w *jsonWalker) skip(pos int) (int, bool) {
	if pos >= len(w.data) {
		return 0, false
	}
	switch w.data[pos] {
	case '"':
		return w.skipString(pos)
	case '{', '[':
		depth := 0
		for i := pos; i < len(w.data); i++ {
			switch w.data[i] {
			case '"':
				end, ok := w.skipString(i)
				if !ok {
					return 0, false
				}
				i = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1, true
				}
			}
		}
		return 0, false
	}
	i := pos
	for i < len(w.data) && strings.IndexByte(",}] \t\r\n", w.data[i]) < 0 {
		i++
	}
	return i, i > pos
}

// skipString returns the end of the string that starts at pos.
func (w *jsonWalker) skipString(pos int) (int, bool) {
	for i := pos + 1; i < len(w.data); i++ {
		switch w.data[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return 0, false
}

// child returns the range of the member seg of the object, or the
// element seg of the array, that spans [start, end).
func (w *jsonWalker) child(start, end int, seg string) (int, int, bool) {
	open := w.data[start]
	if i, err := strconv.Atoi(seg); err == nil {
		if open != '[' {
			return start, end, i == 0
		}
		n, found := 0, false
		w.members(start, false, func(_ string, s, e int) bool {
			if n == i {
				start, end, found = s, e, true
				return false
			}
			n++
			return true
		})
		return start, end, found
	}
	if open != '{' {
		return 0, 0, false
	}
	found := false
	w.members(start, true, func(key string, s, e int) bool {
		if key == seg {
			start, end, found = s, e, true
			return false
		}
		return true
	})
	return start, end, found
}

// members calls fn with the range of each value of the object (keyed) or
// array at pos, and the object's key, until fn returns false. It reports
// false when the text is not JSON.
func (w *jsonWalker) members(pos int, keyed bool, fn func(key string, start, end int) bool) bool {
	w.pos = pos + 1
	for {
		w.ws()
		if w.pos >= len(w.data) {
			return false
		}
		if c := w.data[w.pos]; c == '}' || c == ']' {
			return true
		}
		var key string
		if keyed {
			kend, ok := w.skipString(w.pos)
			if !ok {
				return false
			}
			if err := json.Unmarshal(w.data[w.pos:kend], &key); err != nil {
				return false
			}
			w.pos = kend
			w.ws()
			if w.pos >= len(w.data) || w.data[w.pos] != ':' {
				return false
			}
			w.pos++
			w.ws()
		}
		start := w.pos
		end, ok := w.skip(start)
		if !ok {
			return false
		}
		if !fn(key, start, end) {
			return true
		}
		w.pos = end
		w.ws()
		if w.pos < len(w.data) && w.data[w.pos] == ',' {
			w.pos++
		}
	}
}
