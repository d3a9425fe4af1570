package providertest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

// AWS managed policies the tests attach, and one that does not exist.
const (
	readOnlyAccess    = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	iamReadOnlyAccess = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
	misspelledAWS     = "arn:aws:iam::aws:policy/ReadOnlyAcess"
)

// allow is an identity policy allowing actions on everything.
func allow(actions ...string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":` + jsonList(actions) + `,"Resource":"*"}]}`
}

// trustDoc is a trust policy letting a service assume the role.
func trustDoc(service string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + service + `"},"Action":"sts:AssumeRole"}]}`
}

func jsonList(s []string) string {
	return `["` + strings.Join(s, `","`) + `"]`
}

// docOfSize is an identity policy whose size as IAM counts it (characters
// without white space) is exactly n: its Sid is padded.
func docOfSize(n int) string {
	return padSid(`{"Version":"2012-10-17","Statement":[{"Sid":"%s","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, n)
}

// trustOfSize is a trust policy of exactly n characters.
func trustOfSize(n int) string {
	return padSid(`{"Version":"2012-10-17","Statement":[{"Sid":"%s","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, n)
}

func padSid(format string, n int) string {
	base := len(format) - 2
	if n <= base {
		panic(fmt.Sprintf("providertest: a document of %d characters is too small", n))
	}
	return fmt.Sprintf(format, strings.Repeat("A", n-base))
}

func mustParse(s string) *policy.Document { return policy.MustParse(s) }

// user, group, role and policy return an entity of the test as Read
// returns it, failing the test when it is missing.
func (e *env) user(a *model.Account, name string) *model.User {
	e.t.Helper()
	u := a.User(e.n(name))
	if u == nil {
		e.t.Fatalf("Read has no user %s", e.n(name))
	}
	return u
}

func (e *env) group(a *model.Account, name string) *model.Group {
	e.t.Helper()
	g := a.Group(e.n(name))
	if g == nil {
		e.t.Fatalf("Read has no group %s", e.n(name))
	}
	return g
}

func (e *env) role(a *model.Account, name string) *model.Role {
	e.t.Helper()
	r := a.Role(e.n(name))
	if r == nil {
		e.t.Fatalf("Read has no role %s", e.n(name))
	}
	return r
}

func (e *env) policy(a *model.Account, name string) *model.ManagedPolicy {
	e.t.Helper()
	p := a.Policy(e.n(name))
	if p == nil {
		e.t.Fatalf("Read has no policy %s", e.n(name))
	}
	return p
}

// equalStrings fails the test unless got and want hold the same strings
// in the same order.
func (e *env) equalStrings(what string, got, want []string) {
	e.t.Helper()
	if !slices.Equal(got, want) {
		e.t.Errorf("%s = %q; want %q", what, got, want)
	}
}

// sameDoc fails the test unless got means the JSON text want.
func (e *env) sameDoc(what string, got *policy.Document, want string) {
	e.t.Helper()
	if got == nil || !policy.Equal(got, mustParse(want)) {
		e.t.Errorf("%s = %v; want %s", what, docString(got), want)
	}
}

func docString(d *policy.Document) string {
	if d == nil {
		return "<nil>"
	}
	return policy.CanonicalString(d)
}

func inlineNames(list []model.InlinePolicy) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.Name)
	}
	return out
}

// cleanup deletes everything the test's names name, in the order IAM
// requires, and puts back the alias and password policy. It goes on past
// errors: it is best effort, for runs against a real account.
func (e *env) cleanup() {
	a, err := e.p.Read(e.ctx)
	if err != nil {
		return
	}
	try := func(o op.Op) { _ = e.p.Do(e.ctx, o) }
	mine := func(name string) bool { return strings.HasPrefix(name, e.pre) }
	for _, u := range a.SortedUsers() {
		if !mine(u.Name) {
			continue
		}
		if u.LoginProfile != nil {
			try(&op.DeleteLoginProfile{UserName: u.Name})
		}
		c := u.Credentials
		for _, k := range c.AccessKeys {
			try(&op.DeleteAccessKey{UserName: u.Name, AccessKeyId: k.ID})
		}
		for _, x := range c.SigningCertificates {
			try(&op.DeleteSigningCertificate{UserName: u.Name, CertificateId: x})
		}
		for _, x := range c.SSHPublicKeys {
			try(&op.DeleteSSHPublicKey{UserName: u.Name, SSHPublicKeyId: x})
		}
		for _, x := range c.ServiceSpecificCredentials {
			try(&op.DeleteServiceSpecificCredential{UserName: u.Name, ServiceSpecificCredentialId: x})
		}
		for _, d := range c.MFADevices {
			try(&op.DeactivateMFADevice{UserName: u.Name, SerialNumber: d.SerialNumber})
			if d.Virtual {
				try(&op.DeleteVirtualMFADevice{SerialNumber: d.SerialNumber, User: u.Name})
			}
		}
		for _, p := range u.InlinePolicies {
			try(&op.DeleteUserPolicy{UserName: u.Name, PolicyName: p.Name})
		}
		for _, arn := range u.ManagedPolicies {
			try(&op.DetachUserPolicy{UserName: u.Name, PolicyArn: arn})
		}
		for _, g := range u.Groups {
			try(&op.RemoveUserFromGroup{GroupName: g, UserName: u.Name})
		}
		if u.PermissionsBoundary != "" {
			try(&op.DeleteUserPermissionsBoundary{UserName: u.Name})
		}
		try(&op.DeleteUser{UserName: u.Name})
	}
	for _, g := range a.SortedGroups() {
		if !mine(g.Name) {
			continue
		}
		for _, p := range g.InlinePolicies {
			try(&op.DeleteGroupPolicy{GroupName: g.Name, PolicyName: p.Name})
		}
		for _, arn := range g.ManagedPolicies {
			try(&op.DetachGroupPolicy{GroupName: g.Name, PolicyArn: arn})
		}
		try(&op.DeleteGroup{GroupName: g.Name})
	}
	for _, r := range a.SortedRoles() {
		if !mine(r.Name) || model.IsReservedPath(r.Path) {
			continue
		}
		for _, ip := range r.InstanceProfiles {
			try(&op.RemoveRoleFromInstanceProfile{InstanceProfileName: ip, RoleName: r.Name})
		}
		for _, p := range r.InlinePolicies {
			try(&op.DeleteRolePolicy{RoleName: r.Name, PolicyName: p.Name})
		}
		for _, arn := range r.ManagedPolicies {
			try(&op.DetachRolePolicy{RoleName: r.Name, PolicyArn: arn})
		}
		if r.PermissionsBoundary != "" {
			try(&op.DeleteRolePermissionsBoundary{RoleName: r.Name})
		}
		try(&op.DeleteRole{RoleName: r.Name})
	}
	for _, ip := range a.SortedInstanceProfiles() {
		if !mine(ip.Name) {
			continue
		}
		if ip.Role != "" && !mine(ip.Role) {
			try(&op.RemoveRoleFromInstanceProfile{InstanceProfileName: ip.Name, RoleName: ip.Role})
		}
		try(&op.DeleteInstanceProfile{InstanceProfileName: ip.Name})
	}
	for _, p := range a.SortedOIDCProviders() {
		if strings.HasPrefix(p.Name, "oidc.example.com/"+e.pre) {
			try(&op.DeleteOpenIDConnectProvider{OpenIDConnectProviderArn: p.ARN})
		}
	}
	for _, p := range a.SortedSAMLProviders() {
		if mine(p.Name) {
			try(&op.DeleteSAMLProvider{SAMLProviderArn: p.ARN})
		}
	}
	for _, p := range a.SortedPolicies() {
		if !mine(p.Name) {
			continue
		}
		for _, v := range p.Versions {
			if !v.IsDefault {
				try(&op.DeletePolicyVersion{PolicyArn: p.ARN, VersionId: v.ID})
			}
		}
		try(&op.DeletePolicy{PolicyArn: p.ARN})
	}
	if e.touchedAccount {
		e.restoreAccount(a)
	}
}

// restoreAccount puts back the alias and password policy the test found.
func (e *env) restoreAccount(a *model.Account) {
	try := func(o op.Op) { _ = e.p.Do(e.ctx, o) }
	switch {
	case e.alias != nil && (a.Alias == nil || *a.Alias != *e.alias):
		try(&op.CreateAccountAlias{AccountAlias: *e.alias})
	case e.alias == nil && a.Alias != nil:
		try(&op.DeleteAccountAlias{AccountAlias: *a.Alias})
	}
	switch {
	case e.passwordPolicy != nil:
		try(op.PasswordPolicyOp(*e.passwordPolicy))
	case a.PasswordPolicy != nil:
		try(&op.DeleteAccountPasswordPolicy{})
	}
}
