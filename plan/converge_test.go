package plan_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/plan/plantest"
	"github.com/iamc/iamc/plan/render"
	"github.com/iamc/iamc/policy"
)

var (
	convergeSeed  = flag.Int64("seed", 20261123, "first seed of the convergence property test")
	convergeCases = flag.Int("cases", 500, "cases of the convergence property test")
)

// TestConvergence is the property that plans are exact: for random
// desired and current accounts, applying the plan's steps in order to a
// memory account holding the current one gives the desired account inside
// the scope, leaves what is outside it as it was (but for the cleanup IAM
// requires), and a second plan is empty. Each case is applied again in a
// random order that respects only the steps' dependencies, which proves
// that the dependencies suffice for apply to run steps concurrently.
//
// A failure names its seed: go test ./plan -run TestConvergence -seed N -cases 1
func TestConvergence(t *testing.T) {
	n := *convergeCases
	steps, changes, refused := 0, 0, 0
	for i := range n {
		s, c, r := checkConvergence(t, *convergeSeed+int64(i))
		steps += s
		changes += c
		if r {
			refused++
		}
	}
	t.Logf("%d cases from seed %d: %d changes, %d steps; %d cases refused", n, *convergeSeed, changes, steps, refused)
}

// FuzzConvergence explores more seeds of the same property:
// go test ./plan -run '^$' -fuzz FuzzConvergence
func FuzzConvergence(f *testing.F) {
	for _, s := range []int64{1, 2, 3, 20261123} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed int64) { checkConvergence(t, seed) })
}

// checkConvergence checks one generated case and returns the number of
// its steps and changes, and whether Compute refused it as it must.
func checkConvergence(t *testing.T, seed int64) (steps, changes int, refused bool) {
	t.Helper()
	c := plantest.Generate(rand.New(rand.NewSource(seed)))
	opts := plan.Options{Scope: c.Scope, ScopeDeclared: c.ScopeDeclared, Quotas: c.Quotas}
	p, err := plan.Compute(c.Desired, c.Current, opts)
	if len(c.Refused) > 0 {
		if err == nil {
			var b bytes.Buffer
			render.Text(&b, p, render.Options{DocWidth: 200})
			t.Fatalf("seed %d: Compute made a plan, but no plan can make this change; its error must say %q\nthe plan:\n%s", seed, c.Refused, b.String())
		}
		for _, s := range c.Refused {
			if !strings.Contains(err.Error(), s) {
				t.Fatalf("seed %d: Compute's error does not say %q:\n%v", seed, s, err)
			}
		}
		return 0, 0, true
	}
	if err != nil {
		t.Fatalf("seed %d: Compute: %v", seed, err)
	}
	fail := func(format string, args ...any) {
		t.Helper()
		var b bytes.Buffer
		render.Text(&b, p, render.Options{DocWidth: 200})
		t.Fatalf("seed %d: %s\nthe plan:\n%s", seed, fmt.Sprintf(format, args...), b.String())
	}
	// The current account as the memory account holds it, with the
	// unique ids that trust policies show for the principals the plan
	// deletes.
	acct, err := seedAccount(c.Current, c.Quotas)
	if err != nil {
		t.Fatalf("seed %d: seeding the memory account: %v", seed, err)
	}
	held, err := acct.Read(context.Background())
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	orders := [][]int{nil, randomOrder(p.Steps, rand.New(rand.NewSource(seed)))}
	for k, order := range orders {
		what := "in order"
		if k > 0 {
			what = "in a random order"
		}
		after, err := applyPlanQuotas(c.Current, p.Steps, order, c.Quotas)
		if err != nil {
			fail("applying the plan %s: %v", what, err)
		}
		if d := plantest.Diff(c.Desired, after, c.Scope); len(d) > 0 {
			fail("applied %s, the account differs from the desired one:\n  %s", what, joinLines(d))
		}
		if d := plantest.NewLoginProfileDiff(c.Desired, c.Current, after); len(d) > 0 {
			fail("applied %s, new login profiles differ:\n  %s", what, joinLines(d))
		}
		if d := outsideDiff(c, held, after); len(d) > 0 {
			fail("applied %s, what is outside the scope changed:\n  %s", what, joinLines(d))
		}
		again, err := plan.Compute(c.Desired, after, opts)
		if err != nil {
			fail("planning again: %v", err)
		}
		if !again.Empty() {
			var b bytes.Buffer
			render.Text(&b, again, render.Options{DocWidth: 200})
			fail("applied %s, planning again is not empty:\n%s", what, b.String())
		}
	}
	return len(p.Steps), len(p.Changes), false
}

