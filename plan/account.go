package plan

import (
	"strconv"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

var (
	aliasAddr          = model.Address{Kind: model.KindAccountAlias}
	passwordPolicyAddr = model.Address{Kind: model.KindPasswordPolicy}
)

// planAccount plans the account alias and the password policy, each only
// when declared.
func (p *planner) planAccount() {
	if d := p.des.Alias; d != nil {
		cur := ""
		if p.cur.Alias != nil {
			cur = *p.cur.Alias
		}
		if cur != *d {
			del := -1
			action := Update
			switch {
			case cur == "":
				action = Create
			case *d == "":
				action = Delete
			}
			if cur != "" {
				del = p.g.add(&op.DeleteAccountAlias{AccountAlias: cur}, aliasAddr, phAccount, 0)
			}
			if *d != "" {
				n := p.g.add(&op.CreateAccountAlias{AccountAlias: *d}, aliasAddr, phAccount, 0)
				p.g.dep(n, del)
			}
			c := p.singleton(aliasAddr, action)
			c.Attributes = append(c.Attributes, scalar("alias", cur, *d))
		}
	}
	if d := p.des.PasswordPolicy; d != nil {
		c := p.cur.PasswordPolicy
		if c == nil || *c != *d {
			p.passwordPolicyNode = p.g.add(op.PasswordPolicyOp(*d), passwordPolicyAddr, phAccount, 1)
			action := Update
			if c == nil {
				action = Create
			}
			ch := p.singleton(passwordPolicyAddr, action)
			ch.Attributes = passwordPolicyAttributes(c, d)
			if d.MaxPasswordAge > 0 && (c == nil || c.MaxPasswordAge == 0 || d.MaxPasswordAge < c.MaxPasswordAge) {
				before := "never"
				if c != nil && c.MaxPasswordAge > 0 {
					before = strconv.Itoa(c.MaxPasswordAge) + " days"
				}
				p.warnings = append(p.warnings, "password_policy: max_password_age goes from "+before+" to "+
					strconv.Itoa(d.MaxPasswordAge)+" days: passwords older than that expire at once, and their users must change them at the next sign-in")
			}
		}
	}
}

// passwordPolicyAttributes lists the fields that change; for a new policy,
// every field it sets.
func passwordPolicyAttributes(c, d *model.PasswordPolicy) []Attribute {
	type field struct {
		name string
		get  func(*model.PasswordPolicy) string
	}
	num := func(f func(*model.PasswordPolicy) int) func(*model.PasswordPolicy) string {
		return func(p *model.PasswordPolicy) string {
			if n := f(p); n != 0 {
				return strconv.Itoa(n)
			}
			return ""
		}
	}
	flag := func(f func(*model.PasswordPolicy) bool) func(*model.PasswordPolicy) string {
		return func(p *model.PasswordPolicy) string { return strconv.FormatBool(f(p)) }
	}
	fields := []field{
		{"minimum_length", num(func(p *model.PasswordPolicy) int { return p.MinimumLength })},
		{"require_uppercase", flag(func(p *model.PasswordPolicy) bool { return p.RequireUppercase })},
		{"require_lowercase", flag(func(p *model.PasswordPolicy) bool { return p.RequireLowercase })},
		{"require_numbers", flag(func(p *model.PasswordPolicy) bool { return p.RequireNumbers })},
		{"require_symbols", flag(func(p *model.PasswordPolicy) bool { return p.RequireSymbols })},
		{"allow_users_to_change_password", flag(func(p *model.PasswordPolicy) bool { return p.AllowUsersToChangePassword })},
		{"max_password_age", num(func(p *model.PasswordPolicy) int { return p.MaxPasswordAge })},
		{"password_reuse_prevention", num(func(p *model.PasswordPolicy) int { return p.PasswordReusePrevention })},
		{"hard_expiry", flag(func(p *model.PasswordPolicy) bool { return p.HardExpiry })},
	}
	var out []Attribute
	for _, f := range fields {
		after := f.get(d)
		if c == nil {
			if after != "" {
				out = append(out, created(f.name, after))
			}
			continue
		}
		if before := f.get(c); before != after {
			out = append(out, scalar(f.name, before, after))
		}
	}
	return out
}
