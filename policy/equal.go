package policy

import (
	"unicode"
	"unicode/utf8"
)

// Equal reports whether two documents mean the same to IAM: they differ at
// most in formatting, key order, the order and duplication of values and
// statements, single values vs one-element lists, the case of action names
// and condition keys, a bare account id vs its root ARN, {"AWS": "*"} vs
// "*", an empty Condition vs none, and an absent Version vs 2008-10-17. Two
// nil documents are equal. Resources, condition values and condition
// operator names keep their case, as IAM compares them.
//
// Documents equal statement for statement (each list compared as a set,
// actions without regard to case) are told equal without allocating;
// others are compared by Key.
func Equal(a, b *Document) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	if sameDocument(a, b) {
		return true
	}
	return Key(a) == Key(b)
}

// sameDocument reports whether two documents are the same statement for
// statement, each list compared as a set (actions without regard to
// case), which is enough for Equal and needs no allocation. It is
// a fast path: documents that differ here may still be equal.
func sameDocument(a, b *Document) bool {
	if a.Version != b.Version || a.ID != b.ID || len(a.Statements) != len(b.Statements) {
		return false
	}
	for i := range a.Statements {
		s, t := &a.Statements[i], &b.Statements[i]
		if s.Sid != t.Sid || s.Effect != t.Effect ||
			!sameSet(s.Action, t.Action, true) || !sameSet(s.NotAction, t.NotAction, true) ||
			!sameSet(s.Resource, t.Resource, false) || !sameSet(s.NotResource, t.NotResource, false) ||
			!samePrincipal(s.Principal, t.Principal) || !samePrincipal(s.NotPrincipal, t.NotPrincipal) ||
			len(s.Condition) != len(t.Condition) || (s.Condition == nil) != (t.Condition == nil) {
			return false
		}
		for op, keys := range s.Condition {
			other, ok := t.Condition[op]
			if !ok || len(other) != len(keys) {
				return false
			}
			for k, v := range keys {
				w, ok := other[k]
				if !ok || !sameSet(v, w, false) {
					return false
				}
			}
		}
	}
	return true
}

// sameSet reports whether two lists hold the same values, in any order
// and with any repetition; folded compares them without regard to case.
// Long lists are left to Key.
func sameSet[S ~[]string](a, b S, folded bool) bool {
	if (a == nil) != (b == nil) || len(a) > 64 || len(b) > 64 {
		return false
	}
	return subset(a, b, folded) && subset(b, a, folded)
}

func subset[S ~[]string](a, b S, folded bool) bool {
outer:
	for i, x := range a {
		if i < len(b) && (b[i] == x || folded && foldEqual(b[i], x)) {
			continue
		}
		for _, y := range b {
			if y == x || folded && foldEqual(x, y) {
				continue outer
			}
		}
		return false
	}
	return true
}

func samePrincipal(a, b *Principal) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if a.Wildcard != b.Wildcard || len(a.Entries) != len(b.Entries) {
		return false
	}
	for k, v := range a.Entries {
		w, ok := b.Entries[k]
		if !ok || !sameSet(v, w, false) {
			return false
		}
	}
	return true
}

// foldEqual reports whether strings.ToLower(a) == strings.ToLower(b), as
// Key compares actions, without allocating.
func foldEqual(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == b
}
