package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tags are an entity's tags. IAM keeps keys as written but treats two keys
// that differ only in case as the same key.
type Tags map[string]string

// TagError is a problem with one tag, as CheckTags reports it: Key names
// the tag, and InValue says whether the problem lies in its value rather
// than in its key.
type TagError struct {
	Key     string
	InValue bool
	msg     string
}

func (e *TagError) Error() string { return e.msg }

func tagError(key string, inValue bool, format string, args ...any) *TagError {
	return &TagError{Key: key, InValue: inValue, msg: fmt.Sprintf(format, args...)}
}

// isTagChar reports whether IAM allows c in a tag key or value: its
// pattern is [\p{L}\p{Z}\p{N}_.:/=+\-@] (letters, separators such as the
// space, numbers, and _.:/=+-@).
func isTagChar(c rune) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == ' ':
		return true
	case c < utf8.RuneSelf:
		return strings.ContainsRune("_.:/=+-@", c)
	}
	return unicode.IsLetter(c) || unicode.IsNumber(c) || unicode.Is(unicode.Z, c)
}

// ReservedTagPrefix starts the tag keys AWS keeps for itself, compared
// without regard to case.
const ReservedTagPrefix = "aws:"

// IsReservedTagKey reports whether a tag key is in AWS's namespace.
func IsReservedTagKey(k string) bool { return strings.HasPrefix(strings.ToLower(k), ReservedTagPrefix) }

// BadTagChar returns the first character of s that IAM does not allow in
// a tag key or value, and whether there is one.
func BadTagChar(s string) (rune, bool) {
	for _, c := range s {
		if !isTagChar(c) {
			return c, true
		}
	}
	return 0, false
}

// CheckTags checks tag keys and values of a user, role or policy against
// IAM's rules, including keys that differ only in case (IAM folds them, so
// a plan with both could never converge): a key is 1 to 128 characters
// and a value 0 to 256, of letters, numbers, white space and _.:/=+-@; no
// key starts with aws:. A problem with one tag is a *TagError.
func CheckTags(tags Tags, max int) []error {
	var errs []error
	if len(tags) > max {
		errs = append(errs, fmt.Errorf("%d tags; IAM allows at most %d per entity", len(tags), max))
	}
	seen := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		v := tags[k]
		if n := utf8.RuneCountInString(k); n == 0 || n > MaxTagKeyLen {
			errs = append(errs, tagError(k, false, "the tag key %q must be 1 to %d characters", k, MaxTagKeyLen))
		}
		if IsReservedTagKey(k) {
			errs = append(errs, tagError(k, false, "the tag key %q uses the reserved prefix \"aws:\"", k))
		}
		if c, bad := BadTagChar(k); bad {
			errs = append(errs, tagError(k, false, "the tag key %q contains %s; IAM allows letters, digits, spaces and _.:/=+-@ in tags", k, DescribeRune(c)))
		}
		if n := utf8.RuneCountInString(v); n > MaxTagValueLen {
			errs = append(errs, tagError(k, true, "the value of tag %q is %d characters; IAM allows at most %d", k, n, MaxTagValueLen))
		}
		if c, bad := BadTagChar(v); bad {
			errs = append(errs, tagError(k, true, "the value of tag %q contains %s; IAM allows letters, digits, spaces and _.:/=+-@ in tags", k, DescribeRune(c)))
		}
		if other, ok := seen[Fold(k)]; ok {
			errs = append(errs, tagError(k, false, "the tag keys %q and %q differ only in case; IAM treats them as one key", other, k))
		}
		seen[Fold(k)] = k
	}
	return errs
}
