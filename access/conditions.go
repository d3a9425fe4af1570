package access

import (
	"sort"
	"strings"
)

// condition is one condition key under one operator of a statement's
// Condition, compiled: the operator decoded into its family, comparison,
// negation, set prefix and IfExists suffix, and the policy's values
// parsed for that family.
type condition struct {
	key    string // as written, for missing keys
	folded string

	family   family
	cmp      comparison
	negated  bool
	set      setOp
	ifExists bool
	// known is false for an operator IAM does not have: such a condition
	// never holds (IAM would have refused the document).
	known bool

	values []condValue
}

// family is the kind of comparison an operator makes.
type family int

const (
	famString family = iota
	famStringIgnoreCase
	famStringLike
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famARN
	famNull
)

// comparison is the relation of Numeric and Date operators.
type comparison int

const (
	cmpEq comparison = iota
	cmpLt
	cmpLe
	cmpGt
	cmpGe
)

// setOp is a condition's set prefix.
type setOp int

const (
	setNone setOp = iota
	setAny        // ForAnyValue:
	setAll        // ForAllValues:
)

// operators maps each base operator to its family, comparison and
// negation.
var operators = map[string]struct {
	family  family
	cmp     comparison
	negated bool
}{
	"StringEquals":              {famString, cmpEq, false},
	"StringNotEquals":           {famString, cmpEq, true},
	"StringEqualsIgnoreCase":    {famStringIgnoreCase, cmpEq, false},
	"StringNotEqualsIgnoreCase": {famStringIgnoreCase, cmpEq, true},
	"StringLike":                {famStringLike, cmpEq, false},
	"StringNotLike":             {famStringLike, cmpEq, true},
	"NumericEquals":             {famNumeric, cmpEq, false},
	"NumericNotEquals":          {famNumeric, cmpEq, true},
	"NumericLessThan":           {famNumeric, cmpLt, false},
	"NumericLessThanEquals":     {famNumeric, cmpLe, false},
	"NumericGreaterThan":        {famNumeric, cmpGt, false},
	"NumericGreaterThanEquals":  {famNumeric, cmpGe, false},
	"DateEquals":                {famDate, cmpEq, false},
	"DateNotEquals":             {famDate, cmpEq, true},
	"DateLessThan":              {famDate, cmpLt, false},
	"DateLessThanEquals":        {famDate, cmpLe, false},
	"DateGreaterThan":           {famDate, cmpGt, false},
	"DateGreaterThanEquals":     {famDate, cmpGe, false},
	"Bool":                      {famBool, cmpEq, false},
	"BinaryEquals":              {famBinary, cmpEq, false},
	"IpAddress":                 {famIP, cmpEq, false},
	"NotIpAddress":              {famIP, cmpEq, true},
	"ArnEquals":                 {famARN, cmpEq, false},
	"ArnLike":                   {famARN, cmpEq, false},
	"ArnNotEquals":              {famARN, cmpEq, true},
	"ArnNotLike":                {famARN, cmpEq, true},
	"Null":                      {famNull, cmpEq, false},
}

// compileConditions compiles a statement's Condition, in a fixed order
// (operator, then key) so that evaluation and its missing keys do not
// depend on map order.
func compileConditions(conds map[string]map[string][]string, vars bool) []condition {
	if len(conds) == 0 {
		return nil
	}
	ops := make([]string, 0, len(conds))
	for op := range conds {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	var out []condition
	for _, op := range ops {
		base, set := op, setNone
		if b, ok := strings.CutPrefix(base, "ForAnyValue:"); ok {
			base, set = b, setAny
		} else if b, ok := strings.CutPrefix(base, "ForAllValues:"); ok {
			base, set = b, setAll
		}
		o, known := operators[base]
		ifExists := false
		if !known {
			if b, ok := strings.CutSuffix(base, "IfExists"); ok {
				o, known = operators[b]
				ifExists = known && b != "Null"
				known = ifExists
			}
		}
		keys := make([]string, 0, len(conds[op]))
		for k := range conds[op] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c := condition{
				key: k, folded: foldKey(k),
				family: o.family, cmp: o.cmp, negated: o.negated,
				set: set, ifExists: ifExists, known: known,
			}
			if known {
				c.values = compileValues(o.family, conds[op][k], vars)
			}
			out = append(out, c)
		}
	}
	return out
}

// holds reports whether every condition of a statement holds (AND across
// operators and keys), recording the absent keys looked up.
func holds(conds []condition, c *evalContext) bool {
	ok := true
	for i := range conds {
		// Every condition is evaluated, not only up to the first that
		// fails, so that the answer names every absent key.
		if !conds[i].holds(c) {
			ok = false
		}
	}
	return ok
}

// holds evaluates one condition key under its operator:
//   - Null: true when the key's presence is what the value says ("true":
//     the key is absent; "false": it is present, if only as an empty
//     set), any of the values;
//   - an absent key: true under ForAllValues and false under ForAnyValue,
//     IfExists or not (a set operator decides for an absent key); else
//     true with IfExists; else false, or true for a negated operator;
//   - a key present as an empty set: true under ForAllValues, false
//     under ForAnyValue, and false without a set operator, negated or
//     not;
//   - otherwise a request value matches when it matches any of the
//     policy's values (OR); a negated operator holds for a request value
//     when it matches none of them (NOR) and every comparison could be
//     made (a value that is not a number, date or address, or a policy
//     variable that cannot be resolved, makes a negated comparison fail
//     rather than succeed); ForAllValues needs every request value to
//     pass, ForAnyValue one; without a set operator the key must hold
//     exactly one value, as a single-valued key does: a multivalued key
//     needs a set operator.
func (cd *condition) holds(c *evalContext) bool {
	if !cd.known {
		return false
	}
	vals, present := c.lookup(cd.folded)
	if !present {
		c.missing(cd.key)
	}
	if cd.family == famNull {
		for _, v := range cd.values {
			switch strings.ToLower(v.raw) {
			case "true":
				if !present {
					return true
				}
			case "false":
				if present {
					return true
				}
			}
		}
		return false
	}
	if !present {
		switch {
		case cd.set == setAll:
			return true
		case cd.set == setAny:
			return false
		case cd.ifExists:
			return true
		}
		return cd.negated
	}
	switch cd.set {
	case setAll:
		for _, v := range vals {
			if !cd.passes(v, c) {
				return false
			}
		}
		return true
	case setAny:
		for _, v := range vals {
			if cd.passes(v, c) {
				return true
			}
		}
		return false
	}
	if len(vals) != 1 {
		return false
	}
	return cd.passes(vals[0], c)
}

// passes reports whether the request value v passes the operator: it
// matches one of the policy's values, or for a negated operator it
// matches none and no comparison failed.
func (cd *condition) passes(v string, c *evalContext) bool {
	rv := reqValue{raw: v}
	failed := false
	for i := range cd.values {
		switch cd.values[i].match(cd.family, cd.cmp, &rv, c) {
		case matched:
			return !cd.negated
		case cantCompare:
			failed = true
		}
	}
	return cd.negated && !failed
}
