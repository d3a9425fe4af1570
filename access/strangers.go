package access

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// The rules of trusts that let strangers in, shared by the configuration's
// checks (package lang, at the declaration) and the audit (on the account
// as it is): a trust open to every principal, and a role that an OpenID
// Connect provider's tokens may assume without a condition on the token's
// subject, which any repository or workload of that service can assume.

// Issuers whose rules differ from the others'.
const (
	GitHubIssuer  = "token.actions.githubusercontent.com"
	CognitoIssuer = "cognito-identity.amazonaws.com"
)

// SubjectIssuer reports whether tokens of the issuer name (an OIDC
// provider's URL without https://) carry in sub the workload they stand
// for, so that a trust without a condition on sub lets any workload of
// the service in: GitHub Actions, GitLab, EKS, and any provider known to
// the caller (known may be nil), Cognito excepted (its required key is
// aud).
func SubjectIssuer(name string, known func(string) bool) bool {
	host, _, _ := strings.Cut(name, "/")
	switch {
	case name == CognitoIssuer:
		return false
	case name == GitHubIssuer, host == "gitlab.com", strings.HasPrefix(host, "gitlab."):
		return true
	case strings.HasPrefix(host, "oidc.eks.") && strings.HasSuffix(host, ".amazonaws.com"):
		return true
	}
	return known != nil && known(name)
}

// FederatedIssuer returns the issuer a Federated principal names: the
// name in an oidc-provider ARN, or the principal itself for the
// providers AWS names without an ARN (cognito-identity.amazonaws.com,
// accounts.google.com, ...); saml is true for a saml-provider ARN.
func FederatedIssuer(id string) (name string, saml bool) {
	if k, n, ok := model.ProviderNameFromARN(id); ok {
		return n, k == model.KindSAMLProvider
	}
	return id, false
}

// StatementAllowsAction reports whether a statement's actions include
// action (an exact name, compared without regard to case, or a wildcard
// that matches it).
func StatementAllowsAction(s *policy.Statement, action string) bool {
	for _, a := range s.Action {
		if glob(escapePattern(strings.ToLower(a)), strings.ToLower(action)) {
			return true
		}
	}
	return false
}

// ConditionValues returns the values every condition of the statement on
// key (compared without regard to case) requires, under any operator that
// restricts to its values (not the negated ones), and whether there is
// one.
func ConditionValues(s *policy.Statement, key string) ([]string, bool) {
	var out []string
	found := false
	for op, keys := range s.Condition {
		if strings.Contains(op, "Not") || strings.HasSuffix(op, "IfExists") {
			continue
		}
		for k, vals := range keys {
			if strings.EqualFold(k, key) {
				found = true
				out = append(out, vals...)
			}
		}
	}
	return out, found
}

// tooBroad reports whether a condition value lets any subject in: only
// wildcards, or for GitHub only wildcards after repo:.
func tooBroad(issuer, v string) bool {
	if strings.Trim(v, "*?") == "" {
		return true
	}
	if issuer == GitHubIssuer {
		if rest, ok := strings.CutPrefix(v, "repo:"); ok && strings.Trim(rest, "*?:/") == "" {
			return true
		}
	}
	return false
}

// BroadValues returns, quoted and sorted, the condition values that let
// any subject of the issuer in.
func BroadValues(issuer string, vals []string) []string {
	var out []string
	for _, v := range vals {
		if tooBroad(issuer, v) {
			out = append(out, fmt.Sprintf("%q", v))
		}
	}
	sort.Strings(out)
	return out
}

// ExampleSubject is a sub value to show in the condition to add.
func ExampleSubject(issuer string) string {
	host, _, _ := strings.Cut(issuer, "/")
	switch {
	case issuer == GitHubIssuer:
		return "repo:OWNER/REPO:ref:refs/heads/main"
	case host == "gitlab.com", strings.HasPrefix(host, "gitlab."):
		return "project_path:GROUP/PROJECT:ref_type:branch:ref:main"
	case strings.HasPrefix(host, "oidc.eks."):
		return "system:serviceaccount:NAMESPACE:SERVICE-ACCOUNT"
	}
	return "THE-WORKLOAD-S-SUBJECT"
}

// Opening is how a trust statement lets strangers in.
type Opening string

// The openings OpenWebIdentity and OpenTrusts find.
const (
	// OpenToAll: Principal "*" (or AWS "*") with no condition at all.
	OpenToAll Opening = "principal-star"
	// OpenToAllConditioned: Principal "*" with conditions, none of which
	// names the callers' accounts, organisation or identities: anyone,
	// of any account, who meets them (MFA, a source IP, an external id).
	OpenToAllConditioned Opening = "principal-star-conditions"
	// OpenSubject: an OIDC issuer whose sub names the workload, with no
	// condition on sub or one that lets any subject in.
	OpenSubject Opening = "oidc-without-sub"
	// OpenCognito: Cognito without a specific condition on its aud (the
	// identity pool).
	OpenCognito Opening = "cognito-without-aud"
)

// OpenTrust is one way a role's trust statement lets strangers in.
type OpenTrust struct {
	Statement int     // the statement's index in the trust policy
	Opening   Opening // what is open
	Principal string  // the principal as written: "*", a provider's ARN
	Issuer    string  // the OIDC issuer, for OpenSubject and OpenCognito
	Key       string  // the condition key missing or too broad (ISSUER:sub)
	Broad     []string
	// Keys are the condition keys of an OpenToAllConditioned statement,
	// sorted.
	Keys []string
}

