package providertest

import (
	"testing"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider"
)

// documentCases pin MalformedPolicyDocument: IAM checks a document's
// grammar for its kind before storing it.
func documentCases() []testCase {
	identity := []struct{ name, doc string }{
		{"that is not JSON", `{"Version":"2012-10-17","Statement":[`},
		{"that is not an object", `["s3:GetObject"]`},
		{"with a principal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`},
		{"without a resource", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`},
		{"without an action", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}`},
		{"with an unknown effect", `{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"s3:GetObject","Resource":"*"}]}`},
		{"with an action without a service", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}`},
		{"with a resource that is no ARN", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"bucket"}]}`},
		{"with an unknown version", `{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`},
		{"with an unknown element", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Actions":"x"}]}`},
	}
	var cases []testCase
	for _, d := range identity {
		cases = append(cases,
			testCase{"PutUserPolicy/a document " + d.name + " is MalformedPolicyDocument", func(t *testing.T, r *runner) {
				e := r.start(t, func(s *seed) { s.user("alice") })
				e.fails(&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "p", PolicyDocument: d.doc}, provider.Malformed)
			}},
			testCase{"CreatePolicy/a document " + d.name + " is MalformedPolicyDocument", func(t *testing.T, r *runner) {
				e := r.start(t, nil)
				e.fails(&op.CreatePolicy{PolicyName: e.n("p"), PolicyDocument: d.doc}, provider.Malformed)
			}},
		)
	}
	trust := []struct{ name, doc string }{
		{"without a principal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}`},
		{"with a resource", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}`},
		{"with NotPrincipal", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`},
		{"that is not JSON", `{`},
	}
	for _, d := range trust {
		cases = append(cases,
			testCase{"CreateRole/a trust policy " + d.name + " is MalformedPolicyDocument", func(t *testing.T, r *runner) {
				e := r.start(t, nil)
				e.fails(&op.CreateRole{RoleName: e.n("app"), AssumeRolePolicyDocument: d.doc}, provider.Malformed)
			}},
			testCase{"UpdateAssumeRolePolicy/a trust policy " + d.name + " is MalformedPolicyDocument", func(t *testing.T, r *runner) {
				e := r.start(t, func(s *seed) { s.role("app") })
				e.fails(&op.UpdateAssumeRolePolicy{RoleName: e.n("app"), PolicyDocument: d.doc}, provider.Malformed)
			}},
		)
	}
	cases = append(cases,
		testCase{"CreatePolicyVersion/a malformed document is MalformedPolicyDocument", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.policy("p") })
			e.fails(&op.CreatePolicyVersion{PolicyArn: e.policyARN("p"), PolicyDocument: `{"Statement":[{"Effect":"Allow"}]}`}, provider.Malformed)
		}},
		testCase{"PutGroupPolicy/a malformed document is MalformedPolicyDocument", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.group("g") })
			e.fails(&op.PutGroupPolicy{GroupName: e.n("g"), PolicyName: "p", PolicyDocument: `not json`}, provider.Malformed)
		}},
		testCase{"PutRolePolicy/a policy with a principal is MalformedPolicyDocument", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.role("app") })
			e.fails(&op.PutRolePolicy{RoleName: e.n("app"), PolicyName: "p", PolicyDocument: trustDoc("ec2.amazonaws.com")}, provider.Malformed)
		}},
		testCase{"Documents/are returned as they mean, whatever their form", func(t *testing.T, r *runner) {
			e := r.start(t, func(s *seed) { s.user("alice") })
			sent := "{\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": [\"S3:GetObject\", \"s3:ListBucket\"], \"Resource\": \"*\"},\n  \"Version\": \"2012-10-17\"\n}"
			e.do(&op.PutUserPolicy{UserName: e.n("alice"), PolicyName: "p", PolicyDocument: sent})
			e.sameDoc("document", e.user(e.read(), "alice").InlinePolicies[0].Document, sent)
		}},
	)
	return cases
}
