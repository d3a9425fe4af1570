package memory

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
)

func TestIDsAreIAMShapedUniqueAndReproducible(t *testing.T) {
	shape := regexp.MustCompile(`^(AIDA|AGPA|AROA|ANPA)[A-Z2-7]{17}$`)
	ids := func() []string {
		a := New("")
		mustDo(t, a, &op.CreateUser{UserName: "u"}, &op.CreateGroup{GroupName: "g"},
			&op.CreateRole{RoleName: "r", AssumeRolePolicyDocument: `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`},
			&op.CreatePolicy{PolicyName: "p", PolicyDocument: `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`})
		m := mustRead(t, a)
		return []string{m.User("u").ID, m.Group("g").ID, m.Role("r").ID, m.Policy("p").ID}
	}
	first, second := ids(), ids()
	seen := map[string]bool{}
	for i, id := range first {
		if !shape.MatchString(id) {
			t.Errorf("id %q is not IAM-shaped", id)
		}
		if seen[id[4:]] {
			t.Errorf("id %q repeats", id)
		}
		seen[id[4:]] = true
		if second[i] != id {
			t.Errorf("ids differ between identical runs: %s, %s", id, second[i])
		}
	}
	// A failed create consumes no id.
	a := New("")
	a.Do(ctx, &op.CreateUser{UserName: "bad name"})
	mustDo(t, a, &op.CreateUser{UserName: "u"})
	if got := mustRead(t, a).User("u").ID; got != first[0] {
		t.Errorf("id after a failed create = %s; want %s", got, first[0])
	}
}

func TestClockDatesWhatDoCreates(t *testing.T) {
	a := New("")
	a.Now = fixedClock
	mustDo(t, a, &op.CreateUser{UserName: "u"}, &op.CreateLoginProfile{UserName: "u", Password: "Three-kinds-here"})
	a.View(func(s *State) {
		u := s.User("U")
		if !u.CreateDate.Equal(fixedClock()) || !u.LoginProfile.CreateDate.Equal(fixedClock()) {
			t.Errorf("dates = %v, %v", u.CreateDate, u.LoginProfile.CreateDate)
		}
	})
}

func TestGenerationCountsSuccessfulCalls(t *testing.T) {
	a := New("")
	if a.Generation() != 0 {
		t.Fatal("a new account has a generation")
	}
	mustDo(t, a, &op.CreateUser{UserName: "u"})
	a.Do(ctx, &op.CreateUser{UserName: "u"})
	if g := a.Generation(); g != 1 {
		t.Errorf("generation = %d; want 1", g)
	}
}

