package lang

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/model"
)

// compileSingletons compiles the account and password_policy blocks.
func (l *loader) compileSingletons() {
	l.account = model.NewAccount(l.accountID)
	ev := &evaluator{l: l}
	if l.aliasBlock != nil {
		l.declarations[model.Address{Kind: model.KindAccountAlias}] = l.aliasBlock.DefRange
		l.account.Alias = ev.alias(l.aliasBlock, l.aliasContent.Attributes["alias"], l.ctx)
	}
	if l.passwordBlock != nil {
		l.declarations[model.Address{Kind: model.KindPasswordPolicy}] = l.passwordBlock.DefRange
		pp := model.DefaultPasswordPolicy
		for _, f := range model.PasswordPolicyFields {
			a := l.passwordContent.Attributes[f.Name]
			if a == nil {
				continue
			}
			if f.Range == nil {
				if b, ok := ev.boolean(a.Expr, l.ctx, "The "+f.Name+" argument"); ok {
					*f.Bool(&pp) = b
				}
				continue
			}
			n, ok := ev.integer(a.Expr, l.ctx, "The "+f.Name+" argument")
			if !ok {
				continue
			}
			if !f.Range.Contains(n) {
				ev.errorf(a.Expr.Range(), "Password policy value out of range", "IAM takes a %s from %d to %d; %d is outside that range.", f.Name, f.Range.Min, f.Range.Max, n)
				continue
			}
			*f.Int(&pp) = n
		}
		l.account.PasswordPolicy = &pp
	}
	l.diags = append(l.diags, ev.diags...)
}

// alias reads the account block's alias: a valid alias, or a pointer to
// "" for alias = null, which declares an account without an alias (the
// plan deletes the one it has). nil when there is an error.
func (ev *evaluator) alias(block *hcl.Block, a *hcl.Attribute, ctx *hcl.EvalContext) *string {
	if a == nil {
		ev.errorf(block.DefRange, "Missing account alias",
			"The account block manages the account's alias: write alias = \"NAME\", or alias = null for an account without an alias. Remove the block to leave the alias as it is.")
		return nil
	}
	if _, isLiteral := literalString(a.Expr); !isLiteral {
		v, ok := ev.value(a.Expr, ctx)
		if !ok {
			return nil
		}
		if v.IsNull() {
			none := ""
			return &none
		}
	}
	s, ok := ev.str(a.Expr, ctx, "The account alias")
	if !ok {
		return nil
	}
	if msg := checkAlias(s); msg != "" {
		if s == "" {
			msg += " For an account without an alias, write alias = null."
		}
		ev.errorf(a.Expr.Range(), "Invalid account alias", "%s", msg)
		return nil
	}
	return &s
}

// checkAlias checks an account alias as IAM does; it returns "" when it
// is valid, else a sentence saying what is wrong.
func checkAlias(s string) string {
	switch p, c := model.CheckAlias(s); p {
	case model.AliasLength:
		return fmt.Sprintf("An account alias is %d to %d characters long; %s is not.", model.MinAliasLen, model.MaxAliasLen, quote(s))
	case model.AliasEdgeHyphen:
		return "An account alias cannot start or end with a hyphen, as " + quote(s) + " does."
	case model.AliasDoubleHyphen:
		return "An account alias cannot hold two hyphens in a row, as " + quote(s) + " does."
	case model.AliasBadChar:
		return "An account alias holds lower-case letters, digits and hyphens only; " + quote(s) + " holds " + quote(string(rune(c))) + "."
	}
	return ""
}

// checkAccount assembles the account from the compiled instances and
// checks what concerns several entities: group memberships from both
// sides and their quota, renames, and the entity counts.
func (l *loader) checkAccount() {
	a := l.account
	q := l.quotas
	// Memberships declared on the group side join those on the user side.
	for _, e := range l.entityOrder[kGroup] {
		for _, g := range e.instances {
			if g.group == nil {
				continue
			}
			for _, m := range g.members {
				if u := m.user.user; u != nil && !containsFold(u.Groups, g.name) {
					u.Groups = append(u.Groups, g.name)
				}
			}
		}
	}
	l.checkRenameConflicts()
	renamed := [numKinds]map[string]*instance{}
	counts := [numKinds]int{}
	limits := [numKinds]int{q.Users, q.Groups, q.Roles, q.Policies, model.InstanceProfilesPerAccount, model.OIDCProvidersPerAccount, model.SAMLProvidersPerAccount}
	for k := range numKinds {
		renamed[k] = map[string]*instance{}
		for _, e := range l.entityOrder[k] {
			for _, in := range e.instances {
				if !in.valid {
					continue
				}
				counts[k]++
				if counts[k] == limits[k]+1 {
					l.diags = append(l.diags, errorAt(e.block.DefRange, "Too many "+k.plural()+" in the account",
						"The configuration declares more %s than the account's quota of %d, from this one on.%s", k.plural(), limits[k], countHint(k)))
				}
				l.declarations[model.Address{Kind: k.model(), Name: in.name}.Key()] = e.block.DefRange
				switch {
				case in.user != nil:
					sortFolded(in.user.Groups)
					if n := len(in.user.Groups); n > q.GroupsPerUser {
						l.diags = append(l.diags, errorAt(in.groupsAt, "Too many groups for one user",
							"The user %q is in %d groups, counting its groups and the groups that list it in members; IAM allows at most %d per user.", in.name, n, q.GroupsPerUser))
					}
					l.checkRename(renamed[k], in, in.user.RenamedFrom)
					a.AddUser(in.user)
				case in.group != nil:
					l.checkRename(renamed[k], in, in.group.RenamedFrom)
					a.AddGroup(in.group)
				case in.role != nil:
					a.AddRole(in.role)
				case in.policy != nil:
					a.AddPolicy(in.policy)
				case in.profile != nil:
					a.AddInstanceProfile(in.profile)
				case in.oidc != nil:
					a.AddOIDCProvider(in.oidc)
				case in.saml != nil:
					a.AddSAMLProvider(in.saml)
				}
			}
		}
	}
}

