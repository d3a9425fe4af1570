package access

import "testing"

// Each case checks one rule of AWS's documentation, named in page.

func TestRulesEvaluationLogic(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "no policy is an implicit deny", page: pageEval, want: ImplicitDeny},
		{name: "an allow allows", page: pageEval, identity: []string{doc(stmt("Allow", q("s3:GetObject"), q("*")))}, want: Allowed},
		{name: "a deny alone is an explicit deny", page: pageEval, identity: []string{doc(stmt("Deny", q("s3:GetObject"), q("*")))}, want: ExplicitDeny},
		{name: "deny overrides allow in one policy", page: pageEval, identity: []string{doc(stmt("Allow", q("s3:*"), q("*")), stmt("Deny", q("s3:GetObject"), q("*")))}, want: ExplicitDeny},
		{name: "deny in one policy overrides allow in another", page: pageEval, identity: []string{doc(stmt("Allow", q("*"), q("*"))), doc(stmt("Deny", q("s3:GetObject"), q("arn:aws:s3:::bucket/*")))}, want: ExplicitDeny},
		{name: "a deny of another action leaves the allow", page: pageEval, identity: []string{doc(stmt("Allow", q("s3:*"), q("*")), stmt("Deny", q("s3:PutObject"), q("*")))}, want: Allowed},
		{name: "an allow of another action is an implicit deny", page: pageEval, identity: []string{doc(stmt("Allow", q("s3:PutObject"), q("*")))}, want: ImplicitDeny},
		{name: "an allow of another resource is an implicit deny", page: pageEval, identity: []string{doc(stmt("Allow", q("s3:GetObject"), q("arn:aws:s3:::other/*")))}, want: ImplicitDeny},
		{name: "a deny whose condition fails does not deny", page: pageEval, identity: []string{doc(stmt("Allow", q("s3:*"), q("*")), stmt("Deny", q("s3:*"), q("*"), `{"Bool":{"aws:SecureTransport":"false"}}`))}, ctx: ctx("aws:SecureTransport", "true"), want: Allowed},
		{name: "a deny whose condition holds denies", page: pageEval, identity: []string{doc(stmt("Allow", q("s3:*"), q("*")), stmt("Deny", q("s3:*"), q("*"), `{"Bool":{"aws:SecureTransport":"false"}}`))}, ctx: ctx("aws:SecureTransport", "false"), want: ExplicitDeny},
		{name: "an effect other than Allow or Deny never applies", page: pageEffect, identity: []string{doc(stmt("allow", q("s3:GetObject"), q("*")))}, want: ImplicitDeny},
		{name: "a statement without Action never applies", page: pageAction, identity: []string{doc(`{"Effect":"Allow","Resource":"*"}`)}, want: ImplicitDeny},
		{name: "a role's inline policy allows its requests", page: pageSameAccount, who: Role("app"), identity: []string{doc(stmt("Allow", q("s3:GetObject"), q("*")))}, want: Allowed},
		{name: "a role's deny denies", page: pageSameAccount, who: Role("app"), identity: []string{doc(stmt("Allow", q("*"), q("*")), stmt("Deny", q("s3:*"), q("*")))}, want: ExplicitDeny},
	})
}

func TestRulesActions(t *testing.T) {
	a := func(p string) []string { return []string{doc(stmt("Allow", q(p), q("*")))} }
	runRuleCases(t, []ruleCase{
		{name: "action exact", page: pageAction, identity: a("s3:GetObject"), want: Allowed},
		{name: "action names ignore case", page: pageAction, identity: a("S3:getobject"), want: Allowed},
		{name: "request action case ignored", page: pageAction, identity: a("s3:GetObject"), action: "S3:GETOBJECT", want: Allowed},
		{name: "action star", page: pageAction, identity: a("*"), want: Allowed},
		{name: "action service star", page: pageAction, identity: a("s3:*"), want: Allowed},
		{name: "action prefix wildcard", page: pageAction, identity: a("s3:Get*"), want: Allowed},
		{name: "action infix wildcard", page: pageAction, identity: a("s3:*Object"), want: Allowed},
		{name: "action question mark", page: pageAction, identity: a("s3:GetObjec?"), want: Allowed},
		{name: "action question mark is one character", page: pageAction, identity: a("s3:GetObj?"), want: ImplicitDeny},
		{name: "action of another service", page: pageAction, identity: a("s3x:GetObject"), want: ImplicitDeny},
		{name: "action wildcard in the service prefix", page: pageAction, identity: a("s*:GetObject"), action: "sqs:GetObject", want: Allowed},
		{name: "action list, one matches", page: pageAction, identity: []string{doc(stmt("Allow", q("ec2:RunInstances", "s3:GetObject"), q("*")))}, want: Allowed},
		{name: "action prefix that does not match", page: pageAction, identity: a("s3:Put*"), want: ImplicitDeny},
	})
}

