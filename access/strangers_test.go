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
	for _, tt := range []struct {
		name, doc string
		want      []Opening
	}{
		{"principal star", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}`, []Opening{OpenToAll}},
		{"AWS star", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`, []Opening{OpenToAll}},
		{"star with an organisation condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`, nil},
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
