package providertest

import (
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

func TestRebaseMovesTheSeedsOwnARNsOnly(t *testing.T) {
	s := &seed{Account: model.NewAccount(model.DefaultAccountID), pre: "x-"}
	s.policy("p")
	s.user("u", func(u *model.User) {
		u.ManagedPolicies = []string{s.policyARN("p"), readOnlyAccess}
		u.PermissionsBoundary = s.policyARN("p")
		u.Credentials.MFADevices = []model.MFADevice{{SerialNumber: mfaSerial(s.ID, "u"), Virtual: true}}
	})
	s.role("r", func(r *model.Role) { r.ManagedPolicies = []string{s.policyARN("p")} })
	out := Rebase(s.Account, "111122223333")
	if out.ID != "111122223333" {
		t.Errorf("id = %s", out.ID)
	}
	u := out.User("x-u")
	want := model.PolicyARN("111122223333", "/", "x-p")
	if u.ManagedPolicies[0] != want || u.ManagedPolicies[1] != readOnlyAccess || u.PermissionsBoundary != want ||
		u.Credentials.MFADevices[0].SerialNumber != mfaSerial("111122223333", "u") {
		t.Errorf("user = %+v", u)
	}
	if got := out.Role("x-r").ManagedPolicies[0]; got != want {
		t.Errorf("role policy = %s", got)
	}
	// The seed itself is left as it was.
	if s.User("x-u").ManagedPolicies[0] != s.policyARN("p") {
		t.Error("Rebase changed its argument")
	}
}

func TestDocumentsOfAGivenSize(t *testing.T) {
	for _, n := range []int{200, 2048, 6144} {
		if got := policy.SizeOfJSON(docOfSize(n)); got != n {
			t.Errorf("docOfSize(%d) has size %d", n, got)
		}
		if got := policy.SizeOfJSON(trustOfSize(n)); got != n {
			t.Errorf("trustOfSize(%d) has size %d", n, got)
		}
	}
}
