package policy

import (
	"strconv"
	"strings"
)

// resource checks element j of Resource or NotResource: "*", or a well
// formed ARN, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, whose fields
// may hold IAM's wildcards and (in 2012-10-17 documents) policy variables.
func (v *validator) resource(elem string, j int, r string) {
	if isUnknown(r) || r == "*" {
		return
	}
	if !v.variables(elem, j, r) {
		return
	}
	if msg := arnProblem(r); msg != "" {
		v.add(v.at(elem, j), Error, "invalid-arn", "Invalid resource ARN",
			"The resource "+strconv.Quote(r)+" "+msg)
		return
	}
	// IAM accepts an ARN whose resource is empty (one of AWS's own
	// managed policies has "arn:aws:organizations::*:"), but it matches
	// no resource.
	if splitARN(r)[5] == "" {
		v.add(v.at(elem, j), Warning, WarnARNWithoutResource, "Resource ARN without a resource",
			"The resource "+strconv.Quote(r)+" ends after its account field, so it matches no resource; complete it ("+arnFormat+"), or use a wildcard.")
	}
}

// arnFormat is how the detail of an ARN problem names the form.
const arnFormat = "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"

// arnProblem says what is wrong with the resource ARN r (completing a
// sentence that starts with the resource), or "" when nothing is.
func arnProblem(r string) string {
	if !strings.HasPrefix(r, "arn:") {
		if len(r) >= 4 && strings.EqualFold(r[:4], "arn:") {
			return "must start with \"arn:\" in lower case."
		}
		return "is neither \"*\" nor an ARN (" + arnFormat + ")."
	}
	f := splitARN(r)
	if len(f) < 6 {
		return "has " + strconv.Itoa(len(f)) + " of the 6 fields of an ARN, " + arnFormat + "."
	}
	partition, service, region, account := f[1], f[2], f[3], f[4]
	switch {
	case !validPartition(partition):
		return "has the partition " + strconv.Quote(partition) + "; partitions are \"aws\", \"aws-cn\", \"aws-us-gov\" and the like."
	case service == "":
		return "has no service (" + arnFormat + ")."
	case !lowerField(service):
		return "has the service " + strconv.Quote(service) + "; service names in ARNs are in lower case (letters, digits and hyphens)."
	case !lowerField(region):
		return "has the region " + strconv.Quote(region) + "; regions are in lower case (\"us-east-1\"), empty for global services."
	case !validAccount(account):
		return "has the account " + strconv.Quote(account) + "; an account is 12 digits, empty for services such as S3, or \"aws\" for AWS's own resources."
	}
	return ""
}

// splitARN splits an ARN at its first five colons, skipping the colons of
// policy variables (${aws:username}).
func splitARN(s string) []string {
	out := make([]string, 0, 6)
	depth, start := 0, 0
	for i := 0; i < len(s) && len(out) < 5; i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}' && depth > 0:
			depth--
		case s[i] == ':' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// withVariable reports whether a field holds a policy variable, whose
// value is known only when a request is evaluated.
func withVariable(s string) bool { return strings.Contains(s, "${") }

func validPartition(p string) bool {
	if p == "" {
		return false
	}
	if withVariable(p) || hasWildcard(p) {
		return true
	}
	if !strings.HasPrefix(p, "aws") {
		return false
	}
	for _, part := range strings.Split(p, "-")[1:] {
		if part == "" || !lowerField(part) {
			return false
		}
	}
	return true
}

// lowerField reports whether an ARN field is lower-case letters, digits,
// hyphens (and dots, as some service names have them), wildcards or
// variables.
func lowerField(s string) bool {
	if withVariable(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '*' || c == '?') {
			return false
		}
	}
	return true
}

func validAccount(a string) bool {
	switch {
	case a == "" || a == "aws" || isAccountID(a) || withVariable(a):
		return true
	case !hasWildcard(a) || len(a) > 12:
		return false
	}
	for i := 0; i < len(a); i++ {
		if c := a[i]; !('0' <= c && c <= '9' || c == '*' || c == '?') {
			return false
		}
	}
	return true
}
