package access

import "testing"

func TestRulesOperators(t *testing.T) {
	tag := func(v string) Context { return ctx("aws:RequestTag/env", v) }
	age := func(v string) Context { return ctx("aws:MultiFactorAuthAge", v) }
	at := func(v string) Context { return ctx("aws:TokenIssueTime", v) }
	ip := func(v string) Context { return ctx("aws:SourceIp", v) }
	arn := func(v string) Context { return ctx("aws:SourceArn", v) }
	runRuleCases(t, []ruleCase{
		// String.
		{name: "StringEquals equal", page: pageCondOps, identity: []string{allowIf("StringEquals", "aws:RequestTag/env", "prod")}, ctx: tag("prod"), want: Allowed},
		{name: "StringEquals is case-sensitive", page: pageCondOps, identity: []string{allowIf("StringEquals", "aws:RequestTag/env", "prod")}, ctx: tag("Prod"), want: ImplicitDeny},
		{name: "StringEquals takes no wildcard", page: pageCondOps, identity: []string{allowIf("StringEquals", "aws:RequestTag/env", "pr*")}, ctx: tag("prod"), want: ImplicitDeny},
		{name: "StringNotEquals different", page: pageCondOps, identity: []string{allowIf("StringNotEquals", "aws:RequestTag/env", "prod")}, ctx: tag("dev"), want: Allowed},
		{name: "StringNotEquals equal", page: pageCondOps, identity: []string{allowIf("StringNotEquals", "aws:RequestTag/env", "prod")}, ctx: tag("prod"), want: ImplicitDeny},
		{name: "StringEqualsIgnoreCase", page: pageCondOps, identity: []string{allowIf("StringEqualsIgnoreCase", "aws:RequestTag/env", "PROD")}, ctx: tag("prod"), want: Allowed},
		{name: "StringEqualsIgnoreCase beyond ASCII", page: pageCondOps, identity: []string{allowIf("StringEqualsIgnoreCase", "aws:RequestTag/env", "PRÖD")}, ctx: tag("prÖd"), want: Allowed},
		{name: "StringNotEqualsIgnoreCase", page: pageCondOps, identity: []string{allowIf("StringNotEqualsIgnoreCase", "aws:RequestTag/env", "PROD")}, ctx: tag("prod"), want: ImplicitDeny},
		{name: "StringLike star", page: pageCondOps, identity: []string{allowIf("StringLike", "aws:RequestTag/env", "pr*")}, ctx: tag("prod"), want: Allowed},
		{name: "StringLike question mark", page: pageCondOps, identity: []string{allowIf("StringLike", "aws:RequestTag/env", "pro?")}, ctx: tag("prod"), want: Allowed},
		{name: "StringLike question mark is one character", page: pageCondOps, identity: []string{allowIf("StringLike", "aws:RequestTag/env", "pr?")}, ctx: tag("prod"), want: ImplicitDeny},
		{name: "StringLike question mark is one rune", page: pageCondOps, identity: []string{allowIf("StringLike", "aws:RequestTag/env", "a?c")}, ctx: tag("aéc"), want: Allowed},
		{name: "StringLike is case-sensitive", page: pageCondOps, identity: []string{allowIf("StringLike", "aws:RequestTag/env", "PR*")}, ctx: tag("prod"), want: ImplicitDeny},
		{name: "StringLike wildcard crosses colons", page: pageCondOps, identity: []string{allowIf("StringLike", "aws:SourceArn", "arn:aws:someservice:*:111122223333:finance/*")}, ctx: arn("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: Allowed},
		{name: "StringNotLike", page: pageCondOps, identity: []string{allowIf("StringNotLike", "aws:RequestTag/env", "dev*")}, ctx: tag("development"), want: ImplicitDeny},
		// Numeric.
		{name: "NumericEquals", page: pageCondOps, identity: []string{allowIf("NumericEquals", "aws:MultiFactorAuthAge", "600")}, ctx: age("600"), want: Allowed},
		{name: "NumericEquals decimal", page: pageCondOps, identity: []string{allowIf("NumericEquals", "aws:MultiFactorAuthAge", "600")}, ctx: age("600.0"), want: Allowed},
		{name: "NumericNotEquals", page: pageCondOps, identity: []string{allowIf("NumericNotEquals", "aws:MultiFactorAuthAge", "600")}, ctx: age("601"), want: Allowed},
		{name: "NumericLessThan", page: pageCondOps, identity: []string{allowIf("NumericLessThan", "aws:MultiFactorAuthAge", "3600")}, ctx: age("3599"), want: Allowed},
		{name: "NumericLessThan at the bound", page: pageCondOps, identity: []string{allowIf("NumericLessThan", "aws:MultiFactorAuthAge", "3600")}, ctx: age("3600"), want: ImplicitDeny},
		{name: "NumericLessThanEquals at the bound", page: pageCondOps, identity: []string{allowIf("NumericLessThanEquals", "aws:MultiFactorAuthAge", "3600")}, ctx: age("3600"), want: Allowed},
		{name: "NumericGreaterThan", page: pageCondOps, identity: []string{allowIf("NumericGreaterThan", "aws:MultiFactorAuthAge", "10")}, ctx: age("10.5"), want: Allowed},
		{name: "NumericGreaterThanEquals", page: pageCondOps, identity: []string{allowIf("NumericGreaterThanEquals", "aws:MultiFactorAuthAge", "10")}, ctx: age("9"), want: ImplicitDeny},
		{name: "Numeric compares numbers, not text", page: pageCondOps, identity: []string{allowIf("NumericLessThan", "aws:MultiFactorAuthAge", "100")}, ctx: age("20"), want: Allowed},
		{name: "Numeric negative", page: pageCondOps, identity: []string{allowIf("NumericLessThan", "aws:MultiFactorAuthAge", "0")}, ctx: age("-1"), want: Allowed},
		{name: "Numeric request value not a number", page: pageCondOps, identity: []string{allowIf("NumericLessThan", "aws:MultiFactorAuthAge", "10")}, ctx: age("abc"), want: ImplicitDeny},
		{name: "NumericNotEquals with a value not a number fails", page: pageCondOps, identity: []string{allowIf("NumericNotEquals", "aws:MultiFactorAuthAge", "10")}, ctx: age("abc"), want: ImplicitDeny},
		{name: "Numeric policy value not a number", page: pageCondOps, identity: []string{allowIf("NumericEquals", "aws:MultiFactorAuthAge", "ten")}, ctx: age("10"), want: ImplicitDeny},
		{name: "Numeric exponent is not a number", page: pageCondOps, identity: []string{allowIf("NumericEquals", "aws:MultiFactorAuthAge", "1e3")}, ctx: age("1000"), want: ImplicitDeny},
		// Date.
		{name: "DateEquals", page: pageCondOps, identity: []string{allowIf("DateEquals", "aws:TokenIssueTime", "2024-06-01T12:00:00Z")}, ctx: at("2024-06-01T12:00:00Z"), want: Allowed},
		{name: "DateEquals across time zones", page: pageCondOps, identity: []string{allowIf("DateEquals", "aws:TokenIssueTime", "2024-06-01T14:00:00+02:00")}, ctx: at("2024-06-01T12:00:00Z"), want: Allowed},
		{name: "DateEquals epoch seconds and ISO 8601", page: pageCondOps, identity: []string{allowIf("DateEquals", "aws:TokenIssueTime", "1717243200")}, ctx: at("2024-06-01T12:00:00Z"), want: Allowed},
		{name: "DateNotEquals", page: pageCondOps, identity: []string{allowIf("DateNotEquals", "aws:TokenIssueTime", "2024-06-01T12:00:00Z")}, ctx: at("2024-06-01T12:00:01Z"), want: Allowed},
		{name: "DateLessThan", page: pageCondOps, identity: []string{allowIf("DateLessThan", "aws:TokenIssueTime", "2024-06-01T12:00:00Z")}, ctx: at("2024-06-01T11:59:59Z"), want: Allowed},
		{name: "DateLessThanEquals at the bound", page: pageCondOps, identity: []string{allowIf("DateLessThanEquals", "aws:TokenIssueTime", "2024-06-01T12:00:00Z")}, ctx: at("2024-06-01T12:00:00Z"), want: Allowed},
		{name: "DateGreaterThan a day", page: pageCondOps, identity: []string{allowIf("DateGreaterThan", "aws:TokenIssueTime", "2024-06-01")}, ctx: at("2024-06-01T00:00:01Z"), want: Allowed},
		{name: "DateGreaterThanEquals fraction of a second", page: pageCondOps, identity: []string{allowIf("DateGreaterThanEquals", "aws:TokenIssueTime", "2024-06-01T12:00:00.5Z")}, ctx: at("2024-06-01T12:00:00Z"), want: ImplicitDeny},
		{name: "Date request value not a date", page: pageCondOps, identity: []string{allowIf("DateNotEquals", "aws:TokenIssueTime", "2024-06-01")}, ctx: at("yesterday"), want: ImplicitDeny},
		// Bool.
		{name: "Bool true", page: pageCondOps, identity: []string{allowIf("Bool", "aws:SecureTransport", "true")}, ctx: ctx("aws:SecureTransport", "true"), want: Allowed},
		{name: "Bool false against true", page: pageCondOps, identity: []string{allowIf("Bool", "aws:SecureTransport", "false")}, ctx: ctx("aws:SecureTransport", "true"), want: ImplicitDeny},
		{name: "Bool ignores case", page: pageCondOps, identity: []string{allowIf("Bool", "aws:SecureTransport", "True")}, ctx: ctx("aws:SecureTransport", "true"), want: Allowed},
		{name: "Bool other text", page: pageCondOps, identity: []string{allowIf("Bool", "aws:SecureTransport", "true")}, ctx: ctx("aws:SecureTransport", "yes"), want: ImplicitDeny},
		{name: "BoolIfExists absent", page: pageCondOps, identity: []string{allowIf("BoolIfExists", "aws:MultiFactorAuthPresent", "true")}, want: Allowed},
		// Binary.
		{name: "BinaryEquals", page: pageCondOps, identity: []string{allowIf("BinaryEquals", "aws:RequestTag/bin", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")}, ctx: ctx("aws:RequestTag/bin", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="), want: Allowed},
		{name: "BinaryEquals different bytes", page: pageCondOps, identity: []string{allowIf("BinaryEquals", "aws:RequestTag/bin", "QmluYXJ5")}, ctx: ctx("aws:RequestTag/bin", "QmluYXJz"), want: ImplicitDeny},
		{name: "BinaryEquals request value not base 64", page: pageCondOps, identity: []string{allowIf("BinaryEquals", "aws:RequestTag/bin", "QmluYXJ5")}, ctx: ctx("aws:RequestTag/bin", "not base64!"), want: ImplicitDeny},
		// IP address.
		{name: "IpAddress in range", page: pageCondOps, identity: []string{allowIf("IpAddress", "aws:SourceIp", "203.0.113.0/24")}, ctx: ip("203.0.113.77"), want: Allowed},
		{name: "IpAddress out of range", page: pageCondOps, identity: []string{allowIf("IpAddress", "aws:SourceIp", "203.0.113.0/24")}, ctx: ip("203.0.114.1"), want: ImplicitDeny},
		{name: "IpAddress without a prefix is /32", page: pageCondOps, identity: []string{allowIf("IpAddress", "aws:SourceIp", "203.0.113.5")}, ctx: ip("203.0.113.5"), want: Allowed},
		{name: "IpAddress without a prefix, another address", page: pageCondOps, identity: []string{allowIf("IpAddress", "aws:SourceIp", "203.0.113.5")}, ctx: ip("203.0.113.6"), want: ImplicitDeny},
		{name: "IpAddress IPv6", page: pageCondOps, identity: []string{allowIf("IpAddress", "aws:SourceIp", "203.0.113.0/24", "2001:DB8:1234:5678::/64")}, ctx: ip("2001:db8:1234:5678::9"), want: Allowed},
		{name: "IpAddress IPv6 out of range", page: pageCondOps, identity: []string{allowIf("IpAddress", "aws:SourceIp", "2001:DB8:1234:5678::/64")}, ctx: ip("2001:db8:1234:5679::9"), want: ImplicitDeny},
		{name: "NotIpAddress out of range", page: pageCondOps, identity: []string{allowIf("NotIpAddress", "aws:SourceIp", "10.0.0.0/8", "192.168.0.0/16")}, ctx: ip("203.0.113.5"), want: Allowed},
		{name: "NotIpAddress in range", page: pageCondOps, identity: []string{allowIf("NotIpAddress", "aws:SourceIp", "10.0.0.0/8", "192.168.0.0/16")}, ctx: ip("192.168.4.4"), want: ImplicitDeny},
		{name: "NotIpAddress on a value not an address fails", page: pageCondOps, identity: []string{allowIf("NotIpAddress", "aws:SourceIp", "10.0.0.0/8")}, ctx: ip("vpce"), want: ImplicitDeny},
		// ARN.
		{name: "ArnEquals", page: pageCondOps, identity: []string{allowIf("ArnEquals", "aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic")}, ctx: arn("arn:aws:sns:us-east-1:123456789012:topic"), want: Allowed},
		{name: "ArnEquals takes wildcards as ArnLike does", page: pageCondOps, identity: []string{allowIf("ArnEquals", "aws:SourceArn", "arn:aws:sns:*:123456789012:*")}, ctx: arn("arn:aws:sns:us-east-1:123456789012:topic"), want: Allowed},
		{name: "ArnLike wildcard stays in its part", page: pageCondOps, identity: []string{allowIf("ArnLike", "aws:SourceArn", "arn:aws:someservice:*:111122223333:finance/*")}, ctx: arn("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: ImplicitDeny},
		{name: "ArnLike is case-sensitive", page: pageCondOps, identity: []string{allowIf("ArnLike", "aws:SourceArn", "arn:aws:sns:*:*:Topic")}, ctx: arn("arn:aws:sns:us-east-1:123456789012:topic"), want: ImplicitDeny},
		{name: "ArnLike needs six parts", page: pageCondOps, identity: []string{allowIf("ArnLike", "aws:SourceArn", "arn:aws:sns:*")}, ctx: arn("arn:aws:sns:us-east-1:123456789012:topic"), want: ImplicitDeny},
		{name: "ArnLike last part keeps its colons", page: pageCondOps, identity: []string{allowIf("ArnLike", "aws:SourceArn", "arn:aws:sns:us-east-1:*:top*")}, ctx: arn("arn:aws:sns:us-east-1:123456789012:topic:x"), want: Allowed},
		{name: "ArnNotEquals", page: pageCondOps, identity: []string{allowIf("ArnNotEquals", "aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic")}, ctx: arn("arn:aws:sns:us-east-1:123456789012:other"), want: Allowed},
		{name: "ArnNotLike matching", page: pageCondOps, identity: []string{allowIf("ArnNotLike", "aws:SourceArn", "arn:aws:sns:*:*:*")}, ctx: arn("arn:aws:sns:us-east-1:123456789012:other"), want: ImplicitDeny},
		{name: "ArnLike on a value that is not an ARN", page: pageCondOps, identity: []string{allowIf("ArnLike", "aws:SourceArn", "arn:aws:sns:*:*:*")}, ctx: arn("topic"), want: ImplicitDeny},
		// Unknown operators.
		{name: "an operator IAM does not have never holds", page: pageCondOps, identity: []string{allowIf("StringEqualz", "aws:RequestTag/env", "prod")}, ctx: tag("prod"), want: ImplicitDeny},
		{name: "operator names are case-sensitive", page: pageCondOps, identity: []string{allowIf("stringequals", "aws:RequestTag/env", "prod")}, ctx: tag("prod"), want: ImplicitDeny},
		{name: "Null takes no IfExists", page: pageCondOps, identity: []string{allowIf("NullIfExists", "aws:RequestTag/env", "true")}, want: ImplicitDeny},
	})
}
