package policy

import (
	"strconv"
	"strings"
	"sync"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/internal/spell"
	"github.com/iamc/iamc/internal/wildcard"
)

// trustActions are the actions a role's trust policy may allow: those that
// assume a role, and those that pass something along with the session.
// IAM rejects any other action there ("AssumeRole policy may only specify
// STS AssumeRole actions").
var trustActions = []string{
	"sts:AssumeRole",
	"sts:AssumeRoleWithSAML",
	"sts:AssumeRoleWithWebIdentity",
	"sts:SetContext",
	"sts:SetSourceIdentity",
	"sts:TagSession",
}

// action checks element j of Action or NotAction: "*", or
// "service:Action" with the service and the action known to the catalog,
// or a pattern that matches at least one known action. Actions that only
// AWS's own managed policies name (of retired services) pass with a
// warning.
func (v *validator) action(elem string, j int, a string) {
	if isUnknown(a) || a == "*" {
		return
	}
	if strings.Contains(a, "${") {
		v.add(v.at(elem, j), Error, "variable-in-action", "Policy variable in an action",
			"Policy variables work only in Resource and in condition values; write the action "+strconv.Quote(a)+" out.")
		return
	}
	svc, name, ok := strings.Cut(a, ":")
	if !ok || svc == "" || name == "" || strings.ContainsAny(a, " \t\r\n") {
		v.add(v.at(elem, j), Error, "invalid-action", "Invalid action",
			"The action "+strconv.Quote(a)+" is not of the form service:Action (\"s3:GetObject\", \"ec2:Describe*\") or \"*\".")
		return
	}
	if v.kind == Trust {
		v.trustAction(elem, j, a)
		return
	}
	switch actionVerdictOf(a, svc) {
	case actionKnown:
	case actionLegacy:
		v.legacy(elem, j, a)
	case actionUnknownService:
		v.add(v.at(elem, j), Error, "unknown-service", "Unknown service",
			"The service prefix "+strconv.Quote(svc)+" of the action "+strconv.Quote(a)+" is not known to the action catalog."+
				spell.DidYouMean(catalog.SuggestService(svc)))
	case actionNoMatch:
		v.add(v.at(elem, j), Error, "no-matching-action", "Pattern matches no action",
			"The pattern "+strconv.Quote(a)+" matches no action of the action catalog."+spell.DidYouMean(catalog.SuggestAction(a)))
	case actionUnknown:
		v.add(v.at(elem, j), Error, "unknown-action", "Unknown action",
			"The action "+strconv.Quote(a)+" does not exist."+spell.DidYouMean(catalog.SuggestAction(a)))
	}
}

// actionVerdict is what the catalog says of an action or pattern.
type actionVerdict uint8

const (
	actionKnown          actionVerdict = iota // a known action, or a pattern that matches one
	actionLegacy                              // named only in AWS's own managed policies
	actionUnknownService                      // its service prefix is unknown
	actionNoMatch                             // a pattern that matches no action
	actionUnknown                             // an unknown action of a known service
)

// actionVerdicts remembers verdicts: a configuration names the same
// actions in document after document, and a pattern costs a scan of its
// service's actions. It holds at most maxActionVerdicts entries, so that
// a long-running process (or a fuzzer) cannot grow it without bound.
var actionVerdicts struct {
	sync.RWMutex
	m map[string]actionVerdict
}

const maxActionVerdicts = 1 << 14

// actionVerdictOf asks the catalog about the action a, of the form
// svc:name, or answers from memory.
func actionVerdictOf(a, svc string) actionVerdict {
	actionVerdicts.RLock()
	v, ok := actionVerdicts.m[a]
	actionVerdicts.RUnlock()
	if ok {
		return v
	}
	v = catalogVerdict(a, svc)
	actionVerdicts.Lock()
	if actionVerdicts.m == nil {
		actionVerdicts.m = make(map[string]actionVerdict)
	}
	if len(actionVerdicts.m) < maxActionVerdicts {
		actionVerdicts.m[a] = v
	}
	actionVerdicts.Unlock()
	return v
}

func catalogVerdict(a, svc string) actionVerdict {
	var known bool
	switch {
	case !wildcard.Has(svc) && !catalog.HasService(svc):
		if catalog.IsLegacyAction(a) {
			return actionLegacy
		}
		return actionUnknownService
	case wildcard.Has(a):
		known = catalog.MatchesAnyAction(a)
	default:
		_, known = catalog.LookupAction(a)
	}
	switch {
	case known:
		return actionKnown
	case catalog.IsLegacyAction(a):
		return actionLegacy
	case wildcard.Has(a):
		return actionNoMatch
	}
	return actionUnknown
}

func (v *validator) legacy(elem string, j int, a string) {
	v.add(v.at(elem, j), Warning, "legacy-action", "Legacy action",
		"The action "+strconv.Quote(a)+" is named only in AWS's own managed policies, of a service AWS retired or no longer lists; it grants nothing today and can be removed.")
}

// trustAction checks an action of a trust policy: one of trustActions, or
// a pattern that matches one of them.
func (v *validator) trustAction(elem string, j int, a string) {
	if wildcard.Has(a) {
		for _, t := range trustActions {
			if wildcard.Match(a, t) {
				return
			}
		}
	} else {
		for _, t := range trustActions {
			if strings.EqualFold(a, t) {
				return
			}
		}
	}
	v.add(v.at(elem, j), Error, "invalid-trust-action", "Action not allowed in a trust policy",
		"A trust policy may allow only the actions that assume the role or go with its session ("+
			strings.Join(trustActions, ", ")+"), not "+strconv.Quote(a)+"."+spell.DidYouMean(spell.ClosestString(a, trustActions, spell.ThirdOfCandidate)))
}
