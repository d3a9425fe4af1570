package plantest

import (
	"fmt"
	"slices"
	"sort"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// Diff compares the part of got inside the scope (nil: the whole account)
// with the desired account and returns the differences, one sentence
// each: the same users, groups, roles and customer managed policies, by
// exact name, with the same paths, memberships between them, managed
// policies, inline policies and documents (by policy.Equal), boundaries,
// tags, descriptions, session durations, login profiles where declared,
// and the password policy and alias where declared. Ids, ARNs and what
// only an account holds (credentials, versions, instance profiles) are
// not compared.
func Diff(desired, got *model.Account, scope model.Scope) []string {
	if scope == nil {
		scope = model.DefaultScope
	}
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }

	if d := desired.PasswordPolicy; d != nil && (got.PasswordPolicy == nil || *got.PasswordPolicy != *d) {
		add("password_policy: got %+v, want %+v", got.PasswordPolicy, *d)
	}
	if d := desired.Alias; d != nil {
		g := ""
		if got.Alias != nil {
			g = *got.Alias
		}
		if g != *d {
			add("alias: got %q, want %q", g, *d)
		}
	}

	for _, d := range desired.SortedPolicies() {
		g := got.Policy(d.Name)
		if g == nil || g.Name != d.Name {
			add("policy %s: missing", d.Name)
			continue
		}
		if g.Path != d.Path || g.Description != d.Description {
			add("policy %s: path/description %s %q, want %s %q", d.Name, g.Path, g.Description, d.Path, d.Description)
		}
		if !policy.Equal(g.Document, d.Document) {
			add("policy %s: document differs", d.Name)
		}
		out = tagsDiff(out, "policy "+d.Name, g.Tags, d.Tags)
	}
	for _, g := range got.SortedPolicies() {
		if scope.Contains(g.Path) && desired.Policy(g.Name) == nil {
			add("policy %s: not declared but present", g.Name)
		}
	}

	inScopeGroups := func(names []string) []string {
		var out []string
		for _, n := range names {
			if x := got.Group(n); x != nil && scope.Contains(x.Path) {
				out = append(out, x.Name)
			}
		}
		return out
	}
	for _, d := range desired.SortedGroups() {
		g := got.Group(d.Name)
		if g == nil || g.Name != d.Name {
			add("group %s: missing", d.Name)
			continue
		}
		if g.Path != d.Path {
			add("group %s: path %s, want %s", d.Name, g.Path, d.Path)
		}
		out = setDiff(out, "group "+d.Name+" managed policies", g.ManagedPolicies, d.ManagedPolicies)
		out = inlineDiff(out, "group "+d.Name, g.InlinePolicies, d.InlinePolicies)
	}
	for _, g := range got.SortedGroups() {
		if scope.Contains(g.Path) && desired.Group(g.Name) == nil {
			add("group %s: not declared but present", g.Name)
		}
	}

	for _, d := range desired.SortedUsers() {
		g := got.User(d.Name)
		if g == nil || g.Name != d.Name {
			add("user %s: missing", d.Name)
			continue
		}
		if g.Path != d.Path {
			add("user %s: path %s, want %s", d.Name, g.Path, d.Path)
		}
		out = setDiff(out, "user "+d.Name+" groups", inScopeGroups(g.Groups), d.Groups)
		out = setDiff(out, "user "+d.Name+" managed policies", g.ManagedPolicies, d.ManagedPolicies)
		out = inlineDiff(out, "user "+d.Name, g.InlinePolicies, d.InlinePolicies)
		if g.PermissionsBoundary != d.PermissionsBoundary {
			add("user %s: boundary %q, want %q", d.Name, g.PermissionsBoundary, d.PermissionsBoundary)
		}
		out = tagsDiff(out, "user "+d.Name, g.Tags, d.Tags)
		if lp := d.LoginProfile; lp != nil {
			has := g.LoginProfile != nil && g.LoginProfile.Enabled
			switch {
			case !lp.Enabled && has:
				add("user %s: has a login profile, want none", d.Name)
			case lp.Enabled && !has:
				add("user %s: has no login profile, want one", d.Name)
			}
			// password_reset_required applies when a login profile is
			// created: see NewLoginProfileDiff.
		}
	}
	for _, g := range got.SortedUsers() {
		if scope.Contains(g.Path) && desired.User(g.Name) == nil {
			add("user %s: not declared but present", g.Name)
		}
	}

	for _, d := range desired.SortedRoles() {
		g := got.Role(d.Name)
		if g == nil || g.Name != d.Name {
			add("role %s: missing", d.Name)
			continue
		}
		if g.Path != d.Path || g.Description != d.Description || model.EffectiveSessionDuration(g.MaxSessionDuration) != model.EffectiveSessionDuration(d.MaxSessionDuration) {
			add("role %s: path/description/max_session_duration %s %q %d, want %s %q %d", d.Name,
				g.Path, g.Description, g.MaxSessionDuration, d.Path, d.Description, d.MaxSessionDuration)
		}
		if !policy.Equal(g.AssumeRolePolicy, d.AssumeRolePolicy) {
			add("role %s: trust policy differs", d.Name)
		}
		out = setDiff(out, "role "+d.Name+" managed policies", g.ManagedPolicies, d.ManagedPolicies)
		out = inlineDiff(out, "role "+d.Name, g.InlinePolicies, d.InlinePolicies)
		if g.PermissionsBoundary != d.PermissionsBoundary {
			add("role %s: boundary %q, want %q", d.Name, g.PermissionsBoundary, d.PermissionsBoundary)
		}
		out = tagsDiff(out, "role "+d.Name, g.Tags, d.Tags)
	}
	for _, g := range got.SortedRoles() {
		if scope.Contains(g.Path) && desired.Role(g.Name) == nil {
			add("role %s: not declared but present", g.Name)
		}
	}
	return out
}