func joinLines(list []string) string {
	var b bytes.Buffer
	for i, s := range list {
		if i > 0 {
			b.WriteString("\n  ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// randomOrder returns a random order of the steps in which every step
// comes after the steps it depends on, and after nothing else in
// particular.
func randomOrder(steps []plan.Step, r *rand.Rand) []int {
	indeg := make([]int, len(steps))
	children := make([][]int, len(steps))
	for i, s := range steps {
		indeg[i] = len(s.DependsOn)
		for _, d := range s.DependsOn {
			children[d-1] = append(children[d-1], i)
		}
	}
	var ready, out []int
	for i := range steps {
		if indeg[i] == 0 {
			ready = append(ready, i)
		}
	}
	for len(ready) > 0 {
		k := r.Intn(len(ready))
		i := ready[k]
		ready = slices.Delete(ready, k, k+1)
		out = append(out, i)
		for _, c := range children[i] {
			if indeg[c]--; indeg[c] == 0 {
				ready = append(ready, c)
			}
		}
	}
	return out
}

// outsideDiff checks that the entities outside the scope are as they
// were, but for what IAM requires when an entity inside it goes or is
// replaced: memberships of deleted groups, attachments and boundaries of
// deleted policies are gone, and a replaced policy is attached under its
// new ARN. Users inside the scope also keep their groups outside it.
// held is the current account as the memory account held it before the
// plan, with the unique ids of its users and roles.
func outsideDiff(c plantest.Case, held, got *model.Account) []string {
	scope := c.Scope
	if scope == nil {
		scope = model.DefaultScope
	}
	cur, des := c.Current, c.Desired
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	groupAfter := func(name string) string {
		g := cur.Group(name)
		if g == nil {
			return ""
		}
		if !scope.Contains(g.Path) {
			return g.Name
		}
		if d := des.Group(name); d != nil {
			return d.Name
		}
		for _, d := range des.SortedGroups() {
			if d.RenamedFrom != "" && model.Fold(d.RenamedFrom) == model.Fold(name) && cur.Group(d.Name) == nil {
				return d.Name
			}
		}
		return ""
	}
	policyAfter := func(arn string) string {
		if model.IsAWSManagedPolicyARN(arn) || arn == "" {
			return arn
		}
		pa, err := model.ParseEntityARN(arn)
		if err != nil {
			return arn
		}
		p := cur.Policy(pa.Name)
		if p == nil || !scope.Contains(p.Path) {
			return arn
		}
		if d := des.Policy(pa.Name); d != nil {
			return model.PolicyARN(cur.ID, d.Path, d.Name)
		}
		return ""
	}
	mapAll := func(list []string, f func(string) string) []string {
		var out []string
		for _, x := range list {
			if y := f(x); y != "" {
				out = append(out, model.Fold(y))
			}
		}
		sort.Strings(out)
		return out
	}
	folds := func(list []string) []string { return mapAll(list, func(s string) string { return s }) }
	outsideGroups := func(u *model.User) []string {
		var out []string
		for _, n := range u.Groups {
			if g := cur.Group(n); g != nil && !scope.Contains(g.Path) {
				out = append(out, model.Fold(g.Name))
			}
		}
		sort.Strings(out)
		return out
	}
	for _, u := range cur.SortedUsers() {
		if scope.Contains(u.Path) {
			// A user inside the scope that stays keeps its groups outside it.
			var d *model.User
			if d = des.User(u.Name); d == nil {
				for _, x := range des.SortedUsers() {
					if x.RenamedFrom != "" && model.Fold(x.RenamedFrom) == model.Fold(u.Name) && cur.User(x.Name) == nil {
						d = x
					}
				}
			}
			if d == nil {
				continue
			}
			g := got.User(d.Name)
			if g == nil {
				add("user %s: gone", d.Name)
				continue
			}
			var outside []string
			for _, n := range g.Groups {
				if x := got.Group(n); x != nil && !scope.Contains(x.Path) {
					outside = append(outside, model.Fold(x.Name))
				}
			}
			sort.Strings(outside)
			if want := outsideGroups(u); !slices.Equal(outside, want) {
				add("user %s: groups outside the scope %v, want %v", d.Name, outside, want)
			}
			continue
		}
		g := got.User(u.Name)
		if g == nil || g.Path != u.Path {
			add("user %s (outside): gone or moved", u.Name)
			continue
		}
		if a, b := folds(g.Groups), mapAll(u.Groups, groupAfter); !slices.Equal(a, b) {
			add("user %s (outside): groups %v, want %v", u.Name, a, b)
		}
		if a, b := folds(g.ManagedPolicies), mapAll(u.ManagedPolicies, policyAfter); !slices.Equal(a, b) {
			add("user %s (outside): policies %v, want %v", u.Name, a, b)
		}
		if g.PermissionsBoundary != policyAfter(u.PermissionsBoundary) {
			add("user %s (outside): boundary %q", u.Name, g.PermissionsBoundary)
		}
		if (g.LoginProfile == nil) != (u.LoginProfile == nil) || len(g.InlinePolicies) != len(u.InlinePolicies) ||
			len(g.Tags) != len(u.Tags) || !credentialsEqual(g.Credentials, u.Credentials) {
			add("user %s (outside): login profile, inline policies, tags or credentials changed", u.Name)
		}
	}
	for _, x := range cur.SortedGroups() {
		if scope.Contains(x.Path) {
			continue
		}
		g := got.Group(x.Name)
		if g == nil || g.Path != x.Path {
			add("group %s (outside): gone or moved", x.Name)
			continue
		}
		if a, b := folds(g.ManagedPolicies), mapAll(x.ManagedPolicies, policyAfter); !slices.Equal(a, b) {
			add("group %s (outside): policies %v, want %v", x.Name, a, b)
		}
		if len(g.InlinePolicies) != len(x.InlinePolicies) {
			add("group %s (outside): inline policies changed", x.Name)
		}
	}
	for _, r := range cur.SortedRoles() {
		if scope.Contains(r.Path) {
			continue
		}
		g := got.Role(r.Name)
		if g == nil || g.Path != r.Path {
			add("role %s (outside): gone or moved", r.Name)
			continue
		}
		if a, b := folds(g.ManagedPolicies), mapAll(r.ManagedPolicies, policyAfter); !slices.Equal(a, b) {
			add("role %s (outside): policies %v, want %v", r.Name, a, b)
		}
		if g.PermissionsBoundary != policyAfter(r.PermissionsBoundary) {
			add("role %s (outside): boundary %q", r.Name, g.PermissionsBoundary)
		}
		if !policy.Equal(g.AssumeRolePolicy, trustAfter(c, held, r.AssumeRolePolicy)) || len(g.InlinePolicies) != len(r.InlinePolicies) ||
			len(g.Tags) != len(r.Tags) || !slices.Equal(g.InstanceProfiles, r.InstanceProfiles) {
			add("role %s (outside): trust, inline policies, tags or instance profiles changed", r.Name)
		}
	}
	for _, p := range cur.SortedPolicies() {
		if scope.Contains(p.Path) {
			continue
		}
		g := got.Policy(p.Name)
		if g == nil || g.Path != p.Path || g.Description != p.Description || !policy.Equal(g.Document, p.Document) ||
			len(g.Versions) != max(len(p.Versions), 1) || len(g.Tags) != len(p.Tags) {
			add("policy %s (outside): changed", p.Name)
		}
	}
	return out
}

func credentialsEqual(a, b model.Credentials) bool {
	return slices.Equal(model.AccessKeyIDs(a.AccessKeys), model.AccessKeyIDs(b.AccessKeys)) && slices.Equal(a.SigningCertificates, b.SigningCertificates) &&
		slices.Equal(a.SSHPublicKeys, b.SSHPublicKeys) && slices.Equal(a.ServiceSpecificCredentials, b.ServiceSpecificCredentials) &&
		len(a.MFADevices) == len(b.MFADevices)
}

// trustAfter is a trust policy of a role outside the scope as IAM shows it
// after the plan: a user or role inside the scope that the plan deletes
// or replaces shows as its unique id (as held has it), a user it renames
// or moves under its new ARN.
func trustAfter(c plantest.Case, held *model.Account, d *policy.Document) *policy.Document {
	scope := c.Scope
	if scope == nil {
		scope = model.DefaultScope
	}
	cur, des := c.Current, c.Desired
	after := func(id string) string {
		pa, err := model.ParseEntityARN(id)
		if err != nil || pa.Account != cur.ID {
			return id
		}
		switch pa.Resource {
		case "user":
			u := cur.User(pa.Name)
			if u == nil || model.Fold(u.Path) != model.Fold(pa.Path) || !scope.Contains(u.Path) {
				return id
			}
			d := des.User(u.Name)
			if d == nil {
				for _, x := range des.SortedUsers() {
					if model.Fold(x.RenamedFrom) == model.Fold(u.Name) && cur.User(x.Name) == nil {
						d = x
					}
				}
			}
			if d == nil {
				return held.User(u.Name).ID
			}
			if to := model.UserARN(cur.ID, d.Path, d.Name); model.Fold(to) != model.Fold(id) {
				return to
			}
		case "role":
			r := cur.Role(pa.Name)
			if r == nil || model.Fold(r.Path) != model.Fold(pa.Path) || !scope.Contains(r.Path) {
				return id
			}
			if d := des.Role(r.Name); d == nil || d.Name != r.Name || d.Path != r.Path {
				return held.Role(r.Name).ID
			}
		}
		return id
	}
	out := d.Clone()
	for i := range out.Statements {
		if p := out.Statements[i].Principal; p != nil {
			for j, id := range p.Entries["AWS"] {
				p.Entries["AWS"][j] = after(id)
			}
		}
	}
	return out
}
