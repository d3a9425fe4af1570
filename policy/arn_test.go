package policy

import "testing"

func TestValidateResources(t *testing.T) {
	res := func(r string) string { return doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":` + r + `}`) }
	runRules(t, []ruleCase{
		{rule: "star or ARN", kind: Identity,
			pass: []string{res(`"*"`), res(`["arn:aws:s3:::bucket/*", "arn:aws:iam::123456789012:role/a/b", "arn:aws:logs:us-east-1:123456789012:log-group:g:*"]`)},
			fail: []failure{{res(`["bucket/*", "ARN:aws:s3:::b", ""]`), []string{
				"Statement[0].Resource[0] invalid-arn", "Statement[0].Resource[1] invalid-arn", "Statement[0].Resource[2] invalid-arn"}}}},
		{rule: "six fields", kind: Identity,
			pass: []string{res(`"arn:aws:sqs:us-east-1:123456789012:q"`)},
			fail: []failure{{res(`["arn:aws:s3", "arn:aws:s3:::"]`), []string{"Statement[0].Resource[0] invalid-arn", "Statement[0].Resource[1] arn-without-resource"}}}},
		{rule: "partition", kind: Identity,
			pass: []string{res(`["arn:aws-cn:s3:::b", "arn:aws-us-gov:s3:::b", "arn:aws-iso-b:s3:::b", "arn:*:s3:::b"]`)},
			fail: []failure{{res(`["arn::s3:::b", "arn:amazon:s3:::b", "arn:aws-:s3:::b"]`), []string{
				"Statement[0].Resource[0] invalid-arn", "Statement[0].Resource[1] invalid-arn", "Statement[0].Resource[2] invalid-arn"}}}},
		{rule: "service, lower case and not empty", kind: Identity,
			pass: []string{res(`["arn:aws:execute-api:*:*:*", "arn:aws:*:*:*:*"]`)},
			fail: []failure{{res(`["arn:aws::us-east-1:123456789012:x", "arn:aws:S3:::b"]`), []string{"Statement[0].Resource[0] invalid-arn", "Statement[0].Resource[1] invalid-arn"}}}},
		{rule: "region", kind: Identity,
			pass: []string{res(`["arn:aws:ec2:eu-west-3:123456789012:instance/*", "arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:us-*:123456789012:instance/*"]`)},
			fail: []failure{{res(`"arn:aws:ec2:US-EAST-1:123456789012:instance/*"`), []string{"Statement[0].Resource[0] invalid-arn"}}}},
		{rule: "account", kind: Identity,
			pass: []string{res(`["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:1234567890*:instance/*", "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}"]`)},
			fail: []failure{{res(`["arn:aws:iam::12345:user/a", "arn:aws:iam::acme:user/a", "arn:aws:iam::12345678901x*:user/a"]`), []string{
				"Statement[0].Resource[0] invalid-arn", "Statement[0].Resource[1] invalid-arn", "Statement[0].Resource[2] invalid-arn"}}}},
		{rule: "NotResource is checked too", kind: Identity,
			pass: []string{doc(`{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::a","arn:aws:s3:::a/*"]}`)},
			fail: []failure{{doc(`{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::a","s3://a"]}`), []string{"Statement[0].NotResource[1] invalid-arn"}}}},
	})
}

func TestValidateVariables(t *testing.T) {
	res := func(r string) string { return doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"` + r + `"}`) }
	runRules(t, []ruleCase{
		{rule: "well formed", kind: Identity,
			pass: []string{
				res(`arn:aws:s3:::b/${aws:username}/*`),
				res(`arn:aws:s3:::b-${aws:PrincipalTag/team, 'company wide'}/*`),
				res(`arn:aws:s3:::b/${*}/${?}/${$}`),
			},
			fail: []failure{
				{res(`arn:aws:s3:::b/${aws:username/*`), []string{"Statement[0].Resource[0] invalid-variable"}},
				{res(`arn:aws:s3:::b/${}/*`), []string{"Statement[0].Resource[0] invalid-variable"}},
				{res(`arn:aws:s3:::b/${aws: username}/*`), []string{"Statement[0].Resource[0] invalid-variable"}},
				{res(`arn:aws:s3:::b/${username}/*`), []string{"Statement[0].Resource[0] invalid-variable"}},
				{res(`arn:aws:s3:::b/${aws:PrincipalTag/team, company}/*`), []string{"Statement[0].Resource[0] invalid-variable"}},
			}},
		{rule: "only in 2012-10-17 documents", kind: Identity,
			pass: []string{res(`arn:aws:s3:::b/${aws:username}/*`)},
			fail: []failure{
				{`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}`, []string{"Statement[0].Resource[0] variable-in-old-version"}},
				{`{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringLike":{"s3:prefix":"${aws:username}/*"}}}]}`,
					[]string{"Statement[0].Condition.StringLike.s3:prefix[0] variable-in-old-version"}},
			}},
	})
}

func TestSplitARN(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		last string
	}{
		{"arn:aws:s3:::b", 6, "b"},
		{"arn:aws:logs:r:1:log-group:g:*", 6, "log-group:g:*"},
		{"arn:aws:iam::${aws:PrincipalAccount}:user/x", 6, "user/x"},
		{"arn:aws:s3", 3, "s3"},
		{"arn:${a:b", 2, "${a:b"},
	} {
		f := splitARN(tt.in)
		if len(f) != tt.want || f[len(f)-1] != tt.last {
			t.Errorf("splitARN(%q) = %q, want %d fields ending in %q", tt.in, f, tt.want, tt.last)
		}
	}
}
