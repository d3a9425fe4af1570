package cli_test

import (
	"fmt"
	"strings"
	"testing"
)

// yamlNode is a value of the YAML that GitHub workflows are written in,
// as far as gh-job reads them: block mappings, block sequences, plain
// and quoted scalars, literal block scalars (|). Flow collections
// ([a, b], {}) are kept as their text. Anything else is an error, never
// a guess.
type yamlNode struct {
	scalar string
	isMap  bool
	kvs    []yamlPair
	seq    []*yamlNode
}

type yamlPair struct {
	key string
	val *yamlNode
}

// get returns a mapping's value for key, nil when absent (or n is nil).
func (n *yamlNode) get(key string) *yamlNode {
	if n == nil {
		return nil
	}
	for _, kv := range n.kvs {
		if kv.key == key {
			return kv.val
		}
	}
	return nil
}

func (n *yamlNode) pairs() []yamlPair {
	if n == nil {
		return nil
	}
	return n.kvs
}

func (n *yamlNode) items() []*yamlNode {
	if n == nil {
		return nil
	}
	return n.seq
}

func (n *yamlNode) str() string {
	if n == nil {
		return ""
	}
	return n.scalar
}

type yamlLine struct {
	no     int
	indent int
	text   string // without indentation, comment and trailing space
	raw    string
}

type yamlParser struct {
	lines []yamlLine
	pos   int
}

func parseYAML(src string) (*yamlNode, error) {
	p := &yamlParser{}
	for i, raw := range strings.Split(src, "\n") {
		trimmed := strings.TrimLeft(raw, " ")
		if strings.HasPrefix(trimmed, "\t") {
			return nil, fmt.Errorf("line %d: a tab in the indentation", i+1)
		}
		p.lines = append(p.lines, yamlLine{no: i + 1, indent: len(raw) - len(trimmed), text: stripComment(trimmed), raw: raw})
	}
	p.skipBlank()
	if p.pos == len(p.lines) {
		return nil, fmt.Errorf("empty document")
	}
	n, err := p.block(p.lines[p.pos].indent)
	if err != nil {
		return nil, err
	}
	p.skipBlank()
	if p.pos != len(p.lines) {
		return nil, fmt.Errorf("line %d: unexpected indentation", p.lines[p.pos].no)
	}
	return n, nil
}

// stripComment removes a # comment that is not inside quotes.
func stripComment(s string) string {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || s[i-1] == ' '):
			return strings.TrimRight(s[:i], " ")
		}
	}
	return strings.TrimRight(s, " ")
}

func (p *yamlParser) skipBlank() {
	for p.pos < len(p.lines) && p.lines[p.pos].text == "" {
		p.pos++
	}
}

// block parses the mapping or sequence whose entries sit at indent.
func (p *yamlParser) block(indent int) (*yamlNode, error) {
	p.skipBlank()
	if p.pos < len(p.lines) && strings.HasPrefix(p.lines[p.pos].text+" ", "- ") {
		return p.sequence(indent)
	}
	return p.mapping(indent)
}

func (p *yamlParser) sequence(indent int) (*yamlNode, error) {
	n := &yamlNode{}
	for p.skipBlank(); p.pos < len(p.lines) && p.lines[p.pos].indent == indent; p.skipBlank() {
		l := &p.lines[p.pos]
		if !strings.HasPrefix(l.text+" ", "- ") {
			return nil, fmt.Errorf("line %d: a sequence item expected", l.no)
		}
		item := strings.TrimSpace(strings.TrimPrefix(l.text, "-"))
		if _, _, isPair := cutKey(item); !isPair {
			n.seq = append(n.seq, &yamlNode{scalar: unquote(item)})
			p.pos++
			continue
		}
		// "- key: value" opens a mapping indented past the dash.
		l.indent, l.text = indent+2, item
		m, err := p.mapping(indent + 2)
		if err != nil {
			return nil, err
		}
		n.seq = append(n.seq, m)
	}
	if p.pos < len(p.lines) && p.lines[p.pos].indent > indent {
		return nil, fmt.Errorf("line %d: unexpected indentation", p.lines[p.pos].no)
	}
	return n, nil
}

