package memory

import (
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// checkAlias checks an account alias as model.CheckAlias does, in IAM's
// words.
func checkAlias(s string) error {
	switch p, _ := model.CheckAlias(s); p {
	case model.AliasLength:
		return invalid("The account alias %q must be %d to %d characters long.", s, model.MinAliasLen, model.MaxAliasLen)
	case model.AliasEdgeHyphen:
		return invalid("The account alias %q must not start or end with a hyphen.", s)
	case model.AliasDoubleHyphen:
		return invalid("The account alias %q must not contain two hyphens in a row.", s)
	case model.AliasBadChar:
		return invalid("The account alias %q may contain only lower-case letters, digits and hyphens.", s)
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
