package access

import "testing"

func TestRulesTrust(t *testing.T) {
	const (
		target   = "arn:aws:iam::123456789012:role/target"
		aliceARN = "arn:aws:iam::123456789012:user/alice"
		appARN   = "arn:aws:iam::123456789012:role/service/app"
		root     = "arn:aws:iam::123456789012:root"
		oidc     = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
		saml     = "arn:aws:iam::123456789012:saml-provider/corp"
	)
	trust := func(principal string, extra ...string) string {
		s := `{"Effect":"Allow","Principal":` + principal + `,"Action":"sts:AssumeRole"`
		if len(extra) > 0 {
			s += `,"Condition":` + extra[0]
		}
		return doc(s + "}")
	}
	aws := func(ids ...string) string { return `{"AWS":` + q(ids...) + `}` }
	assume := doc(stmt("Allow", q("sts:AssumeRole"), q("*")))
	noSTS := doc(stmt("Allow", q("s3:*"), q("*")))
	gh := Principal{KindFederated, oidc}
	runRuleCases(t, []ruleCase{
		{name: "trust naming the user suffices", page: pageDenyAllow, action: "sts:AssumeRole", resource: target, trust: trust(aws(aliceARN)), want: Allowed},
		{name: "trust naming the user is not limited by its boundary", page: pageDenyAllow, action: "sts:AssumeRole", resource: target, trust: trust(aws(aliceARN)), boundary: noSTS, want: Allowed},
		{name: "trust naming the user, identity deny", page: pageDenyAllow, action: "sts:AssumeRole", resource: target, trust: trust(aws(aliceARN)), identity: []string{doc(stmt("Deny", q("sts:*"), q("*")))}, want: ExplicitDeny},
		{name: "trust naming the user, boundary deny", page: pageBoundaries, action: "sts:AssumeRole", resource: target, trust: trust(aws(aliceARN)), boundary: doc(stmt("Deny", q("sts:AssumeRole"), q("*"))), want: ExplicitDeny},
		{name: "trust naming the user by unique id", page: pagePrincipal, action: "sts:AssumeRole", resource: target, trust: trust(aws("AIDAALICEEXAMPLE")), want: Allowed},
		{name: "trust naming the user with another path", page: pagePrincipal, who: User("bob"), action: "sts:AssumeRole", resource: target, trust: trust(aws("arn:aws:iam::123456789012:user/bob")), identity: []string{assume}, want: ImplicitDeny},
		{name: "trust naming another user", page: pageRoleTrust, action: "sts:AssumeRole", resource: target, trust: trust(aws("arn:aws:iam::123456789012:user/staff/bob")), identity: []string{assume}, want: ImplicitDeny},
		{name: "trust naming the account root needs an identity allow", page: pageDenyAllow, action: "sts:AssumeRole", resource: target, trust: trust(aws(root)), want: ImplicitDeny},
		{name: "trust naming the account root and an identity allow", page: pageDenyAllow, action: "sts:AssumeRole", resource: target, trust: trust(aws(root)), identity: []string{assume}, want: Allowed},
		{name: "trust naming the bare account id", page: pagePrincipal, action: "sts:AssumeRole", resource: target, trust: trust(aws("123456789012")), identity: []string{assume}, want: Allowed},
		{name: "trust naming the account, identity allows another role", page: pageDenyAllow, action: "sts:AssumeRole", resource: target, trust: trust(aws(root)), identity: []string{doc(stmt("Allow", q("sts:AssumeRole"), q("arn:aws:iam::123456789012:role/other")))}, want: ImplicitDeny},
		{name: "trust naming the account, boundary does not allow", page: pageBoundaries, action: "sts:AssumeRole", resource: target, trust: trust(aws(root)), identity: []string{assume}, boundary: noSTS, want: ImplicitDeny},
		{name: "trust naming the account, boundary allows", page: pageBoundaries, action: "sts:AssumeRole", resource: target, trust: trust(aws(root)), identity: []string{assume}, boundary: assume, want: Allowed},
		{name: "trust naming another account", page: pageDenyAllow, action: "sts:AssumeRole", resource: target, trust: trust(aws("arn:aws:iam::444455556666:root")), identity: []string{assume}, want: ImplicitDeny},
		{name: "trust naming only a service, identity allows", page: pageDenyAllow, action: "sts:AssumeRole", resource: target, trust: trust(`{"Service":"ec2.amazonaws.com"}`), identity: []string{assume}, want: ImplicitDeny},
		{name: "trust naming the role suffices", page: pageDenyAllow, who: Role("app"), action: "sts:AssumeRole", resource: target, trust: trust(aws(appARN)), want: Allowed},
		{name: "trust naming the role is limited by its boundary", page: pageDenyAllow, who: Role("app"), action: "sts:AssumeRole", resource: target, trust: trust(aws(appARN)), boundary: noSTS, want: ImplicitDeny},
		{name: "trust naming the role, boundary allows", page: pageDenyAllow, who: Role("app"), action: "sts:AssumeRole", resource: target, trust: trust(aws(appARN)), boundary: assume, want: Allowed},
		{name: "trust naming every principal, a user", page: pagePrincipal, action: "sts:AssumeRole", resource: target, trust: trust(`"*"`), want: Allowed},
		{name: "trust naming every AWS principal", page: pagePrincipal, action: "sts:AssumeRole", resource: target, trust: trust(aws("*")), want: Allowed},
		{name: "trust naming every principal covers a role's sessions", page: pagePrincipal, who: Role("app"), action: "sts:AssumeRole", resource: target, trust: trust(`"*"`), boundary: noSTS, want: Allowed},
		{name: "trust deny of the user", page: pageEval, action: "sts:AssumeRole", resource: target, trust: doc(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}`, `{"Effect":"Deny","Principal":{"AWS":"`+aliceARN+`"},"Action":"sts:AssumeRole"}`), want: ExplicitDeny},
		{name: "trust deny of another user", page: pageEval, action: "sts:AssumeRole", resource: target, trust: doc(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}`, `{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:user/staff/bob"},"Action":"sts:AssumeRole"}`), want: Allowed},
		{name: "trust with a condition that holds", page: pageCondOps, action: "sts:AssumeRole", resource: target, trust: trust(aws(aliceARN), `{"StringEquals":{"sts:ExternalId":"x-1"}}`), ctx: ctx("sts:ExternalId", "x-1"), want: Allowed},
		{name: "trust with a condition on an absent key", page: pageCondOps, action: "sts:AssumeRole", resource: target, trust: trust(aws(aliceARN), `{"StringEquals":{"sts:ExternalId":"x-1"}}`), want: ImplicitDeny, missing: []string{"sts:ExternalId"}},
		{name: "trust with MFA required", page: pageCondOps, action: "sts:AssumeRole", resource: target, trust: trust(aws(root), `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`), identity: []string{assume}, ctx: ctx("aws:MultiFactorAuthPresent", "true"), want: Allowed},
		{name: "trust action wildcard", page: pageAction, action: "sts:AssumeRole", resource: target, trust: doc(`{"Effect":"Allow","Principal":{"AWS":"` + aliceARN + `"},"Action":"sts:*"}`), want: Allowed},
		{name: "trust allowing only another action", page: pageAction, action: "sts:AssumeRole", resource: target, trust: doc(`{"Effect":"Allow","Principal":{"AWS":"` + aliceARN + `"},"Action":"sts:TagSession"}`), want: ImplicitDeny},
		{name: "sts:TagSession is governed by the trust", page: pageRoleTrust, action: "sts:TagSession", resource: target, trust: doc(`{"Effect":"Allow","Principal":{"AWS":"` + aliceARN + `"},"Action":["sts:AssumeRole","sts:TagSession"]}`), want: Allowed},
		{name: "web identity named in the trust", page: pagePrincipal, who: gh, action: "sts:AssumeRoleWithWebIdentity", resource: target, trust: doc(`{"Effect":"Allow","Principal":{"Federated":"` + oidc + `"},"Action":"sts:AssumeRoleWithWebIdentity"}`), want: Allowed},
		{name: "web identity with its sub condition", page: pageCondOps, who: gh, action: "sts:AssumeRoleWithWebIdentity", resource: target, trust: doc(`{"Effect":"Allow","Principal":{"Federated":"` + oidc + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}}`), ctx: ctx("token.actions.githubusercontent.com:sub", "repo:acme/app:ref:refs/heads/main"), want: Allowed},
		{name: "web identity, sub condition on an absent key", page: pageCondOps, who: gh, action: "sts:AssumeRoleWithWebIdentity", resource: target, trust: doc(`{"Effect":"Allow","Principal":{"Federated":"` + oidc + `"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}}`), want: ImplicitDeny, missing: []string{"token.actions.githubusercontent.com:sub"}},
		{name: "web identity not named", page: pageRoleTrust, who: gh, action: "sts:AssumeRoleWithWebIdentity", resource: target, trust: trust(aws(root)), want: ImplicitDeny},
		{name: "SAML provider named in the trust", page: pagePrincipal, who: Principal{KindFederated, saml}, action: "sts:AssumeRoleWithSAML", resource: target, trust: doc(`{"Effect":"Allow","Principal":{"Federated":"` + saml + `"},"Action":"sts:AssumeRoleWithSAML"}`), want: Allowed},
		{name: "trust naming a user of another account", page: pageRoleTrust, who: Foreign("arn:aws:iam::444455556666:user/ci"), action: "sts:AssumeRole", resource: target, trust: trust(aws("arn:aws:iam::444455556666:user/ci")), want: Allowed},
		{name: "trust naming another account allows its principals", page: pageRoleTrust, who: Foreign("arn:aws:iam::444455556666:user/ci"), action: "sts:AssumeRole", resource: target, trust: trust(aws("arn:aws:iam::444455556666:root")), want: Allowed},
		{name: "trust naming the account allows no other account", page: pageRoleTrust, who: Foreign("arn:aws:iam::444455556666:user/ci"), action: "sts:AssumeRole", resource: target, trust: trust(aws(root)), want: ImplicitDeny},
		{name: "trust deny of another account", page: pageRoleTrust, who: Foreign("arn:aws:iam::444455556666:root"), action: "sts:AssumeRole", resource: target, trust: doc(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}`, `{"Effect":"Deny","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}`), want: ExplicitDeny},
		{name: "the account's root, trust naming the account", page: pageRoleTrust, who: Foreign(root), action: "sts:AssumeRole", resource: target, trust: trust(aws("123456789012")), want: Allowed},
		{name: "the account's root, trust naming a user", page: pageRoleTrust, who: Foreign(root), action: "sts:AssumeRole", resource: target, trust: trust(aws(aliceARN)), want: ImplicitDeny},
		{name: "service named in the trust", page: pagePrincipal, who: Principal{KindService, "lambda.amazonaws.com"}, action: "sts:AssumeRole", resource: target, want: Allowed},
		{name: "service not named in the trust", page: pageRoleTrust, who: Principal{KindService, "ec2.amazonaws.com"}, action: "sts:AssumeRole", resource: target, want: ImplicitDeny},
		{name: "a service has no identity policies", page: pageSameAccount, who: Principal{KindService, "ec2.amazonaws.com"}, want: ImplicitDeny},
		{name: "a role outside the account: identity policies only", page: pageSameAccount, action: "sts:AssumeRole", resource: "arn:aws:iam::444455556666:role/x", identity: []string{assume}, want: Allowed},
		{name: "another action on the role is not governed by the trust", page: pageSameAccount, action: "iam:GetRole", resource: target, trust: trust(aws(aliceARN)), want: ImplicitDeny},
	})
}

func TestRulesTrustPrincipalElement(t *testing.T) {
	const target = "arn:aws:iam::123456789012:role/target"
	runRuleCases(t, []ruleCase{
		{name: "a trust statement without Principal never applies", page: pagePrincipal, action: "sts:AssumeRole", resource: target,
			trust: doc(`{"Effect":"Allow","Action":"sts:AssumeRole"}`), want: ImplicitDeny},
		{name: "a trust NotPrincipal leaves out the listed", page: pagePrincipal, action: "sts:AssumeRole", resource: target,
			trust: doc(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"sts:AssumeRole"}`), want: ImplicitDeny},
		{name: "a trust NotPrincipal covers the others", page: pagePrincipal, who: User("bob"), action: "sts:AssumeRole", resource: target,
			trust: doc(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"sts:AssumeRole"}`), want: Allowed},
		{name: "a Principal in an identity policy is ignored", page: pagePrincipal,
			identity: []string{doc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},"Action":"s3:GetObject","Resource":"*"}`)}, want: Allowed},
	})
}