// setDiff compares two lists as sets of folded strings.
func setDiff(out []string, what string, got, want []string) []string {
	g, w := foldSet(got), foldSet(want)
	if !slices.Equal(g, w) {
		out = append(out, fmt.Sprintf("%s: %v, want %v", what, g, w))
	}
	return out
}

func foldSet(list []string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		out = append(out, model.Fold(s))
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func inlineDiff(out []string, what string, got, want []model.InlinePolicy) []string {
	if len(got) != len(want) {
		return append(out, fmt.Sprintf("%s: %d inline policies, want %d", what, len(got), len(want)))
	}
	for _, w := range want {
		i := slices.IndexFunc(got, func(p model.InlinePolicy) bool { return p.Name == w.Name })
		switch {
		case i < 0:
			out = append(out, fmt.Sprintf("%s: inline policy %s missing", what, w.Name))
		case !policy.Equal(got[i].Document, w.Document):
			out = append(out, fmt.Sprintf("%s: inline policy %s differs", what, w.Name))
		}
	}
	return out
}

func tagsDiff(out []string, what string, got, want model.Tags) []string {
	if len(got) != len(want) {
		return append(out, fmt.Sprintf("%s: tags %v, want %v", what, got, want))
	}
	for k, v := range want {
		if w, ok := got[k]; !ok || w != v {
			return append(out, fmt.Sprintf("%s: tags %v, want %v", what, got, want))
		}
	}
	return out
}

// NewLoginProfileDiff lists the users whose login profile the plan
// created (none in before) without the declared password_reset_required:
// the flag applies at creation only, as IAM clears it once the user has
// chosen a password.
func NewLoginProfileDiff(desired, before, got *model.Account) []string {
	var out []string
	for _, d := range desired.SortedUsers() {
		lp := d.LoginProfile
		if lp == nil || !lp.Enabled {
			continue
		}
		if b := before.User(d.Name); b != nil && b.LoginProfile != nil {
			continue
		}
		if d.RenamedFrom != "" {
			if b := before.User(d.RenamedFrom); b != nil && b.LoginProfile != nil {
				continue
			}
		}
		if g := got.User(d.Name); g != nil && g.LoginProfile != nil && g.LoginProfile.PasswordResetRequired != lp.PasswordResetRequired {
			out = append(out, fmt.Sprintf("user %s: new login profile has password_reset_required %v, want %v", d.Name, g.LoginProfile.PasswordResetRequired, lp.PasswordResetRequired))
		}
	}
	return out
}
