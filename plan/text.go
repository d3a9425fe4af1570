package plan

import (
	"fmt"
	"strings"
)

// countString says "2 access keys", "1 access key".
func countString(n int, noun string) string {
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
	return fmt.Sprintf("%d %s", n, noun)
}

// appendCount appends countString(n, noun) when n > 0.
func appendCount(list []string, n int, noun string) []string {
	if n == 0 {
		return list
	}
	return append(list, countString(n, noun))
}

// joinList joins "a", "b" and "c" as "a, b and c".
func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
