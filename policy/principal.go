package policy

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/iamc/iamc/internal/spell"
	"github.com/iamc/iamc/internal/wildcard"
)

// principalTypes are the keys of a Principal object.
var principalTypes = []string{"AWS", "CanonicalUser", "Federated", "Service"}

// serviceDomains end the names of AWS service principals, in AWS's
// partitions.
var serviceDomains = []string{
	".amazonaws.com", ".amazonaws.com.cn", ".amazon.com",
	".c2s.ic.gov", ".sc2s.sgov.gov", ".cloud.adc-e.uk", ".csp.hci.ic.gov", ".amazonaws.eu",
}

// principal checks the Principal of a trust policy statement: "*", or
// identifiers of a known type, each of its type's form.
func (v *validator) principal(p *Principal) {
	if p.Wildcard {
		return
	}
	if len(p.Entries) == 0 {
		v.add(v.at("Principal", -1), Error, "invalid-principal", "Empty principal",
			"Name who may assume the role: {\"AWS\": ACCOUNT-OR-ARN}, {\"Service\": \"NAME.amazonaws.com\"} or {\"Federated\": PROVIDER}.")
		return
	}
	for _, t := range slices.Sorted(maps.Keys(p.Entries)) {
		if isUnknown(t) {
			continue
		}
		elem := "Principal." + t
		if !isPrincipalType(t) {
			v.add(v.at(elem, -1), Error, "invalid-principal-key", "Invalid principal type",
				"The principal type "+strconv.Quote(t)+" is not one of \"AWS\", \"Service\", \"Federated\" and \"CanonicalUser\"."+spell.DidYouMean(spell.ClosestString(t, principalTypes, spell.ThirdOfCandidate)))
			continue
		}
		ids := p.Entries[t]
		if len(ids) == 0 {
			v.add(v.at(elem, -1), Error, "invalid-principal", "Empty principal",
				"The list of "+t+" principals is empty; name at least one.")
			continue
		}
		for j, id := range ids {
			if isUnknown(id) {
				continue
			}
			if id != "*" && wildcard.Has(id) || id == "*" && t != "AWS" {
				v.add(v.at(elem, j), Error, "principal-wildcard", "Wildcard in principal",
					"A principal cannot match by wildcard ("+strconv.Quote(id)+"): name each principal, or allow \"*\" and narrow it with a condition (aws:PrincipalArn, aws:PrincipalOrgID).")
				continue
			}
			if msg := principalProblem(t, id); msg != "" {
				v.add(v.at(elem, j), Error, "invalid-principal", "Invalid principal", "The "+t+" principal "+strconv.Quote(id)+" "+msg)
			}
		}
	}
}

func isPrincipalType(t string) bool {
	for _, p := range principalTypes {
		if t == p {
			return true
		}
	}
	return false
}

// principalProblem says what is wrong with the identifier id of principal
// type t (completing a sentence that starts with the principal), or "".
func principalProblem(t, id string) string {
	switch t {
	case "AWS":
		return awsPrincipalProblem(id)
	case "Service":
		if !serviceHost(id) {
			return "is not a service principal; those are lower-case names such as \"ec2.amazonaws.com\"."
		}
	case "Federated":
		if strings.HasPrefix(id, "arn:") {
			f := splitARN(id)
			if len(f) == 6 && validPartition(f[1]) && f[2] == "iam" && f[3] == "" && isAccountID(f[4]) &&
				(strings.HasPrefix(f[5], "saml-provider/") || strings.HasPrefix(f[5], "oidc-provider/")) && !strings.HasSuffix(f[5], "/") {
				return ""
			}
			return "is not the ARN of an identity provider, arn:aws:iam::ACCOUNT:saml-provider/NAME or arn:aws:iam::ACCOUNT:oidc-provider/HOST."
		}
		if !hostName(id) {
			return "is neither an identity provider's ARN nor a web identity provider such as \"cognito-identity.amazonaws.com\"."
		}
	case "CanonicalUser":
		if len(id) != 64 || strings.Trim(id, "0123456789abcdef") != "" {
			return "is not a canonical user id (64 hexadecimal digits)."
		}
	}
	return ""
}

func awsPrincipalProblem(id string) string {
	if id == "*" || isAccountID(id) {
		return ""
	}
	if isUniqueID(id) {
		return "is the unique id AWS writes in place of a user or role that was deleted; name the principal by its ARN, and recreate it if it is gone."
	}
	if !strings.HasPrefix(id, "arn:") {
		return "is neither \"*\", a 12-digit account id nor an ARN (arn:aws:iam::ACCOUNT:root, arn:aws:iam::ACCOUNT:role/NAME)."
	}
	f := splitARN(id)
	if len(f) != 6 || !validPartition(f[1]) || f[3] != "" || !isAccountID(f[4]) {
		return "is not an IAM or STS ARN with a 12-digit account (arn:aws:iam::ACCOUNT:root, arn:aws:iam::ACCOUNT:role/NAME)."
	}
	res := f[5]
	switch f[2] {
	case "iam":
		if res == "root" || pathName(res, "user/") || pathName(res, "role/") {
			return ""
		}
		return "names neither an account's root, a user nor a role (arn:aws:iam::ACCOUNT:root, :user/NAME, :role/NAME); groups and policies cannot be principals."
	case "sts":
		if pathName(res, "assumed-role/") || pathName(res, "federated-user/") {
			return ""
		}
		return "names neither an assumed-role session nor a federated user (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION)."
	}
	return "is not an IAM or STS ARN (arn:aws:iam::ACCOUNT:...)."
}

// pathName reports whether res is kind followed by a non-empty name that
// does not end in a slash.
func pathName(res, kind string) bool {
	rest, ok := strings.CutPrefix(res, kind)
	return ok && rest != "" && !strings.HasSuffix(rest, "/")
}

// isUniqueID reports whether s looks like the unique id of a user (AIDA)
// or role (AROA), which AWS writes into policies in place of a deleted
// principal.
func isUniqueID(s string) bool {
	if len(s) < 16 || !(strings.HasPrefix(s, "AIDA") || strings.HasPrefix(s, "AROA")) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// serviceHost reports whether s is a service principal's name: a
// lower-case host name in one of AWS's service domains.
func serviceHost(s string) bool {
	if !hostName(s) {
		return false
	}
	for _, d := range serviceDomains {
		if strings.HasSuffix(s, d) && len(s) > len(d) {
			return true
		}
	}
	return false
}

// hostName reports whether s is a lower-case DNS name with at least two
// labels.
func hostName(s string) bool {
	if !strings.Contains(s, ".") {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" {
			return false
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
