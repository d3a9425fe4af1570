package english

import (
	"strconv"
	"strings"
)

// Join joins items as "a, b and c".
func Join(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// JoinQuoted joins items, each quoted as Go quotes strings, as
// "a", "b" and "c".
func JoinQuoted(items []string) string {
	var b strings.Builder
	for i, s := range items {
		switch {
		case i == 0:
		case i == len(items)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(s))
	}
	return b.String()
}

// Capitalize makes a sentence of s by upper-casing its first letter when
// that is an ASCII letter; s is left as it is otherwise.
func Capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// Count says how many of noun there are: "1 access key", "2 access
// keys", "3 policies", "2 addresses". The plural is derived from noun.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	switch {
	case strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "key"):
		noun = noun[:len(noun)-1] + "ies"
	case strings.HasSuffix(noun, "s"):
		noun += "es"
	default:
		noun += "s"
	}
	return strconv.Itoa(n) + " " + noun
}

// AppendCount appends Count(n, noun) to list when n is not 0.
func AppendCount(list []string, n int, noun string) []string {
	if n == 0 {
		return list
	}
	return append(list, Count(n, noun))
}

// CountOf says how many there are with the noun given in the singular
// and the plural: "1 managed policy", "2 managed policies".
func CountOf(n int, one, many string) string {
	if n == 1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}
