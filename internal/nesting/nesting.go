// Package nesting measures how deeply a source text nests before a parser
// that recurses reads it: hclsyntax's parser recurses once per bracket
// and its evaluator once per operator of a chain, so 100,000 nested
// brackets in a configuration file end in a stack overflow that no
// recover catches. Both scanners here are flat loops over the bytes that
// know just enough of the lexical structure (strings, escapes, comments,
// heredocs, template interpolations) to count what the parser would
// recurse on. Used by lang for configuration files and jsondecode, and by
// policy for JSON documents; it imports nothing of iamc's.
package nesting

// MaxDepth is how deeply iamc lets any text it reads nest: configuration
// files, variable files, JSON given to jsondecode, policy documents.
const MaxDepth = 64

// Problem says where a text first goes over a limit: Offset is the byte
// of the bracket or operator that does, and Operators tells an
// expression with too many operators from one nested too deeply.
type Problem struct {
	Offset    int
	Operators bool
}

// level is an open bracket, string, heredoc or interpolation, with the
// operators counted since its last separator.
type level struct {
	kind byte   // ( [ { for code, $ for an interpolation, " for a string, < for a heredoc
	term []byte // a heredoc's terminator
	ops  int
}

// HCL scans HCL native syntax and reports the first place where more
// than maxDepth brackets, braces, parentheses, strings, heredocs,
// interpolations and template directives are open at once, or where the
// operators of the expressions open there (counted since each one's last
// comma or, in a body or object, its last newline) exceed maxOps. It
// reports nil when the text stays within both. Text that is not valid
// HCL is scanned as far as it goes: the parser reports what is wrong.
func HCL(src []byte, maxDepth, maxOps int) *Problem {
	s := hclScanner{src: src, maxDepth: maxDepth, maxOps: maxOps}
	return s.run()
}

type hclScanner struct {
	src              []byte
	maxDepth, maxOps int
	stack            []level
	rootOps          int
	ops              int // the sum of rootOps and every level's ops
	directives       int // open %{ if } and %{ for } directives
}

func (s *hclScanner) top() *level {
	if len(s.stack) == 0 {
		return nil
	}
	return &s.stack[len(s.stack)-1]
}

func (s *hclScanner) push(l level, at int) *Problem {
	s.stack = append(s.stack, l)
	if len(s.stack)+s.directives > s.maxDepth {
		return &Problem{Offset: at}
	}
	return nil
}

func (s *hclScanner) pop() {
	if t := s.top(); t != nil {
		s.ops -= t.ops
		s.stack = s.stack[:len(s.stack)-1]
	}
}

// resetOps starts a new expression at the innermost level.
func (s *hclScanner) resetOps() {
	if t := s.top(); t != nil {
		s.ops -= t.ops
		t.ops = 0
		return
	}
	s.ops -= s.rootOps
	s.rootOps = 0
}

func (s *hclScanner) operator(at int) *Problem {
	if t := s.top(); t != nil {
		t.ops++
	} else {
		s.rootOps++
	}
	if s.ops++; s.ops > s.maxOps {
		return &Problem{Offset: at, Operators: true}
	}
	return nil
}

func (s *hclScanner) run() *Problem {
	src := s.src
	i := 0
	for i < len(src) {
		t := s.top()
		if t != nil && (t.kind == '"' || t.kind == '<') {
			var p *Problem
			i, p = s.template(i)
			if p != nil {
				return p
			}
			continue
		}
		c := src[i]
		switch {
		case c == '#' || c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			i += 2
			for i < len(src) && !(src[i] == '*' && i+1 < len(src) && src[i+1] == '/') {
				i++
			}
			i += 2
			continue
		case c == '"':
			if p := s.push(level{kind: '"'}, i); p != nil {
				return p
			}
		case c == '<' && i+1 < len(src) && src[i+1] == '<':
			if term, body, ok := heredocHeader(src, i); ok {
				if p := s.push(level{kind: '<', term: term}, i); p != nil {
					return p
				}
				i = body
				continue
			}
			if p := s.operator(i); p != nil {
				return p
			}
			i += 2
			continue
		case c == '(' || c == '[' || c == '{':
			if p := s.push(level{kind: c}, i); p != nil {
				return p
			}
		case c == ')' || c == ']' || c == '}':
			s.pop() // an interpolation's } returns to its template
		case c == ',':
			s.resetOps()
		case c == '\n':
			if t == nil || t.kind == '{' {
				s.resetOps()
			}
		case c == '=':
			if i+1 < len(src) && src[i+1] == '=' {
				if p := s.operator(i); p != nil {
					return p
				}
				i += 2
				continue
			}
		case c == '+' || c == '-' || c == '*' || c == '/' || c == '%' || c == '<' || c == '>' ||
			c == '!' || c == '&' || c == '|' || c == '?':
			if p := s.operator(i); p != nil {
				return p
			}
		case isIdentStart(c):
			i++
			for i < len(src) && isIdentPart(src[i]) {
				i++
			}
			continue
		case '0' <= c && c <= '9':
			i = number(src, i)
			continue
		}
		i++
	}
	return nil
}

