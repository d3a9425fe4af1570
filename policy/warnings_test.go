package policy

import (
	"slices"
	"testing"
)

func TestValidateWarnings(t *testing.T) {
	runRules(t, []ruleCase{
		{rule: "allow-all", kind: Identity,
			pass: []string{
				doc(`{"Effect":"Deny","Action":"*","Resource":"*"}`),
				doc(`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/*"}`),
				doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`),
			},
			fail: []failure{
				{doc(`{"Effect":"Allow","Action":["s3:GetObject","*"],"Resource":["arn:aws:s3:::b","*"]}`), []string{"Statement[0].Action[1] allow-all"}},
				{doc(`{"Effect":"Allow","Action":"*:*","Resource":"*"}`), []string{"Statement[0].Action[0] allow-all"}},
			}},
		{rule: "passrole-wildcard", kind: Identity,
			pass: []string{
				doc(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app"}`),
				doc(`{"Effect":"Deny","Action":"iam:PassRole","Resource":"*"}`),
			},
			fail: []failure{
				{doc(`{"Effect":"Allow","Action":["s3:GetObject","iam:passrole"],"Resource":"*"}`), []string{"Statement[0].Action[1] passrole-wildcard"}},
				{doc(`{"Effect":"Allow","Action":"iam:Pass*","Resource":"*"}`), []string{"Statement[0].Action[0] passrole-wildcard"}},
				{doc(`{"Effect":"Allow","Action":"iam:*","Resource":"*"}`), []string{"Statement[0].Action[0] passrole-wildcard"}},
			}},
		{rule: "allow-not-action", kind: Identity,
			pass: []string{doc(`{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}`)},
			fail: []failure{{doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), []string{"Statement[0].NotAction allow-not-action"}}}},
		{rule: "open-trust", kind: Trust,
			pass: []string{
				doc(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}`),
				doc(`{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}`),
				doc(`{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole"}`),
			},
			fail: []failure{
				{doc(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}`), []string{"Statement[0].Principal open-trust"}},
				{doc(`{"Effect":"Allow","Principal":{"AWS":["123456789012","*"]},"Action":"sts:AssumeRole","Condition":{}}`), []string{"Statement[0].Principal.AWS[1] open-trust"}},
			}},
	})
}

func TestWarningCodes(t *testing.T) {
	for _, kind := range []Kind{Identity, Trust, Boundary} {
		codes := WarningCodes(kind)
		if !slices.IsSorted(codes) || !slices.Contains(codes, WarnLegacyAction) {
			t.Errorf("WarningCodes(%v) = %q: want sorted, with %q", kind, codes, WarnLegacyAction)
		}
	}
	if !slices.Contains(WarningCodes(Trust), WarnOpenTrust) || slices.Contains(WarningCodes(Identity), WarnOpenTrust) {
		t.Errorf("open-trust belongs to trust policies only")
	}
}
