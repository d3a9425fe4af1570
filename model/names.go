package model

import (
	"fmt"
	"strings"
)

// Name length limits of IAM, per kind.
const (
	MaxUserNameLen   = 64
	MaxRoleNameLen   = 64
	MaxGroupNameLen  = 128
	MaxPolicyNameLen = 128
	MaxInlineNameLen = 128
	// Instance profile names follow the rules of group names.
	MaxInstanceProfileNameLen = 128
	MaxPathLen                = 512
	MaxDescriptionLen         = 1000
	MaxTagKeyLen              = 128
	MaxTagValueLen            = 256
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

// IsNameChar reports whether IAM allows c in the name of a user, group,
// role, policy or instance profile: [A-Za-z0-9+=,.@_-].
func IsNameChar(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.ContainsRune("+=,.@_-", c)
}

// CheckName checks an entity name against IAM's rules: 1 to MaxNameLen(k)
// characters of [A-Za-z0-9+=,.@_-]. The error is a sentence for users.
func CheckName(k Kind, name string) error {
	switch k {
	case KindInstanceProfile:
		return CheckInstanceProfileName(name)
	case KindOIDCProvider:
		return CheckOIDCProviderName(name)
	case KindSAMLProvider:
		return CheckSAMLProviderName(name)
	}
	return checkName(string(k), name, MaxNameLen(k))
}

// CheckInlinePolicyName checks an inline policy's name.
func CheckInlinePolicyName(name string) error {
	return checkName("inline policy", name, MaxInlineNameLen)
}

// CheckInstanceProfileName checks an instance profile's name.
func CheckInstanceProfileName(name string) error {
	return checkName("instance profile", name, MaxInstanceProfileNameLen)
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
		if !IsNameChar(c) {
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
