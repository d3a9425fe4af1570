package access

import (
	"encoding/json"
	"math/rand/v2"
)

// diffGen draws the differential test's random cases from small pools of
// actions, resources, patterns, conditions and context values, chosen so
// that conditions and patterns match the requests about half the time.
type diffGen struct {
	r *rand.Rand
}

func newDiffGen(r *rand.Rand) *diffGen { return &diffGen{r: r} }

func (g *diffGen) pick(list []string) string { return list[g.r.IntN(len(list))] }
func (g *diffGen) chance(p float64) bool     { return g.r.Float64() < p }

// diffRequests are the requests' actions and resources; each resource is
// of a type its action takes, as the oracle checks.
var diffRequests = []struct{ action, resource string }{
	{"s3:GetObject", "arn:aws:s3:::bucket-a/home/alice/notes.txt"},
	{"s3:GetObject", "arn:aws:s3:::bucket-b/report.csv"},
	{"s3:PutObject", "arn:aws:s3:::bucket-a/home/blue/x"},
	{"s3:ListBucket", "arn:aws:s3:::bucket-a"},
	{"iam:GetUser", "arn:aws:iam::111122223333:user/alice"},
	{"iam:GetUser", "arn:aws:iam::111122223333:user/team/bob"},
	{"sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:queue-1"},
	{"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/blue"},
	{"ec2:DescribeInstances", "*"},
	{"sts:AssumeRole", diffTargetARN},
}

var diffActions = []string{
	"s3:GetObject", "s3:*", "s3:Get*", "S3:getobject", "*", "iam:Get?ser", "iam:*", "sqs:*Message",
	"dynamodb:Get*", "ec2:Describe*", "sts:AssumeRole", "sts:*", "lambda:InvokeFunction", "s3:List*", "s3:PutObject",
}

var diffResources = []string{
	"*", "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::bucket-a", "arn:aws:s3:::*", "arn:aws:s3:::bucket-?/*",
	"arn:aws:s3:::bucket-a/home/${aws:username}/*", "arn:aws:s3:::bucket-a/home/${aws:PrincipalTag/team}/*",
	"arn:aws:s3:::bucket-a/home/${aws:PrincipalTag/missing, 'alice'}/*", "arn:aws:s3:::bucket-a/home/${aws:PrincipalTag/missing}/*",
	"arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:iam::*:user/*", "arn:aws:iam::111122223333:user/team/*",
	"arn:aws:sqs:*:111122223333:queue-?", "arn:aws:sqs:us-east-1:111122223333:*",
	"arn:aws:dynamodb:us-east-1:111122223333:table/${aws:PrincipalTag/team}", "arn:aws:dynamodb:*:*:table/*",
	"arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/target", "arn:aws:s3:::bucket-b/${*}",
}