// template scans a quoted string's or a heredoc's text from i until it
// ends or an interpolation opens, and returns where to go on.
func (s *hclScanner) template(i int) (int, *Problem) {
	src := s.src
	t := s.top()
	heredoc := t.kind == '<'
	atLineStart := heredoc && (i == 0 || src[i-1] == '\n')
	for i < len(src) {
		if atLineStart {
			if end, ok := heredocEnd(src, i, t.term); ok {
				s.pop()
				return end, nil
			}
			atLineStart = false
		}
		c := src[i]
		switch {
		case c == '\\' && !heredoc:
			i += 2
			continue
		case c == '"' && !heredoc:
			s.pop()
			return i + 1, nil
		case c == '\n':
			if !heredoc {
				s.pop() // an unterminated string: the parser says so
				return i, nil
			}
			atLineStart = true
		case (c == '$' || c == '%') && i+2 < len(src) && src[i+1] == c && src[i+2] == '{':
			i += 3 // $${ and %%{ are literal
			continue
		case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
			if c == '%' {
				switch directive(src, i+2) {
				case "if", "for":
					s.directives++
				case "endif", "endfor":
					s.directives = max(s.directives-1, 0)
				}
			}
			if p := s.push(level{kind: '$'}, i); p != nil {
				return i, p
			}
			return i + 2, nil
		}
		i++
	}
	return i, nil
}

// heredocHeader reads <<ID or <<-ID and its newline at i, and returns the
// terminator and where the body starts.
func heredocHeader(src []byte, i int) ([]byte, int, bool) {
	j := i + 2
	if j < len(src) && src[j] == '-' {
		j++
	}
	start := j
	if j >= len(src) || !isIdentStart(src[j]) {
		return nil, 0, false
	}
	for j < len(src) && isIdentPart(src[j]) {
		j++
	}
	term := src[start:j]
	if j < len(src) && src[j] == '\r' {
		j++
	}
	if j >= len(src) || src[j] != '\n' {
		return nil, 0, false
	}
	return term, j + 1, true
}

// heredocEnd reports whether the line at i is the terminator line, and
// where the text after it starts.
func heredocEnd(src []byte, i int, term []byte) (int, bool) {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if len(src)-i < len(term) || string(src[i:i+len(term)]) != string(term) {
		return 0, false
	}
	j := i + len(term)
	if j < len(src) && src[j] == '\r' {
		j++
	}
	if j < len(src) && src[j] != '\n' {
		return 0, false
	}
	return j, true
}

// directive returns the keyword of the template directive whose body
// starts at i: "if", "endfor".
func directive(src []byte, i int) string {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '~') {
		i++
	}
	j := i
	for j < len(src) && isIdentPart(src[j]) {
		j++
	}
	return string(src[i:j])
}

func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || c == '-' || '0' <= c && c <= '9'
}

// number skips a number literal, its exponent's sign included.
func number(src []byte, i int) int {
	for i < len(src) {
		c := src[i]
		switch {
		case '0' <= c && c <= '9' || c == '.':
		case c == 'e' || c == 'E':
			if i+1 < len(src) && (src[i+1] == '+' || src[i+1] == '-') {
				i++
			}
		default:
			return i
		}
		i++
	}
	return i
}

// JSON reports the first place where JSON text opens more than maxDepth
// arrays and objects at once, nil when it stays within.
func JSON(src []byte, maxDepth int) *Problem {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if depth++; depth > maxDepth {
				return &Problem{Offset: i}
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}
