package access

import "strings"

// template is a Resource pattern or condition value that may hold policy
// variables (${aws:username}, ${aws:PrincipalTag/team, 'none'}, and the
// escapes ${*}, ${?}, ${$}), compiled once. Literal text stays a pattern
// (its * and ? are wildcards where the element takes them); what a
// variable stands for is always literal text.
type template struct {
	// fixed is the escaped pattern when the value holds no variable.
	fixed string
	parts []tmplPart // nil when fixed
}

// tmplPart is a piece of a template: escaped pattern text, or a variable.
type tmplPart struct {
	text       string // escaped pattern text, when key is ""
	key        string // the variable's context key, folded
	name       string // the variable's key as written, for missing keys
	def        string // its default value
	hasDefault bool
}

// compileTemplate compiles s. With vars false (a document whose Version
// is not 2012-10-17) policy variables are literal text, as IAM reads them.
func compileTemplate(s string, vars bool) template {
	if !vars || !strings.Contains(s, "${") {
		return template{fixed: escapePattern(s)}
	}
	var parts []tmplPart
	rest := s
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			break
		}
		end := strings.IndexByte(rest[i+2:], '}')
		if end < 0 {
			break
		}
		if i > 0 {
			parts = append(parts, tmplPart{text: escapePattern(rest[:i])})
		}
		body := rest[i+2 : i+2+end]
		rest = rest[i+3+end:]
		switch body {
		case "*", "?", "$":
			parts = append(parts, tmplPart{text: escapeLiteral(body)})
			continue
		}
		name, def, hasDefault := strings.Cut(body, ",")
		name = strings.TrimSpace(name)
		p := tmplPart{key: foldKey(name), name: name}
		if hasDefault {
			def = strings.TrimSpace(def)
			if len(def) >= 2 && def[0] == '\'' && def[len(def)-1] == '\'' {
				def = def[1 : len(def)-1]
			}
			p.def, p.hasDefault = def, true
		}
		parts = append(parts, p)
	}
	if rest != "" {
		parts = append(parts, tmplPart{text: escapePattern(rest)})
	}
	return template{parts: parts}
}

// resolve returns the escaped pattern with the request's values in place
// of the variables. A variable whose key is absent (or holds several
// values, which no variable can stand for) and has no default leaves the
// template unresolved: ok is false, the key is recorded as missing, and
// the pattern returned has the wildcard * in the variable's place, so
// that the caller can tell a value the template could never match from
// one it might.
func (t *template) resolve(c *evalContext) (string, bool) {
	if t.parts == nil {
		return t.fixed, true
	}
	var b strings.Builder
	ok := true
	for i := range t.parts {
		p := &t.parts[i]
		if p.key == "" {
			b.WriteString(p.text)
			continue
		}
		vals, present := c.lookup(p.key)
		switch {
		case present && len(vals) == 1:
			b.WriteString(escapeLiteral(vals[0]))
		case p.hasDefault:
			if !present {
				c.missing(p.name)
			}
			b.WriteString(escapeLiteral(p.def))
		default:
			if !present {
				c.missing(p.name)
			}
			b.WriteByte('*')
			ok = false
		}
	}
	return b.String(), ok
}