// checkRename reports two entities renamed from one name.
func (l *loader) checkRename(seen map[string]*instance, in *instance, from string) {
	if from == "" {
		return
	}
	f := model.Fold(from)
	if first := seen[f]; first != nil {
		rng := in.e.block.DefRange
		if a := in.e.content.Attributes["renamed_from"]; a != nil {
			rng = a.Expr.Range()
		}
		l.diags = append(l.diags, errorAt(rng, "Duplicate renamed_from",
			"Both %s and %s are renamed from %q; one entity cannot become two.", first.addr(), in.addr(), from))
		return
	}
	seen[f] = in
}

// renamedFrom returns the name a user or group instance is renamed from,
// "" when it is not renamed.
func (in *instance) renamedFrom() string {
	switch {
	case in.user != nil:
		return in.user.RenamedFrom
	case in.group != nil:
		return in.group.RenamedFrom
	}
	return ""
}

// checkRenameConflicts reports renames whose old name is declared too: a
// chain (c from b, b from a), a swap (a from b, b from a), or an old name
// declared again for a new entity. Each needs IAM's renames in an order
// and in several steps that one apply does not take, so each is an error
// at the renamed_from expression, saying how to do it in several applies.
// Whether the old and the new name both exist in the account is the
// planner's to decide.
func (l *loader) checkRenameConflicts() {
	var bad []*instance
	for _, k := range []kind{kUser, kGroup} {
		for _, e := range l.entityOrder[k] {
			for _, in := range e.instances {
				from := in.renamedFrom()
				if !in.valid || from == "" {
					continue
				}
				holder := l.byName[k][model.Fold(from)]
				if holder == nil || holder == in {
					continue
				}
				bad = append(bad, in)
				rng := e.block.DefRange
				if a := e.content.Attributes["renamed_from"]; a != nil {
					rng = a.Expr.Range()
				}
				switch holderFrom := holder.renamedFrom(); {
				case holderFrom != "" && model.Fold(holderFrom) == model.Fold(in.name):
					l.diags = append(l.diags, errorAt(rng, "Swap of names",
						"This %s (%q) is renamed from %q, and %s (%q) is renamed from %q: the two swap names, which one apply cannot do, as IAM renames one at a time and the names collide. Swap them in three applies: rename %q to a name neither uses, then %q to %q, then the first to %q.",
						k, in.name, from, holder.addr(), holder.name, holderFrom, holderFrom, from, holderFrom, from))
				case holderFrom != "":
					l.diags = append(l.diags, errorAt(rng, "Chain of renames",
						"This %s is renamed from %q, but %s has that name and is itself renamed from %q: a chain of renames in one apply is not supported. Do it in two applies: first rename %q to %q alone (leave %s named %q for now), then %q to %q.",
						k, from, holder.addr(), holderFrom, from, in.name, holder.addr(), holderFrom, holderFrom, holder.name))
				default:
					l.diags = append(l.diags, errorAt(rng, "Old name declared again",
						"This %s is renamed from %q, but %s declares a %s with that name: renaming %q and creating a new %q in one apply is not supported. Apply the rename first, then declare %s in a second apply.",
						k, from, holder.addr(), k, from, from, holder.addr()))
				}
			}
		}
	}
	// Cleared only once all are checked, so that both ends of a swap are
	// reported as one.
	for _, in := range bad {
		switch {
		case in.user != nil:
			in.user.RenamedFrom = ""
		case in.group != nil:
			in.group.RenamedFrom = ""
		}
	}
}

func countHint(k kind) string {
	switch k {
	case kUser:
		return " IAM does not raise it."
	case kGroup:
		return fmt.Sprintf(" Raise it with iamc { quotas { groups = N } } (at most %d) once AWS has raised it.", model.MaxQuota("groups"))
	case kRole:
		return " Raise it with iamc { quotas { roles = N } } once AWS has raised it."
	case kInstanceProfile:
		return " AWS raises it on request."
	case kOIDCProvider, kSAMLProvider:
		return " IAM does not raise it."
	}
	return " Raise it with iamc { quotas { policies = N } } once AWS has raised it."
}

// sortFolded sorts names as IAM compares them, then by spelling.
func sortFolded(names []string) {
	sort.Slice(names, func(i, j int) bool {
		fi, fj := model.Fold(names[i]), model.Fold(names[j])
		if fi != fj {
			return fi < fj
		}
		return names[i] < names[j]
	})
}
