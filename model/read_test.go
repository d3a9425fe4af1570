package model

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/iamc/iamc/policy"
)

// TestCheckRead checks the entities a provider reads: each row is one
// thing an endpoint may answer that is not a valid entity.
func TestCheckRead(t *testing.T) {
	doc := policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	const acct = "arn:aws:iam::123456789012:"
	user := func(f func(u *User)) func() error {
		u := &User{Name: "tyler", Path: "/staff/", ARN: acct + "user/staff/tyler"}
		f(u)
		return func() error { return CheckUser(u) }
	}
	group := func(f func(g *Group)) func() error {
		g := &Group{Name: "ops", Path: "/", ARN: acct + "group/ops"}
		f(g)
		return func() error { return CheckGroup(g) }
	}
	role := func(f func(r *Role)) func() error {
		r := &Role{Name: "app", Path: "/", ARN: acct + "role/app", AssumeRolePolicy: doc}
		f(r)
		return func() error { return CheckRole(r) }
	}
	pol := func(f func(p *ManagedPolicy)) func() error {
		p := &ManagedPolicy{Name: "keep", Path: "/team/", ARN: acct + "policy/team/keep", Document: doc,
			Versions: []PolicyVersion{{ID: "v1"}, {ID: "v2", IsDefault: true}}}
		f(p)
		return func() error { return CheckPolicy(p) }
	}
	for _, tc := range []struct {
		name  string
		check func() error
		want  string // "" = valid
	}{
		{"a valid user", user(func(u *User) {
			u.Groups = []string{"ops", "Admins"}
			u.ManagedPolicies = []string{acct + "policy/team/keep", "arn:aws:iam::aws:policy/ReadOnlyAccess"}
			u.PermissionsBoundary = acct + "policy/team/keep"
			u.InlinePolicies = []InlinePolicy{{Name: "own", Document: doc}}
		}), ""},
		{"a user without ARN", user(func(u *User) { u.ARN = "" }), ""},
		{"a user without name", user(func(u *User) { u.Name = "" }), "a user name cannot be empty"},
		{"a user name IAM does not allow", user(func(u *User) { u.Name, u.ARN = "tyler smith", "" }), `contains ' '`},
		{"a user name too long", user(func(u *User) { u.Name, u.ARN = strings.Repeat("u", 65), "" }), "at most 64"},
		{"a user without path", user(func(u *User) { u.Path = "" }), "a path cannot be empty"},
		{"a bad path", user(func(u *User) { u.Path, u.ARN = "staff", "" }), `must start and end with "/"`},
		{"an ARN of another name", user(func(u *User) { u.ARN = acct + "user/staff/other" }), `names user "other" at path /staff/, not "tyler" at path /staff/`},
		{"an ARN of another path", user(func(u *User) { u.ARN = acct + "user/tyler" }), `at path /, not "tyler" at path /staff/`},
		{"an ARN of another case", user(func(u *User) { u.ARN = acct + "user/staff/Tyler" }), `names user "Tyler"`},
		{"an ARN of another kind", user(func(u *User) { u.ARN = acct + "role/staff/tyler" }), "is the ARN of a role, not of a user"},
		{"an ARN that is not one", user(func(u *User) { u.ARN = "tyler" }), "its ARN"},
		{"an ARN of AWS's", user(func(u *User) { u.ARN = "arn:aws:iam::aws:user/staff/tyler" }), "AWS's"},
		{"a group name IAM does not allow", user(func(u *User) { u.Groups = []string{"ops", ""} }), "its groups: a group name cannot be empty"},
		{"one group twice", user(func(u *User) { u.Groups = []string{"ops", "OPS"} }), `in group "ops" and in group "OPS"`},
		{"an attached ARN that is not a policy's", user(func(u *User) { u.ManagedPolicies = []string{acct + "role/app"} }), "its attached policies: "},
		{"an attached ARN that is not one", user(func(u *User) { u.ManagedPolicies = []string{""} }), "its attached policies: "},
		{"a boundary that is not a policy's", user(func(u *User) { u.PermissionsBoundary = "keep" }), "its permissions boundary: "},
		{"an inline policy without name", user(func(u *User) { u.InlinePolicies = []InlinePolicy{{Document: doc}} }), "its inline policies: an inline policy name cannot be empty"},
		{"two inline policies of one name", user(func(u *User) {
			u.InlinePolicies = []InlinePolicy{{Name: "Own", Document: doc}, {Name: "own", Document: doc}}
		}), `its inline policies "Own" and "own" differ only in case`},
		{"an inline policy without document", user(func(u *User) { u.InlinePolicies = []InlinePolicy{{Name: "own"}} }), `its inline policy "own" has no document`},

		{"a valid group", group(func(g *Group) { g.InlinePolicies = []InlinePolicy{{Name: "deny", Document: doc}} }), ""},
		{"a group name too long", group(func(g *Group) { g.Name, g.ARN = strings.Repeat("g", 129), "" }), "at most 128"},
		{"a group with a user's ARN", group(func(g *Group) { g.ARN = acct + "user/ops" }), "is the ARN of a user, not of a group"},
		{"a group's bad inline policy", group(func(g *Group) { g.InlinePolicies = []InlinePolicy{{Name: "a b", Document: doc}} }), "its inline policies: "},

		{"a valid role", role(func(r *Role) { r.InstanceProfiles = []string{"web"} }), ""},
		{"a role without trust policy", role(func(r *Role) { r.AssumeRolePolicy = nil }), "no trust policy"},
		{"a role's bad instance profile", role(func(r *Role) { r.InstanceProfiles = []string{""} }), "its instance profiles: an instance profile name cannot be empty"},
		{"a role's bad boundary", role(func(r *Role) { r.PermissionsBoundary = acct + "user/x" }), "its permissions boundary: "},

		{"a valid policy", pol(func(p *ManagedPolicy) {}), ""},
		{"a policy without versions", pol(func(p *ManagedPolicy) { p.Versions = nil }), ""},
		{"a policy without name", pol(func(p *ManagedPolicy) { p.Name = "" }), "a policy name cannot be empty"},
		{"a policy whose ARN says another name", pol(func(p *ManagedPolicy) { p.ARN = acct + "policy/team/other" }), `names policy "other"`},
		{"an AWS managed policy", pol(func(p *ManagedPolicy) { p.ARN = "arn:aws:iam::aws:policy/team/keep" }), "AWS's"},
		{"a policy without document", pol(func(p *ManagedPolicy) { p.Document = nil }), "no document"},
		{"a version without id", pol(func(p *ManagedPolicy) { p.Versions[0].ID = "" }), "a version without an id"},
		{"a version twice", pol(func(p *ManagedPolicy) { p.Versions[0].ID = "v2" }), "version v2 is there twice"},
		{"no default version", pol(func(p *ManagedPolicy) { p.Versions[1].IsDefault = false }), "0 default versions"},
		{"two default versions", pol(func(p *ManagedPolicy) { p.Versions[0].IsDefault = true }), "2 default versions"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.check()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("accepted, want an error containing %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("error %q, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestInsertDuplicates: two entities of a kind whose names fold to one
// are an error naming both, and the first stays.
func TestInsertDuplicates(t *testing.T) {
	a := NewAccount("123456789012")
	for _, tc := range []struct {
		kind          Kind
		first, second func() error
	}{
		{KindUser, func() error { return a.InsertUser(&User{Name: "Tyler"}) }, func() error { return a.InsertUser(&User{Name: "tyler"}) }},
		{KindGroup, func() error { return a.InsertGroup(&Group{Name: "Tyler"}) }, func() error { return a.InsertGroup(&Group{Name: "tyler"}) }},
		{KindRole, func() error { return a.InsertRole(&Role{Name: "Tyler"}) }, func() error { return a.InsertRole(&Role{Name: "tyler"}) }},
		{KindPolicy, func() error { return a.InsertPolicy(&ManagedPolicy{Name: "Tyler"}) }, func() error { return a.InsertPolicy(&ManagedPolicy{Name: "tyler"}) }},
	} {
		if err := tc.first(); err != nil {
			t.Fatalf("%s: the first insert: %v", tc.kind, err)
		}
		err := tc.second()
		var dup *DuplicateError
		if !errors.As(err, &dup) || dup.Kind != tc.kind || dup.First != "Tyler" || dup.Second != "tyler" {
			t.Errorf("%s: the second insert: %v", tc.kind, err)
			continue
		}
		if want := `"Tyler" and ` + string(tc.kind) + ` "tyler"`; !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %q does not name both (%s)", tc.kind, err, want)
		}
	}
	if a.User("tyler").Name != "Tyler" || a.Policy("TYLER").Name != "Tyler" {
		t.Error("a refused insert replaced the first entity")
	}
	if err := a.InsertUser(&User{Name: "Tyler"}); err == nil || !strings.Contains(err.Error(), `user "Tyler" is there twice`) {
		t.Errorf("the same name twice: %v", err)
	}
}

// TestAccountJSONDuplicates: an account file with two entities of a kind
// whose names fold to one is refused, naming both; none replaces another.
func TestAccountJSONDuplicates(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{`{"id":"123456789012","users":[{"name":"a","path":"/"},{"name":"A","path":"/"}]}`, `user "a" and user "A"`},
		{`{"id":"123456789012","groups":[{"name":"ops","path":"/"},{"name":"Ops","path":"/"}]}`, `group "ops" and group "Ops"`},
		{`{"id":"123456789012","roles":[{"name":"app","path":"/"},{"name":"APP","path":"/"}]}`, `role "app" and role "APP"`},
		{`{"id":"123456789012","policies":[{"name":"","path":"/"},{"name":"","path":"/a/"},{"name":"","path":"/b/"}]}`, `policy "" is there twice`},
		{`{"id":"123456789012","users":[null]}`, "a user is null"},
	} {
		var a Account
		err := json.Unmarshal([]byte(tc.json), &a)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.json, err, tc.want)
		}
	}
}
