package providertest

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

func loginProfileCases() []testCase {
	return []testCase{
		{"CreateLoginProfile/a second one is EntityAlreadyExists", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.user("alice", func(u *model.User) { u.LoginProfile = &model.LoginProfile{Enabled: true} })
			})
			e.fails(&op.CreateLoginProfile{UserName: e.n("alice"), Password: "Correct-Horse-9-Battery"}, provider.AlreadyExists)
		}},
		{"CreateLoginProfile/a password the account's policy refuses is PasswordPolicyViolation", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 14, RequireUppercase: true, RequireLowercase: true,
					RequireNumbers: true, RequireSymbols: true}
				s.user("alice")
			})
			e.touchAccount()
			for _, pw := range []string{
				"Short-9a",                // too short
				"correct-horse-9-battery", // no upper case
				"CORRECT-HORSE-9-BATTERY", // no lower case
				"Correct-Horse-Battery",   // no number
				"CorrectHorse9Battery",    // no symbol
			} {
				e.fails(&op.CreateLoginProfile{UserName: e.n("alice"), Password: pw}, provider.PasswordPolicyViolation)
			}
			e.do(&op.CreateLoginProfile{UserName: e.n("alice"), Password: "Correct-Horse-9-Battery"})
		}},
		{"CreateLoginProfile/without a password policy AWS's default rules apply", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			e.fails(&op.CreateLoginProfile{UserName: e.n("alice"), Password: "Ab1-"}, provider.PasswordPolicyViolation)
			e.fails(&op.CreateLoginProfile{UserName: e.n("alice"), Password: "alllowercase"}, provider.PasswordPolicyViolation)
			e.do(&op.CreateLoginProfile{UserName: e.n("alice"), Password: "Three-kinds-here"})
		}},
	}
}

func passwordPolicyCases() []testCase {
	var cases []testCase
	for _, c := range []struct {
		name string
		pp   model.PasswordPolicy
	}{
		{"a minimum length of 5", model.PasswordPolicy{MinimumLength: 5}},
		{"a minimum length of 129", model.PasswordPolicy{MinimumLength: 129}},
		{"a maximum age of 1096 days", model.PasswordPolicy{MinimumLength: 8, MaxPasswordAge: 1096}},
		{"a reuse prevention of 25", model.PasswordPolicy{MinimumLength: 8, PasswordReusePrevention: 25}},
	} {
		cases = append(cases, testCase{"UpdateAccountPasswordPolicy/" + c.name + " is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.touchAccount()
			e.fails(op.PasswordPolicyOp(c.pp), provider.InvalidInput)
		}})
	}
	cases = append(cases, testCase{"UpdateAccountPasswordPolicy/the bounds themselves are valid", func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.touchAccount()
		e.do(op.PasswordPolicyOp(model.PasswordPolicy{MinimumLength: 6, MaxPasswordAge: 1, PasswordReusePrevention: 1}),
			op.PasswordPolicyOp(model.PasswordPolicy{MinimumLength: 128, MaxPasswordAge: 1095, PasswordReusePrevention: 24}))
	}})
	return cases
}

func aliasCases() []testCase {
	var cases []testCase
	for _, bad := range []string{"ab", "-abcd", "abcd-", "Abcd", "ab--cd", "ab_cd", strings.Repeat("a", 64)} {
		cases = append(cases, testCase{"CreateAccountAlias/" + bad + " is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.touchAccount()
			e.fails(&op.CreateAccountAlias{AccountAlias: bad}, provider.InvalidInput)
		}})
	}
	cases = append(cases,
		testCase{"CreateAccountAlias/another name replaces the alias", func(t *testing.T, r *runner) {
			var first string
			e := r.start(t, func(s *seed) { first = aliasFor(s.pre); s.Alias = &first })
			e.touchAccount()
			second := first + "-2"
			e.do(&op.CreateAccountAlias{AccountAlias: second})
			if got := e.read().Alias; got == nil || *got != second {
				t.Errorf("alias = %v; want %s", got, second)
			}
		}},
		testCase{"CreateAccountAlias/the alias the account has is EntityAlreadyExists", func(t *testing.T, r *runner) {
			var alias string
			e := r.start(t, func(s *seed) { alias = aliasFor(s.pre); s.Alias = &alias })
			e.touchAccount()
			e.fails(&op.CreateAccountAlias{AccountAlias: alias}, provider.AlreadyExists)
		}},
		testCase{"DeleteAccountAlias/of another alias is NoSuchEntity", func(t *testing.T, r *runner) {
			var alias string
			e := r.start(t, func(s *seed) { alias = aliasFor(s.pre); s.Alias = &alias })
			e.touchAccount()
			e.fails(&op.DeleteAccountAlias{AccountAlias: alias + "-other"}, provider.NotFound)
		}},
	)
	return cases
}