func TestViewShowsWhatAWSReturns(t *testing.T) {
	a := sampleAccount(t)
	a.View(func(s *State) {
		if s.AccountID != "111122223333" || s.Alias != "acme-prod" || s.PasswordPolicy.MinimumLength != 14 {
			t.Errorf("account = %s %q %+v", s.AccountID, s.Alias, s.PasswordPolicy)
		}
		p := s.PolicyByARN("arn:aws:iam::111122223333:policy/team/read")
		if p == nil {
			t.Fatal("PolicyByARN found nothing")
		}
		if p.Usage != (PolicyUsage{AttachmentCount: 1, PermissionsBoundaryUsageCount: 1}) {
			t.Errorf("usage = %+v", p.Usage)
		}
		if s.PolicyByARN("arn:aws:iam::111122223333:policy/read") != nil || s.PolicyByARN("arn:aws:iam::999999999999:policy/team/read") != nil {
			t.Error("PolicyByARN matched another path or account")
		}
		if u := s.Usage("arn:aws:iam::aws:policy/ReadOnlyAccess"); u.AttachmentCount != 1 {
			t.Errorf("AWS policy usage = %+v", u)
		}
		if got := s.GroupMembers("devs"); len(got) != 1 || got[0].Name != "alice" {
			t.Errorf("members = %v", got)
		}
		if got := s.RoleInstanceProfiles("WEB"); len(got) != 1 || s.InstanceProfileARN(got[0]) != "arn:aws:iam::111122223333:instance-profile/web" {
			t.Errorf("instance profiles = %v", got)
		}
		r := s.Role("web")
		if r.Trust() == nil || r.InlinePolicies[0].Parsed() == nil || p.DefaultVersion().Parsed() == nil {
			t.Error("a parsed document is missing")
		}
		if s.UserARN(s.User("alice")) != "arn:aws:iam::111122223333:user/staff/alice" ||
			s.GroupARN(s.Group("devs")) != "arn:aws:iam::111122223333:group/Devs" ||
			s.RoleARN(r) != "arn:aws:iam::111122223333:role/web" {
			t.Error("an ARN is wrong")
		}
	})
	// Usage follows detaches and deletes.
	mustDo(t, a, &op.DetachUserPolicy{UserName: "alice", PolicyArn: "arn:aws:iam::111122223333:policy/team/read"},
		&op.DeleteUserPermissionsBoundary{UserName: "alice"},
		&op.DetachGroupPolicy{GroupName: "devs", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess"})
	a.View(func(s *State) {
		if u := s.Policy("read").Usage; u != (PolicyUsage{}) {
			t.Errorf("usage = %+v", u)
		}
		if len(s.AWSPolicyUsage) != 0 {
			t.Errorf("AWS usage = %v", s.AWSPolicyUsage)
		}
	})
}

func TestErrorsAreProviderErrors(t *testing.T) {
	a := New("")
	err := a.Do(ctx, &op.AttachUserPolicy{UserName: "nobody", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess"})
	pe, ok := err.(*provider.Error)
	if !ok || pe.Code != provider.NotFound || pe.Action != "AttachUserPolicy" || pe.Target != model.UserAddr("nobody") ||
		pe.Message != "The user with name nobody cannot be found." {
		t.Errorf("error = %#v", err)
	}
	if got := err.Error(); got != "user.nobody: AttachUserPolicy: NoSuchEntity: The user with name nobody cannot be found." {
		t.Errorf("Error() = %q", got)
	}
	if err := a.Do(ctx, nil); !provider.IsCode(err, provider.InvalidInput) {
		t.Errorf("nil op: %v", err)
	}
}

func TestEveryOpIsKnown(t *testing.T) {
	a := New("")
	for _, o := range append(op.All(), Calls()...) {
		if NewCall(o.Action()) == nil {
			t.Errorf("NewCall does not know %s", o.Action())
		}
		if err := a.Do(ctx, o); provider.IsCode(err, provider.Unsupported) {
			t.Errorf("%s: %v", o.Action(), err)
		}
	}
}

func TestFromModelRefusesInconsistentSeeds(t *testing.T) {
	doc := policy.MustParse(`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	for _, c := range []struct {
		name  string
		build func(m *model.Account)
		want  string
	}{
		{"a bad account id", func(m *model.Account) { m.ID = "12" }, "not 12 digits"},
		{"a membership of a missing group", func(m *model.Account) { m.AddUser(&model.User{Name: "u", Groups: []string{"g"}}) }, `group "g", which does not exist`},
		{"an attachment of a missing policy", func(m *model.Account) {
			m.AddUser(&model.User{Name: "u", ManagedPolicies: []string{"arn:aws:iam::123456789012:policy/nope"}})
		}, "does not exist"},
		{"a role without a trust policy", func(m *model.Account) { m.AddRole(&model.Role{Name: "r"}) }, "no trust policy"},
		{"a role's session duration out of range", func(m *model.Account) {
			m.AddRole(&model.Role{Name: "r", AssumeRolePolicy: doc, MaxSessionDuration: 60})
		}, "The maximum session duration 60 is out of range"},
		{"a role description IAM refuses", func(m *model.Account) {
			m.AddRole(&model.Role{Name: "r", AssumeRolePolicy: doc, Description: "a\u2028b"})
		}, "Value at 'description' failed to satisfy constraint"},
		{"a policy with two defaults", func(m *model.Account) {
			m.AddPolicy(&model.ManagedPolicy{Name: "p", Document: doc, Versions: []model.PolicyVersion{{ID: "v1", IsDefault: true}, {ID: "v2", IsDefault: true}}})
		}, "2 default versions"},
		{"a bad name", func(m *model.Account) { m.AddGroup(&model.Group{Name: "a b"}) }, `"a b"`},
		{"two users whose names fold to one", func(m *model.Account) {
			// Keyed by hand, not by folded name: both reach the seed.
			m.Users["1"] = &model.User{Name: "Tyler", Path: "/"}
			m.Users["2"] = &model.User{Name: "tyler", Path: "/"}
		}, `user "Tyler" and user "tyler" are two entities`},
		{"two roles in one instance profile", func(m *model.Account) {
			trust := policy.MustParse(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}`)
			m.AddRole(&model.Role{Name: "a", AssumeRolePolicy: trust, InstanceProfiles: []string{"ip"}})
			m.AddRole(&model.Role{Name: "b", AssumeRolePolicy: trust, InstanceProfiles: []string{"ip"}})
		}, "IAM allows one"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := model.NewAccount(model.DefaultAccountID)
			c.build(m)
			if _, err := FromModel(m); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("FromModel = %v; want %q", err, c.want)
			}
		})
	}
	if _, err := FromModel(nil); err == nil {
		t.Error("FromModel(nil) succeeded")
	}
}

