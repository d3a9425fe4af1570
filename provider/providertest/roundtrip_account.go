package providertest

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// accountRoundTrips are the round trips of the ops on the password policy and the alias.
var accountRoundTrips = map[string]func(t *testing.T, r *runner){
	"UpdateAccountPasswordPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.touchAccount()
		want := model.PasswordPolicy{MinimumLength: 14, RequireUppercase: true, RequireSymbols: true, MaxPasswordAge: 90, PasswordReusePrevention: 24}
		e.do(op.PasswordPolicyOp(want))
		if got := e.read().PasswordPolicy; got == nil || *got != want {
			t.Errorf("password policy = %+v; want %+v", got, want)
		}
		// An update replaces the whole policy: what it leaves out is reset.
		want = model.PasswordPolicy{MinimumLength: 8, RequireNumbers: true}
		e.do(op.PasswordPolicyOp(want))
		if got := e.read().PasswordPolicy; got == nil || *got != want {
			t.Errorf("password policy = %+v; want %+v", got, want)
		}
	},
	"DeleteAccountPasswordPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 10} })
		e.touchAccount()
		e.do(&op.DeleteAccountPasswordPolicy{})
		if got := e.read().PasswordPolicy; got != nil {
			t.Errorf("password policy = %+v", got)
		}
	},
	"CreateAccountAlias": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.touchAccount()
		alias := aliasFor(e.pre)
		e.do(&op.CreateAccountAlias{AccountAlias: alias})
		if got := e.read().Alias; got == nil || *got != alias {
			t.Errorf("alias = %v; want %s", got, alias)
		}
	},
	"DeleteAccountAlias": func(t *testing.T, r *runner) {
		var alias string
		e := r.start(t, func(s *seed) { alias = aliasFor(s.pre); s.Alias = &alias })
		e.touchAccount()
		e.do(&op.DeleteAccountAlias{AccountAlias: alias})
		if got := e.read().Alias; got != nil {
			t.Errorf("alias = %v", *got)
		}
	},
}
