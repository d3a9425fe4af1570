package providertest

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// otherAccount is an account that exists and is not the test's: AWS's own
// account for Elastic Load Balancing in us-east-1. IAM refuses a trust
// naming an account that does not exist, so the tests name a real one.
const otherAccount = "127311923021"

// principalCases pin how IAM treats the "AWS" principals of trust
// policies. It resolves the users and roles of its own account when a
// trust is set, refusing those that do not exist, and keeps them by their
// unique ids: a renamed or moved user shows under its new ARN, a deleted
// user or role as its unique id, and one created again under the old name
// is another principal. Plans order trust policies after the principals
// they name because of this.
func principalCases() []testCase {
	missing := []struct{ what, kind string }{{"user", "user"}, {"role", "role"}}
	var cases []testCase
	for _, m := range missing {
		cases = append(cases,
			testCase{"CreateRole/a trust naming a " + m.what + " of the account that does not exist is MalformedPolicyDocument", func(t *testing.T, r *runner) {
				e := r.start(t, nil)
				ghost := e.arn(m.kind, "/", "ghost")
				pe := e.fails(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustAWS(ghost)}, provider.Malformed)
				e.invalidPrincipal(pe, ghost)
			}},
			testCase{"UpdateAssumeRolePolicy/a trust naming a " + m.what + " of the account that does not exist is MalformedPolicyDocument", func(t *testing.T, r *runner) {
				e := r.start(t, func(s *seed) { s.role("app") })
				ghost := e.arn(m.kind, "/", "ghost")
				pe := e.fails(&op.UpdateAssumeRolePolicy{RoleName: e.n("app"), PolicyDocument: trustAWS(e.rootARN(), ghost)}, provider.Malformed)
				e.invalidPrincipal(pe, ghost)
			}},
		)
	}
	cases = append(cases,
		testCase{"CreateRole/a trust naming the role it creates is MalformedPolicyDocument", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			self := e.arn("role", "/", "app")
			pe := e.fails(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustAWS(self)}, provider.Malformed)
			e.invalidPrincipal(pe, self)
			// Once the role exists, its trust may name it.
			e.do(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com")},
				&op.UpdateAssumeRolePolicy{RoleName: e.n("app"), PolicyDocument: trustAWS(self)})
			e.sameDoc("trust", e.role(e.read(), "app").AssumeRolePolicy, trustAWS(self))
		}},
		testCase{"CreateRole/a trust naming a user by another path than its own is MalformedPolicyDocument", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice", func(u *model.User) { u.Path = "/staff/" }) })
			wrong := e.arn("user", "/", "alice")
			pe := e.fails(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustAWS(wrong)}, provider.Malformed)
			e.invalidPrincipal(pe, wrong)
		}},
		testCase{"CreateRole/a trust naming what exists is taken: users, roles, accounts, services, federated and session principals", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.user("alice", func(u *model.User) { u.Path = "/staff/" })
				s.role("target")
			})
			doc := `{"Version":"2012-10-17","Statement":[` +
				`{"Effect":"Allow","Principal":{"AWS":["` + e.arn("user", "/staff/", "alice") + `","` + e.arn("role", "/", "target") + `","` +
				e.rootARN() + `","` + e.account + `","arn:aws:iam::` + otherAccount + `:root","arn:aws:sts::` + e.account + `:assumed-role/` + e.n("target") + `/session"]},"Action":"sts:AssumeRole"},` +
				`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},` +
				`{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"},` +
				`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
			e.do(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: doc})
			e.sameDoc("trust", e.role(e.read(), "app").AssumeRolePolicy, doc)
		}},
		testCase{"UpdateUser/trust policies naming the user show its new ARN", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			old := e.arn("user", "/", "alice")
			e.do(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustAWS(old, e.rootARN())})
			e.do(&op.UpdateUser{UserName: e.n("alice"), NewUserName: e.n("bob"), NewPath: "/moved/"})
			moved := e.arn("user", "/moved/", "bob")
			e.sameDoc("trust after the rename", e.role(e.read(), "app").AssumeRolePolicy, trustAWS(moved, e.rootARN()))
			// The old ARN names no one now.
			pe := e.fails(&op.UpdateAssumeRolePolicy{RoleName: e.n("app"), PolicyDocument: trustAWS(old)}, provider.Malformed)
			e.invalidPrincipal(pe, old)
			// A move alone changes the ARN too.
			e.do(&op.UpdateUser{UserName: e.n("bob"), NewPath: "/"})
			e.sameDoc("trust after the move", e.role(e.read(), "app").AssumeRolePolicy, trustAWS(e.arn("user", "/", "bob"), e.rootARN()))
		}},
		testCase{"DeleteUser/trust policies naming the user show its unique id, also once the name is taken again", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			arn := e.arn("user", "/", "alice")
			e.do(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustAWS(arn, e.rootARN())})
			id := e.user(e.read(), "alice").ID
			e.do(&op.DeleteUser{UserName: e.n("alice")})
			e.sameDoc("trust after the delete", e.role(e.read(), "app").AssumeRolePolicy, trustAWS(id, e.rootARN()))
			// Neither the unique id IAM shows nor the old ARN is a
			// principal IAM takes.
			pe := e.fails(&op.UpdateAssumeRolePolicy{RoleName: e.n("app"), PolicyDocument: trustAWS(id, e.rootARN())}, provider.Malformed)
			e.invalidPrincipal(pe, id)
			pe = e.fails(&op.UpdateAssumeRolePolicy{RoleName: e.n("app"), PolicyDocument: trustAWS(arn)}, provider.Malformed)
			e.invalidPrincipal(pe, arn)
			// A user created under the name again is another principal.
			e.do(&op.CreateUser{UserName: e.n("alice")})
			if again := e.user(e.read(), "alice").ID; again == id {
				t.Errorf("the user created again has the old user's id %s", id)
			}
			e.sameDoc("trust once the name is taken again", e.role(e.read(), "app").AssumeRolePolicy, trustAWS(id, e.rootARN()))
			e.do(&op.UpdateAssumeRolePolicy{RoleName: e.n("app"), PolicyDocument: trustAWS(arn)})
			e.sameDoc("trust naming the new user", e.role(e.read(), "app").AssumeRolePolicy, trustAWS(arn))
		}},
		testCase{"DeleteRole/trust policies naming the role show its unique id", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.role("target") })
			arn := e.arn("role", "/", "target")
			e.do(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustAWS(arn)},
				&op.CreateRole{RoleName: e.n("other"), AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com")})
			id := e.role(e.read(), "target").ID
			e.do(&op.DeleteRole{RoleName: e.n("target")})
			a := e.read()
			e.sameDoc("trust of the role naming it", e.role(a, "app").AssumeRolePolicy, trustAWS(id))
			e.sameDoc("trust of a role not naming it", e.role(a, "other").AssumeRolePolicy, trustDoc("ec2.amazonaws.com"))
		}},
	)
	return cases
}

// trustAWS is a trust policy letting AWS principals assume the role.
func trustAWS(ids ...string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":` + jsonList(ids) + `},"Action":"sts:AssumeRole"}]}`
}

// arn is the ARN of a user or role of the test in the provider's account.
func (e *env) arn(kind, path, name string) string {
	return "arn:aws:iam::" + e.account + ":" + kind + path + e.n(name)
}

// rootARN is the provider's account as a principal.
func (e *env) rootARN() string { return "arn:aws:iam::" + e.account + ":root" }

// invalidPrincipal fails the test unless pe has IAM's message for a
// principal it does not take.
func (e *env) invalidPrincipal(pe *provider.Error, id string) {
	e.t.Helper()
	if want := `Invalid principal in policy: "AWS":"` + id + `"`; pe.Message != want {
		e.t.Errorf("message %q; want %q", pe.Message, want)
	}
}