// Gap says what is missing or too broad, as a sentence's end: "without a
// condition on KEY", or "with a condition on KEY that lets any subject in
// (VALUES)".
func (o OpenTrust) Gap() string {
	switch o.Opening {
	case OpenToAll:
		return "to every principal, without a condition"
	case OpenToAllConditioned:
		return "to every principal that meets its conditions on " + strings.Join(o.Keys, ", ")
	}
	if len(o.Broad) > 0 {
		return fmt.Sprintf("with a condition on %s that lets any subject in (%s)", o.Key, strings.Join(o.Broad, ", "))
	}
	return "without a condition on " + o.Key
}

// OpenWebIdentity checks one statement that lets a web identity
// principal id (of the given issuer) assume a role: the gap, or false.
// known says which issuers besides the well-known ones carry the
// workload in sub (see SubjectIssuer).
func OpenWebIdentity(s *policy.Statement, i int, id, issuer string, known func(string) bool) (OpenTrust, bool) {
	switch {
	case issuer == CognitoIssuer:
		key := issuer + ":aud"
		if vals, ok := ConditionValues(s, key); !ok || len(BroadValues(issuer, vals)) > 0 {
			return OpenTrust{Statement: i, Opening: OpenCognito, Principal: id, Issuer: issuer, Key: key, Broad: BroadValues(issuer, vals)}, true
		}
	case SubjectIssuer(issuer, known):
		key := issuer + ":sub"
		if vals, ok := ConditionValues(s, key); !ok || len(BroadValues(issuer, vals)) > 0 {
			return OpenTrust{Statement: i, Opening: OpenSubject, Principal: id, Issuer: issuer, Key: key, Broad: BroadValues(issuer, vals)}, true
		}
	}
	return OpenTrust{}, false
}

// OpenTrusts returns the ways a role's trust policy lets strangers in,
// in statement order: Allow statements with Principal "*" and no
// condition, or with conditions that do not name the callers, and web
// identity trusts that OpenWebIdentity finds open.
func OpenTrusts(doc *policy.Document, known func(string) bool) []OpenTrust {
	if doc == nil {
		return nil
	}
	var out []OpenTrust
	for i := range doc.Statements {
		s := &doc.Statements[i]
		if s.Effect != "Allow" || s.Principal == nil {
			continue
		}
		if s.Principal.Wildcard || containsStar(s.Principal.Entries["AWS"]) {
			switch {
			case len(s.Condition) == 0:
				out = append(out, OpenTrust{Statement: i, Opening: OpenToAll, Principal: "*"})
			case !pinsCaller(s):
				out = append(out, OpenTrust{Statement: i, Opening: OpenToAllConditioned, Principal: "*", Keys: conditionKeys(s)})
			}
		}
		for _, id := range s.Principal.Entries["Federated"] {
			issuer, saml := FederatedIssuer(id)
			if saml || !StatementAllowsAction(s, "sts:AssumeRoleWithWebIdentity") {
				continue
			}
			if o, ok := OpenWebIdentity(s, i, id, issuer, known); ok {
				out = append(out, o)
			}
		}
	}
	return out
}

// callerKeys are the condition keys that, required to equal given
// values, name who may call: an organisation, an account, a principal,
// or the resource a service acts for (absent in a user's or role's own
// request, so that they also keep every user and role out).
var callerKeys = []string{
	"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:userid",
	"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths",
}

// pinsCaller reports whether a statement's conditions require a caller
// key (callerKeys) to equal or match values that each name an account,
// organisation or principal (pins), under an operator that fails when
// the key is absent: StringEquals, StringLike, ArnEquals, ArnLike and
// their ForAnyValue forms. Negated operators, ...IfExists, ForAllValues
// and Null do not pin anyone, and one value that any account can meet
// ("*", arn:aws:iam::*:role/x, o-*) opens the condition to all.
func pinsCaller(s *policy.Statement) bool {
	for op, keys := range s.Condition {
		base := strings.TrimPrefix(op, "ForAnyValue:")
		switch base {
		case "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike":
		default:
			continue
		}
		for k, vals := range keys {
			if !slices.ContainsFunc(callerKeys, func(c string) bool { return strings.EqualFold(c, k) }) {
				continue
			}
			if len(vals) > 0 && !slices.ContainsFunc(vals, func(v string) bool { return !pins(k, v) }) {
				return true
			}
		}
	}
	return false
}

// pins reports whether a value of the caller key k names one account,
// organisation or identity: the part that says whose it is (an account
// id, an ARN's account field, an organisation id, a unique id before its
// session) holds no wildcard and is not empty.
func pins(k, v string) bool {
	wild := func(s string) bool { return s == "" || strings.ContainsAny(s, "*?") }
	switch strings.ToLower(k) {
	case "aws:principalarn", "aws:sourcearn":
		// arn:PARTITION:SERVICE:REGION:ACCOUNT:...
		f := strings.SplitN(v, ":", 6)
		return len(f) == 6 && !wild(f[4])
	case "aws:principalorgpaths", "aws:sourceorgpaths":
		org, _, _ := strings.Cut(v, "/")
		return !wild(org)
	case "aws:userid":
		id, _, _ := strings.Cut(v, ":")
		return !wild(id)
	}
	return !wild(v)
}

// conditionKeys returns a statement's condition keys, sorted, each once.
func conditionKeys(s *policy.Statement) []string {
	var out []string
	for _, keys := range s.Condition {
		for k := range keys {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

func containsStar(ids []string) bool {
	for _, id := range ids {
		if id == "*" {
			return true
		}
	}
	return false
}
