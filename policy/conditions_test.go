package policy

import "testing"

func TestValidateConditions(t *testing.T) {
	cond := func(c string) string {
		return doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + c + `}`)
	}
	runRules(t, []ruleCase{
		{rule: "known operators", kind: Identity,
			pass: []string{
				cond(`{"StringEquals":{"aws:username":"a"},"StringNotEqualsIgnoreCase":{"aws:username":"b"},"StringLike":{"s3:prefix":"x/*"}}`),
				cond(`{"NumericLessThanEquals":{"s3:max-keys":"10"},"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`),
				cond(`{"Bool":{"aws:SecureTransport":"true"},"BinaryEquals":{"s3:x":"QmluYXJ5"},"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"NotIpAddress":{"aws:SourceIp":"198.51.100.0/24"}}`),
				cond(`{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:t"},"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/r"},"Null":{"aws:TokenIssueTime":"true"}}`),
			},
			fail: []failure{
				{cond(`{"StringEqual":{"aws:username":"a"}}`), []string{"Statement[0].Condition.StringEqual invalid-condition-operator"}},
				{cond(`{"stringequals":{"aws:username":"a"}}`), []string{"Statement[0].Condition.stringequals invalid-condition-operator"}},
				{cond(`{"StringLikeX":{"aws:username":"a"},"Equals":{"aws:username":"a"}}`), []string{
					"Statement[0].Condition.Equals invalid-condition-operator", "Statement[0].Condition.StringLikeX invalid-condition-operator"}},
			}},
		{rule: "IfExists, not on Null", kind: Identity,
			pass: []string{cond(`{"StringEqualsIfExists":{"aws:username":"a"},"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"},"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:s3:::b"}}`)},
			fail: []failure{
				{cond(`{"NullIfExists":{"aws:TokenIssueTime":"true"}}`), []string{"Statement[0].Condition.NullIfExists null-with-if-exists"}},
				{cond(`{"StringEqualsIfExistsIfExists":{"aws:username":"a"}}`), []string{"Statement[0].Condition.StringEqualsIfExistsIfExists invalid-condition-operator"}},
			}},
		{rule: "set prefixes", kind: Identity,
			pass: []string{cond(`{"ForAnyValue:StringLike":{"aws:TagKeys":"a*"},"ForAllValues:StringEqualsIfExists":{"aws:TagKeys":["a","b"]},"ForAnyValue:Null":{"aws:TagKeys":"false"}}`)},
			fail: []failure{
				{cond(`{"ForAnyValues:StringLike":{"aws:TagKeys":"a*"}}`), []string{"Statement[0].Condition.ForAnyValues:StringLike invalid-condition-operator"}},
				{cond(`{"ForAllValues:ForAnyValue:StringLike":{"aws:TagKeys":"a*"}}`), []string{"Statement[0].Condition.ForAllValues:ForAnyValue:StringLike invalid-condition-operator"}},
			}},
		{rule: "keys of the form service:key", kind: Identity,
			pass: []string{cond(`{"StringEquals":{"aws:PrincipalTag/team":"a","s3:x-amz-acl":"private"}}`)},
			fail: []failure{{cond(`{"StringEquals":{"username":"a",":x":"b"}}`), []string{
				"Statement[0].Condition.StringEquals.:x invalid-condition-key", "Statement[0].Condition.StringEquals.username invalid-condition-key"}}}},
		{rule: "no key twice in different case", kind: Identity,
			pass: []string{cond(`{"StringEquals":{"aws:username":"a"},"StringLike":{"AWS:UserName":"b*"}}`)},
			fail: []failure{{cond(`{"StringEquals":{"aws:username":"a","AWS:UserName":"b"}}`), []string{"Statement[0].Condition.StringEquals.aws:username duplicate-condition-key"}}}},
		{rule: "variables only with string and ARN operators", kind: Identity,
			pass: []string{cond(`{"StringLike":{"s3:prefix":"home/${aws:username}/*"},"ArnEquals":{"aws:SourceArn":"arn:aws:iam::${aws:PrincipalAccount}:role/x"}}`)},
			fail: []failure{{cond(`{"NumericEquals":{"s3:max-keys":"${aws:username}"},"StringEquals":{"s3:prefix":"${aws:username"}}`), []string{
				"Statement[0].Condition.NumericEquals.s3:max-keys[0] variable-for-operator", "Statement[0].Condition.StringEquals.s3:prefix[0] invalid-variable"}}}},
	})
}

func TestParseOperator(t *testing.T) {
	for _, tt := range []struct {
		op, base string
		exists   bool
		ok       bool
	}{
		{"StringEquals", "StringEquals", false, true},
		{"StringEqualsIfExists", "StringEquals", true, true},
		{"ForAnyValue:StringLikeIfExists", "StringLike", true, true},
		{"ForAllValues:Null", "Null", false, true},
		{"NullIfExists", "Null", true, true},
		{"IfExists", "IfExists", false, false},
		{"ForAnyValue:", "", false, false},
		{"Bool:IfExists", "Bool:IfExists", false, false},
	} {
		base, exists, ok := parseOperator(tt.op)
		if base != tt.base || exists != tt.exists || ok != tt.ok {
			t.Errorf("parseOperator(%q) = %q, %v, %v; want %q, %v, %v", tt.op, base, exists, ok, tt.base, tt.exists, tt.ok)
		}
	}
	if n := len(conditionOperators()); n != 3*(2*len(conditionBases)-1) {
		t.Errorf("%d operator names, want %d", n, 3*(2*len(conditionBases)-1))
	}
}
