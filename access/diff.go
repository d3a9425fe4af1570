package access

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// TrustGrant is one principal a role's trust policy lets assume it, with
// the action (sts:AssumeRole, ...WithWebIdentity, ...WithSAML) and the
// condition.
type TrustGrant struct {
	Principal string `json:"principal"` // "AWS arn:aws:iam::...", "Service ec2.amazonaws.com", "Federated ...", "*"
	Action    string `json:"action"`
	Condition string `json:"condition,omitempty"`
}

// Change is what a group of principals gains and loses, together: the
// same grants for each of them.
type Change struct {
	// Principals are the users and roles with this change, sorted.
	Principals []model.Address `json:"principals"`
	// Group, when set, is a group whose members are exactly Principals
	// and whose change this is (its policies or its members changed).
	Group string `json:"group,omitempty"`
	// Gained are Allow grants the principals did not have, and Deny
	// grants that no longer apply to them (both widen access); Lost, the
	// opposite.
	Gained []Line `json:"gained"`
	Lost   []Line `json:"lost"`
}

// TrustChange is who may newly assume a role, and who no longer may.
type TrustChange struct {
	Role   model.Address `json:"role"`
	Gained []TrustGrant  `json:"gained"`
	Lost   []TrustGrant  `json:"lost"`
}

// Delta is the access difference between two accounts: what each user
// and role may do, and who may assume each role, before and after.
type Delta struct {
	// Broadens says some principal may do something it could not: a
	// grant gained (a changed condition counts, as no condition is
	// provably narrower here), a deny lost, a new principal, or a trust
	// that lets someone new assume a role.
	Broadens bool `json:"broadens"`
	// NewPrincipals are the users and roles the second account has and
	// the first has not.
	NewPrincipals []model.Address `json:"new_principals"`
	Changes       []Change        `json:"changes"`
	Trusts        []TrustChange   `json:"trusts"`
	// Unlisted are the users and roles whose change is not read out:
	// created or deleted ones past MaxWholeSets distinct policy sets, and
	// any past MaxReadOut action names read out. They are only named;
	// what each may do is what iamc can and expect blocks answer.
	Unlisted []model.Address `json:"unlisted"`
}

// MaxReadOut bounds how many action names a diff reads out in all: past
// it, the principals of a change not yet read out are named in Unlisted.
// A change that thousands of principals share is read out once; this
// holds a configuration whose every user's policy changes differently
// (a hostile one, say) to a bounded cost.
const MaxReadOut = 1_000_000

func names(ls []Line) int {
	n := 0
	for _, l := range ls {
		n += len(l.Actions)
	}
	return n
}

// MaxWholeSets bounds how many distinct policy sets of created or
// deleted principals a diff reads out whole: each costs its whole
// access, and a plan that creates an organisation from nothing would
// otherwise list every principal's every action.
const MaxWholeSets = 100

// Empty reports whether nothing changes.
func (d *Delta) Empty() bool {
	return len(d.NewPrincipals) == 0 && len(d.Changes) == 0 && len(d.Trusts) == 0 && len(d.Unlisted) == 0
}

