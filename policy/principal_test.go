package policy

import "testing"

func TestValidatePrincipals(t *testing.T) {
	trust := func(p string) string {
		return doc(`{"Effect":"Allow","Principal":` + p + `,"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`)
	}
	runRules(t, []ruleCase{
		{rule: "principal types", kind: Trust,
			pass: []string{trust(`{"AWS":"123456789012","Service":"ec2.amazonaws.com","Federated":"accounts.google.com","CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`)},
			fail: []failure{
				{trust(`{"aws":"123456789012"}`), []string{"Statement[0].Principal.aws invalid-principal-key"}},
				{trust(`{"User":"alice"}`), []string{"Statement[0].Principal.User invalid-principal-key"}},
				{trust(`{}`), []string{"Statement[0].Principal invalid-principal"}},
				{trust(`{"AWS":[]}`), []string{"Statement[0].Principal.AWS invalid-principal"}},
			}},
		{rule: "AWS principals: star, account, IAM or STS ARN", kind: Trust,
			pass: []string{
				trust(`"*"`),
				trust(`{"AWS":"*"}`),
				trust(`{"AWS":["123456789012","arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:user/ops/alice","arn:aws:iam::123456789012:role/r","arn:aws:sts::123456789012:assumed-role/r/s","arn:aws-cn:iam::123456789012:role/r"]}`),
			},
			fail: []failure{
				{trust(`{"AWS":["alice","arn:aws:iam::123456789012:group/admins","arn:aws:iam::12345:root","arn:aws:s3:::b","AROAJ2EXAMPLEXYZ12345"]}`), []string{
					"Statement[0].Principal.AWS[0] invalid-principal", "Statement[0].Principal.AWS[1] invalid-principal",
					"Statement[0].Principal.AWS[2] invalid-principal", "Statement[0].Principal.AWS[3] invalid-principal",
					"Statement[0].Principal.AWS[4] invalid-principal"}},
			}},
		{rule: "no partial wildcards", kind: Trust,
			pass: []string{trust(`{"AWS":"arn:aws:iam::123456789012:role/r"}`)},
			fail: []failure{{trust(`{"AWS":"arn:aws:iam::123456789012:role/*","Service":"*"}`), []string{
				"Statement[0].Principal.AWS[0] principal-wildcard", "Statement[0].Principal.Service[0] principal-wildcard"}}}},
		{rule: "service principals", kind: Trust,
			pass: []string{trust(`{"Service":["lambda.amazonaws.com","states.eu-west-1.amazonaws.com","ec2.amazonaws.com.cn"]}`)},
			fail: []failure{{trust(`{"Service":["ec2","EC2.amazonaws.com","ec2.example.com"]}`), []string{
				"Statement[0].Principal.Service[0] invalid-principal", "Statement[0].Principal.Service[1] invalid-principal",
				"Statement[0].Principal.Service[2] invalid-principal"}}}},
		{rule: "federated principals", kind: Trust,
			pass: []string{trust(`{"Federated":["arn:aws:iam::123456789012:saml-provider/corp","arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com","cognito-identity.amazonaws.com"]}`)},
			fail: []failure{{trust(`{"Federated":["arn:aws:iam::123456789012:role/r","corp"]}`), []string{
				"Statement[0].Principal.Federated[0] invalid-principal", "Statement[0].Principal.Federated[1] invalid-principal"}}}},
		{rule: "canonical users", kind: Trust,
			pass: []string{trust(`{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`)},
			fail: []failure{{trust(`{"CanonicalUser":"79A59DF9"}`), []string{"Statement[0].Principal.CanonicalUser[0] invalid-principal"}}}},
	})
}
