package providertest

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

func nameCases() []testCase {
	cases := []testCase{
		{"CreateUser/a name with a space is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateUser{UserName: e.n("al ice")}, provider.InvalidInput)
		}},
		{"CreateUser/a name of 65 characters is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateUser{UserName: e.n(strings.Repeat("a", 65-len(e.pre)))}, provider.InvalidInput)
			e.do(&op.CreateUser{UserName: e.n(strings.Repeat("a", 64-len(e.pre)))})
		}},
		{"CreateGroup/a name of 129 characters is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateGroup{GroupName: e.n(strings.Repeat("g", 129-len(e.pre)))}, provider.InvalidInput)
			e.do(&op.CreateGroup{GroupName: e.n(strings.Repeat("g", 128-len(e.pre)))})
		}},
		{"CreateRole/a name with a slash is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateRole{RoleName: e.n("a/b"), AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com")}, provider.InvalidInput)
		}},
		{"CreatePolicy/a name with a colon is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreatePolicy{PolicyName: e.n("a:b"), PolicyDocument: allow("s3:GetObject")}, provider.InvalidInput)
		}},
		{"PutUserPolicy/an inline policy name with a space is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			e.fails(&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "a b", PolicyDocument: allow("s3:GetObject")}, provider.InvalidInput)
		}},
		{"CreateUser/a path without a trailing slash is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateUser{UserName: e.n("alice"), Path: "/staff"}, provider.InvalidInput)
		}},
		{"CreateGroup/a path with an empty segment is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateGroup{GroupName: e.n("g"), Path: "/a//b/"}, provider.InvalidInput)
		}},
		{"UpdateUser/a bad new path is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			e.fails(&op.UpdateUser{UserName: e.n("alice"), NewPath: "staff/"}, provider.InvalidInput)
		}},
		{"CreateUser/an existing name is EntityAlreadyExists", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			e.fails(&op.CreateUser{UserName: e.n("alice")}, provider.AlreadyExists)
		}},
		{"UpdateUser/a case change of the same user is allowed", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			e.do(&op.UpdateUser{UserName: e.n("alice"), NewUserName: e.n("Alice")})
			if u := e.read().User(e.n("alice")); u == nil || u.Name != e.n("Alice") {
				t.Errorf("user = %+v; want it spelled %s", u, e.n("Alice"))
			}
		}},
		{"UpdateUser/a rename onto another user is EntityAlreadyExists", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice"); s.user("bob") })
			e.fails(&op.UpdateUser{UserName: e.n("alice"), NewUserName: e.n("BOB")}, provider.AlreadyExists)
		}},
		{"UpdateGroup/a rename onto another group is EntityAlreadyExists", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.group("a"); s.group("b") })
			e.fails(&op.UpdateGroup{GroupName: e.n("a"), NewGroupName: e.n("B")}, provider.AlreadyExists)
		}},
		{"UpdateGroup/a bad new name is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.group("a") })
			e.fails(&op.UpdateGroup{GroupName: e.n("a"), NewGroupName: e.n("a b")}, provider.InvalidInput)
		}},
		{"CreateRole/a max session duration below an hour is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com"), MaxSessionDuration: 3599}, provider.InvalidInput)
		}},
		{"UpdateRole/a max session duration above 12 hours is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.role("app") })
			e.fails(&op.UpdateRole{RoleName: e.n("app"), MaxSessionDuration: 43201}, provider.InvalidInput)
		}},
		{"CreateRole/a description over 1000 characters is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com"),
				Description: strings.Repeat("d", 1001)}, provider.InvalidInput)
		}},
		{"UpdateRole/a description with characters outside IAM's pattern is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.role("app") })
			bad := "日本語"
			e.fails(&op.UpdateRole{RoleName: e.n("app"), Description: &bad}, provider.InvalidInput)
			fine := "Café: tabs\tand line\nbreaks"
			e.do(&op.UpdateRole{RoleName: e.n("app"), Description: &fine})
		}},
		{"Names/lookups ignore case", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("Alice"); s.group("Devs"); s.role("App") })
			e.do(&op.AddUserToGroup{GroupName: strings.ToUpper(e.n("devs")), UserName: strings.ToLower(e.n("alice"))},
				&op.TagRole{RoleName: strings.ToLower(e.n("app")), Tags: []op.Tag{{Key: "k", Value: "v"}}})
			a := e.read()
			// Names keep the spelling they were created with.
			e.equalStrings("groups", e.user(a, "Alice").Groups, []string{e.n("Devs")})
			if ro := e.role(a, "App"); ro.Name != e.n("App") || ro.Tags["k"] != "v" {
				t.Errorf("role = %+v", ro)
			}
		}},
	}
	// Each kind's names are unique without regard to case.
	for _, k := range []struct {
		kind   string
		create func(e *env, name string) op.Op
	}{
		{"CreateUser", func(e *env, name string) op.Op { return &op.CreateUser{UserName: name} }},
		{"CreateGroup", func(e *env, name string) op.Op { return &op.CreateGroup{GroupName: name} }},
		{"CreateRole", func(e *env, name string) op.Op {
			return &op.CreateRole{RoleName: name, AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com")}
		}},
		{"CreatePolicy", func(e *env, name string) op.Op {
			return &op.CreatePolicy{PolicyName: name, Path: "/other/", PolicyDocument: allow("s3:GetObject")}
		}},
	} {
		cases = append(cases, testCase{k.kind + "/a name differing only in case is EntityAlreadyExists", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.do(k.create(e, e.n("Name")))
			e.fails(k.create(e, e.n("nAME")), provider.AlreadyExists)
		}})
	}
	// A user, group and role may share a name: uniqueness is per kind.
	cases = append(cases, testCase{"Names/uniqueness is per kind", func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.do(&op.CreateUser{UserName: e.n("x")}, &op.CreateGroup{GroupName: e.n("x")},
			&op.CreateRole{RoleName: e.n("x"), AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com")},
			&op.CreatePolicy{PolicyName: e.n("x"), PolicyDocument: allow("s3:GetObject")})
		a := e.read()
		if a.User(e.n("x")) == nil || a.Group(e.n("x")) == nil || a.Role(e.n("x")) == nil || a.Policy(e.n("x")) == nil {
			t.Error("an entity is missing")
		}
	}})
	return cases
}

