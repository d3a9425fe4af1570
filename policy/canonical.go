package policy

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"sort"
	"strings"
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
	b.Grow(256 * (len(d.Statements) + 1))
	writeDocumentHead(&b, d.Version, d.ID)
	b.WriteString(`"Statement":[`)
	for i := range d.Statements {
		if i > 0 {
			b.WriteByte(',')
		}
		writeStatement(&b, &d.Statements[i], false)
	}
	b.WriteString("]}")
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

// Key returns a string that is the same for two documents exactly when
// Equal holds for them. It is canonical JSON too, in a normal form that is
// not meant to be sent: statements sorted and deduplicated, action names
// and condition keys in lower case.
func Key(d *Document) string {
	// The statements are written one after another into one buffer, then
	// sorted as byte ranges of it.
	var all bytes.Buffer
	all.Grow(192 * len(d.Statements))
	spans := make([][2]int, len(d.Statements))
	for i := range d.Statements {
		spans[i][0] = all.Len()
		writeStatement(&all, &d.Statements[i], true)
		spans[i][1] = all.Len()
	}
	buf := all.Bytes()
	stmt := func(i int) []byte { return buf[spans[i][0]:spans[i][1]] }
	sort.Slice(spans, func(i, j int) bool { return bytes.Compare(stmt(i), stmt(j)) < 0 })
	var b bytes.Buffer
	b.Grow(len(buf) + len(spans) + 48)
	writeDocumentHead(&b, d.EffectiveVersion(), d.ID)
	b.WriteString(`"Statement":[`)
	for i := range spans {
		if i > 0 {
			if bytes.Equal(stmt(i), stmt(i-1)) {
				continue
			}
			b.WriteByte(',')
		}
		b.Write(stmt(i))
	}
	b.WriteString("]}")
	return b.String()
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

func writeDocumentHead(b *bytes.Buffer, version, id string) {
	b.WriteByte('{')
	if version != "" {
		b.WriteString(`"Version":`)
		writeString(b, version)
		b.WriteByte(',')
	}
	if id != "" {
		b.WriteString(`"Id":`)
		writeString(b, id)
		b.WriteByte(',')
	}
}

// writeStatement writes one statement. In key mode (the normal form of
// Key) action names are folded to lower case, {"AWS": "*"} is written as
// "*", condition keys are folded and merged, and empty conditions dropped.
func writeStatement(b *bytes.Buffer, s *Statement, key bool) {
	b.WriteByte('{')
	first := true
	name := func(k string) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteByte('"')
		b.WriteString(k)
		b.WriteString(`":`)
	}
	if s.Sid != "" {
		name("Sid")
		writeString(b, s.Sid)
	}
	name("Effect")
	writeString(b, s.Effect)
	if s.Principal != nil {
		name("Principal")
		writePrincipal(b, s.Principal, key)
	}
	if s.NotPrincipal != nil {
		name("NotPrincipal")
		writePrincipal(b, s.NotPrincipal, key)
	}
	if s.Action != nil {
		name("Action")
		writeActions(b, s.Action, key)
	}
	if s.NotAction != nil {
		name("NotAction")
		writeActions(b, s.NotAction, key)
	}
	if s.Resource != nil {
		name("Resource")
		writeValues(b, normalize(s.Resource))
	}
	if s.NotResource != nil {
		name("NotResource")
		writeValues(b, normalize(s.NotResource))
	}
	if s.Condition != nil && (!key || hasCondition(s.Condition)) {
		name("Condition")
		writeConditions(b, s.Condition, key)
	}
	b.WriteByte('}')
}

func writePrincipal(b *bytes.Buffer, p *Principal, key bool) {
	if p.Wildcard || key && awsWildcard(p) {
		writeString(b, "*")
		return
	}
	b.WriteByte('{')
	for i, t := range slices.Sorted(maps.Keys(p.Entries)) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, t)
		b.WriteByte(':')
		ids := p.Entries[t]
		if t == "AWS" {
			ids = rootARNs(ids)
		}
		writeValues(b, normalize(ids))
	}
	b.WriteByte('}')
}