func TestRulesNotAction(t *testing.T) {
	na := func(effect string, acts ...string) string {
		return doc(`{"Effect":"` + effect + `","NotAction":` + q(acts...) + `,"Resource":"*"}`)
	}
	runRuleCases(t, []ruleCase{
		{name: "allow NotAction allows other actions", page: pageNotAction, identity: []string{na("Allow", "iam:*")}, want: Allowed},
		{name: "allow NotAction does not allow the listed action", page: pageNotAction, identity: []string{na("Allow", "s3:GetObject")}, want: ImplicitDeny},
		{name: "allow NotAction with a wildcard", page: pageNotAction, identity: []string{na("Allow", "s3:*")}, want: ImplicitDeny},
		{name: "allow NotAction ignores case", page: pageNotAction, identity: []string{na("Allow", "S3:GETOBJECT")}, want: ImplicitDeny},
		{name: "deny NotAction denies other actions", page: pageNotAction, identity: []string{doc(stmt("Allow", q("*"), q("*"))), na("Deny", "iam:*")}, want: ExplicitDeny},
		{name: "deny NotAction spares the listed action", page: pageNotAction, identity: []string{doc(stmt("Allow", q("*"), q("*"))), na("Deny", "s3:*")}, want: Allowed},
		{name: "NotAction star matches nothing", page: pageNotAction, identity: []string{na("Allow", "*")}, want: ImplicitDeny},
		{name: "NotAction list", page: pageNotAction, identity: []string{na("Allow", "iam:*", "s3:Get*")}, want: ImplicitDeny},
	})
}

func TestRulesResources(t *testing.T) {
	r := func(res ...string) []string { return []string{doc(stmt("Allow", q("s3:GetObject"), q(res...)))} }
	nr := func(effect string, res ...string) string {
		return doc(`{"Effect":"` + effect + `","Action":"s3:GetObject","NotResource":` + q(res...) + `}`)
	}
	runRuleCases(t, []ruleCase{
		{name: "resource exact", page: pageResource, identity: r("arn:aws:s3:::bucket/key"), want: Allowed},
		{name: "resource star", page: pageResource, identity: r("*"), want: Allowed},
		{name: "resource star matches the literal star", page: pageResource, identity: r("*"), resource: "*", want: Allowed},
		{name: "an ARN pattern does not match the literal star", page: pageResource, identity: r("arn:aws:s3:::*"), resource: "*", want: ImplicitDeny},
		{name: "resource trailing wildcard", page: pageResource, identity: r("arn:aws:s3:::bucket/*"), want: Allowed},
		{name: "resource names are case-sensitive", page: pageResource, identity: r("arn:aws:s3:::Bucket/key"), want: ImplicitDeny},
		{name: "resource question mark", page: pageResource, identity: r("arn:aws:s3:::bucke?/key"), want: Allowed},
		{name: "resource wildcard in a middle part", page: pageResource, identity: r("arn:aws:sqs:*:123456789012:queue"), action: "s3:GetObject", resource: "arn:aws:sqs:us-east-1:123456789012:queue", want: Allowed},
		{name: "resource account part must match", page: pageResource, identity: r("arn:aws:sqs:*:111111111111:queue"), resource: "arn:aws:sqs:us-east-1:123456789012:queue", want: ImplicitDeny},
		{name: "resource wildcard stays in its part", page: pageResource, identity: r("arn:*:queue"), resource: "arn:aws:sqs:us-east-1:123456789012:queue", want: ImplicitDeny},
		{name: "resource last part runs to the end", page: pageResource, identity: r("arn:aws:logs:us-east-1:123456789012:log-group:*"), resource: "arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:x", want: Allowed},
		{name: "resource wildcard across the resource part's colons", page: pageResource, identity: r("arn:aws:logs:*:*:log-group:*:x"), resource: "arn:aws:logs:us-east-1:123456789012:log-group:a:b:x", want: Allowed},
		{name: "resource short pattern covers the rest", page: pageResource, identity: r("arn:aws:s3:*"), want: Allowed},
		{name: "resource path under a user", page: pageResource, identity: r("arn:aws:iam::123456789012:user/staff/*"), resource: "arn:aws:iam::123456789012:user/staff/bob", want: Allowed},
		{name: "resource list, one matches", page: pageResource, identity: r("arn:aws:s3:::other", "arn:aws:s3:::bucket/*"), want: Allowed},
		{name: "NotResource allows others", page: pageNotResource, identity: []string{nr("Allow", "arn:aws:s3:::secret/*")}, want: Allowed},
		{name: "NotResource excludes the listed", page: pageNotResource, identity: []string{nr("Allow", "arn:aws:s3:::bucket/*")}, want: ImplicitDeny},
		{name: "deny NotResource denies everything else", page: pageNotResource, identity: []string{doc(stmt("Allow", q("*"), q("*"))), nr("Deny", "arn:aws:s3:::other/*")}, want: ExplicitDeny},
		{name: "deny NotResource spares the listed", page: pageNotResource, identity: []string{doc(stmt("Allow", q("*"), q("*"))), nr("Deny", "arn:aws:s3:::bucket/*")}, want: Allowed},
		{name: "NotResource star excludes everything", page: pageNotResource, identity: []string{nr("Allow", "*")}, want: ImplicitDeny},
	})
}

