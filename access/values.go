package access

import (
	"bytes"
	"encoding/base64"
	"math/big"
	"net/netip"
	"strings"
	"time"
)

// condValue is one of a condition's values in the policy, parsed once for
// its operator's family. A value that does not parse for its family
// (NumericEquals "ten") matches no request value.
type condValue struct {
	raw  string
	tmpl template // String, StringLike and Arn: the value with its variables

	ok     bool // parsed for the family
	num    *big.Rat
	t      time.Time
	prefix netip.Prefix
	bin    []byte
}

// compileValues parses the policy's values for the family. Policy
// variables are read in the values of String, Arn and Bool operators, as
// the condition operators' reference says.
func compileValues(f family, raw []string, vars bool) []condValue {
	out := make([]condValue, len(raw))
	for i, s := range raw {
		v := condValue{raw: s}
		switch f {
		case famString, famStringIgnoreCase, famStringLike, famARN, famBool:
			v.tmpl, v.ok = compileTemplate(s, vars), true
		case famNumeric:
			v.num, v.ok = parseNumber(s)
		case famDate:
			v.t, v.ok = parseDate(s)
		case famIP:
			v.prefix, v.ok = parsePrefix(s)
		case famBinary:
			v.bin, v.ok = parseBinary(s)
		case famNull:
			v.ok = true
		}
		out[i] = v
	}
	return out
}

// reqValue is a request value, parsed on first use for a family.
type reqValue struct {
	raw    string
	parsed bool
	ok     bool
	num    *big.Rat
	t      time.Time
	addr   netip.Addr
	bin    []byte
}

// outcome is the result of comparing a request value with a policy
// value: they match, they do not, or they could not be compared (a value
// that does not parse for the family, a policy variable that cannot be
// resolved).
type outcome int

const (
	notMatched outcome = iota
	matched
	cantCompare
)

// match compares the request value with the policy value under the
// positive form of the operator (family and comparison).
func (v *condValue) match(f family, cmp comparison, rv *reqValue, c *evalContext) outcome {
	if !v.ok {
		return cantCompare
	}
	switch f {
	case famString, famStringIgnoreCase, famStringLike, famARN, famBool:
		p, ok := v.tmpl.resolve(c)
		if !ok {
			// An unresolved variable: the comparison fails, unless the
			// value could not match whatever the variable stood for.
			if c.unresolvedFails || couldMatch(f, p, rv.raw) {
				return cantCompare
			}
			return notMatched
		}
		var hit bool
		switch f {
		case famString:
			hit = unescape(p) == rv.raw
		case famStringIgnoreCase, famBool:
			hit = strings.EqualFold(unescape(p), rv.raw)
		case famStringLike:
			hit = glob(p, rv.raw)
		default:
			hit = arnGlob(p, rv.raw)
		}
		return result(hit)
	}
	if !rv.parsed {
		rv.parsed = true
		switch f {
		case famNumeric:
			rv.num, rv.ok = parseNumber(rv.raw)
		case famDate:
			rv.t, rv.ok = parseDate(rv.raw)
		case famIP:
			rv.addr, rv.ok = parseAddr(rv.raw)
		case famBinary:
			rv.bin, rv.ok = parseBinary(rv.raw)
		}
	}
	if !rv.ok {
		return cantCompare
	}
	switch f {
	case famNumeric:
		return result(compare(rv.num.Cmp(v.num), cmp))
	case famDate:
		return result(compare(rv.t.Compare(v.t), cmp))
	case famIP:
		return result(v.prefix.Contains(rv.addr))
	case famBinary:
		return result(bytes.Equal(rv.bin, v.bin))
	}
	return cantCompare
}

// couldMatch reports whether v could match the pattern p, in which the
// unresolved variables became wildcards.
func couldMatch(f family, p, v string) bool {
	switch f {
	case famStringIgnoreCase, famBool:
		return glob(strings.ToLower(p), strings.ToLower(v))
	case famARN:
		return arnGlob(p, v)
	}
	return glob(p, v)
}

func result(hit bool) outcome {
	if hit {
		return matched
	}
	return notMatched
}

// compare applies a comparison to the sign of request value minus policy
// value.
func compare(sign int, cmp comparison) bool {
	switch cmp {
	case cmpLt:
		return sign < 0
	case cmpLe:
		return sign <= 0
	case cmpGt:
		return sign > 0
	case cmpGe:
		return sign >= 0
	}
	return sign == 0
}

// parseNumber reads an integer or decimal number, optionally signed:
// 10, -3, 2.5, .5. Exponents, hexadecimal and the like are not numbers
// to IAM.
func parseNumber(s string) (*big.Rat, bool) {
	t := s
	if t != "" && (t[0] == '-' || t[0] == '+') {
		t = t[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return nil, false
		}
	}
	if digits == 0 {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(strings.TrimPrefix(s, "+"))
	return r, ok
}

// dateLayouts are the W3C profiles of ISO 8601 that IAM reads, finest
// first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006-01",
	"2006",
}

// parseDate reads a date and time in one of the W3C profiles of ISO 8601
// (a missing time zone is UTC) or as epoch seconds.
func parseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if allDigits(s) && len(s) != 4 {
		n, ok := new(big.Int).SetString(s, 10)
		if !ok || !n.IsInt64() {
			return time.Time{}, false
		}
		return time.Unix(n.Int64(), 0).UTC(), true
	}
	u := strings.ToUpper(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, u); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parsePrefix reads an IpAddress value: an IPv4 or IPv6 range in CIDR
// form, or an address alone, which is its own /32 or /128.
func parsePrefix(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return p.Masked(), true
	}
	a, ok := parseAddr(s)
	if !ok {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// parseAddr reads a request's IP address.
func parseAddr(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// parseBinary decodes a base-64 value.
func parseBinary(s string) ([]byte, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	return b, true
}
