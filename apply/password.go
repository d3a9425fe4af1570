package apply

import (
	"crypto/rand"
	"fmt"
	"math/big"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
)

// Character classes of generated passwords, without the letters and
// digits that pass for one another (I, l, O, 0, 1). Symbols are the ones
// IAM's password policy counts as symbols.
const (
	upper   = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	lower   = "abcdefghijkmnopqrstuvwxyz"
	digits  = "23456789"
	symbols = model.PasswordSymbols
)

// MinGeneratedLength is the length of generated passwords unless the
// policy asks for more.
const MinGeneratedLength = 24

// GeneratePassword returns a random password that meets the policy (nil:
// IAM's default policy): at least MinGeneratedLength characters or the
// policy's minimum, whichever is more, with an upper-case letter, a
// lower-case letter, a digit and a symbol whatever the policy requires.
func GeneratePassword(p *model.PasswordPolicy) (string, error) {
	n := MinGeneratedLength
	if p != nil && p.MinimumLength > n {
		n = p.MinimumLength
	}
	n = min(n, model.MaxPasswordLen)
	classes := []string{upper, lower, digits, symbols}
	all := upper + lower + digits + symbols
	out := make([]byte, n)
	for i := range out {
		set := all
		if i < len(classes) {
			set = classes[i]
		}
		c, err := pick(set)
		if err != nil {
			return "", err
		}
		out[i] = c
	}
	// Shuffle so the classes are not at fixed places.
	for i := len(out) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			return "", fmt.Errorf("generating a password: %w", err)
		}
		out[i], out[j.Int64()] = out[j.Int64()], out[i]
	}
	return string(out), nil
}

func pick(set string) (byte, error) {
	i, err := rand.Int(rand.Reader, big.NewInt(int64(len(set))))
	if err != nil {
		return 0, fmt.Errorf("generating a password: %w", err)
	}
	return set[i.Int64()], nil
}

// MeetsPolicy reports why password does not meet the policy, or "" when it
// does. It is how tests and the memory account check generated passwords.
func MeetsPolicy(password string, p *model.PasswordPolicy) string {
	pol := model.DefaultPasswordPolicy
	if p != nil {
		pol = *p
	}
	if len(password) < pol.MinimumLength {
		return fmt.Sprintf("shorter than %d characters", pol.MinimumLength)
	}
	has := func(set string) bool {
		for i := 0; i < len(password); i++ {
			for j := 0; j < len(set); j++ {
				if password[i] == set[j] {
					return true
				}
			}
		}
		return false
	}
	switch {
	case pol.RequireUppercase && !has("ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
		return "no upper-case letter"
	case pol.RequireLowercase && !has("abcdefghijklmnopqrstuvwxyz"):
		return "no lower-case letter"
	case pol.RequireNumbers && !has("0123456789"):
		return "no digit"
	case pol.RequireSymbols && !has(symbols):
		return "no symbol"
	}
	return ""
}

// PasswordPolicyFor is the policy generated passwords must meet: the one
// the plan sets, else the account's.
func PasswordPolicyFor(pl *plan.Plan, current *model.Account) *model.PasswordPolicy {
	for _, st := range pl.Steps {
		if o, ok := st.Op.(*op.UpdateAccountPasswordPolicy); ok {
			p := o.Policy()
			return &p
		}
	}
	if current != nil {
		return current.PasswordPolicy
	}
	return nil
}