func (p *yamlParser) mapping(indent int) (*yamlNode, error) {
	n := &yamlNode{isMap: true}
	for p.skipBlank(); p.pos < len(p.lines) && p.lines[p.pos].indent == indent; p.skipBlank() {
		l := p.lines[p.pos]
		key, rest, ok := cutKey(l.text)
		if !ok {
			return nil, fmt.Errorf("line %d: KEY: VALUE expected", l.no)
		}
		if n.get(key) != nil {
			return nil, fmt.Errorf("line %d: %s given twice", l.no, key)
		}
		p.pos++
		var val *yamlNode
		switch {
		case rest == "|":
			val = &yamlNode{scalar: p.literal(indent)}
		case strings.HasPrefix(rest, "|") || strings.HasPrefix(rest, ">"):
			return nil, fmt.Errorf("line %d: block scalar %q not read by this test", l.no, rest)
		case rest == "":
			p.skipBlank()
			if p.pos < len(p.lines) && p.lines[p.pos].indent > indent ||
				p.pos < len(p.lines) && p.lines[p.pos].indent == indent && strings.HasPrefix(p.lines[p.pos].text, "- ") {
				var err error
				if val, err = p.block(p.lines[p.pos].indent); err != nil {
					return nil, err
				}
			} else {
				val = &yamlNode{}
			}
		default:
			val = &yamlNode{scalar: unquote(rest)}
		}
		n.kvs = append(n.kvs, yamlPair{key, val})
	}
	if p.pos < len(p.lines) && p.lines[p.pos].indent > indent {
		return nil, fmt.Errorf("line %d: unexpected indentation", p.lines[p.pos].no)
	}
	return n, nil
}

// literal reads a | block scalar: the lines indented past the key's,
// less the first line's indentation, each ending in a newline.
func (p *yamlParser) literal(indent int) string {
	var b strings.Builder
	base := -1
	for ; p.pos < len(p.lines); p.pos++ {
		l := p.lines[p.pos]
		if strings.TrimSpace(l.raw) == "" {
			b.WriteString("\n")
			continue
		}
		if l.indent <= indent {
			break
		}
		if base < 0 {
			base = l.indent
		}
		b.WriteString(l.raw[min(base, l.indent):] + "\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// cutKey splits "key: value" (or "key:"); a key is plain or quoted.
func cutKey(s string) (key, rest string, ok bool) {
	if strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "'") {
		end := strings.IndexByte(s[1:], s[0])
		if end < 0 {
			return "", "", false
		}
		key, s = s[1:end+1], s[end+2:]
		if !strings.HasPrefix(s, ":") {
			return "", "", false
		}
		return key, strings.TrimSpace(s[1:]), true
	}
	i := strings.Index(s+" ", ": ")
	if i < 0 || strings.ContainsAny(s[:i], "{[\"'") {
		return "", "", false
	}
	return s[:i], strings.TrimSpace(s[min(i+1, len(s)):]), true
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `\"`, `"`)
	}
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}

func TestParseYAML(t *testing.T) {
	src := `# c
name: x
on:
  push:
    branches: [main]
env:
  A: "1" # c
  B: 'it''s'
jobs:
  j:
    steps:
      - uses: a/b@0 # v1
        with:
          k: v
      - name: s
        run: |
          echo "a # not a comment"

            indented
        env:
          X: ${{ steps.s.outputs.y }}
      - run: one line
`
	n, err := parseYAML(src)
	if err != nil {
		t.Fatal(err)
	}
	steps := n.get("jobs").get("j").get("steps").items()
	if len(steps) != 3 {
		t.Fatalf("%d steps", len(steps))
	}
	for _, c := range []struct{ got, want string }{
		{n.get("name").str(), "x"},
		{n.get("on").get("push").get("branches").str(), "[main]"},
		{n.get("env").get("A").str(), "1"},
		{n.get("env").get("B").str(), "it's"},
		{steps[0].get("uses").str(), "a/b@0"},
		{steps[0].get("with").get("k").str(), "v"},
		{steps[1].get("run").str(), "echo \"a # not a comment\"\n\n  indented\n"},
		{steps[1].get("env").get("X").str(), "${{ steps.s.outputs.y }}"},
		{steps[2].get("run").str(), "one line"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	for _, bad := range []string{"a: 1\n  b: 2\n", "a: >\n  x\n", "a: 1\na: 2\n", "\ta: 1\n", "- a\nb: 1\n"} {
		if _, err := parseYAML(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}
