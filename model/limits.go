package model

// IntRange is the inclusive range IAM accepts for an integer setting,
// with the IAM API parameter that carries it. The ranges are declared
// beside the types they constrain (SessionDuration in role.go, the
// password policy's in password.go); IntRangeOf finds one by parameter,
// for the IAM API that iamc serve answers.
type IntRange struct {
	Param    string // the IAM API parameter: "MaxSessionDuration"
	Min, Max int
}

// Contains reports whether n is in the range.
func (r IntRange) Contains(n int) bool { return r.Min <= n && n <= r.Max }

// intRanges are the ranges declared with newIntRange, by parameter.
var intRanges = map[string]IntRange{}

// newIntRange declares a range and registers it for IntRangeOf.
func newIntRange(param string, min, max int) IntRange {
	r := IntRange{Param: param, Min: min, Max: max}
	intRanges[param] = r
	return r
}

// IntRangeOf returns the range of an IAM API integer parameter; ok is
// false for a parameter iamc knows no range of.
func IntRangeOf(param string) (r IntRange, ok bool) {
	r, ok = intRanges[param]
	return r, ok
}
