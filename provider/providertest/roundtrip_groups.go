package providertest

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// groupRoundTrips are the round trips of the ops on groups.
var groupRoundTrips = map[string]func(t *testing.T, r *runner){
	"CreateGroup": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.do(&op.CreateGroup{GroupName: e.n("admins"), Path: "/ops/"})
		g := e.group(e.read(), "admins")
		if g.Path != "/ops/" || g.ARN != model.GroupARN(e.account, "/ops/", e.n("admins")) || !strings.HasPrefix(g.ID, "AGPA") {
			t.Errorf("group = %+v", g)
		}
	},
	"UpdateGroup": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.group("old", func(g *model.Group) {
				g.ManagedPolicies = []string{readOnlyAccess}
				g.InlinePolicies = []model.InlinePolicy{{Name: "i", Document: mustParse(allow("s3:GetObject"))}}
			})
			s.user("alice", func(u *model.User) { u.Groups = []string{s.n("old")} })
		})
		id := e.group(e.read(), "old").ID
		e.do(&op.UpdateGroup{GroupName: e.n("old"), NewGroupName: e.n("new"), NewPath: "/moved/"})
		a := e.read()
		if a.Group(e.n("old")) != nil {
			t.Error("the old name is still there")
		}
		g := e.group(a, "new")
		if g.Path != "/moved/" || g.ID != id {
			t.Errorf("renamed group = %+v; want path /moved/ and id %s", g, id)
		}
		e.equalStrings("policies", g.ManagedPolicies, []string{readOnlyAccess})
		e.equalStrings("inline policies", inlineNames(g.InlinePolicies), []string{"i"})
		e.equalStrings("alice's groups", e.user(a, "alice").Groups, []string{e.n("new")})
	},
	"DeleteGroup": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.group("g") })
		e.do(&op.DeleteGroup{GroupName: e.n("g")})
		if e.read().Group(e.n("g")) != nil {
			t.Error("the group is still there")
		}
	},
	"AttachGroupPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.group("g"); s.policy("p") })
		e.do(&op.AttachGroupPolicy{GroupName: e.n("g"), PolicyArn: e.policyARN("p")},
			&op.AttachGroupPolicy{GroupName: e.n("g"), PolicyArn: readOnlyAccess})
		e.equalStrings("policies", e.group(e.read(), "g").ManagedPolicies, []string{e.policyARN("p"), readOnlyAccess})
	},
	"DetachGroupPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.group("g", func(g *model.Group) { g.ManagedPolicies = []string{readOnlyAccess, iamReadOnlyAccess} })
		})
		e.do(&op.DetachGroupPolicy{GroupName: e.n("g"), PolicyArn: readOnlyAccess})
		e.equalStrings("policies", e.group(e.read(), "g").ManagedPolicies, []string{iamReadOnlyAccess})
	},
	"PutGroupPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.group("g") })
		e.do(&op.PutGroupPolicy{GroupName: e.n("g"), PolicyName: "deny", PolicyDocument: allow("iam:*")})
		g := e.group(e.read(), "g")
		e.equalStrings("inline policies", inlineNames(g.InlinePolicies), []string{"deny"})
		e.sameDoc("deny", g.InlinePolicies[0].Document, allow("iam:*"))
	},
	"DeleteGroupPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) {
			s.group("g", func(g *model.Group) {
				g.InlinePolicies = []model.InlinePolicy{{Name: "i", Document: mustParse(allow("s3:GetObject"))}}
			})
		})
		e.do(&op.DeleteGroupPolicy{GroupName: e.n("g"), PolicyName: "i"})
		e.equalStrings("inline policies", inlineNames(e.group(e.read(), "g").InlinePolicies), nil)
	},
}
