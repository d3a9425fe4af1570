package policy

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"unicode"
)

// Canonical returns the document's canonical JSON, compact: keys in a fixed
// order (Version, Id, Statement; Sid, Effect, Principal, NotPrincipal,
// Action, NotAction, Resource, NotResource, Condition), statements in their
// order, every value list sorted and without duplicates (actions compared
// as IAM does, without regard to case), a one-element list written as a
// string, a bare account id principal written as the ARN AWS makes of it.
// It is what iamc sends to AWS.
func Canonical(d *Document) []byte {
	var b bytes.Buffer
	writeDocument(&b, d, false)
	return b.Bytes()
}

// CanonicalString is Canonical as a string.
func CanonicalString(d *Document) string { return string(Canonical(d)) }

// Pretty returns the canonical JSON indented by two spaces, one value per
// line, for diffs in plans.
func Pretty(d *Document) string {
	var out bytes.Buffer
	if err := json.Indent(&out, Canonical(d), "", "  "); err != nil {
		panic("policy: canonical JSON does not indent: " + err.Error())
	}
	return out.String()
}

// Equal reports whether two documents mean the same to IAM: they differ at
// most in formatting, key order, the order and duplication of values and
// statements, single values vs one-element lists, the case of action names
// and condition keys, a bare account id vs its root ARN, {"AWS": "*"} vs
// "*", and an absent Version vs 2008-10-17. Two nil documents are equal.
func Equal(a, b *Document) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return Key(a) == Key(b)
}

// Key returns a string that is the same for two documents exactly when
// Equal holds for them.
func Key(d *Document) string {
	n := &Document{Version: d.EffectiveVersion(), ID: d.ID}
	seen := map[string]bool{}
	var stmts []string
	for _, s := range d.Statements {
		s = s.clone()
		s.Action = foldValues(s.Action)
		s.NotAction = foldValues(s.NotAction)
		s.Principal = wildcardPrincipal(s.Principal)
		s.NotPrincipal = wildcardPrincipal(s.NotPrincipal)
		if s.Condition != nil {
			c := Conditions{}
			for op, keys := range s.Condition {
				m := c[op]
				if m == nil {
					m = map[string][]string{}
					c[op] = m
				}
				for k, v := range keys {
					m[fold(k)] = append(m[fold(k)], v...)
				}
			}
			s.Condition = c
		}
		var b bytes.Buffer
		writeStatement(&b, &s)
		if !seen[b.String()] {
			seen[b.String()] = true
			stmts = append(stmts, b.String())
		}
	}
	sort.Strings(stmts)
	var b bytes.Buffer
	writeDocumentHead(&b, n)
	b.WriteString(`"Statement":[`)
	b.WriteString(strings.Join(stmts, ","))
	b.WriteString("]}")
	return b.String()
}

func foldValues(v Values) Values {
	if v == nil {
		return nil
	}
	out := make(Values, len(v))
	for i, s := range v {
		out[i] = fold(s)
	}
	return out
}

func wildcardPrincipal(p *Principal) *Principal {
	if p == nil || p.Wildcard || len(p.Entries) != 1 {
		return p
	}
	if ids, ok := p.Entries["AWS"]; ok && len(ids) > 0 {
		for _, id := range ids {
			if id != "*" {
				return p
			}
		}
		return &Principal{Wildcard: true}
	}
	return p
}

