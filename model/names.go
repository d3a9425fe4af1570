package model

import (
	"fmt"
	"strings"
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
		return fmt.Errorf("a %s name cannot be empty", what)
	}
	if n := len(name); n > max {
		return fmt.Errorf("the %s name %q is %d characters long; IAM allows at most %d", what, name, n, max)
	}
	for _, c := range name {
		if !isNameChar(c) {
			return fmt.Errorf("the %s name %q contains %q; IAM names use only letters, digits and +=,.@_-", what, name, c)
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
			return fmt.Errorf("the path %q contains %q; IAM paths use printable ASCII without spaces", path, c)
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

// CheckTags checks tag keys and values of a user, role or policy against
// IAM's rules, including keys that differ only in case (IAM folds them, so
// a plan with both could never converge).
func CheckTags(tags Tags, max int) []error {
	var errs []error
	if len(tags) > max {
		errs = append(errs, fmt.Errorf("%d tags; IAM allows at most %d per entity", len(tags), max))
	}
	seen := map[string]string{}
	for _, k := range sortedKeys(tags) {
		v := tags[k]
		if k == "" || len(k) > MaxTagKeyLen {
			errs = append(errs, fmt.Errorf("the tag key %q must be 1 to %d characters", k, MaxTagKeyLen))
		}
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			errs = append(errs, fmt.Errorf("the tag key %q uses the reserved prefix \"aws:\"", k))
		}
		if len(v) > MaxTagValueLen {
			errs = append(errs, fmt.Errorf("the value of tag %q is %d characters; IAM allows at most %d", k, len(v), MaxTagValueLen))
		}
		if other, ok := seen[Fold(k)]; ok {
			errs = append(errs, fmt.Errorf("the tag keys %q and %q differ only in case; IAM treats them as one key", other, k))
		}
		seen[Fold(k)] = k
	}
	return errs
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}
