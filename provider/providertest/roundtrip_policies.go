package providertest

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

// policyRoundTrips are the round trips of the ops on customer managed policies and their versions.
var policyRoundTrips = map[string]func(t *testing.T, r *runner){
	"CreatePolicy": func(t *testing.T, r *runner) {
		e := r.start(t, nil)
		e.do(&op.CreatePolicy{PolicyName: e.n("p"), Path: "/team/", PolicyDocument: allow("s3:GetObject"),
			Description: "read", Tags: []op.Tag{{Key: "owner", Value: "finance"}}})
		p := e.policy(e.read(), "p")
		if p.Path != "/team/" || p.Description != "read" || p.Tags["owner"] != "finance" || !strings.HasPrefix(p.ID, "ANPA") ||
			p.ARN != model.PolicyARN(e.account, "/team/", e.n("p")) {
			t.Errorf("policy = %+v", p)
		}
		e.sameDoc("document", p.Document, allow("s3:GetObject"))
		if len(p.Versions) != 1 || p.Versions[0] != (model.PolicyVersion{ID: "v1", IsDefault: true}) {
			t.Errorf("versions = %+v", p.Versions)
		}
	},
	"CreatePolicyVersion": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		arn := e.policyARN("p")
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:PutObject"), SetAsDefault: false})
		p := e.policy(e.read(), "p")
		e.sameDoc("document", p.Document, allow("s3:GetObject"))
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:DeleteObject"), SetAsDefault: true})
		p = e.policy(e.read(), "p")
		e.sameDoc("document", p.Document, allow("s3:DeleteObject"))
		want := []model.PolicyVersion{{ID: "v1"}, {ID: "v2"}, {ID: "v3", IsDefault: true}}
		if len(p.Versions) != 3 {
			t.Fatalf("versions = %+v; want %+v", p.Versions, want)
		}
		for i, v := range p.Versions {
			if v.ID != want[i].ID || v.IsDefault != want[i].IsDefault {
				t.Errorf("versions = %+v; want %+v", p.Versions, want)
			}
		}
		// The versions other than the default are read with their
		// documents; the default's is the policy's.
		e.sameDoc("version v1", p.Versions[0].Document, allow("s3:GetObject"))
		e.sameDoc("version v2", p.Versions[1].Document, allow("s3:PutObject"))
		if p.Versions[2].Document != nil {
			t.Errorf("the default version carries a document of its own: %+v", p.Versions[2])
		}
	},
	"DeletePolicyVersion": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		arn := e.policyARN("p")
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:PutObject"), SetAsDefault: true},
			&op.DeletePolicyVersion{PolicyArn: arn, VersionId: "v1"})
		p := e.policy(e.read(), "p")
		if len(p.Versions) != 1 || p.Versions[0] != (model.PolicyVersion{ID: "v2", IsDefault: true}) {
			t.Errorf("versions = %+v", p.Versions)
		}
		// Version ids are never reused.
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:GetObject"), SetAsDefault: false})
		if p := e.policy(e.read(), "p"); len(p.Versions) != 2 || p.Versions[1].ID != "v3" {
			t.Errorf("versions = %+v; want v2 and v3", p.Versions)
		}
	},
	"SetDefaultPolicyVersion": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		arn := e.policyARN("p")
		e.do(&op.CreatePolicyVersion{PolicyArn: arn, PolicyDocument: allow("s3:PutObject"), SetAsDefault: true},
			&op.SetDefaultPolicyVersion{PolicyArn: arn, VersionId: "v1"})
		p := e.policy(e.read(), "p")
		e.sameDoc("document", p.Document, allow("s3:GetObject"))
		if len(p.Versions) != 2 || !p.Versions[0].IsDefault || p.Versions[1].IsDefault {
			t.Errorf("versions = %+v", p.Versions)
		}
	},
	"DeletePolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		e.do(&op.DeletePolicy{PolicyArn: e.policyARN("p")})
		if e.read().Policy(e.n("p")) != nil {
			t.Error("the policy is still there")
		}
	},
	"TagPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p") })
		e.do(&op.TagPolicy{PolicyArn: e.policyARN("p"), Tags: []op.Tag{{Key: "k", Value: "v"}}})
		if got := e.policy(e.read(), "p").Tags; len(got) != 1 || got["k"] != "v" {
			t.Errorf("tags = %v", got)
		}
	},
	"UntagPolicy": func(t *testing.T, r *runner) {
		e := r.start(t, func(s *seed) { s.policy("p", func(p *model.ManagedPolicy) { p.Tags = model.Tags{"k": "v"} }) })
		e.do(&op.UntagPolicy{PolicyArn: e.policyARN("p"), TagKeys: []string{"k"}})
		if got := e.policy(e.read(), "p").Tags; len(got) != 0 {
			t.Errorf("tags = %v", got)
		}
	},
}
