package model

import (
	"strconv"
	"strings"
)

// Scope is the set of IAM path prefixes iamc owns (the iamc block's
// manage). Inside it iamc is exclusive: what is not declared is deleted.
// AWS-reserved paths are never inside a scope.
type Scope []string

// DefaultScope is the whole account but AWS's reserved paths.
var DefaultScope = Scope{"/"}

// Contains reports whether an entity at path is managed.
func (s Scope) Contains(path string) bool {
	if IsReservedPath(path) {
		return false
	}
	for _, p := range s {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// ManagesPolicyARN reports whether the customer managed policy with the
// given path is managed; AWS managed policies never are.
func (s Scope) ManagesPolicyARN(arn, path string) bool {
	return !IsAWSManagedPolicyARN(arn) && s.Contains(path)
}

// IsWhole reports whether the scope is the whole account ("/").
func (s Scope) IsWhole() bool {
	for _, p := range s {
		if p == "/" {
			return true
		}
	}
	return false
}

// String writes the scope as the iamc block's manage writes it, an HCL
// list: ["/a/", "/b/"].
func (s Scope) String() string {
	var b strings.Builder
	b.WriteByte('[')
	for i, p := range s {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(p))
	}
	b.WriteByte(']')
	return b.String()
}