func TestRulesBoundaries(t *testing.T) {
	allowS3 := doc(stmt("Allow", q("s3:*"), q("*")))
	allowIAM := doc(stmt("Allow", q("iam:*"), q("*")))
	runRuleCases(t, []ruleCase{
		{name: "identity and boundary both allow", page: pageBoundaries, identity: []string{allowS3}, boundary: allowS3, want: Allowed},
		{name: "boundary does not allow", page: pageBoundaries, identity: []string{allowS3}, boundary: allowIAM, want: ImplicitDeny},
		{name: "boundary alone grants nothing", page: pageBoundaries, boundary: allowS3, want: ImplicitDeny},
		{name: "deny in the boundary denies", page: pageBoundaries, identity: []string{allowS3}, boundary: doc(stmt("Allow", q("*"), q("*")), stmt("Deny", q("s3:GetObject"), q("*"))), want: ExplicitDeny},
		{name: "boundary deny wins even without an identity allow", page: pageBoundaries, boundary: doc(stmt("Deny", q("s3:*"), q("*"))), want: ExplicitDeny},
		{name: "boundary on another resource", page: pageBoundaries, identity: []string{allowS3}, boundary: doc(stmt("Allow", q("s3:*"), q("arn:aws:s3:::other/*"))), want: ImplicitDeny},
		{name: "boundary with a condition that holds", page: pageBoundaries, identity: []string{allowS3}, boundary: doc(stmt("Allow", q("s3:*"), q("*"), `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`)), ctx: ctx("aws:MultiFactorAuthPresent", "true"), want: Allowed},
		{name: "boundary with a condition that fails", page: pageBoundaries, identity: []string{allowS3}, boundary: doc(stmt("Allow", q("s3:*"), q("*"), `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`)), ctx: ctx("aws:MultiFactorAuthPresent", "false"), want: ImplicitDeny},
		{name: "role boundary limits", page: pageBoundaries, who: Role("app"), identity: []string{allowS3}, boundary: allowIAM, want: ImplicitDeny},
		{name: "identity deny and boundary allow", page: pageBoundaries, identity: []string{doc(stmt("Deny", q("s3:*"), q("*")))}, boundary: allowS3, want: ExplicitDeny},
		{name: "boundary with NotAction", page: pageBoundaries, identity: []string{allowS3}, boundary: doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), want: Allowed},
	})
}