// awsWildcard reports whether p is {"AWS": "*"}, which IAM reads as "*".
func awsWildcard(p *Principal) bool {
	if len(p.Entries) != 1 {
		return false
	}
	ids, ok := p.Entries["AWS"]
	if !ok || len(ids) == 0 {
		return false
	}
	for _, id := range ids {
		if id != "*" {
			return false
		}
	}
	return true
}

// rootARNs rewrites bare 12-digit account ids to the ARN AWS stores for
// them.
func rootARNs(ids []string) []string {
	var out []string
	for i, id := range ids {
		if isAccountID(id) {
			if out == nil {
				out = append(make([]string, 0, len(ids)), ids[:i]...)
			}
			id = "arn:aws:iam::" + id + ":root"
		}
		if out != nil {
			out = append(out, id)
		}
	}
	if out == nil {
		return ids
	}
	return out
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// writeConditions writes a Condition. In key mode condition keys that
// differ only in case are one key, written in lower case with the union
// of their values, and operators without keys are left out.
func writeConditions(b *bytes.Buffer, c Conditions, key bool) {
	b.WriteByte('{')
	first := true
	for _, op := range slices.Sorted(maps.Keys(c)) {
		keys := c[op]
		if key && len(keys) == 0 {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeString(b, op)
		b.WriteString(":{")
		names := slices.Sorted(maps.Keys(keys))
		// Keys that differ only in case sit together, in a fixed order.
		sort.SliceStable(names, func(i, j int) bool { return compareFold(names[i], names[j]) < 0 })
		for j := 0; j < len(names); {
			if j > 0 {
				b.WriteByte(',')
			}
			k, values := names[j], keys[names[j]]
			j++
			if !key {
				writeString(b, k)
				b.WriteByte(':')
				writeValues(b, normalize(values))
				continue
			}
			// Merge the values of the keys equal to k but for case.
			if j < len(names) && compareFold(names[j], k) == 0 {
				values = append([]string(nil), values...)
				for ; j < len(names) && compareFold(names[j], k) == 0; j++ {
					values = append(values, keys[names[j]]...)
				}
			}
			writeStringFold(b, k)
			b.WriteByte(':')
			writeValues(b, normalize(values))
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
}

// normalize returns the values sorted and without duplicates. It sorts in
// place only a copy, and returns v itself when it is already normal.
func normalize(v []string) []string {
	if sortedUnique(v, func(a, b string) int { return strings.Compare(a, b) }) {
		return v
	}
	out := append([]string(nil), v...)
	sort.Strings(out)
	return dedup(out, func(a, b string) bool { return a == b })
}

// writeActions writes action names, which IAM compares without regard to
// case: sorted by their folded form, one spelling kept per folded name
// (the least in byte order, so the result does not depend on the input's
// order). In key mode the names are written folded.
func writeActions(b *bytes.Buffer, v []string, key bool) {
	if !sortedUnique(v, compareFold) {
		v = append([]string(nil), v...)
		sort.Slice(v, func(i, j int) bool {
			if c := compareFold(v[i], v[j]); c != 0 {
				return c < 0
			}
			return v[i] < v[j]
		})
		v = dedup(v, func(a, b string) bool { return compareFold(a, b) == 0 })
	}
	if !key {
		writeValues(b, v)
		return
	}
	if len(v) != 1 {
		b.WriteByte('[')
	}
	for i, s := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		writeStringFold(b, s)
	}
	if len(v) != 1 {
		b.WriteByte(']')
	}
}

// sortedUnique reports whether v is strictly increasing under cmp.
func sortedUnique(v []string, cmp func(a, b string) int) bool {
	for i := 1; i < len(v); i++ {
		if cmp(v[i-1], v[i]) >= 0 {
			return false
		}
	}
	return true
}

// dedup drops from the sorted list v each value equal to the one before.
func dedup(v []string, eq func(a, b string) bool) []string {
	w := 0
	for i, s := range v {
		if i > 0 && eq(s, v[w-1]) {
			continue
		}
		v[w] = s
		w++
	}
	return v[:w]
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
