package providertest

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

func tagCases() []testCase {
	return []testCase{
		{"TagUser/a key differing only in case overwrites, keeping the stored spelling", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice", func(u *model.User) { u.Tags = model.Tags{"Department": "finance"} }) })
			e.do(&op.TagUser{UserName: e.n("alice"), Tags: []op.Tag{{Key: "department", Value: "hr"}}})
			if got := e.user(e.read(), "alice").Tags; len(got) != 1 || got["Department"] != "hr" {
				t.Errorf("tags = %v; want Department=hr", got)
			}
		}},
		{"TagRole/a key differing only in case overwrites", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.role("app", func(r *model.Role) { r.Tags = model.Tags{"Env": "dev"} }) })
			e.do(&op.TagRole{RoleName: e.n("app"), Tags: []op.Tag{{Key: "ENV", Value: "prod"}}})
			if got := e.role(e.read(), "app").Tags; len(got) != 1 || got["Env"] != "prod" {
				t.Errorf("tags = %v; want Env=prod", got)
			}
		}},
		{"TagPolicy/keys differing in case are two keys", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) {
				s.policy("p", func(p *model.ManagedPolicy) { p.Tags = model.Tags{"Costcenter": "1234"} })
			})
			e.do(&op.TagPolicy{PolicyArn: e.policyARN("p"), Tags: []op.Tag{{Key: "costcenter", Value: "5678"}}})
			if got := e.policy(e.read(), "p").Tags; len(got) != 2 || got["Costcenter"] != "1234" || got["costcenter"] != "5678" {
				t.Errorf("tags = %v", got)
			}
		}},
		{"UntagUser/a missing key changes nothing", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice", func(u *model.User) { u.Tags = model.Tags{"a": "1"} }) })
			e.do(&op.UntagUser{UserName: e.n("alice"), TagKeys: []string{"b"}})
			if got := e.user(e.read(), "alice").Tags; len(got) != 1 || got["a"] != "1" {
				t.Errorf("tags = %v", got)
			}
		}},
		{"UntagUser/keys are matched without regard to case", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice", func(u *model.User) { u.Tags = model.Tags{"Team": "x"} }) })
			e.do(&op.UntagUser{UserName: e.n("alice"), TagKeys: []string{"team"}})
			if got := e.user(e.read(), "alice").Tags; len(got) != 0 {
				t.Errorf("tags = %v", got)
			}
		}},
		{"TagUser/the aws: prefix is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			e.fails(&op.TagUser{UserName: e.n("alice"), Tags: []op.Tag{{Key: "aws:owner", Value: "x"}}}, provider.InvalidInput)
			e.fails(&op.TagUser{UserName: e.n("alice"), Tags: []op.Tag{{Key: "AWS:owner", Value: "x"}}}, provider.InvalidInput)
		}},
		{"TagRole/the aws: prefix is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.role("app") })
			e.fails(&op.TagRole{RoleName: e.n("app"), Tags: []op.Tag{{Key: "aws:owner", Value: "x"}}}, provider.InvalidInput)
		}},
		{"CreatePolicy/a tag with the aws: prefix is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, nil)
			e.fails(&op.CreatePolicy{PolicyName: e.n("p"), PolicyDocument: allow("s3:GetObject"), Tags: []op.Tag{{Key: "aws:x", Value: "y"}}}, provider.InvalidInput)
		}},
		{"TagUser/a key given twice in one call is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			e.fails(&op.TagUser{UserName: e.n("alice"), Tags: []op.Tag{{Key: "team", Value: "a"}, {Key: "Team", Value: "b"}}}, provider.InvalidInput)
		}},
		{"TagUser/an empty key is InvalidInput", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			e.fails(&op.TagUser{UserName: e.n("alice"), Tags: []op.Tag{{Key: "", Value: "a"}}}, provider.InvalidInput)
		}},
	}
}
