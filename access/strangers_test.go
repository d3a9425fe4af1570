package access

import (
	"reflect"
	"testing"

	"github.com/iamc/iamc/policy"
)

func TestOpenTrusts(t *testing.T) {
	const gh = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
	web := func(cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + gh +
			`"},"Action":"sts:AssumeRoleWithWebIdentity"` + cond + `}]}`
	}
	star := func(cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{` + cond + `}}]}`
	}
	for _, tt := range []struct {
		name, doc string
		want      []Opening
	}{
		{"principal star", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}`, []Opening{OpenToAll}},
		{"AWS star", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`, []Opening{OpenToAll}},
		{"star with an organisation condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`, nil},
		{"star with an account condition", star(`"StringEquals":{"aws:PrincipalAccount":["111122223333"]}`), nil},
		{"star with a principal ARN pattern", star(`"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/ci-*"}`), nil},
		{"star with a source account, for a service", star(`"StringEquals":{"aws:SourceAccount":"111122223333"}`), nil},
		{"star with MFA only", star(`"Bool":{"aws:MultiFactorAuthPresent":"true"}`), []Opening{OpenToAllConditioned}},
		{"star with an external id only", star(`"StringEquals":{"sts:ExternalId":"shared"}`), []Opening{OpenToAllConditioned}},
		{"star with a wildcard organisation", star(`"StringLike":{"aws:PrincipalOrgID":"*"}`), []Opening{OpenToAllConditioned}},
		{"star with an organisation that must be absent", star(`"StringNotEquals":{"aws:PrincipalOrgID":"o-1"}`), []Opening{OpenToAllConditioned}},
		{"star with an organisation if it exists", star(`"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-1"}`), []Opening{OpenToAllConditioned}},
		{"star with an organisation key merely present", star(`"Null":{"aws:PrincipalOrgID":"false"}`), []Opening{OpenToAllConditioned}},
		{"star with ForAllValues on the account", star(`"ForAllValues:StringEquals":{"aws:PrincipalAccount":"111122223333"}`), []Opening{OpenToAllConditioned}},
		{"star with ForAnyValue on the organisation", star(`"ForAnyValue:StringEquals":{"aws:PrincipalOrgID":"o-1"}`), nil},
		{"star with an account's role and a wildcard", star(`"StringLike":{"aws:PrincipalArn":["arn:aws:iam::111122223333:role/x","*"]}`), []Opening{OpenToAllConditioned}},
		{"star with any account's role", star(`"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/ci-*"}`), []Opening{OpenToAllConditioned}},
		{"star with any organisation", star(`"StringLike":{"aws:PrincipalOrgID":"o-*"}`), []Opening{OpenToAllConditioned}},
		{"star with any path of an organisation", star(`"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3/*"}`), nil},
		{"star with any unique id", star(`"StringLike":{"aws:userid":"AIDA*"}`), []Opening{OpenToAllConditioned}},
		{"star with a role's sessions", star(`"StringLike":{"aws:userid":"AROAEXAMPLE:*"}`), nil},
		{"a service", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, nil},
		{"GitHub without sub", web(""), []Opening{OpenSubject}},
		{"GitHub with a wildcard sub", web(`,"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}`), []Opening{OpenSubject}},
		{"GitHub with a repository", web(`,"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}`), nil},
		{"Cognito without aud", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`, []Opening{OpenCognito}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []Opening
			for _, o := range OpenTrusts(policy.MustParse(tt.doc), nil) {
				got = append(got, o.Opening)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("OpenTrusts = %v, want %v", got, tt.want)
			}
		})
	}
}
