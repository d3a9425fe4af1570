package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name length limits of IAM, per kind.
const (
	MaxUserNameLen    = 64
	MaxRoleNameLen    = 64
	MaxGroupNameLen   = 128
	MaxPolicyNameLen  = 128
	MaxInlineNameLen  = 128
	MaxPathLen        = 512
	MaxDescriptionLen = 1000
	MaxTagKeyLen      = 128
	MaxTagValueLen    = 256
)

// MaxNameLen returns IAM's name length limit for a kind.
func MaxNameLen(k Kind) int {
	switch k {
	case KindUser:
		return MaxUserNameLen
	case KindRole:
		return MaxRoleNameLen
	default:
		return MaxGroupNameLen
	}
}

func isNameChar(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.ContainsRune("+=,.@_-", c)
}

// CheckName checks an entity name against IAM's rules: 1 to MaxNameLen(k)
// characters of [A-Za-z0-9+=,.@_-]. The error is a sentence for users.
func CheckName(k Kind, name string) error {
	return checkName(string(k), name, MaxNameLen(k))
}

// CheckInlinePolicyName checks an inline policy's name.
func CheckInlinePolicyName(name string) error {
	return checkName("inline policy", name, MaxInlineNameLen)
}

func checkName(what, name string, max int) error {
	if name == "" {
		article := "a"
		if strings.HasPrefix(what, "in") { // inline policy, instance profile
			article = "an"
		}
		return fmt.Errorf("%s %s name cannot be empty", article, what)
	}
	if n := len(name); n > max {
		return fmt.Errorf("the %s name %q is %d characters long; IAM allows at most %d", what, name, n, max)
	}
	for _, c := range name {
		if !isNameChar(c) {
			return fmt.Errorf("the %s name %q contains %s; IAM names use only the ASCII letters and digits and +=,.@_-", what, name, DescribeRune(c))
		}
	}
	return nil
}

// CheckPath checks an IAM path: "/" or "/a/b/", at most 512 characters of
// printable ASCII (! through ~), no "//".
func CheckPath(path string) error {
	if path == "" {
		return fmt.Errorf("a path cannot be empty; use \"/\"")
	}
	if len(path) > MaxPathLen {
		return fmt.Errorf("the path is %d characters long; IAM allows at most %d", len(path), MaxPathLen)
	}
	if !strings.HasPrefix(path, "/") || !strings.HasSuffix(path, "/") {
		return fmt.Errorf("the path %q must start and end with \"/\"", path)
	}
	if strings.Contains(path, "//") {
		return fmt.Errorf("the path %q contains an empty segment (\"//\")", path)
	}
	for _, c := range path {
		if c < '!' || c > '~' {
			return fmt.Errorf("the path %q contains %s; IAM paths use printable ASCII without spaces", path, DescribeRune(c))
		}
	}
	return nil
}

// ReservedPathPrefixes are the paths AWS keeps for itself: iamc never
// declares, changes or deletes anything under them.
var ReservedPathPrefixes = []string{"/aws-service-role/", "/aws-reserved/"}

// IsReservedPath reports whether path is AWS-reserved.
func IsReservedPath(path string) bool {
	for _, p := range ReservedPathPrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

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

// badTagChar returns the first character of s that IAM does not allow in
// a tag, and whether there is one.
func badTagChar(s string) (rune, bool) {
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
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			errs = append(errs, tagError(k, false, "the tag key %q uses the reserved prefix \"aws:\"", k))
		}
		if c, bad := badTagChar(k); bad {
			errs = append(errs, tagError(k, false, "the tag key %q contains %s; IAM allows letters, digits, spaces and _.:/=+-@ in tags", k, DescribeRune(c)))
		}
		if n := utf8.RuneCountInString(v); n > MaxTagValueLen {
			errs = append(errs, tagError(k, true, "the value of tag %q is %d characters; IAM allows at most %d", k, n, MaxTagValueLen))
		}
		if c, bad := badTagChar(v); bad {
			errs = append(errs, tagError(k, true, "the value of tag %q contains %s; IAM allows letters, digits, spaces and _.:/=+-@ in tags", k, DescribeRune(c)))
		}
		if other, ok := seen[Fold(k)]; ok {
			errs = append(errs, tagError(k, false, "the tag keys %q and %q differ only in case; IAM treats them as one key", other, k))
		}
		seen[Fold(k)] = k
	}
	return errs
}

// BadRoleDescriptionChar returns the first character of s, and its
// position counted from 1, that IAM's pattern for a role's description,
// [\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*, does not take.
func BadRoleDescriptionChar(s string) (int, rune, bool) {
	i := 0
	for _, c := range s {
		i++
		switch {
		case c == '\t', c == '\n', c == '\r':
		case c >= 0x20 && c <= 0x7e:
		case c >= 0xa1 && c <= 0xff:
		default:
			return i, c, true
		}
	}
	return 0, 0, false
}

// DescribeRune names a character for a message: quoted, with its code
// point when it is not printable ASCII, and the Latin letter it passes
// for when it is one of the look-alikes that make two names seem equal:
// 'а' (U+0430, which looks like the Latin 'a').
func DescribeRune(c rune) string {
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", c)
	}
	if l, ok := lookalikes[c]; ok {
		return fmt.Sprintf("%q (%U, which looks like the Latin %q)", c, c, l)
	}
	return fmt.Sprintf("%q (%U)", c, c)
}

// lookalikes maps Cyrillic and Greek letters, and a few others, to the
// Latin letters they are drawn like.
var lookalikes = map[rune]rune{
	'а': 'a', 'в': 'B', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ӏ': 'l',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
	'ο': 'o', 'ν': 'v', 'α': 'a', 'ι': 'i', 'κ': 'k',
	'ɡ': 'g', 'ı': 'i', 'ℓ': 'l', '０': '0', '１': '1', 'ｌ': 'l',
}