// Read of an account seeded from a model gives the model back.
func TestFromModelReadsBack(t *testing.T) {
	a := sampleAccount(t)
	m := mustRead(t, a)
	b, err := FromModel(m)
	if err != nil {
		t.Fatal(err)
	}
	m2 := mustRead(t, b)
	j1, _ := m.MarshalJSON()
	j2, _ := m2.MarshalJSON()
	if string(j1) != string(j2) {
		t.Errorf("a seeded copy reads differently:\n%s\n%s", j1, j2)
	}
}

func TestConcurrentUse(t *testing.T) {
	a := New("")
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				name := "u" + string(rune('a'+i)) + string(rune('a'+j%26)) + string(rune('a'+j/26))
				if err := a.Do(ctx, &op.CreateUser{UserName: name}); err != nil {
					t.Error(err)
				}
				if _, err := a.Read(ctx); err != nil {
					t.Error(err)
				}
				a.View(func(s *State) { _ = len(s.Users) })
			}
		}()
	}
	wg.Wait()
	if n := len(mustRead(t, a).Users); n != 200 {
		t.Errorf("%d users; want 200", n)
	}
}

func TestFromModelWithQuotas(t *testing.T) {
	m := model.NewAccount(model.DefaultAccountID)
	m.AddUser(&model.User{Name: "a", Path: "/"})
	m.AddUser(&model.User{Name: "b", Path: "/"})
	q := model.DefaultQuotas
	q.Users = 1
	// The seed may hold more than the quotas allow; what follows may not.
	a, err := FromModelWithQuotas(m, q)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Quotas(ctx); got != q {
		t.Errorf("Quotas = %+v; want %+v", got, q)
	}
	if err := a.Do(ctx, &op.CreateUser{UserName: "c"}); !provider.IsCode(err, provider.LimitExceeded) {
		t.Errorf("a user over the quota: %v; want LimitExceeded", err)
	}
	mustDo(t, a, &op.DeleteUser{UserName: "a"}, &op.DeleteUser{UserName: "b"}, &op.CreateUser{UserName: "c"})
	// FromModel keeps the defaults.
	d, err := FromModel(m)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Quotas(ctx); got != model.DefaultQuotas {
		t.Errorf("FromModel's quotas = %+v", got)
	}
	q.Roles = 0
	if _, err := FromModelWithQuotas(m, q); err == nil || !strings.Contains(err.Error(), "quota roles is 0") {
		t.Errorf("a quota of 0: %v", err)
	}
}
