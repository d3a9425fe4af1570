package policy

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/iamc/iamc/internal/spell"
)

// conditionBases are IAM's condition operators without their IfExists
// suffix and set prefix. IAM matches operator names exactly, case
// included: "stringequals" is not an operator.
var conditionBases = []string{
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
	"Bool",
	"BinaryEquals",
	"IpAddress", "NotIpAddress",
	"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
	"Null",
}

// The set operators that may prefix an operator, and the suffix that makes
// a missing key match.
const (
	forAnyValue = "ForAnyValue:"
	forAllValue = "ForAllValues:"
	ifExists    = "IfExists"
)

var conditionBaseSet = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(conditionBases))
	for _, b := range conditionBases {
		m[b] = true
	}
	return m
})

// conditionOperators lists every valid operator name, for did-you-mean.
var conditionOperators = sync.OnceValue(func() []string {
	var out []string
	for _, set := range []string{"", forAnyValue, forAllValue} {
		for _, b := range conditionBases {
			out = append(out, set+b)
			if b != "Null" {
				out = append(out, set+b+ifExists)
			}
		}
	}
	return out
})

// parseOperator splits a condition operator into its base operator and
// whether it ends in IfExists; ok is false when the base is unknown.
func parseOperator(op string) (base string, exists, ok bool) {
	base = strings.TrimPrefix(op, forAnyValue)
	if len(base) == len(op) {
		base = strings.TrimPrefix(op, forAllValue)
	}
	if b, found := strings.CutSuffix(base, ifExists); found && conditionBaseSet()[b] {
		return b, true, true
	}
	return base, false, conditionBaseSet()[base]
}

// variablesAllowed reports whether values of the base operator may hold
// policy variables: only string and ARN comparisons take them.
func variablesAllowed(base string) bool {
	return strings.HasPrefix(base, "String") || strings.HasPrefix(base, "Arn")
}

// conditions checks a statement's Condition: known operators, keys of the
// form service:key without two that differ only in case under one
// operator, and policy variables only where IAM reads them.
func (v *validator) conditions(c Conditions) {
	if len(c) == 0 {
		return
	}
	for _, op := range slices.Sorted(maps.Keys(c)) {
		if isUnknown(op) {
			continue
		}
		base, exists, ok := parseOperator(op)
		switch {
		case !ok:
			v.add(v.condAt(op, "", -1), Error, "invalid-condition-operator", "Invalid condition operator",
				"The condition operator "+strconv.Quote(op)+" is not one of IAM's (StringEquals, ArnLike, Bool, ..., with IfExists or a ForAnyValue:/ForAllValues: prefix)."+
					spell.DidYouMean(spell.ClosestString(op, conditionOperators(), spell.ThirdOfCandidate)))
		case base == "Null" && exists:
			v.add(v.condAt(op, "", -1), Error, "null-with-if-exists", "Null with IfExists",
				"The Null operator tests whether a key is present, so it takes no IfExists suffix; use \"Null\".")
		}
		keys := c[op]
		names := slices.Sorted(maps.Keys(keys))
		// Keys that differ only in case sit together.
		sort.SliceStable(names, func(i, j int) bool { return compareFold(names[i], names[j]) < 0 })
		for i, k := range names {
			if isUnknown(k) {
				continue
			}
			svc, name, found := strings.Cut(k, ":")
			if !found || svc == "" || name == "" {
				v.add(v.condAt(op, k, -1), Error, "invalid-condition-key", "Invalid condition key",
					"The condition key "+strconv.Quote(k)+" is not of the form service:key (\"aws:SourceIp\", \"s3:prefix\").")
			}
			if i > 0 && compareFold(names[i-1], k) == 0 {
				v.add(v.condAt(op, k, -1), Error, "duplicate-condition-key", "Duplicate condition key",
					"Condition keys ignore case, so "+strconv.Quote(k)+" and "+strconv.Quote(names[i-1])+" are the same key under "+strconv.Quote(op)+"; merge their values under one spelling.")
			}
			for j, val := range keys[k] {
				if isUnknown(val) || !strings.Contains(val, "${") {
					continue
				}
				if v.old || !ok || variablesAllowed(base) {
					v.variables(v.condAt(op, k, j), val)
					continue
				}
				v.add(v.condAt(op, k, j), Error, "variable-for-operator", "Policy variable with a "+base+" operator",
					"Policy variables work only with String and Arn operators; IAM would compare "+strconv.Quote(val)+" literally.")
			}
		}
	}
}

// condAt is the path of a condition operator, of one of its keys (unless
// key is ""), or of a key's value j (unless j is negative).
func (v *validator) condAt(op, key string, j int) string {
	elem := "Condition." + op
	if key != "" {
		elem += "." + key
	}
	return v.at(elem, j)
}
