package memory

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// checkPassword checks a new console password against the account's
// password policy or, when it has none, against AWS's default rules: at
// least 8 characters and three of the four kinds (upper case, lower case,
// digits, symbols).
func checkPassword(pw string, pp *model.PasswordPolicy) error {
	violation := func(msg string) error {
		return &provider.Error{Code: provider.PasswordPolicyViolation, Message: msg}
	}
	n := utf8.RuneCountInString(pw)
	if n > model.MaxPasswordLen {
		return violation("Password should not be longer than " + strconv.Itoa(model.MaxPasswordLen) + " characters.")
	}
	var upper, lower, digit, symbol bool
	for _, r := range pw {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune(model.PasswordSymbols, r):
			symbol = true
		}
	}
	if pp == nil {
		if n < model.DefaultPasswordPolicy.MinimumLength {
			return violation("Password should have a minimum length of " + strconv.Itoa(model.DefaultPasswordPolicy.MinimumLength) + ".")
		}
		kinds := 0
		for _, ok := range []bool{upper, lower, digit, symbol} {
			if ok {
				kinds++
			}
		}
		if kinds < 3 {
			return violation("Password should have at least three of: an uppercase letter, a lowercase letter, a number, a symbol (" + model.PasswordSymbols + ").")
		}
		return nil
	}
	switch {
	case n < pp.MinimumLength:
		return violation("Password should have a minimum length of " + strconv.Itoa(pp.MinimumLength) + ".")
	case pp.RequireUppercase && !upper:
		return violation("Password should have at least one uppercase letter.")
	case pp.RequireLowercase && !lower:
		return violation("Password should have at least one lowercase letter.")
	case pp.RequireNumbers && !digit:
		return violation("Password should have at least one number.")
	case pp.RequireSymbols && !symbol:
		return violation("Password should have at least one symbol (" + model.PasswordSymbols + ").")
	}
	return nil
}

// updatePasswordPolicy replaces the whole password policy, after checking
// each value's range as IAM does.
func (a *Account) updatePasswordPolicy(o *op.UpdateAccountPasswordPolicy) error {
	for _, c := range []struct {
		r        model.IntRange
		n        int
		optional bool // 0 is "not set"
	}{
		{model.PasswordLength, o.MinimumPasswordLength, false},
		{model.PasswordAge, o.MaxPasswordAge, true},
		{model.PasswordReuse, o.PasswordReusePrevention, true},
	} {
		if !c.r.Contains(c.n) && !(c.optional && c.n == 0) {
			return invalid("%s is %d; it must be between %d and %d.", c.r.Param, c.n, c.r.Min, c.r.Max)
		}
	}
	pp := o.Policy()
	a.st.PasswordPolicy = &pp
	return nil
}

func (a *Account) deletePasswordPolicy() error {
	if a.st.PasswordPolicy == nil {
		return fail(provider.NotFound, "The Password Policy with domain name %s cannot be found.", a.st.AccountID)
	}
	a.st.PasswordPolicy = nil
	return nil
}