// Diff computes the access difference between two accounts (a plan's
// current and desired ones). The grants of each distinct set of policies
// (the same documents, as policy.Key tells them) are computed once, and
// each document's once, so that a change seen by thousands of users costs
// about what one costs. What the diff counts is a model of the policies,
// not an evaluation of every request: actions are expanded through the
// catalog, resources and conditions compared as written, a permissions
// boundary limits actions (not resources), and a Deny removes an Allow
// only when it applies to every resource and has no condition.
func Diff(before, after *model.Account) *Delta {
	g := newGrants()
	eb, ea := New(before, Options{}), New(after, Options{})
	d := &Delta{NewPrincipals: []model.Address{}, Changes: []Change{}, Trusts: []TrustChange{}, Unlisted: []model.Address{}}
	// Principals that go from the same policy set to the same one (a
	// group's members) share one comparison (pairs); principals whose
	// changes are the same, from whatever sets, share one reading out
	// (byHash, in the order first seen).
	pairs := map[string]*Change{}
	byHash := map[string]*Change{}
	var changes []*Change
	budget := MaxReadOut
	// consider compares a principal's policy sets before and after (in
	// says which it has); addr is how the change names it.
	consider := func(addr model.Address, pb, pa docSet, inBefore, inAfter bool) {
		if inBefore && inAfter && pb.key == pa.key {
			return
		}
		pair := fmt.Sprint(inBefore, inAfter) + "\x02" + pb.key + "\x03" + pa.key
		c, ok := pairs[pair]
		if !ok {
			if raw := g.delta(pb, pa, inBefore, inAfter); !raw.empty() {
				h := raw.hash()
				if c = byHash[h]; c == nil {
					if budget <= 0 {
						d.Unlisted = append(d.Unlisted, addr)
						if len(raw.gained) > 0 {
							d.Broadens = true
						}
						return
					}
					c = &Change{Gained: readOut(raw.gained), Lost: readOut(raw.lost)}
					budget -= names(c.Gained) + names(c.Lost)
					byHash[h] = c
					changes = append(changes, c)
				}
			}
			pairs[pair] = c
		}
		if c == nil {
			return
		}
		c.Principals = append(c.Principals, addr)
		if len(c.Gained) > 0 {
			d.Broadens = true
		}
	}
	renamed := renames(before, after)
	wholeSets := map[string]bool{}
	for _, kind := range []model.Kind{model.KindUser, model.KindRole} {
		for _, name := range principalNames(before, after, kind) {
			inB, inA := hasPrincipal(before, kind, name), hasPrincipal(after, kind, name)
			addr := model.Address{Kind: kind, Name: name}
			beforeName, afterName := name, name
			if !inB {
				beforeName = ""
			}
			if !inA {
				afterName = ""
			}
			if kind == model.KindUser {
				if _, gone := renamed.to[model.Fold(name)]; gone && !inA {
					continue // compared under its new name
				}
				if old, ok := renamed.from[model.Fold(name)]; ok && !inB {
					beforeName = old
				}
			}
			var pb, pa docSet
			if beforeName != "" {
				pb = g.policies(eb, kind, beforeName)
			}
			if afterName != "" {
				pa = g.policies(ea, kind, afterName)
			}
			switch {
			case beforeName == "" && afterName != "":
				d.NewPrincipals = append(d.NewPrincipals, addr)
				d.Broadens = true
				fallthrough
			case beforeName != "" && afterName == "":
				// A created or deleted principal's whole access is read
				// out for the first MaxWholeSets distinct sets only.
				key := "-" + pb.key + "+" + pa.key
				if !wholeSets[key] && len(wholeSets) >= MaxWholeSets {
					d.Unlisted = append(d.Unlisted, addr)
					continue
				}
				wholeSets[key] = true
			}
			consider(addr, pb, pa, beforeName != "", afterName != "")
		}
	}
	groups := newGroupIndex(after, before)
	for _, c := range changes {
		sort.Slice(c.Principals, func(i, j int) bool { return c.Principals[i].Less(c.Principals[j]) })
		c.Group = groups.of(c.Principals)
		d.Changes = append(d.Changes, *c)
	}
	sort.SliceStable(d.Changes, func(i, j int) bool {
		return d.Changes[i].Principals[0].Less(d.Changes[j].Principals[0])
	})
	for _, name := range principalNames(before, after, model.KindRole) {
		tb, ta := trustGrants(before.Role(name)), trustGrants(after.Role(name))
		var tc TrustChange
		for t := range ta {
			if !tb[t] {
				tc.Gained = append(tc.Gained, t)
			}
		}
		for t := range tb {
			if !ta[t] {
				tc.Lost = append(tc.Lost, t)
			}
		}
		if len(tc.Gained)+len(tc.Lost) == 0 {
			continue
		}
		if len(tc.Gained) > 0 {
			d.Broadens = true
		}
		sortTrust(tc.Gained)
		sortTrust(tc.Lost)
		tc.Role = model.RoleAddr(roleName(before, after, name))
		tc.Gained, tc.Lost = nonNilTrust(tc.Gained), nonNilTrust(tc.Lost)
		d.Trusts = append(d.Trusts, tc)
	}
	return d
}

// conditionText is a condition block's canonical JSON (encoding/json
// sorts map keys), "" for none.
func conditionText(c policy.Conditions) string {
	if len(c) == 0 {
		return ""
	}
	data, err := json.Marshal(c)
	if err != nil {
		return "?"
	}
	return string(data)
}

