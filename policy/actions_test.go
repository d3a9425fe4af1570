package policy

import (
	"testing"

	"github.com/iamc/iamc/internal/wildcard"
)

func TestValidateActions(t *testing.T) {
	allow := func(actions string) string {
		return doc(`{"Effect":"Allow","Action":` + actions + `,"Resource":"arn:aws:s3:::b"}`)
	}
	runRules(t, []ruleCase{
		{rule: "form service:Action", kind: Identity,
			pass: []string{allow(`"*"`), allow(`"s3:GetObject"`)},
			fail: []failure{
				{allow(`["s3GetObject", "s3:", ":GetObject", "s3 :GetObject"]`), []string{
					"Statement[0].Action[0] invalid-action", "Statement[0].Action[1] invalid-action",
					"Statement[0].Action[2] invalid-action", "Statement[0].Action[3] invalid-action"}},
			}},
		{rule: "known service", kind: Identity,
			pass: []string{allow(`"ec2:DescribeInstances"`), allow(`"IAM:ListUsers"`)},
			fail: []failure{{allow(`"s4:GetObject"`), []string{"Statement[0].Action[0] unknown-service"}}}},
		{rule: "known action, in any case", kind: Identity,
			pass: []string{allow(`["s3:getobject", "S3:PUTOBJECT", "iam:PassRole"]`)},
			fail: []failure{{allow(`["s3:GetObject", "s3:GetObjects"]`), []string{"Statement[0].Action[1] unknown-action"}}}},
		{rule: "pattern matches an action", kind: Identity,
			pass: []string{allow(`["s3:Get*", "s3:*Object", "s3:GetObjec?", "ec2:*"]`)},
			fail: []failure{{allow(`["s3:Get*", "s3:Fly*", "s3:GetObjec??"]`), []string{
				"Statement[0].Action[1] no-matching-action", "Statement[0].Action[2] no-matching-action"}}}},
		{rule: "NotAction is checked too", kind: Identity,
			pass: []string{doc(`{"Effect":"Deny","NotAction":["iam:*","sts:GetCallerIdentity"],"Resource":"*"}`)},
			fail: []failure{{doc(`{"Effect":"Deny","NotAction":["iam:*","sts:GetCallerIdentityX"],"Resource":"*"}`), []string{"Statement[0].NotAction[1] unknown-action"}}}},
		{rule: "legacy actions pass with a warning", kind: Identity,
			pass: []string{allow(`"s3:GetObject"`)},
			fail: []failure{{allow(`["deeplens:ListDevices", "deepracer:Get*", "mobilehub:*"]`), []string{
				"Statement[0].Action[0] legacy-action", "Statement[0].Action[1] legacy-action", "Statement[0].Action[2] legacy-action"}}}},
		{rule: "no policy variables in actions", kind: Identity,
			pass: []string{allow(`"s3:GetObject"`)},
			fail: []failure{{allow(`"s3:${aws:username}"`), []string{"Statement[0].Action[0] variable-in-action"}}}},
		{rule: "trust policies allow only the actions that assume a role", kind: Trust,
			pass: []string{
				doc(`{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/idp"},"Action":["sts:AssumeRoleWithSAML","sts:TagSession","sts:SetSourceIdentity","STS:setcontext"]}`),
				doc(`{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":["sts:AssumeRole*","sts:*","*"]}`),
				doc(`{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}`),
			},
			fail: []failure{{doc(`{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":["sts:AssumeRole","s3:GetObject","sts:GetCallerIdentity","sts:Get*","iam:*"]}`), []string{
				"Statement[0].Action[1] invalid-trust-action", "Statement[0].Action[2] invalid-trust-action",
				"Statement[0].Action[3] invalid-trust-action", "Statement[0].Action[4] invalid-trust-action"}}}},
	})
}

func TestMatchFold(t *testing.T) {
	for _, tt := range []struct {
		pattern, name string
		want          bool
	}{
		{"*", "iam:PassRole", true},
		{"iam:*", "iam:PassRole", true},
		{"IAM:pass*", "iam:PassRole", true},
		{"iam:Pass?ole", "iam:PassRole", true},
		{"iam:*Role", "iam:PassRole", true},
		{"iam:*Roles", "iam:PassRole", false},
		{"iam:Pass", "iam:PassRole", false},
		{"iam:PassRole?", "iam:PassRole", false},
		{"*:*", "iam:PassRole", true},
		{"i*m:P*s*R*e", "iam:PassRole", true},
		{"", "", true},
		{"", "a", false},
		{"a**", "a", true},
	} {
		if got := wildcard.Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("wildcard.Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

// TestValidateConcurrent validates from several goroutines at once, as a
// compiler may, so that the race detector sees the memo of action
// verdicts shared.
func TestValidateConcurrent(t *testing.T) {
	d := MustParse(benchDoc)
	want := len(Validate(d, Identity))
	errs := make(chan int, 8)
	for i := 0; i < 8; i++ {
		go func() {
			n := 0
			for j := 0; j < 50; j++ {
				n = len(Validate(d, Identity))
			}
			errs <- n
		}()
	}
	for i := 0; i < 8; i++ {
		if n := <-errs; n != want {
			t.Errorf("%d problems, want %d", n, want)
		}
	}
}
