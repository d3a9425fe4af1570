package memory

import (
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// checkAlias checks an account alias: 3 to 63 lower-case letters, digits
// and hyphens, not starting or ending with a hyphen, no two hyphens in a
// row.
func checkAlias(s string) error {
	if len(s) < 3 || len(s) > 63 {
		return invalid("The account alias %q must be 3 to 63 characters long.", s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if i == 0 || i == len(s)-1 {
				return invalid("The account alias %q must not start or end with a hyphen.", s)
			}
			if s[i-1] == '-' {
				return invalid("The account alias %q must not contain two hyphens in a row.", s)
			}
		default:
			return invalid("The account alias %q may contain only lower-case letters, digits and hyphens.", s)
		}
	}
	return nil
}

// createAlias sets the account alias. An account has at most one; IAM
// replaces the one there is by the new name. Asking for the alias the
// account already has is EntityAlreadyExists, as for any alias taken.
func (a *Account) createAlias(o *op.CreateAccountAlias) error {
	if err := checkAlias(o.AccountAlias); err != nil {
		return err
	}
	if a.st.Alias == o.AccountAlias {
		return fail(provider.AlreadyExists, "The account alias %s already exists.", o.AccountAlias)
	}
	a.st.Alias = o.AccountAlias
	return nil
}

func (a *Account) deleteAlias(o *op.DeleteAccountAlias) error {
	if err := checkAlias(o.AccountAlias); err != nil {
		return err
	}
	if a.st.Alias != o.AccountAlias {
		return fail(provider.NotFound, "The account alias %s cannot be found.", o.AccountAlias)
	}
	a.st.Alias = ""
	return nil
}
