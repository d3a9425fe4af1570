package policy

import (
	"strconv"

	"github.com/iamc/iamc/internal/spell"
)

// Validate checks a document as IAM Access Analyzer's policy checks do,
// for a document attached as kind: the policy grammar, the elements a
// statement of that kind must and must not have, actions against the
// embedded action catalog, condition operators, resource ARNs and policy
// variables; and the least-privilege warnings of warnings.go.
//
// Problems come in a fixed order: the document's own first, then each
// statement's in the order of its elements (Sid, Effect, Principal,
// NotPrincipal, Action, NotAction, Resource, NotResource, Condition), its
// warnings last. Values that were unknown when the document was decoded
// from HCL are skipped. A nil document is reported as having no statement.
func Validate(d *Document, kind Kind) []Problem {
	v := validator{kind: kind}
	if d == nil {
		v.add("Statement", Error, "missing-statement", "Missing statement",
			"A policy document needs at least one statement.")
		return v.out
	}
	v.old = d.EffectiveVersion() == VersionOld
	switch d.Version {
	case "", Version2012, VersionOld:
	default:
		v.add("Version", Error, "invalid-version", "Invalid version",
			"The version "+strconv.Quote(d.Version)+" is not valid; use \""+Version2012+"\" (or \""+VersionOld+"\", in which policy variables stay literal).")
	}
	if len(d.Statements) == 0 {
		v.add("Statement", Error, "missing-statement", "Missing statement",
			"A policy document needs at least one statement.")
	}
	var sids map[string]int
	for i := range d.Statements {
		s := &d.Statements[i]
		v.stmt = i
		if s.Sid != "" && !isUnknown(s.Sid) {
			if first, ok := sids[s.Sid]; ok {
				v.add(v.at("Sid", -1), Error, "duplicate-sid", "Duplicate Sid",
					"The Sid "+strconv.Quote(s.Sid)+" is already used by statement "+strconv.Itoa(first)+"; the Sids of a policy must be unique.")
			} else {
				if sids == nil {
					sids = make(map[string]int, len(d.Statements))
				}
				sids[s.Sid] = i
				v.sid(s.Sid)
			}
		}
		v.effect(s.Effect)
		v.principals(s)
		v.actions(s)
		v.resources(s)
		v.conditions(s.Condition)
		v.warnings(s)
	}
	return v.out
}

// validator collects the problems of one document.
type validator struct {
	kind Kind
	old  bool // the document is 2008-10-17: policy variables stay literal
	stmt int  // the statement being checked
	out  []Problem
}

func (v *validator) add(path string, sev Severity, code, summary, detail string) {
	v.out = append(v.out, Problem{Path: path, Severity: sev, Code: code, Summary: summary, Detail: detail})
}

// at is the path of an element of the current statement, with index j
// unless it is negative; "" names the statement itself.
func (v *validator) at(elem string, j int) string {
	b := make([]byte, 0, 32+len(elem))
	b = append(b, "Statement["...)
	b = strconv.AppendInt(b, int64(v.stmt), 10)
	b = append(b, ']')
	if elem != "" {
		b = append(b, '.')
		b = append(b, elem...)
	}
	if j >= 0 {
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(j), 10)
		b = append(b, ']')
	}
	return string(b)
}

func (v *validator) sid(sid string) {
	for i := 0; i < len(sid); i++ {
		c := sid[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			v.add(v.at("Sid", -1), Error, "invalid-sid", "Invalid Sid",
				"The Sid "+strconv.Quote(sid)+" has the character "+strconv.QuoteRune(rune(c))+"; a Sid may hold only letters A-Z, a-z and digits 0-9.")
			return
		}
	}
}

