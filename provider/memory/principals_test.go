package memory

import (
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
)

// The conformance suite (provider/providertest) pins how trust policies
// treat principals on every provider; these tests pin what only the memory
// account does: its limits, its state file and its seeds.

func trustOf(ids ...string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["` + strings.Join(ids, `","`) + `"]},"Action":"sts:AssumeRole"}]}`
}

func wantTrust(t *testing.T, a *Account, role, want string) {
	t.Helper()
	got := mustRead(t, a).Role(role).AssumeRolePolicy
	if !policy.Equal(got, policy.MustParse(want)) {
		t.Errorf("role %s trusts %s; want %s", role, policy.CanonicalString(got), want)
	}
	// IAM's API (package iamapi) shows the text: it says the same.
	a.View(func(s *State) {
		if text := s.Role(role).AssumeRolePolicy; !policy.Equal(policy.MustParse(text), policy.MustParse(want)) {
			t.Errorf("role %s's trust text is %s; want %s", role, text, want)
		}
	})
}

func TestPrincipalsTheAccountCannotCheck(t *testing.T) {
	a := New("")
	// Users and roles of other accounts are taken: the account cannot know
	// whether they exist (IAM refuses those that do not).
	other := trustOf("arn:aws:iam::111122223333:user/anyone", "arn:aws:iam::111122223333:role/x/any", "111122223333")
	mustDo(t, a, &op.CreateRole{RoleName: "r", AssumeRolePolicyDocument: other})
	wantTrust(t, a, "r", other)
	// What is neither "*", an account id nor an ARN is no principal.
	for _, id := range []string{"AIDAJQABLZS4A3QDU576Q", "bob", "12345678901"} {
		err := a.Do(ctx, &op.UpdateAssumeRolePolicy{RoleName: "r", PolicyDocument: trustOf(id)})
		if !provider.IsCode(err, provider.Malformed) || !strings.Contains(err.Error(), `Invalid principal in policy: "AWS":"`+id+`"`) {
			t.Errorf("principal %q: %v; want MalformedPolicyDocument naming it", id, err)
		}
	}
}

func TestPrincipalsAreComparedWithoutRegardToCase(t *testing.T) {
	a := New("")
	mustDo(t, a, &op.CreateUser{UserName: "alice", Path: "/Staff/"})
	written := trustOf("arn:aws:iam::123456789012:user/staff/ALICE")
	mustDo(t, a, &op.CreateRole{RoleName: "r", AssumeRolePolicyDocument: written})
	// A change of case only leaves the trust as written.
	mustDo(t, a, &op.UpdateUser{UserName: "alice", NewUserName: "Alice"})
	wantTrust(t, a, "r", written)
	mustDo(t, a, &op.UpdateUser{UserName: "alice", NewUserName: "bob"})
	wantTrust(t, a, "r", trustOf("arn:aws:iam::123456789012:user/Staff/bob"))
}

func TestOnlyPrincipalsAreRewritten(t *testing.T) {
	a := New("")
	const arn = "arn:aws:iam::123456789012:user/alice"
	mustDo(t, a, &op.CreateUser{UserName: "alice"})
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["` + arn + `","arn:aws:iam::123456789012:root"]},"Action":"sts:AssumeRole",` +
		`"Condition":{"ArnEquals":{"aws:PrincipalArn":"` + arn + `"}}},{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	mustDo(t, a, &op.CreateRole{RoleName: "r", AssumeRolePolicyDocument: doc},
		&op.CreateRole{RoleName: "same", AssumeRolePolicyDocument: doc})
	id := mustRead(t, a).User("alice").ID
	mustDo(t, a, &op.DeleteUser{UserName: "alice"})
	want := strings.Replace(doc, `"AWS":["`+arn, `"AWS":["`+id, 1)
	wantTrust(t, a, "r", want)
	wantTrust(t, a, "same", want)
}

func TestRewritesFollowTheStateFile(t *testing.T) {
	path := statePath(t)
	a := mustOpen(t, path, Options{})
	mustDo(t, a, &op.CreateUser{UserName: "alice"}, &op.CreateRole{RoleName: "target", AssumeRolePolicyDocument: trustOf("123456789012")},
		&op.CreateRole{RoleName: "r", AssumeRolePolicyDocument: trustOf("arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:role/target")})
	target := mustRead(t, a).Role("target").ID
	mustDo(t, a, &op.DeleteRole{RoleName: "target"})
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	// The file holds the trust as IAM shows it, and the account opened
	// from it knows which trusts name whom.
	b := mustOpen(t, path, Options{})
	defer b.Close()
	wantTrust(t, b, "r", trustOf("arn:aws:iam::123456789012:user/alice", target))
	mustDo(t, b, &op.UpdateUser{UserName: "alice", NewPath: "/moved/"})
	wantTrust(t, b, "r", trustOf("arn:aws:iam::123456789012:user/moved/alice", target))
}

func TestSeedsKeepTheirTrustsAsTheyAre(t *testing.T) {
	m := model.NewAccount(model.DefaultAccountID)
	const ghost = "arn:aws:iam::123456789012:user/ghost"
	m.AddRole(&model.Role{Name: "r", Path: "/", AssumeRolePolicy: policy.MustParse(trustOf(ghost))})
	a, err := FromModel(m)
	if err != nil {
		t.Fatal(err)
	}
	wantTrust(t, a, "r", trustOf(ghost))
	// A user later created with that ARN is the one the trust names.
	mustDo(t, a, &op.CreateUser{UserName: "ghost"})
	id := mustRead(t, a).User("ghost").ID
	mustDo(t, a, &op.DeleteUser{UserName: "ghost"})
	wantTrust(t, a, "r", trustOf(id))
}
