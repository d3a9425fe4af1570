package lang

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// A configuration file is parsed in pieces of about pieceSize bytes, cut
// between top-level blocks, so that its pieces can be parsed on several
// cores and the parser's token buffer stays small: hclsyntax lexes a
// whole input into one slice of tokens, which for a 200 kB file grows by
// copying to five times its final size. A file that cannot be cut safely
// is parsed whole.
const pieceSize = 1 << 10

// piece is a part of a file that hclsyntax parses on its own: it starts
// at the start of a line, outside any block, string or comment.
type piece struct {
	start, end int
	line       int // the line number at start
}

// splitFile cuts src into pieces of about size bytes at the starts of
// lines outside any bracket, string, template or comment. It returns nil
// when it cannot tell where those are for sure (a heredoc, an unclosed
// comment or string, unbalanced brackets): the file is then parsed whole.
// It only ever cuts where hclsyntax's own lexer is between tokens at the
// top level, so that the pieces' tokens are the file's tokens.
func splitFile(src []byte, size int) []piece {
	if len(src) > 0 && bytes.Contains(src[1:], utf8BOM) {
		return nil // hclsyntax drops a byte order mark only at the start
	}
	var pieces []piece
	start, line, startLine := 0, 1, 1
	// stack holds what is open: '{', '[', '(' in code, '"' a string, and
	// '$' a template interpolation or directive inside a string, which is
	// code again until its closing brace.
	var stack []byte
	for i := 0; i < len(src); i++ {
		top := byte(0)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		// Skip what cannot change the state.
		plain := &codePlain
		if top == '"' {
			plain = &stringPlain
		}
		for i < len(src) && plain[src[i]] {
			i++
		}
		if i == len(src) {
			break
		}
		c := src[i]
		if top == '"' {
			switch c {
			case '"':
				stack = stack[:len(stack)-1]
			case '\\':
				if i+1 < len(src) && src[i+1] != '\n' && src[i+1] != '\r' {
					i++
				}
			case '$', '%':
				switch {
				case bytes.HasPrefix(src[i+1:], []byte{c, '{'}):
					i += 2 // $${ and %%{ are literal
				case i+1 < len(src) && src[i+1] == '{':
					stack = append(stack, '$')
					i++
				}
			case '\n':
				return nil // a string across lines is an error: parse whole
			}
			continue
		}
		switch c {
		case '"', '{', '[', '(':
			stack = append(stack, c)
		case '}', ']', ')':
			if !closes(top, c) {
				return nil
			}
			stack = stack[:len(stack)-1]
		case '~':
			if top == '$' && i+1 < len(src) && src[i+1] == '}' {
				stack = stack[:len(stack)-1]
				i++
			}
		case '#':
			i = endOfLine(src, i) // the comment takes its newline
		case '/':
			switch {
			case bytes.HasPrefix(src[i:], []byte("//")):
				i = endOfLine(src, i)
			case bytes.HasPrefix(src[i:], []byte("/*")):
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return nil
				}
				line += bytes.Count(src[i:i+2+end], []byte{'\n'})
				i += end + 3
				continue
			}
		case '<':
			if bytes.HasPrefix(src[i:], []byte("<<")) {
				return nil // a heredoc, or not configuration
			}
		case '\r':
			if i+1 >= len(src) || src[i+1] != '\n' {
				return nil // a carriage return alone is not a line break
			}
		}
		if i >= len(src) || src[i] != '\n' {
			continue
		}
		line++
		if len(stack) == 0 && i+1-start >= size && i+1 < len(src) {
			pieces = append(pieces, piece{start: start, end: i + 1, line: startLine})
			start, startLine = i+1, line
		}
	}
	if len(stack) > 0 {
		return nil
	}
	return append(pieces, piece{start: start, end: len(src), line: startLine})
}

// codePlain and stringPlain are the bytes that change nothing to
// splitFile's state, in code and in a quoted string.
var codePlain, stringPlain = plainBytes("\"{}[]()~#/<\r\n"), plainBytes("\"\\$%\n")

func plainBytes(special string) (t [256]bool) {
	for i := range t {
		t[i] = !strings.ContainsRune(special, rune(i))
	}
	return t
}

// closes reports whether c closes what top opened.
func closes(top, c byte) bool {
	switch c {
	case '}':
		return top == '{' || top == '$'
	case ']':
		return top == '['
	}
	return top == '('
}

// endOfLine returns the index of the newline that ends the line holding
// i, or the last index of src.
func endOfLine(src []byte, i int) int {
	if n := bytes.IndexByte(src[i:], '\n'); n >= 0 {
		return i + n
	}
	return len(src) - 1
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// parsePiece parses one piece of src where it stands in the file.
func parsePiece(src []byte, filename string, p piece) (*hclsyntax.Body, hcl.Diagnostics) {
	f, diags := hclsyntax.ParseConfig(src[p.start:p.end], filename, hcl.Pos{Line: p.line, Column: 1, Byte: p.start})
	body, _ := f.Body.(*hclsyntax.Body)
	return body, diags
}

// joinPieces makes the file that hclsyntax.ParseConfig returns for the
// whole of src from the bodies of its pieces, which parsed without error.
// It reports false when they cannot stand for the whole: attributes at
// the top level (invalid in a configuration, and the whole file's parse
// reports them across pieces).
func joinPieces(src []byte, bodies []*hclsyntax.Body) (*hcl.File, bool) {
	n := 0
	for _, b := range bodies {
		if b == nil || len(b.Attributes) > 0 {
			return nil, false
		}
		n += len(b.Blocks)
	}
	body := &hclsyntax.Body{
		Attributes: hclsyntax.Attributes{},
		Blocks:     make(hclsyntax.Blocks, 0, n),
		SrcRange:   hcl.RangeBetween(bodies[0].SrcRange, bodies[len(bodies)-1].SrcRange),
		EndRange:   bodies[len(bodies)-1].EndRange,
	}
	for _, b := range bodies {
		body.Blocks = append(body.Blocks, b.Blocks...)
	}
	return &hcl.File{Body: body, Bytes: src, Nav: navigation{body}}, true
}

// navigation answers what hclsyntax's file navigation answers, for files
// joined from pieces: the top-level block that holds an offset.
type navigation struct {
	root *hclsyntax.Body
}

func (n navigation) block(offset int) *hclsyntax.Block {
	for _, b := range n.root.Blocks {
		if b.Range().ContainsOffset(offset) {
			return b
		}
	}
	return nil
}

// ContextString names the top-level block that holds offset, as
// hclsyntax does: user "tyler".
func (n navigation) ContextString(offset int) string {
	b := n.block(offset)
	if b == nil {
		return ""
	}
	s := b.Type
	for _, label := range b.Labels {
		s += " " + strconv.Quote(label)
	}
	return s
}

// ContextDefRange is the definition range of the top-level block that
// holds offset.
func (n navigation) ContextDefRange(offset int) hcl.Range {
	if b := n.block(offset); b != nil {
		return b.DefRange()
	}
	return hcl.Range{}
}