func (v *validator) effect(e string) {
	switch {
	case e == "Allow" || e == "Deny" || isUnknown(e):
	case e == "":
		v.add(v.at("", -1), Error, "missing-effect", "Missing effect",
			"Add an Effect of \"Allow\" or \"Deny\" to the statement.")
	default:
		detail := "The effect " + strconv.Quote(e) + " is not valid; use \"Allow\" or \"Deny\", spelled so."
		if m := spell.ClosestString(e, []string{"Allow", "Deny"}, spell.ThirdOfCandidate); m != "" {
			detail = "The effect " + strconv.Quote(e) + " is not valid: did you mean \"" + m + "\"? Effects are \"Allow\" or \"Deny\", spelled so."
		}
		v.add(v.at("Effect", -1), Error, "invalid-effect", "Invalid effect", detail)
	}
}

func (v *validator) principals(s *Statement) {
	if s.NotPrincipal != nil {
		v.add(v.at("NotPrincipal", -1), Error, "not-principal", "NotPrincipal is not allowed",
			"IAM allows NotPrincipal neither in identity policies nor in role trust policies; name the principals in Principal, or exclude them with a condition on aws:PrincipalArn.")
	}
	if v.kind == Trust {
		if s.Principal == nil {
			if s.NotPrincipal == nil {
				v.add(v.at("", -1), Error, "missing-principal", "Missing principal",
					"A trust policy statement must say who may assume the role: add a Principal.")
			}
			return
		}
		v.principal(s.Principal)
		return
	}
	if s.Principal != nil {
		v.add(v.at("Principal", -1), Error, "unsupported-principal", "Principal is not allowed",
			"An identity policy applies to the user, group or role it is attached to and cannot name a Principal; remove it (principals belong in a role's trust policy).")
	}
}

func (v *validator) actions(s *Statement) {
	switch {
	case s.Action == nil && s.NotAction == nil:
		v.add(v.at("", -1), Error, "missing-action", "Missing action",
			"Add an Action (or a NotAction) to the statement.")
		return
	case s.Action != nil && s.NotAction != nil:
		v.add(v.at("NotAction", -1), Error, "element-combination", "Both Action and NotAction",
			"A statement has either Action or NotAction, not both; remove one of them.")
	}
	v.elements("Action", s.Action, "missing-action", "one action", (*validator).action)
	v.elements("NotAction", s.NotAction, "missing-action", "one action", (*validator).action)
}

// elements checks each element of an Action or Resource list (or its
// Not form) with check; an empty list is the error code, as IAM reads it
// as missing.
func (v *validator) elements(elem string, list Values, code, what string, check func(v *validator, elem string, j int, s string)) {
	if list == nil {
		return
	}
	if len(list) == 0 {
		v.add(v.at(elem, -1), Error, code, "Empty "+elem,
			"The "+elem+" list is empty; name at least "+what+".")
		return
	}
	for j, s := range list {
		check(v, elem, j, s)
	}
}

func (v *validator) resources(s *Statement) {
	if v.kind == Trust {
		for _, elem := range []struct {
			name string
			list Values
		}{{"Resource", s.Resource}, {"NotResource", s.NotResource}} {
			if elem.list != nil {
				v.add(v.at(elem.name, -1), Error, "unsupported-resource", elem.name+" is not allowed",
					"A trust policy's resource is the role itself: remove "+elem.name+" from the statement.")
			}
		}
		return
	}
	switch {
	case s.Resource == nil && s.NotResource == nil:
		v.add(v.at("", -1), Error, "missing-resource", "Missing resource",
			"Add a Resource (or a NotResource) to the statement; \"*\" means every resource.")
		return
	case s.Resource != nil && s.NotResource != nil:
		v.add(v.at("NotResource", -1), Error, "element-combination", "Both Resource and NotResource",
			"A statement has either Resource or NotResource, not both; remove one of them.")
	}
	v.elements("Resource", s.Resource, "missing-resource", "one resource, or \"*\"", (*validator).resource)
	v.elements("NotResource", s.NotResource, "missing-resource", "one resource, or \"*\"", (*validator).resource)
}

// unknownValue stands in a document decoded from HCL for a value that was
// not known when it was evaluated (cty's unknown). It starts with the NUL
// character, which ParseJSON and DecodeHCL reject in what users write, so
// it comes from nowhere else. Validate reports nothing about it.
const unknownValue = "\x00unknown"

func isUnknown(s string) bool { return s == unknownValue }
