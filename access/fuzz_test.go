package access

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

// FuzzEvaluate evaluates requests against any document the parser
// accepts, used as an identity policy, a boundary and a trust policy: the
// evaluator must answer, never panic.
func FuzzEvaluate(f *testing.F) {
	seeds := []string{
		doc(stmt("Allow", q("s3:*"), q("*"))),
		doc(`{"Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:s3:::b/${aws:username}/*"}`),
		allowIf("ForAllValues:StringLike", "aws:TagKeys", "a*", "${aws:PrincipalTag/x, 'y'}"),
		allowIf("DateLessThanIfExists", "aws:CurrentTime", "2024"),
		allowIf("IpAddress", "aws:SourceIp", "::ffff:10.0.0.0/104"),
		allowIf("BinaryEquals", "k:k", "=="),
		allowIf("Null", "aws:x", "TRUE"),
		allowIf("ArnLike", "aws:SourceArn", "arn:${*}:${?}:${$}:${}:${a"),
		`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:*"}]}`,
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:root"],"Federated":"x"},"NotPrincipal":{"Service":"*"},"Action":"*","Resource":"*"}}`,
	}
	for i, s := range seeds {
		f.Add(s, []string{"s3:GetObject", "sts:AssumeRole", "iam:CreateUser"}[i%3], []string{"arn:aws:s3:::b/k", "arn:aws:iam::123456789012:role/target", "*"}[i%3], "aws:TagKeys", "a")
	}
	f.Fuzz(func(t *testing.T, document, action, resource, key, value string) {
		d, err := policy.ParseJSON([]byte(document))
		if err != nil {
			return
		}
		a := model.NewAccount(testAccount)
		a.AddPolicy(&model.ManagedPolicy{Name: "b", Path: "/", Document: d})
		a.AddUser(&model.User{Name: "u", Path: "/", Tags: model.Tags{key: value},
			InlinePolicies:      []model.InlinePolicy{{Name: "p", Document: d}},
			PermissionsBoundary: model.PolicyARN(testAccount, "/", "b")})
		a.AddRole(&model.Role{Name: "target", Path: "/", AssumeRolePolicy: d, InlinePolicies: []model.InlinePolicy{{Name: "p", Document: d}}})
		e := New(a, Options{})
		c := Context{key: {value}, "aws:TagKeys": {value, key}}
		for _, p := range []Principal{User("u"), Role("target"), {KindService, "ec2.amazonaws.com"}, {KindFederated, value}} {
			for _, res := range []string{resource, "arn:aws:iam::123456789012:role/target"} {
				ans, err := e.Evaluate(Request{Principal: p, Action: action, Resource: res, Context: c})
				if err != nil {
					if action == "" || res == "" || (p.Kind == KindFederated && value == "") {
						continue
					}
					t.Fatalf("%v %q %q: %v", p, action, res, err)
				}
				switch ans.Decision {
				case Allowed, ImplicitDeny, ExplicitDeny:
				default:
					t.Fatalf("decision %q", ans.Decision)
				}
			}
		}
	})
}
