package plantest

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
)

func TestGenerateIsReproducible(t *testing.T) {
	for seed := range int64(20) {
		a := Generate(rand.New(rand.NewSource(seed)))
		b := Generate(rand.New(rand.NewSource(seed)))
		for _, pair := range [][2]*model.Account{{a.Desired, b.Desired}, {a.Current, b.Current}} {
			x, _ := json.Marshal(pair[0])
			y, _ := json.Marshal(pair[1])
			if string(x) != string(y) {
				t.Fatalf("seed %d: two generations differ", seed)
			}
		}
		if len(Diff(a.Desired, a.Desired.Clone(), a.Scope)) != 0 {
			t.Fatalf("seed %d: an account differs from its copy", seed)
		}
	}
}

func TestDiffFindsDifferences(t *testing.T) {
	want := Org(OrgSize{Users: 3, Groups: 2, Roles: 2, Policies: 3}, 1)
	for _, tc := range []struct {
		change func(a *model.Account)
		says   string
	}{
		{func(a *model.Account) { a.User("user-0001").Path = "/x/" }, "user user-0001: path /x/"},
		{func(a *model.Account) { a.User("user-0001").Groups = nil }, "user user-0001 groups"},
		{func(a *model.Account) { a.Group("group-001").ManagedPolicies = nil }, "group group-001 managed policies"},
		{func(a *model.Account) { a.Role("role-0000").AssumeRolePolicy = TrustService("x.amazonaws.com") }, "role role-0000: trust policy differs"},
		{func(a *model.Account) { a.Policy("policy-0002").Document = Allow([]string{"s3:*"}) }, "policy policy-0002: document differs"},
		{func(a *model.Account) { a.Policy("policy-0002").Tags = nil }, "policy policy-0002: tags"},
		{func(a *model.Account) { delete(a.Users, "user-0002") }, "user user-0002: missing"},
		{func(a *model.Account) { a.AddUser(&model.User{Name: "extra", Path: "/"}) }, "user extra: not declared but present"},
		{func(a *model.Account) { a.User("user-0000").LoginProfile = nil }, "user user-0000: has no login profile"},
	} {
		got := want.Clone()
		tc.change(got)
		d := strings.Join(Diff(want, got, nil), "\n")
		if !strings.Contains(d, tc.says) {
			t.Errorf("Diff says %q, want it to say %q", d, tc.says)
		}
	}
}

func TestSizedDoc(t *testing.T) {
	for _, n := range []int{100, 326, 1602, 5000} {
		d := SizedDoc(n)
		if got := policy.Size(d); got < n || got > n+30 {
			t.Errorf("SizedDoc(%d) has size %d", n, got)
		}
	}
}