// diffConditions are (operator, key, values) triples.
var diffConditions = []struct {
	op, key string
	values  []string
}{
	{"StringEquals", "aws:PrincipalTag/team", []string{"blue"}},
	{"StringEquals", "aws:PrincipalTag/team", []string{"red", "green"}},
	{"StringEquals", "aws:username", []string{"${aws:PrincipalTag/missing, 'alice'}"}},
	{"StringNotEquals", "aws:PrincipalTag/team", []string{"blue", "red"}},
	{"StringNotEquals", "aws:RequestTag/env", []string{"prod"}},
	{"StringEqualsIgnoreCase", "aws:PrincipalTag/team", []string{"BLUE"}},
	{"StringNotEqualsIgnoreCase", "aws:RequestTag/env", []string{"PROD"}},
	{"StringLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:user/*"}},
	{"StringLike", "s3:prefix", []string{"home/${aws:username}/*", "public/*"}},
	{"StringNotLike", "aws:RequestTag/env", []string{"dev*"}},
	{"NumericLessThan", "aws:MultiFactorAuthAge", []string{"3600"}},
	{"NumericGreaterThanEquals", "aws:MultiFactorAuthAge", []string{"100"}},
	{"NumericEquals", "aws:MultiFactorAuthAge", []string{"600", "7200"}},
	{"NumericNotEquals", "aws:MultiFactorAuthAge", []string{"600"}},
	{"NumericLessThanEquals", "aws:MultiFactorAuthAge", []string{"600.0"}},
	{"DateGreaterThan", "aws:CurrentTime", []string{"2024-01-01T00:00:00Z"}},
	{"DateLessThan", "aws:CurrentTime", []string{"2024-06-01T11:00:00Z"}},
	{"DateLessThanEquals", "aws:EpochTime", []string{"1717243200"}},
	{"DateEquals", "aws:CurrentTime", []string{"2024-06-01T12:00:00Z"}},
	{"DateNotEquals", "aws:TokenIssueTime", []string{"2024-06-01T12:00:00Z"}},
	{"DateGreaterThanEquals", "aws:TokenIssueTime", []string{"2024-05-01"}},
	{"Bool", "aws:MultiFactorAuthPresent", []string{"true"}},
	{"Bool", "aws:SecureTransport", []string{"false"}},
	{"BoolIfExists", "aws:MultiFactorAuthPresent", []string{"false"}},
	{"IpAddress", "aws:SourceIp", []string{"10.0.0.0/8"}},
	{"IpAddress", "aws:SourceIp", []string{"203.0.113.5", "2001:db8::/32"}},
	{"NotIpAddress", "aws:SourceIp", []string{"10.0.0.0/8", "192.168.0.0/16"}},
	{"ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::111122223333:role/service/*"}},
	{"ArnEquals", "aws:PrincipalArn", []string{"arn:aws:iam::111122223333:user/alice"}},
	{"ArnNotLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:user/*"}},
	{"ArnNotEquals", "aws:SourceArn", []string{"arn:aws:sns:us-east-1:111122223333:topic"}},
	{"Null", "aws:TokenIssueTime", []string{"true"}},
	{"Null", "aws:SourceIp", []string{"false"}},
	{"Null", "aws:TagKeys", []string{"true"}},
	{"ForAnyValue:StringEquals", "aws:TagKeys", []string{"a", "b"}},
	{"ForAllValues:StringEquals", "aws:TagKeys", []string{"a", "b"}},
	{"ForAllValues:StringLike", "aws:TagKeys", []string{"a*"}},
	{"ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"a"}},
	{"ForAllValues:StringNotEquals", "aws:TagKeys", []string{"c"}},
	{"ForAnyValue:StringNotLike", "aws:CalledVia", []string{"athena.*"}},
	{"ForAllValues:StringEquals", "aws:CalledVia", []string{"athena.amazonaws.com"}},
	{"StringEqualsIfExists", "aws:RequestTag/env", []string{"prod"}},
	{"StringNotEqualsIfExists", "aws:RequestTag/env", []string{"prod"}},
	{"NumericLessThanIfExists", "aws:MultiFactorAuthAge", []string{"3600"}},
	{"ForAnyValue:StringEqualsIfExists", "aws:TagKeys", []string{"a"}},
	{"ForAllValues:StringNotLikeIfExists", "aws:TagKeys", []string{"c*"}},
}

func (g *diffGen) statement(trust bool) map[string]any {
	s := map[string]any{"Effect": "Allow"}
	if g.chance(0.3) {
		s["Effect"] = "Deny"
	}
	if g.chance(0.3) {
		s["Sid"] = "S" + g.pick([]string{"1", "2", "Read", "Write"})
	}
	acts := []string{g.pick(diffActions)}
	if g.chance(0.3) {
		acts = append(acts, g.pick(diffActions))
	}
	if trust {
		acts = []string{g.pick([]string{"sts:AssumeRole", "sts:AssumeRole", "sts:*", "sts:Assume*"})}
	}
	if !trust && g.chance(0.2) {
		s["NotAction"] = acts
	} else {
		s["Action"] = acts
	}
	if trust {
		s["Principal"] = g.trustPrincipal()
	} else {
		res := []string{g.pick(diffResources)}
		if g.chance(0.3) {
			res = append(res, g.pick(diffResources))
		}
		if g.chance(0.15) {
			s["NotResource"] = res
		} else {
			s["Resource"] = res
		}
	}
	if g.chance(0.5) {
		cond := map[string]map[string]any{}
		for range 1 + g.r.IntN(2) {
			c := diffConditions[g.r.IntN(len(diffConditions))]
			if cond[c.op] == nil {
				cond[c.op] = map[string]any{}
			}
			cond[c.op][c.key] = c.values
		}
		s["Condition"] = cond
	}
	return s
}