func reservedCases() []testCase {
	return []testCase{
		{"CreateRole/under /aws-service-role/ is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateRole{RoleName: e.n("slr"), Path: "/aws-service-role/ec2.amazonaws.com/",
				AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com")}, provider.InvalidInput)
		}},
		{"CreateRole/under /aws-reserved/ is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateRole{RoleName: e.n("sso"), Path: "/aws-reserved/sso.amazonaws.com/",
				AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com")}, provider.InvalidInput)
		}},
		{"CreateUser/under /aws-reserved/ is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateUser{UserName: e.n("u"), Path: "/aws-reserved/x/"}, provider.InvalidInput)
		}},
		{"CreatePolicy/under /aws-service-role/ is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreatePolicy{PolicyName: e.n("p"), Path: "/aws-service-role/", PolicyDocument: allow("s3:GetObject")}, provider.InvalidInput)
		}},
		{"DeleteRole/a service-linked role is UnmodifiableEntity", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.role("slr", func(r *model.Role) { r.Path = "/aws-service-role/ec2.amazonaws.com/" })
			})
			e.fails(&op.DeleteRole{RoleName: e.n("slr")}, unmodifiableEntity)
			e.fails(&op.PutRolePolicy{RoleName: e.n("slr"), PolicyName: "x", PolicyDocument: allow("s3:GetObject")}, unmodifiableEntity)
			e.fails(&op.AttachRolePolicy{RoleName: e.n("slr"), PolicyArn: readOnlyAccess}, unmodifiableEntity)
			e.fails(&op.UpdateAssumeRolePolicy{RoleName: e.n("slr"), PolicyDocument: trustDoc("ecs.amazonaws.com")}, unmodifiableEntity)
		}},
		{"AttachUserPolicy/an AWS service role policy is PolicyNotAttachable", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.user("alice")
				s.group("g")
				s.role("app")
			})
			e.fails(&op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: serviceRolePolicy}, provider.PolicyNotAttachable)
			e.fails(&op.AttachGroupPolicy{GroupName: e.n("g"), PolicyArn: serviceRolePolicy}, provider.PolicyNotAttachable)
			e.fails(&op.AttachRolePolicy{RoleName: e.n("app"), PolicyArn: serviceRolePolicy}, provider.PolicyNotAttachable)
			e.fails(&op.PutUserPermissionsBoundary{UserName: e.n("alice"), PermissionsBoundary: serviceRolePolicy}, provider.PolicyNotAttachable)
			e.fails(&op.PutRolePermissionsBoundary{RoleName: e.n("app"), PermissionsBoundary: serviceRolePolicy}, provider.PolicyNotAttachable)
			a := e.read()
			u, g, ro := e.user(a, "alice"), e.group(a, "g"), e.role(a, "app")
			if len(u.ManagedPolicies)+len(g.ManagedPolicies)+len(ro.ManagedPolicies) != 0 || u.PermissionsBoundary != "" || ro.PermissionsBoundary != "" {
				t.Errorf("a refused policy was attached: user %v %q, group %v, role %v %q",
					u.ManagedPolicies, u.PermissionsBoundary, g.ManagedPolicies, ro.ManagedPolicies, ro.PermissionsBoundary)
			}
		}},
		{"Read/includes entities under reserved paths", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.role("slr", func(r *model.Role) { r.Path = "/aws-service-role/ec2.amazonaws.com/" })
			})
			if ro := e.role(e.read(), "slr"); ro.Path != "/aws-service-role/ec2.amazonaws.com/" {
				t.Errorf("role = %+v", ro)
			}
		}},
	}
}

// serviceRolePolicy is an AWS service role policy: AWS attaches it to its
// service-linked role only.
const serviceRolePolicy = "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"

// unmodifiableEntity is IAM's code for a change to an entity only AWS may
// change.
const unmodifiableEntity provider.Code = "UnmodifiableEntity"
