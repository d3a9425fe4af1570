package cli

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	wordwrap "github.com/mitchellh/go-wordwrap"
)

// sources draws diagnostics as hcl's text writer does (no colour, a fixed
// width), byte for byte, from an index of each file built once: the lines
// of the file and its top-level blocks. hcl's writer scans a file from its
// start for every diagnostic, so that printing N diagnostics about a file
// costs N times its size; here it costs the file's size once, and then a
// binary search and the snippet's own lines per diagnostic.
type sources struct {
	files map[string]*hcl.File // by the name diagnostics give
	index map[string]*fileIndex
	width uint
}

func newSources(files map[string]*hcl.File, width uint) *sources {
	return &sources{files: files, index: map[string]*fileIndex{}, width: width}
}

// fileIndex is what drawing a file's snippets needs.
type fileIndex struct {
	src   []byte
	lines []lineSpan
	// blocks are the file's top-level blocks in source order with their
	// ranges, when the file is native syntax and they do not overlap;
	// otherwise nav answers (HCL's JSON syntax).
	blocks []*hclsyntax.Block
	ranges []hcl.Range
	nav    interface{ ContextString(offset int) string }
}

// lineSpan is one line as hcl's writer sees it: its bytes as
// bufio.ScanLines gives them (without the newline and a carriage return
// before it), the range hcl.RangeScanner gives them, and its number as
// that scanner counts lines (a carriage return alone ends a line there
// too). The range ends where the bytes do unless the file is not valid
// UTF-8.
type lineSpan struct {
	start, end, bytesEnd, number int
}

// fileFor returns the index of the named file, building it on first use,
// or nil when its source is not known.
func (s *sources) fileFor(name string) *fileIndex {
	if fi, ok := s.index[name]; ok {
		return fi
	}
	var fi *fileIndex
	if f := s.files[name]; f != nil && f.Bytes != nil {
		fi = &fileIndex{src: f.Bytes, lines: scanLines(f.Bytes)}
		fi.indexBlocks(f)
	}
	s.index[name] = fi
	return fi
}

// scanLines splits src as bufio.ScanLines does, numbering the lines as
// hcl.RangeScanner does: it counts a line at every grapheme cluster that
// starts with a carriage return or a newline, and "\r\n" is one cluster.
// In valid UTF-8 those characters always start a cluster of their own,
// so that bytes are enough; a file that is not valid UTF-8 is scanned
// with hcl.RangeScanner itself, whose clusters may then swallow them.
func scanLines(src []byte) []lineSpan {
	if !utf8.Valid(src) {
		return scanLinesHCL(src)
	}
	lines := make([]lineSpan, 0, len(src)/32+1)
	number, start := 1, 0
	for start < len(src) {
		end, next := len(src), len(src)
		for i := start; i < len(src); i++ {
			if src[i] == '\n' {
				end, next = i, i+1
				break
			}
		}
		tokenEnd := end
		if tokenEnd > start && src[tokenEnd-1] == '\r' {
			tokenEnd--
		}
		lines = append(lines, lineSpan{start: start, end: tokenEnd, bytesEnd: tokenEnd, number: number})
		for i := start; i < next; i++ {
			if src[i] == '\n' || src[i] == '\r' && (i+1 >= len(src) || src[i+1] != '\n') {
				number++
			}
		}
		start = next
	}
	return lines
}

// scanLinesHCL is scanLines by hcl.RangeScanner, line by line as hcl's
// writer scans them.
func scanLinesHCL(src []byte) []lineSpan {
	var lines []lineSpan
	sc := hcl.NewRangeScanner(src, "", bufio.ScanLines)
	for sc.Scan() {
		r := sc.Range()
		lines = append(lines, lineSpan{start: r.Start.Byte, end: r.End.Byte, bytesEnd: r.Start.Byte + len(sc.Bytes()), number: r.Start.Line})
	}
	return lines
}

func (fi *fileIndex) indexBlocks(f *hcl.File) {
	fi.nav, _ = f.Nav.(interface{ ContextString(offset int) string })
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	ranges := make([]hcl.Range, len(body.Blocks))
	for i, b := range body.Blocks {
		ranges[i] = b.Range()
		if i > 0 && ranges[i].Start.Byte < ranges[i-1].End.Byte {
			return // not in order: leave it to nav
		}
	}
	fi.blocks, fi.ranges = body.Blocks, ranges
}

// block returns the top-level block that holds the byte offset, as
// hclsyntax's navigation finds it, and whether the index could tell.
func (fi *fileIndex) block(offset int) (*hclsyntax.Block, bool) {
	if fi.ranges == nil {
		return nil, false
	}
	i := sort.Search(len(fi.ranges), func(i int) bool { return fi.ranges[i].Start.Byte > offset }) - 1
	if i < 0 || !fi.ranges[i].ContainsOffset(offset) {
		return nil, true
	}
	return fi.blocks[i], true
}

// contextString is the ", in user "tyler"" of a snippet's first line,
// without its comma: what hcl's writer asks the file's navigation.
func (fi *fileIndex) contextString(offset int) string {
	b, ok := fi.block(offset)
	if !ok {
		if fi.nav == nil {
			return ""
		}
		return fi.nav.ContextString(offset)
	}
	if b == nil {
		return ""
	}
	if len(b.Labels) == 0 {
		return b.Type
	}
	var sb strings.Builder
	sb.WriteString(b.Type)
	for _, label := range b.Labels {
		fmt.Fprintf(&sb, " %q", label)
	}
	return sb.String()
}