func (g *diffGen) trustPrincipal() any {
	switch g.r.IntN(8) {
	case 0:
		return map[string]any{"AWS": diffUserARN}
	case 1:
		return map[string]any{"AWS": diffRoleARN}
	case 2:
		return map[string]any{"AWS": "arn:aws:iam::" + diffAccount + ":root"}
	case 3:
		return map[string]any{"AWS": diffAccount}
	case 4:
		return "*"
	case 5:
		return map[string]any{"AWS": []string{diffUserARN, diffRoleARN}}
	case 6:
		return map[string]any{"AWS": "arn:aws:iam::444455556666:root"}
	}
	return map[string]any{"Service": "ec2.amazonaws.com"}
}

func (g *diffGen) document(trust bool) string {
	n := 1 + g.r.IntN(3)
	stmts := make([]map[string]any, n)
	for i := range stmts {
		stmts[i] = g.statement(trust)
	}
	d := map[string]any{"Version": "2012-10-17", "Statement": stmts}
	if !trust && g.chance(0.05) {
		delete(d, "Version")
	}
	out, err := json.Marshal(d)
	if err != nil {
		panic(err)
	}
	return string(out)
}

func (g *diffGen) genCase() *diffCase {
	dc := &diffCase{Principal: User("alice")}
	if g.chance(0.35) {
		dc.Principal = Role("app")
	}
	req := diffRequests[g.r.IntN(len(diffRequests))]
	if g.chance(0.15) {
		req = diffRequests[len(diffRequests)-1]
	}
	dc.Action, dc.Resource = req.action, req.resource
	for range g.r.IntN(3) + 1 {
		dc.Identity = append(dc.Identity, g.document(false))
	}
	if g.chance(0.3) {
		dc.Boundary = g.document(false)
	}
	if dc.Action == "sts:AssumeRole" {
		dc.Trust = g.document(true)
	}
	dc.Context = g.context(dc.Action)
	return dc
}

func (g *diffGen) context(action string) Context {
	c := Context{}
	if g.chance(0.8) {
		c["aws:SourceIp"] = []string{g.pick([]string{"10.1.2.3", "203.0.113.5", "2001:db8::1", "192.168.1.1"})}
	}
	if g.chance(0.6) {
		c["aws:MultiFactorAuthPresent"] = []string{g.pick([]string{"true", "false"})}
	}
	if g.chance(0.5) {
		c["aws:MultiFactorAuthAge"] = []string{g.pick([]string{"30", "600", "3600", "86400"})}
	}
	if g.chance(0.7) {
		c["aws:SecureTransport"] = []string{g.pick([]string{"true", "false"})}
	}
	if g.chance(0.3) {
		c["aws:TokenIssueTime"] = []string{g.pick([]string{"2024-06-01T12:00:00Z", "2024-04-01T00:00:00Z"})}
	}
	if g.chance(0.5) {
		c["aws:RequestTag/env"] = []string{g.pick([]string{"prod", "dev", "development", "PROD"})}
	}
	if g.chance(0.6) {
		c["aws:TagKeys"] = [][]string{{"a"}, {"a", "b"}, {"c"}, {"a", "c"}, {"b"}}[g.r.IntN(5)]
	}
	if g.chance(0.3) {
		c["aws:CalledVia"] = [][]string{{"athena.amazonaws.com"}, {"athena.amazonaws.com", "cloudformation.amazonaws.com"}}[g.r.IntN(2)]
	}
	if g.chance(0.2) {
		c["aws:SourceArn"] = []string{g.pick([]string{"arn:aws:sns:us-east-1:111122223333:topic", "arn:aws:sns:us-east-1:111122223333:other"})}
	}
	if action == "s3:ListBucket" && g.chance(0.7) {
		c["s3:prefix"] = []string{g.pick([]string{"home/alice/", "home/bob/", "public/x"})}
	}
	return c
}