// Size is the document's size as IAM counts it against its quotas: the
// characters of the canonical JSON iamc sends, white space excluded.
func Size(d *Document) int {
	n := 0
	for _, r := range string(Canonical(d)) {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// MarshalJSON writes the canonical form.
func (d *Document) MarshalJSON() ([]byte, error) { return Canonical(d), nil }

// UnmarshalJSON reads any document ParseJSON reads.
func (d *Document) UnmarshalJSON(data []byte) error {
	p, err := ParseJSON(data)
	if err != nil {
		return err
	}
	*d = *p
	return nil
}

func writeDocumentHead(b *bytes.Buffer, d *Document) {
	b.WriteByte('{')
	if d.Version != "" {
		b.WriteString(`"Version":`)
		writeString(b, d.Version)
		b.WriteByte(',')
	}
	if d.ID != "" {
		b.WriteString(`"Id":`)
		writeString(b, d.ID)
		b.WriteByte(',')
	}
}

func writeDocument(b *bytes.Buffer, d *Document, _ bool) {
	writeDocumentHead(b, d)
	b.WriteString(`"Statement":[`)
	for i := range d.Statements {
		if i > 0 {
			b.WriteByte(',')
		}
		writeStatement(b, &d.Statements[i])
	}
	b.WriteString("]}")
}

func writeStatement(b *bytes.Buffer, s *Statement) {
	b.WriteByte('{')
	first := true
	key := func(k string) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeString(b, k)
		b.WriteByte(':')
	}
	if s.Sid != "" {
		key("Sid")
		writeString(b, s.Sid)
	}
	key("Effect")
	writeString(b, s.Effect)
	if s.Principal != nil {
		key("Principal")
		writePrincipal(b, s.Principal)
	}
	if s.NotPrincipal != nil {
		key("NotPrincipal")
		writePrincipal(b, s.NotPrincipal)
	}
	for _, f := range []struct {
		name   string
		v      Values
		folded bool
	}{
		{"Action", s.Action, true},
		{"NotAction", s.NotAction, true},
		{"Resource", s.Resource, false},
		{"NotResource", s.NotResource, false},
	} {
		if f.v != nil {
			key(f.name)
			writeValues(b, normalize(f.v, f.folded))
		}
	}
	if s.Condition != nil {
		key("Condition")
		writeConditions(b, s.Condition)
	}
	b.WriteByte('}')
}

func writePrincipal(b *bytes.Buffer, p *Principal) {
	if p.Wildcard {
		writeString(b, "*")
		return
	}
	b.WriteByte('{')
	for i, t := range sortedKeys(p.Entries) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, t)
		b.WriteByte(':')
		ids := p.Entries[t]
		if t == "AWS" {
			ids = rootARNs(ids)
		}
		writeValues(b, normalize(ids, false))
	}
	b.WriteByte('}')
}

// rootARNs rewrites bare 12-digit account ids to the ARN AWS stores for
// them.
func rootARNs(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		if isAccountID(id) {
			id = "arn:aws:iam::" + id + ":root"
		}
		out[i] = id
	}
	return out
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func writeConditions(b *bytes.Buffer, c Conditions) {
	b.WriteByte('{')
	for i, op := range sortedKeys(c) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, op)
		b.WriteString(":{")
		keys := c[op]
		names := make([]string, 0, len(keys))
		for k := range keys {
			names = append(names, k)
		}
		sort.Slice(names, func(i, j int) bool {
			fi, fj := fold(names[i]), fold(names[j])
			if fi != fj {
				return fi < fj
			}
			return names[i] < names[j]
		})
		for j, k := range names {
			if j > 0 {
				b.WriteByte(',')
			}
			writeString(b, k)
			b.WriteByte(':')
			writeValues(b, normalize(keys[k], false))
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
}

// normalize sorts values and drops duplicates; folded compares them without
// regard to case (actions), keeping the first spelling.
func normalize(v []string, folded bool) []string {
	out := append([]string{}, v...)
	if folded {
		sort.SliceStable(out, func(i, j int) bool {
			fi, fj := fold(out[i]), fold(out[j])
			if fi != fj {
				return fi < fj
			}
			return out[i] < out[j]
		})
	} else {
		sort.Strings(out)
	}
	w := 0
	for i, s := range out {
		if i > 0 {
			prev := out[w-1]
			if s == prev || folded && fold(s) == fold(prev) {
				continue
			}
		}
		out[w] = s
		w++
	}
	return out[:w]
}

func writeValues(b *bytes.Buffer, v []string) {
	if len(v) == 1 {
		writeString(b, v[0])
		return
	}
	b.WriteByte('[')
	for i, s := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, s)
	}
	b.WriteByte(']')
}

func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic("policy: encoding a string: " + err.Error())
	}
	b.Truncate(b.Len() - 1) // Encode's newline
}