func TestRulesVersionAndVariables(t *testing.T) {
	res := func(version, r string) []string {
		v := ""
		if version != "" {
			v = `"Version":"` + version + `",`
		}
		return []string{`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":` + q(r) + `}]}`}
	}
	runRuleCases(t, []ruleCase{
		{name: "variable aws:username", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::home/${aws:username}/*"), resource: "arn:aws:s3:::home/alice/x", want: Allowed},
		{name: "variable for another user", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::home/${aws:username}/*"), resource: "arn:aws:s3:::home/bob/x", want: ImplicitDeny},
		{name: "variable without Version is literal", page: pageVersion, identity: res("", "arn:aws:s3:::home/${aws:username}/*"), resource: "arn:aws:s3:::home/alice/x", want: ImplicitDeny},
		{name: "variable without Version matches its literal text", page: pageVersion, identity: res("", "arn:aws:s3:::home/${aws:username}/*"), resource: "arn:aws:s3:::home/${aws:username}/x", want: Allowed},
		{name: "variable in 2008-10-17 is literal", page: pageVersion, identity: res("2008-10-17", "arn:aws:s3:::home/${aws:username}/*"), resource: "arn:aws:s3:::home/alice/x", want: ImplicitDeny},
		{name: "variable principal tag", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::${aws:PrincipalTag/team}/*"), resource: "arn:aws:s3:::blue/x", want: Allowed, missing: []string{}},
		{name: "variable key case ignored", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::${AWS:PrincipalTag/TEAM}/*"), resource: "arn:aws:s3:::blue/x", want: Allowed},
		{name: "variable absent key fails to match", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::${aws:PrincipalTag/none}/*"), resource: "arn:aws:s3:::x/y", want: ImplicitDeny, missing: []string{"aws:PrincipalTag/none"}},
		{name: "variable default value", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::${aws:PrincipalTag/none, 'shared'}/*"), resource: "arn:aws:s3:::shared/x", want: Allowed, missing: []string{"aws:PrincipalTag/none"}},
		{name: "variable default not used when present", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::${aws:PrincipalTag/team, 'shared'}/*"), resource: "arn:aws:s3:::shared/x", want: ImplicitDeny},
		{name: "variable escape star is literal", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::b/${*}"), resource: "arn:aws:s3:::b/xyz", want: ImplicitDeny},
		{name: "variable escape star matches a star", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::b/${*}"), resource: "arn:aws:s3:::b/*", want: Allowed},
		{name: "variable escape question mark", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::b/${?}"), resource: "arn:aws:s3:::b/?", want: Allowed},
		{name: "variable escape dollar", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::b/${$}x"), resource: "arn:aws:s3:::b/$x", want: Allowed},
		{name: "variable value is literal, not a wildcard", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::b/${aws:RequestTag/p}"), resource: "arn:aws:s3:::b/xyz", ctx: ctx("aws:RequestTag/p", "*"), want: ImplicitDeny},
		{name: "variable of a key with one value resolves", page: pageSingleMulti, identity: res("2012-10-17", "arn:aws:s3:::b/${aws:TagKeys}"), resource: "arn:aws:s3:::b/x", ctx: ctx("aws:TagKeys", "x"), want: Allowed},
		{name: "variable of a two-valued key does not resolve", page: pageSingleMulti, identity: res("2012-10-17", "arn:aws:s3:::b/${aws:TagKeys}"), resource: "arn:aws:s3:::b/x", ctx: ctx("aws:TagKeys", "x,y"), want: ImplicitDeny},
		{name: "variable aws:username absent for a role", page: pageVariables, who: Role("app"), identity: res("2012-10-17", "arn:aws:s3:::home/${aws:username}/*"), resource: "arn:aws:s3:::home/app/x", want: ImplicitDeny, missing: []string{"aws:username"}},
		{name: "variable aws:userid for a user", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::home/${aws:userid}/*"), resource: "arn:aws:s3:::home/AIDAALICEEXAMPLE/x", want: Allowed},
		{name: "variable from the caller's context wins", page: pageVariables, identity: res("2012-10-17", "arn:aws:s3:::home/${aws:username}/*"), resource: "arn:aws:s3:::home/carol/x", ctx: ctx("aws:username", "carol"), want: Allowed},
		{name: "variable in a condition value", page: pageVariables, identity: []string{allowIf("StringLike", "s3:prefix", "home/${aws:username}/*")}, ctx: ctx("s3:prefix", "home/alice/docs"), want: Allowed},
		{name: "variable in a condition value, another user", page: pageVariables, identity: []string{allowIf("StringLike", "s3:prefix", "home/${aws:username}/*")}, ctx: ctx("s3:prefix", "home/bob/docs"), want: ImplicitDeny},
		{name: "variable in an Arn condition", page: pageVariables, identity: []string{allowIf("ArnEquals", "aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:${aws:username}")}, ctx: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:alice"), want: Allowed},
		{name: "variable unresolved in NotResource keeps the statement out", page: pageVariables, identity: []string{doc(`{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::bucket/${aws:PrincipalTag/none}"}`)}, want: ImplicitDeny},
		{name: "variable unresolved in NotResource of another service", page: pageVariables, identity: []string{doc(`{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:sqs:*:*:${aws:PrincipalTag/none}"}`)}, want: Allowed},
		{name: "variable unresolved in a negated condition fails it", page: pageVariables, identity: []string{allowIf("StringNotEquals", "aws:SourceVpc", "${aws:PrincipalTag/none}")}, ctx: ctx("aws:SourceVpc", "vpc-1"), want: ImplicitDeny},
		{name: "variable unresolved beside a matching value", page: pageVariables, identity: []string{allowIf("StringEquals", "aws:SourceVpc", "${aws:PrincipalTag/none}", "vpc-1")}, ctx: ctx("aws:SourceVpc", "vpc-1"), want: Allowed},
		{name: "variable in a Numeric value stays literal", page: pageCondOps, identity: []string{allowIf("NumericEquals", "aws:MultiFactorAuthAge", "${aws:PrincipalTag/cost}")}, ctx: ctx("aws:MultiFactorAuthAge", "42"), want: ImplicitDeny},
		{name: "variable in a Bool value", page: pageCondOps, identity: []string{allowIf("Bool", "aws:SecureTransport", "${aws:RequestTag/flag}")}, ctx: ctx("aws:SecureTransport", "true", "aws:RequestTag/flag", "true"), want: Allowed},
	})
}

func TestRulesAbsentKeys(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "absent key fails StringEquals", page: pageCondOps, identity: []string{allowIf("StringEquals", "aws:RequestTag/env", "prod")}, want: ImplicitDeny, missing: []string{"aws:RequestTag/env"}},
		{name: "absent key satisfies StringNotEquals", page: pageCondOps, identity: []string{allowIf("StringNotEquals", "aws:RequestTag/env", "prod")}, want: Allowed, missing: []string{"aws:RequestTag/env"}},
		{name: "absent key satisfies StringNotLike", page: pageCondOps, identity: []string{allowIf("StringNotLike", "aws:RequestTag/env", "prod*")}, want: Allowed},
		{name: "absent key satisfies ArnNotLike", page: pageCondOps, identity: []string{allowIf("ArnNotLike", "aws:SourceArn", "arn:aws:sns:*:*:*")}, want: Allowed},
		{name: "absent key satisfies NotIpAddress", page: pageCondOps, identity: []string{allowIf("NotIpAddress", "aws:SourceIp", "10.0.0.0/8")}, want: Allowed},
		{name: "absent key fails IpAddress", page: pageCondOps, identity: []string{allowIf("IpAddress", "aws:SourceIp", "10.0.0.0/8")}, want: ImplicitDeny},
		{name: "absent key fails Bool", page: pageCondOps, identity: []string{allowIf("Bool", "aws:MultiFactorAuthPresent", "false")}, want: ImplicitDeny, missing: []string{"aws:MultiFactorAuthPresent"}},
		{name: "absent key fails NumericLessThan", page: pageCondOps, identity: []string{allowIf("NumericLessThan", "aws:MultiFactorAuthAge", "3600")}, want: ImplicitDeny},
		{name: "absent key fails DateGreaterThan", page: pageCondOps, identity: []string{allowIf("DateGreaterThan", "aws:TokenIssueTime", "2020-01-01T00:00:00Z")}, want: ImplicitDeny, missing: []string{"aws:TokenIssueTime"}},
		{name: "absent key with IfExists holds", page: pageCondOps, identity: []string{allowIf("StringEqualsIfExists", "aws:RequestTag/env", "prod")}, want: Allowed, missing: []string{"aws:RequestTag/env"}},
		{name: "present key with IfExists is checked", page: pageCondOps, identity: []string{allowIf("StringEqualsIfExists", "aws:RequestTag/env", "prod")}, ctx: ctx("aws:RequestTag/env", "dev"), want: ImplicitDeny, missing: []string{}},
		{name: "absent key with NumericLessThanIfExists holds", page: pageCondOps, identity: []string{allowIf("NumericLessThanIfExists", "aws:MultiFactorAuthAge", "3600")}, want: Allowed},
		{name: "absent key with a negated IfExists holds", page: pageCondOps, identity: []string{allowIf("StringNotEqualsIfExists", "aws:RequestTag/env", "prod")}, want: Allowed},
		{name: "deny with negated IfExists still denies on an absent key", page: pageCondOps, identity: []string{doc(stmt("Allow", q("*"), q("*")), stmt("Deny", q("*"), q("*"), `{"StringNotEqualsIfExists":{"aws:RequestTag/env":"prod"}}`))}, want: ExplicitDeny},
		{name: "Null true on an absent key", page: pageCondOps, identity: []string{allowIf("Null", "aws:TokenIssueTime", "true")}, want: Allowed, missing: []string{"aws:TokenIssueTime"}},
		{name: "Null true on a present key", page: pageCondOps, identity: []string{allowIf("Null", "aws:TokenIssueTime", "true")}, ctx: ctx("aws:TokenIssueTime", "2024-01-01T00:00:00Z"), want: ImplicitDeny},
		{name: "Null false on a present key", page: pageCondOps, identity: []string{allowIf("Null", "aws:TokenIssueTime", "false")}, ctx: ctx("aws:TokenIssueTime", "2024-01-01T00:00:00Z"), want: Allowed},
		{name: "Null false on an absent key", page: pageCondOps, identity: []string{allowIf("Null", "aws:TokenIssueTime", "false")}, want: ImplicitDeny},
		{name: "Null false on an empty set: the key is there", page: pageSingleMulti, identity: []string{allowIf("Null", "aws:TagKeys", "false")}, ctx: ctx("aws:TagKeys", ""), want: Allowed},
		{name: "derived keys are present", page: pageGlobalKeys, identity: []string{allowIf("Null", "aws:PrincipalArn", "false")}, want: Allowed},
		{name: "missing keys of every condition are listed", page: pageCondOps, identity: []string{doc(stmt("Allow", q("s3:*"), q("*"), `{"StringEquals":{"aws:RequestTag/a":"x","aws:RequestTag/b":"y"}}`))}, want: ImplicitDeny, missing: []string{"aws:RequestTag/a", "aws:RequestTag/b"}},
		{name: "no missing keys of statements that do not match the action", page: pageCondOps, identity: []string{doc(stmt("Allow", q("iam:*"), q("*"), `{"StringEquals":{"aws:RequestTag/a":"x"}}`))}, want: ImplicitDeny, missing: []string{}},
	})
}

func TestRulesSetOperators(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "ForAllValues with every value listed", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringEquals", "aws:TagKeys", "a", "b")}, ctx: ctx("aws:TagKeys", "a,b"), want: Allowed},
		{name: "ForAllValues with a value not listed", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringEquals", "aws:TagKeys", "a", "b")}, ctx: ctx("aws:TagKeys", "a,c"), want: ImplicitDeny},
		{name: "ForAllValues on an absent key is true", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringEquals", "aws:TagKeys", "a")}, want: Allowed, missing: []string{"aws:TagKeys"}},
		{name: "ForAllValues on an empty set is true", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringEquals", "aws:TagKeys", "a")}, ctx: ctx("aws:TagKeys", ""), want: Allowed, missing: []string{}},
		{name: "ForAnyValue with one value listed", page: pageSingleMulti, identity: []string{allowIf("ForAnyValue:StringEquals", "aws:TagKeys", "a")}, ctx: ctx("aws:TagKeys", "c,a"), want: Allowed},
		{name: "ForAnyValue with none listed", page: pageSingleMulti, identity: []string{allowIf("ForAnyValue:StringEquals", "aws:TagKeys", "a")}, ctx: ctx("aws:TagKeys", "b,c"), want: ImplicitDeny},
		{name: "ForAnyValue on an absent key is false", page: pageSingleMulti, identity: []string{allowIf("ForAnyValue:StringEquals", "aws:TagKeys", "a")}, want: ImplicitDeny},
		{name: "ForAnyValue on an empty set is false", page: pageSingleMulti, identity: []string{allowIf("ForAnyValue:StringEquals", "aws:TagKeys", "a")}, ctx: ctx("aws:TagKeys", ""), want: ImplicitDeny},
		{name: "ForAnyValue with IfExists on an absent key is still false", page: pageRepostForAny, identity: []string{allowIf("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "a")}, want: ImplicitDeny},
		{name: "ForAllValues with IfExists on an absent key is true", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringEqualsIfExists", "aws:TagKeys", "a")}, want: Allowed},
		{name: "ForAllValues StringLike", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringLike", "aws:TagKeys", "team-*")}, ctx: ctx("aws:TagKeys", "team-a,team-b"), want: Allowed},
		{name: "ForAllValues StringLike one outside", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringLike", "aws:TagKeys", "team-*")}, ctx: ctx("aws:TagKeys", "team-a,cost"), want: ImplicitDeny},
		{name: "ForAllValues StringNotEquals, none listed", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringNotEquals", "aws:TagKeys", "secret")}, ctx: ctx("aws:TagKeys", "a,b"), want: Allowed},
		{name: "ForAllValues StringNotEquals, one listed", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringNotEquals", "aws:TagKeys", "secret")}, ctx: ctx("aws:TagKeys", "a,secret"), want: ImplicitDeny},
		{name: "ForAnyValue StringNotEquals, one not listed", page: pageSingleMulti, identity: []string{allowIf("ForAnyValue:StringNotEquals", "aws:TagKeys", "a")}, ctx: ctx("aws:TagKeys", "a,b"), want: Allowed},
		{name: "ForAnyValue StringNotEquals, all listed", page: pageSingleMulti, identity: []string{allowIf("ForAnyValue:StringNotEquals", "aws:TagKeys", "a", "b")}, ctx: ctx("aws:TagKeys", "a,b"), want: ImplicitDeny},
		{name: "ForAnyValue StringNotEquals on an absent key is false", page: pageSingleMulti, identity: []string{allowIf("ForAnyValue:StringNotEquals", "aws:TagKeys", "a")}, want: ImplicitDeny},
		{name: "ForAllValues StringNotLike on an absent key is true", page: pageSingleMulti, identity: []string{allowIf("ForAllValues:StringNotLike", "aws:TagKeys", "a*")}, want: Allowed},
		{name: "deny ForAnyValue on a listed value", page: pageSingleMulti, identity: []string{doc(stmt("Allow", q("*"), q("*")), stmt("Deny", q("*"), q("*"), `{"ForAnyValue:StringEquals":{"aws:TagKeys":["secret"]}}`))}, ctx: ctx("aws:TagKeys", "a,secret"), want: ExplicitDeny},
		{name: "deny ForAnyValue on an absent key does not deny", page: pageSingleMulti, identity: []string{doc(stmt("Allow", q("*"), q("*")), stmt("Deny", q("*"), q("*"), `{"ForAnyValue:StringEquals":{"aws:TagKeys":["secret"]}}`))}, want: Allowed},
		{name: "a multivalued key needs a set operator", page: pageSingleMulti, identity: []string{allowIf("StringEquals", "aws:TagKeys", "a")}, ctx: ctx("aws:TagKeys", "a,b"), want: ImplicitDeny},
		{name: "a negated operator on a multivalued key without a set operator", page: pageSingleMulti, identity: []string{allowIf("StringNotEquals", "aws:TagKeys", "c")}, ctx: ctx("aws:TagKeys", "a,b"), want: ImplicitDeny},
		{name: "a plain operator on an empty set", page: pageSingleMulti, identity: []string{allowIf("StringNotEquals", "aws:TagKeys", "c")}, ctx: ctx("aws:TagKeys", ""), want: ImplicitDeny},
		{name: "ForAnyValue on a single-valued key", page: pageSingleMulti, identity: []string{allowIf("ForAnyValue:StringEquals", "aws:RequestTag/env", "prod")}, ctx: ctx("aws:RequestTag/env", "prod"), want: Allowed},
		{name: "ForAnyValue NumericLessThan", page: pageSingleMulti, identity: []string{allowIf("ForAnyValue:NumericLessThan", "aws:RequestTag/n", "5")}, ctx: ctx("aws:RequestTag/n", "9,3"), want: Allowed},
	})
}

func TestRulesMultipleKeysAndValues(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "values of a key are ORed", page: pageMultiValues, identity: []string{allowIf("StringEquals", "aws:PrincipalTag/team", "red", "blue")}, want: Allowed},
		{name: "values of a key, none matches", page: pageMultiValues, identity: []string{allowIf("StringEquals", "aws:PrincipalTag/team", "red", "green")}, want: ImplicitDeny},
		{name: "negated values are NORed", page: pageMultiValues, identity: []string{allowIf("StringNotEquals", "aws:PrincipalTag/team", "red", "blue")}, want: ImplicitDeny},
		{name: "negated values, none matches", page: pageMultiValues, identity: []string{allowIf("StringNotEquals", "aws:PrincipalTag/team", "red", "green")}, want: Allowed},
		{name: "keys under one operator are ANDed", page: pageMultiValues, identity: []string{doc(stmt("Allow", q("s3:*"), q("*"), `{"StringEquals":{"aws:PrincipalTag/team":"blue","aws:PrincipalTag/cost":"41"}}`))}, want: ImplicitDeny},
		{name: "keys under one operator, both hold", page: pageMultiValues, identity: []string{doc(stmt("Allow", q("s3:*"), q("*"), `{"StringEquals":{"aws:PrincipalTag/team":"blue","aws:PrincipalTag/cost":"42"}}`))}, want: Allowed},
		{name: "operators are ANDed", page: pageMultiValues, identity: []string{doc(stmt("Allow", q("s3:*"), q("*"), `{"StringEquals":{"aws:PrincipalTag/team":"blue"},"Bool":{"aws:SecureTransport":"true"}}`))}, ctx: ctx("aws:SecureTransport", "false"), want: ImplicitDeny},
		{name: "operators, both hold", page: pageMultiValues, identity: []string{doc(stmt("Allow", q("s3:*"), q("*"), `{"StringEquals":{"aws:PrincipalTag/team":"blue"},"Bool":{"aws:SecureTransport":"true"}}`))}, ctx: ctx("aws:SecureTransport", "true"), want: Allowed},
		{name: "condition keys ignore case", page: pageCondition, identity: []string{allowIf("StringEquals", "AWS:PRINCIPALTAG/TEAM", "blue")}, want: Allowed},
		{name: "context keys given in another case", page: pageCondition, identity: []string{allowIf("StringEquals", "aws:RequestTag/env", "prod")}, ctx: ctx("AWS:requesttag/ENV", "prod"), want: Allowed},
		{name: "condition values keep their case", page: pageCondOps, identity: []string{allowIf("StringEquals", "aws:PrincipalTag/team", "Blue")}, want: ImplicitDeny},
	})
}

func TestRulesDerivedKeys(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "aws:username is the user's name", page: pageGlobalKeys, identity: []string{allowIf("StringEquals", "aws:username", "alice")}, want: Allowed},
		{name: "aws:PrincipalArn of a user", page: pageGlobalKeys, identity: []string{allowIf("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::123456789012:user/alice")}, want: Allowed},
		{name: "aws:PrincipalArn of a role is the role's ARN", page: pageGlobalKeys, who: Role("app"), identity: []string{allowIf("ArnLike", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/service/*")}, want: Allowed},
		{name: "aws:PrincipalAccount", page: pageGlobalKeys, identity: []string{allowIf("StringEquals", "aws:PrincipalAccount", "123456789012")}, want: Allowed},
		{name: "aws:PrincipalType of a user", page: pageGlobalKeys, identity: []string{allowIf("StringEquals", "aws:PrincipalType", "User")}, want: Allowed},
		{name: "aws:PrincipalType of a role", page: pageGlobalKeys, who: Role("app"), identity: []string{allowIf("StringEquals", "aws:PrincipalType", "AssumedRole")}, want: Allowed},
		{name: "aws:PrincipalTag of a role", page: pageGlobalKeys, who: Role("app"), identity: []string{allowIf("StringEquals", "aws:PrincipalTag/team", "red")}, want: Allowed},
		{name: "aws:PrincipalTag absent", page: pageGlobalKeys, who: User("bob"), identity: []string{allowIf("StringEquals", "aws:PrincipalTag/team", "blue")}, want: ImplicitDeny, missing: []string{"aws:PrincipalTag/team"}},
		{name: "aws:userid of a user", page: pageGlobalKeys, identity: []string{allowIf("StringEquals", "aws:userid", "AIDAALICEEXAMPLE")}, want: Allowed},
		{name: "the caller's key wins", page: pageGlobalKeys, identity: []string{allowIf("StringEquals", "aws:PrincipalTag/team", "red")}, ctx: ctx("aws:PrincipalTag/team", "red"), want: Allowed},
		{name: "aws:CurrentTime from the clock", page: pageGlobalKeys, identity: []string{allowIf("DateGreaterThan", "aws:CurrentTime", "2024-05-31T00:00:00Z")}, want: Allowed},
		{name: "aws:EpochTime from the clock", page: pageGlobalKeys, identity: []string{allowIf("DateEquals", "aws:EpochTime", "1717243200")}, want: Allowed},
		{name: "aws:CurrentTime given by the caller", page: pageGlobalKeys, identity: []string{allowIf("DateLessThan", "aws:CurrentTime", "2020-01-01T00:00:00Z")}, ctx: ctx("aws:CurrentTime", "2019-06-01T00:00:00Z"), want: Allowed},
	})
}
