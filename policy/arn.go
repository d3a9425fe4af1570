package policy

import (
	"strconv"
	"strings"

	"github.com/iamc/iamc/internal/wildcard"
)

// resource checks element j of Resource or NotResource: "*", or a well
// formed ARN, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, whose fields
// may hold IAM's wildcards and (in 2012-10-17 documents) policy variables.
func (v *validator) resource(elem string, j int, r string) {
	if isUnknown(r) || r == "*" {
		return
	}
	if withVariable(r) && !v.variables(v.at(elem, j), r) {
		return
	}
	msg, f := arnProblem(r)
	if msg != "" {
		v.add(v.at(elem, j), Error, "invalid-arn", "Invalid resource ARN",
			"The resource "+strconv.Quote(r)+" "+msg)
		return
	}
	// IAM accepts an ARN whose resource is empty (one of AWS's own
	// managed policies has "arn:aws:organizations::*:"), but it matches
	// no resource.
	if f[5] == "" {
		v.add(v.at(elem, j), Warning, WarnARNWithoutResource, "Resource ARN without a resource",
			"The resource "+strconv.Quote(r)+" ends after its account field, so it matches no resource; complete it ("+arnFormat+"), or use a wildcard.")
	}
}

// arnFormat is how the detail of an ARN problem names the form.
const arnFormat = "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"

// arnProblem says what is wrong with the resource ARN r (completing a
// sentence that starts with the resource), or "" when nothing is; then it
// also gives the ARN's six fields.
func arnProblem(r string) (string, arnFields) {
	var f arnFields
	if !strings.HasPrefix(r, "arn:") {
		if len(r) >= 4 && strings.EqualFold(r[:4], "arn:") {
			return "must start with \"arn:\" in lower case.", f
		}
		return "is neither \"*\" nor an ARN (" + arnFormat + ").", f
	}
	if n := f.split(r); n < 6 {
		return "has " + strconv.Itoa(n) + " of the 6 fields of an ARN, " + arnFormat + ".", f
	}
	partition, service, region, account := f[1], f[2], f[3], f[4]
	var msg string
	switch {
	case !validPartition(partition):
		msg = "has the partition " + strconv.Quote(partition) + "; partitions are \"aws\", \"aws-cn\", \"aws-us-gov\" and the like."
	case service == "":
		msg = "has no service (" + arnFormat + ")."
	case !lowerField(service):
		msg = "has the service " + strconv.Quote(service) + "; service names in ARNs are in lower case (letters, digits and hyphens)."
	case !lowerField(region):
		msg = "has the region " + strconv.Quote(region) + "; regions are in lower case (\"us-east-1\"), empty for global services."
	case !validAccount(account):
		msg = "has the account " + strconv.Quote(account) + "; an account is 12 digits, empty for services such as S3, or \"aws\" for AWS's own resources."
	}
	return msg, f
}

// arnFields are the fields of an ARN: "arn", partition, service, region,
// account and resource (which may hold colons).
type arnFields [6]string

// split splits s at its first five colons, skipping the colons of policy
// variables (${aws:username}), and returns the number of fields.
func (f *arnFields) split(s string) int {
	n, depth, start := 0, 0, 0
	for i := 0; i < len(s) && n < 5; i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}' && depth > 0:
			depth--
		case s[i] == ':' && depth == 0:
			f[n] = s[start:i]
			n++
			start = i + 1
		}
	}
	f[n] = s[start:]
	return n + 1
}

// splitARN is split as a slice of the fields found.
func splitARN(s string) []string {
	var f arnFields
	n := f.split(s)
	return f[:n]
}

// withVariable reports whether a field holds a policy variable, whose
// value is known only when a request is evaluated.
func withVariable(s string) bool { return strings.Contains(s, "${") }

func validPartition(p string) bool {
	if p == "" {
		return false
	}
	if withVariable(p) || wildcard.Has(p) {
		return true
	}
	// aws, then hyphenated lower-case words: aws-cn, aws-iso-b.
	rest, ok := strings.CutPrefix(p, "aws")
	if !ok {
		return false
	}
	for rest != "" {
		if rest[0] != '-' {
			return false
		}
		word := rest[1:]
		if i := strings.IndexByte(word, '-'); i >= 0 {
			word = word[:i]
		}
		if word == "" || !lowerField(word) {
			return false
		}
		rest = rest[1+len(word):]
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
	case !wildcard.Has(a) || len(a) > 12:
		return false
	}
	for i := 0; i < len(a); i++ {
		if c := a[i]; !('0' <= c && c <= '9' || c == '*' || c == '?') {
			return false
		}
	}
	return true
}