// address names the block a diagnostic is about as the configuration
// refers to it (user.tyler), else its file and line; "" when it has no
// place.
func (s *sources) address(d *hcl.Diagnostic) string {
	if d.Subject == nil {
		return ""
	}
	if fi := s.fileFor(d.Subject.Filename); fi != nil {
		if b, ok := fi.block(d.Subject.Start.Byte); ok && b != nil {
			if len(b.Labels) > 0 {
				return b.Type + "." + b.Labels[0]
			}
			return b.Type
		}
	}
	return fmt.Sprintf("%s:%d", d.Subject.Filename, d.Subject.Start.Line)
}

// write draws d as hcl.NewDiagnosticTextWriter(w, files, width,
// false).WriteDiagnostic(d) does, for a d without Expression and
// EvalContext.
func (s *sources) write(w io.Writer, d *hcl.Diagnostic) {
	severity := "???????"
	switch d.Severity {
	case hcl.DiagError:
		severity = "Error"
	case hcl.DiagWarning:
		severity = "Warning"
	}
	fmt.Fprintf(w, "%s: %s\n\n", severity, d.Summary)
	if d.Subject != nil {
		s.writeSnippet(w, d)
	}
	if d.Detail != "" {
		detail := d.Detail
		if s.width != 0 {
			detail = wordwrap.WrapString(detail, s.width)
		}
		fmt.Fprintf(w, "%s\n\n", detail)
	}
}

func (s *sources) writeSnippet(w io.Writer, d *hcl.Diagnostic) {
	subject := *d.Subject
	snip, highlight := subject, subject
	if d.Context != nil {
		snip = hcl.RangeOver(snip, *d.Context)
	}
	// As hcl does: an empty range is drawn as one character.
	if snip.Empty() {
		snip.End.Byte++
		snip.End.Column++
	}
	if highlight.Empty() {
		highlight.End.Byte++
		highlight.End.Column++
	}
	fi := s.fileFor(subject.Filename)
	if fi == nil {
		fmt.Fprintf(w, "  on %s line %d:\n  (source code not available)\n\n", subject.Filename, subject.Start.Line)
		return
	}
	context := fi.contextString(subject.Start.Byte)
	if context != "" {
		context = ", in " + context
	}
	fmt.Fprintf(w, "  on %s line %d%s:\n", subject.Filename, subject.Start.Line, context)
	// Only lines that end at or after the snippet's start and start at or
	// before its end can overlap it; hcl's own test decides among them.
	lines := fi.lines
	first := sort.Search(len(lines), func(i int) bool { return lines[i].end >= snip.Start.Byte })
	for _, ln := range lines[first:] {
		if ln.start > snip.End.Byte {
			break
		}
		lineRange := hcl.Range{
			Filename: subject.Filename,
			Start:    hcl.Pos{Line: ln.number, Byte: ln.start},
			End:      hcl.Pos{Byte: ln.end},
		}
		if !lineRange.Overlaps(snip) {
			continue
		}
		before, highlighted, after := lineRange.PartitionAround(highlight)
		if highlighted.Empty() {
			fmt.Fprintf(w, "%4d: %s\n", ln.number, sourceLine(nil, fi.src[ln.start:ln.bytesEnd], nil))
			continue
		}
		fmt.Fprintf(w, "%4d: %s\n", ln.number, sourceLine(before.SliceBytes(fi.src), highlighted.SliceBytes(fi.src), after.SliceBytes(fi.src)))
	}
	io.WriteString(w, "\n")
}

// Snippet lines are drawn as hcl draws them, with two differences: a
// character that a terminal would act on (a control character other than
// a tab, a C1 control, a bidirectional override) is shown escaped, as Go
// quotes it, so that no configuration can move the cursor, recolour the
// output or reorder the text a reviewer reads; and a line longer than
// maxSnippetLine characters is cut to a window around what the
// diagnostic is about, marked with "…" where text was left out.
const (
	maxSnippetLine = 160
	snippetBefore  = 50 // characters kept before the highlighted part
	snippetSubject = 80 // characters kept of the highlighted part
)

// sourceLine draws a line from its parts before, in and after the
// highlighted range.
func sourceLine(before, highlighted, after []byte) string {
	b, h, a := displayUnits(before), displayUnits(highlighted), displayUnits(after)
	if len(b)+len(h)+len(a) <= maxSnippetLine {
		return join(b) + join(h) + join(a)
	}
	var out strings.Builder
	if len(b) > snippetBefore {
		out.WriteString("…")
		b = b[len(b)-snippetBefore:]
	}
	out.WriteString(join(b))
	if len(h) > snippetSubject {
		out.WriteString(join(h[:snippetSubject]))
		out.WriteString("…")
		return out.String()
	}
	out.WriteString(join(h))
	if room := maxSnippetLine - len(b) - len(h); len(a) > room {
		out.WriteString(join(a[:max(room, 0)]))
		out.WriteString("…")
		return out.String()
	}
	out.WriteString(join(a))
	return out.String()
}

func join(units []string) string { return strings.Join(units, "") }

// displayUnits splits a line into the characters it shows, those a
// terminal would act on escaped. Bytes that are not UTF-8 stay as they
// are: hcl draws them so, and they act on no terminal by themselves.
func displayUnits(src []byte) []string {
	out := make([]string, 0, len(src))
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		unit := string(src[i : i+n])
		if !(r == utf8.RuneError && n == 1) && actsOnTerminal(r) {
			unit = strings.Trim(fmt.Sprintf("%+q", r), "'")
		}
		out = append(out, unit)
		i += n
	}
	return out
}

// actsOnTerminal reports whether a terminal would act on r rather than
// show it: control characters other than the tab, C1 controls, and the
// marks and overrides that reorder bidirectional text.
func actsOnTerminal(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}
