package providertest

import (
	"fmt"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// The quotas the suite checks are model.DefaultQuotas: those of a new
// account. A provider whose account has raised an adjustable one skips
// the test that pins it.
var q = model.DefaultQuotas

func limitCases() []testCase {
	cases := []testCase{
		{"CreatePolicyVersion/a sixth version is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.policy("p") })
			arn := e.policyARN("p")
			for i := 2; i <= q.VersionsPerPolicy; i++ {
				e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow(fmt.Sprintf("s3:Get%d", i)), SetAsDefault: i%2 == 0})
			}
			e.fails(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:GetSix")}, provider.LimitExceeded)
			// The planner's way out: delete the oldest non-default version first.
			e.do(&op.DeletePolicyVersion{PolicyArn: arn, VersionId: "v1"},
				&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:GetSix"), SetAsDefault: true})
			if p := e.policy(e.read(), "p"); len(p.Versions) != q.VersionsPerPolicy || p.Versions[len(p.Versions)-1] != (model.PolicyVersion{ID: "v6", IsDefault: true}) {
				t.Errorf("versions = %+v", p.Versions)
			}
		}},
		{"AddUserToGroup/an eleventh group is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				var groups []string
				for i := range q.GroupsPerUser + 1 {
					groups = append(groups, s.group(fmt.Sprintf("g%d", i)).Name)
				}
				s.user("alice", func(u *model.User) { u.Groups = groups[:q.GroupsPerUser] })
			})
			e.fails(&op.AddUserToGroup{GroupName: e.n(fmt.Sprintf("g%d", q.GroupsPerUser)), UserName: e.n("alice")}, provider.LimitExceeded)
		}},
		{"AttachUserPolicy/an eleventh policy is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				arns := seedPolicies(s, q.PoliciesPerUser+1)
				s.user("alice", func(u *model.User) { u.ManagedPolicies = arns[:q.PoliciesPerUser] })
			})
			e.fails(&op.AttachUserPolicy{UserName: e.n("alice"), PolicyArn: e.policyARN(fmt.Sprintf("p%d", q.PoliciesPerUser))}, provider.LimitExceeded)
			// A permissions boundary does not count.
			e.do(&op.PutUserPermissionsBoundary{UserName: e.n("alice"), PermissionsBoundary: e.policyARN(fmt.Sprintf("p%d", q.PoliciesPerUser))})
		}},
		{"AttachGroupPolicy/an eleventh policy is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				arns := seedPolicies(s, q.PoliciesPerGroup+1)
				s.group("g", func(g *model.Group) { g.ManagedPolicies = arns[:q.PoliciesPerGroup] })
			})
			e.fails(&op.AttachGroupPolicy{GroupName: e.n("g"), PolicyArn: e.policyARN(fmt.Sprintf("p%d", q.PoliciesPerGroup))}, provider.LimitExceeded)
		}},
		{"AttachRolePolicy/an eleventh policy is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				arns := seedPolicies(s, q.PoliciesPerRole+1)
				s.role("app", func(r *model.Role) { r.ManagedPolicies = arns[:q.PoliciesPerRole] })
			})
			e.fails(&op.AttachRolePolicy{RoleName: e.n("app"), PolicyArn: e.policyARN(fmt.Sprintf("p%d", q.PoliciesPerRole))}, provider.LimitExceeded)
		}},
		{"AddRoleToInstanceProfile/a second role is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.role("app", func(r *model.Role) { r.InstanceProfiles = []string{s.n("ip")} })
				s.role("other")
			})
			e.fails(&op.AddRoleToInstanceProfile{InstanceProfileName: e.n("ip"), RoleName: e.n("other")}, provider.LimitExceeded)
		}},
		{"AddClientIDToOpenIDConnectProvider/a 101st client id is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.oidc("gh", func(p *model.OIDCProvider) {
					p.ClientIDs = nil
					for i := range model.ClientIDsPerOIDCProvider {
						p.ClientIDs = append(p.ClientIDs, fmt.Sprintf("client-%03d", i))
					}
				})
			})
			e.fails(&op.AddClientIDToOpenIDConnectProvider{OpenIDConnectProviderArn: e.oidcARN("gh"), ClientID: "one-more"}, provider.LimitExceeded)
			// One that is there already adds nothing.
			e.do(&op.AddClientIDToOpenIDConnectProvider{OpenIDConnectProviderArn: e.oidcARN("gh"), ClientID: "client-000"})
		}},
		{"UpdateOpenIDConnectProviderThumbprint/a sixth thumbprint is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.oidc("gh") })
			var six []string
			for i := range model.ThumbprintsPerOIDCProvider + 1 {
				six = append(six, fmt.Sprintf("%040x", i+1))
			}
			e.fails(&op.UpdateOpenIDConnectProviderThumbprint{OpenIDConnectProviderArn: e.oidcARN("gh"), ThumbprintList: six}, provider.LimitExceeded)
			e.do(&op.UpdateOpenIDConnectProviderThumbprint{OpenIDConnectProviderArn: e.oidcARN("gh"), ThumbprintList: six[:model.ThumbprintsPerOIDCProvider]})
		}},

		{"TagUser/a fifty-first tag is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice", func(u *model.User) { u.Tags = manyTags(q.TagsPerEntity) }) })
			e.fails(&op.TagUser{UserName: e.n("alice"), Tags: []op.Tag{{Key: "one-more", Value: "v"}}}, provider.LimitExceeded)
			// Overwriting a value adds no tag.
			e.do(&op.TagUser{UserName: e.n("alice"), Tags: []op.Tag{{Key: "k0", Value: "new"}}})
		}},
		{"TagRole/a fifty-first tag is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.role("app", func(r *model.Role) { r.Tags = manyTags(q.TagsPerEntity) }) })
			e.fails(&op.TagRole{RoleName: e.n("app"), Tags: []op.Tag{{Key: "one-more", Value: "v"}}}, provider.LimitExceeded)
		}},
		{"TagPolicy/a fifty-first tag is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.policy("p", func(p *model.ManagedPolicy) { p.Tags = manyTags(q.TagsPerEntity) }) })
			e.fails(&op.TagPolicy{PolicyArn: e.policyARN("p"), Tags: []op.Tag{{Key: "one-more", Value: "v"}}}, provider.LimitExceeded)
		}},
		{"CreateUser/fifty-one tags is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateUser{UserName: e.n("alice"), Tags: op.TagsOf(manyTags(q.TagsPerEntity + 1))}, provider.LimitExceeded)
			e.do(&op.CreateUser{UserName: e.n("alice"), Tags: op.TagsOf(manyTags(q.TagsPerEntity))})
		}},

		{"PutUserPolicy/inline policies over 2048 characters in all is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			half := q.UserInlineSize / 2
			e.do(&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "a", PolicyDocument: docOfSize(half)},
				&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "b", PolicyDocument: docOfSize(q.UserInlineSize - half)})
			e.fails(&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "b", PolicyDocument: docOfSize(q.UserInlineSize - half + 1)}, provider.LimitExceeded)
			// Replacing a policy counts its new size only.
			e.do(&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "a", PolicyDocument: docOfSize(half - 10)})
		}},
		{"PutGroupPolicy/inline policies over 5120 characters in all is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.group("g") })
			e.do(&op.PutGroupPolicy{GroupName: e.n("g"), PolicyName: "a", PolicyDocument: docOfSize(q.GroupInlineSize)})
			e.fails(&op.PutGroupPolicy{GroupName: e.n("g"), PolicyName: "b", PolicyDocument: docOfSize(200)}, provider.LimitExceeded)
		}},
		{"PutRolePolicy/inline policies over 10240 characters in all is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.role("app") })
			e.do(&op.PutRolePolicy{RoleName: e.n("app"), PolicyName: "a", PolicyDocument: docOfSize(q.RoleInlineSize - 200)})
			e.fails(&op.PutRolePolicy{RoleName: e.n("app"), PolicyName: "b", PolicyDocument: docOfSize(201)}, provider.LimitExceeded)
			e.do(&op.PutRolePolicy{RoleName: e.n("app"), PolicyName: "b", PolicyDocument: docOfSize(200)})
		}},
		{"CreatePolicy/a document over 6144 characters is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreatePolicy{PolicyName: e.n("big"), PolicyDocument: docOfSize(q.ManagedPolicySize + 1)}, provider.LimitExceeded)
			e.do(&op.CreatePolicy{PolicyName: e.n("big"), PolicyDocument: docOfSize(q.ManagedPolicySize)})
		}},
		{"CreatePolicyVersion/a document over 6144 characters is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.policy("p") })
			e.fails(&op.CreatePolicyVersion{PolicyArn: e.policyARN("p"), PolicyDocument: docOfSize(q.ManagedPolicySize + 1)}, provider.LimitExceeded)
		}},
		{"Sizes/white space does not count", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			doc := docOfSize(q.ManagedPolicySize)
			spaced := doc[:1] + "\n    " + doc[1:len(doc)-1] + "\n" + doc[len(doc)-1:]
			e.do(&op.CreatePolicy{PolicyName: e.n("big"), PolicyDocument: spaced})
		}},
		{"CreateRole/a trust policy over 2048 characters is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustOfSize(q.TrustPolicySize + 1)}, provider.LimitExceeded)
			e.do(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: trustOfSize(q.TrustPolicySize)})
		}},
		{"UpdateAssumeRolePolicy/a trust policy over 2048 characters is LimitExceeded", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.role("app") })
			e.fails(&op.UpdateAssumeRolePolicy{RoleName: e.n("app"), PolicyDocument: trustOfSize(q.TrustPolicySize + 1)}, provider.LimitExceeded)
		}},
	}
	// Entity counts: an account at its quota refuses one more.
	for _, k := range []struct {
		name  string
		max   int
		build func(s *seed, i int)
		one   func(e *env) op.Op
	}{
		{"CreateUser", q.Users, func(s *seed, i int) { s.user(fmt.Sprintf("u%d", i)) },
			func(e *env) op.Op { return &op.CreateUser{UserName: e.n("extra")} }},
		{"CreateGroup", q.Groups, func(s *seed, i int) { s.group(fmt.Sprintf("g%d", i)) },
			func(e *env) op.Op { return &op.CreateGroup{GroupName: e.n("extra")} }},
		{"CreateRole", q.Roles, func(s *seed, i int) { s.role(fmt.Sprintf("r%d", i)) },
			func(e *env) op.Op {
				return &op.CreateRole{RoleName: e.n("extra"), AssumeRolePolicyDocument: trustDoc("ec2.amazonaws.com")}
			}},
		{"CreatePolicy", q.Policies, func(s *seed, i int) { s.policy(fmt.Sprintf("p%d", i)) },
			func(e *env) op.Op {
				return &op.CreatePolicy{PolicyName: e.n("extra"), PolicyDocument: allow("s3:GetObject")}
			}},
	} {
		cases = append(cases, testCase{fmt.Sprintf("%s/beyond the account's quota of %d is LimitExceeded", k.name, k.max), func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				for i := range k.max {
					k.build(s, i)
				}
			})
			e.fails(k.one(e), provider.LimitExceeded)
		}})
	}
	return cases
}

// seedPolicies seeds customer managed policies p0, p1, ... and returns
// their ARNs.
func seedPolicies(s *seed, n int) []string {
	var arns []string
	for i := range n {
		s.policy(fmt.Sprintf("p%d", i))
		arns = append(arns, s.policyARN(fmt.Sprintf("p%d", i)))
	}
	return arns
}

func manyTags(n int) model.Tags {
	t := model.Tags{}
	for i := range n {
		t[fmt.Sprintf("k%d", i)] = "v"
	}
	return t
}