// trustGrants are who a role's trust policy lets assume the role.
func trustGrants(r *model.Role) map[TrustGrant]bool {
	out := map[TrustGrant]bool{}
	if r == nil || r.AssumeRolePolicy == nil {
		return out
	}
	for _, s := range r.AssumeRolePolicy.Statements {
		if s.Effect != "Allow" || s.Principal == nil {
			continue
		}
		var actions []string
		for _, a := range expand(s.Action, s.NotAction, nil).names() {
			if strings.HasPrefix(strings.ToLower(a), "sts:assumerole") {
				actions = append(actions, a)
			}
		}
		cond := conditionText(s.Condition)
		var who []string
		if s.Principal.Wildcard {
			who = append(who, "*")
		}
		for typ, ids := range s.Principal.Entries {
			for _, id := range ids {
				who = append(who, typ+" "+id)
			}
		}
		for _, w := range who {
			for _, a := range actions {
				out[TrustGrant{Principal: w, Action: a, Condition: cond}] = true
			}
		}
	}
	return out
}

// userRenames pairs the users the second account renames (renamed_from)
// with their names in the first: from maps a new name to the old, to the
// old to the new (both folded keys).
type userRenames struct{ from, to map[string]string }

func renames(before, after *model.Account) userRenames {
	r := userRenames{from: map[string]string{}, to: map[string]string{}}
	for _, u := range after.Users {
		if u.RenamedFrom == "" || before.User(u.Name) != nil || after.User(u.RenamedFrom) != nil {
			continue
		}
		if old := before.User(u.RenamedFrom); old != nil {
			r.from[model.Fold(u.Name)] = old.Name
			r.to[model.Fold(old.Name)] = u.Name
		}
	}
	return r
}

// principalNames are the names of the users or roles of either account,
// sorted as IAM compares them (the maps' keys are the folded names).
func principalNames(before, after *model.Account, kind model.Kind) []string {
	byFold := map[string]string{}
	for _, a := range []*model.Account{before, after} {
		switch kind {
		case model.KindUser:
			for f, u := range a.Users {
				byFold[f] = u.Name
			}
		case model.KindRole:
			for f, r := range a.Roles {
				byFold[f] = r.Name
			}
		}
	}
	folds := make([]string, 0, len(byFold))
	for f := range byFold {
		folds = append(folds, f)
	}
	sort.Strings(folds)
	out := make([]string, len(folds))
	for i, f := range folds {
		out[i] = byFold[f]
	}
	return out
}

func hasPrincipal(a *model.Account, kind model.Kind, name string) bool {
	if kind == model.KindUser {
		return a.User(name) != nil
	}
	return a.Role(name) != nil
}

func roleName(before, after *model.Account, name string) string {
	if r := after.Role(name); r != nil {
		return r.Name
	}
	if r := before.Role(name); r != nil {
		return r.Name
	}
	return name
}

// groupIndex names groups by their exact membership: the sorted folded
// names of their members, joined, in either account.
type groupIndex map[string]string

func newGroupIndex(accounts ...*model.Account) groupIndex {
	idx := groupIndex{}
	for _, a := range accounts {
		members := map[string][]string{}
		for _, u := range a.Users {
			for _, g := range u.Groups {
				members[model.Fold(g)] = append(members[model.Fold(g)], model.Fold(u.Name))
			}
		}
		for _, g := range a.SortedGroups() {
			m := members[model.Fold(g.Name)]
			if len(m) < 2 {
				continue
			}
			sort.Strings(m)
			key := strings.Join(m, "\x00")
			if _, taken := idx[key]; !taken {
				idx[key] = g.Name
			}
		}
	}
	return idx
}

// of names a group whose members, in either account, are exactly the
// principals, when they are all users: a change that comes from the
// group reads better under its name.
func (idx groupIndex) of(principals []model.Address) string {
	if len(principals) < 2 {
		return ""
	}
	names := make([]string, len(principals))
	for i, p := range principals {
		if p.Kind != model.KindUser {
			return ""
		}
		names[i] = model.Fold(p.Name)
	}
	sort.Strings(names)
	return idx[strings.Join(names, "\x00")]
}

func sortTrust(ts []TrustGrant) {
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].Principal != ts[j].Principal {
			return ts[i].Principal < ts[j].Principal
		}
		if ts[i].Action != ts[j].Action {
			return ts[i].Action < ts[j].Action
		}
		return ts[i].Condition < ts[j].Condition
	})
}

func nonNilTrust(t []TrustGrant) []TrustGrant {
	if t == nil {
		return []TrustGrant{}
	}
	return t
}
