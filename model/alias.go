package model

// The length of an account alias.
const (
	MinAliasLen = 3
	MaxAliasLen = 63
)

// AliasProblem is what CheckAlias finds wrong with an account alias;
// each caller words it its own way (a diagnostic, IAM's message).
type AliasProblem int

const (
	AliasOK           AliasProblem = iota
	AliasLength                    // not MinAliasLen to MaxAliasLen characters
	AliasEdgeHyphen                // starts or ends with a hyphen
	AliasDoubleHyphen              // two hyphens in a row
	AliasBadChar                   // a character other than a-z, 0-9 and -
)

// CheckAlias checks an account alias as IAM does: 3 to 63 lower-case
// ASCII letters, digits and hyphens, neither first nor last, never two
// in a row. It returns the first problem met from the left, and for
// AliasBadChar the offending byte.
func CheckAlias(s string) (AliasProblem, byte) {
	if len(s) < MinAliasLen || len(s) > MaxAliasLen {
		return AliasLength, 0
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if i == 0 || i == len(s)-1 {
				return AliasEdgeHyphen, 0
			}
			if s[i-1] == '-' {
				return AliasDoubleHyphen, 0
			}
		default:
			return AliasBadChar, c
		}
	}
	return AliasOK, 0
}
