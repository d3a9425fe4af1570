package awsiam

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/memory"
)

// orgSize is the shape of a generated organisation.
type orgSize struct{ users, groups, roles, policies int }

// largeOrg is the organisation of the speed goals (DESIGN.md, the brief).
var largeOrg = orgSize{5000, 300, 1000, 1500}

// genOrg generates an organisation with every feature Read must show:
// paths, memberships, attachments, inline policies, boundaries, tags,
// policy versions, role descriptions, session durations and instance
// profiles, login profiles, and every kind of credential on some users.
func genOrg(n orgSize) *model.Account {
	a := model.NewAccount(model.DefaultAccountID)
	doc := func(i int, actions ...string) *policy.Document {
		return policy.MustParse(fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"S%d","Effect":"Allow","Action":%s,"Resource":"arn:aws:s3:::bucket-%d/*"}]}`,
			i, jsonStrings(actions), i))
	}
	trust := policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
	pARN := func(i int) string { return model.PolicyARN(a.ID, pathOf(i), fmt.Sprintf("pol-%d", i)) }
	for i := 0; i < n.policies; i++ {
		p := &model.ManagedPolicy{Name: fmt.Sprintf("pol-%d", i), Path: pathOf(i), Description: fmt.Sprintf("policy %d", i),
			Document: doc(i, "s3:GetObject", "s3:PutObject")}
		p.ARN = pARN(i)
		if i%5 == 0 {
			p.Tags = model.Tags{"owner": fmt.Sprintf("team-%d", i%7)}
		}
		if i%9 == 0 {
			p.Versions = []model.PolicyVersion{{ID: "v1"}, {ID: "v2"}, {ID: "v3", IsDefault: true}}
		}
		a.AddPolicy(p)
	}
	for i := 0; i < n.groups; i++ {
		g := &model.Group{Name: fmt.Sprintf("grp-%d", i), Path: "/"}
		g.ManagedPolicies = []string{pARN(i % n.policies), pARN((i + 1) % n.policies)}
		if i%3 == 0 {
			g.InlinePolicies = []model.InlinePolicy{{Name: "inline", Document: doc(i, "sqs:SendMessage")}}
		}
		a.AddGroup(g)
	}
	for i := 0; i < n.users; i++ {
		u := &model.User{Name: fmt.Sprintf("user-%d", i), Path: pathOf(i), Tags: model.Tags{"team": fmt.Sprintf("t%d", i%11)}}
		for k := 0; k < 1+i%3; k++ {
			u.Groups = append(u.Groups, fmt.Sprintf("grp-%d", (i+k*7)%n.groups))
		}
		if i%4 == 0 {
			u.ManagedPolicies = []string{pARN(i % n.policies)}
		}
		if i%7 == 0 {
			u.InlinePolicies = []model.InlinePolicy{{Name: "own", Document: doc(i, "dynamodb:GetItem")}}
		}
		if i%10 == 0 {
			u.PermissionsBoundary = pARN((i + 3) % n.policies)
		}
		if i%3 == 0 {
			u.LoginProfile = &model.LoginProfile{Enabled: true, PasswordResetRequired: i%2 == 0}
		}
		if i%5 == 0 {
			u.Credentials.AccessKeys = []model.AccessKey{{ID: fmt.Sprintf("AKIAGEN%013d", i), Active: true}}
		}
		if i%11 == 0 {
			u.Credentials.MFADevices = []model.MFADevice{{SerialNumber: "arn:aws:iam::" + a.ID + ":mfa/" + u.Name, Virtual: true}}
		}
		if i%13 == 0 {
			u.Credentials.SSHPublicKeys = []string{fmt.Sprintf("APKAGEN%013d", i)}
			u.Credentials.SigningCertificates = []string{fmt.Sprintf("CERTGEN%017d", i)}
			u.Credentials.ServiceSpecificCredentials = []string{fmt.Sprintf("ACCAGEN%013d", i)}
		}
		a.AddUser(u)
	}
	for i := 0; i < n.roles; i++ {
		r := &model.Role{Name: fmt.Sprintf("role-%d", i), Path: pathOf(i), AssumeRolePolicy: trust,
			Description: fmt.Sprintf("role %d", i), MaxSessionDuration: 3600 * (1 + i%4), Tags: model.Tags{"app": fmt.Sprintf("a%d", i%5)}}
		r.ManagedPolicies = []string{pARN((i * 3) % n.policies)}
		if i%2 == 0 {
			r.InlinePolicies = []model.InlinePolicy{{Name: "run", Document: doc(i, "logs:PutLogEvents")}}
		}
		if i%6 == 0 {
			r.InstanceProfiles = []string{r.Name}
		}
		a.AddRole(r)
	}
	return a
}

func pathOf(i int) string {
	if i%2 == 0 {
		return "/"
	}
	return "/team/"
}

func jsonStrings(s []string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// hintsFor makes the hints of a plan against seed: every entity declared
// but the deleted users (every 200th), console_access declared on a third
// of the users (enabled, or disabled on every 17th), tags declared on the
// policies that have them and as {} on every 50th.
func hintsFor(seed *model.Account) provider.ReadHints {
	d := seed.Clone()
	i := 0
	for _, u := range d.SortedUsers() {
		u.Credentials = model.Credentials{}
		switch {
		case i%200 == 1:
			delete(d.Users, model.Fold(u.Name))
		case i%17 == 0:
			u.LoginProfile = &model.LoginProfile{Enabled: false}
		case i%3 != 0:
			u.LoginProfile = nil
		}
		i++
	}
	i = 0
	for _, p := range d.SortedPolicies() {
		if p.Tags == nil && i%50 == 0 {
			p.Tags = model.Tags{}
		}
		i++
	}
	return provider.ReadHints{Desired: d, Scope: model.DefaultScope}
}

// expectedCalls is Read's call formula (see Provider.Read) worked out for
// a served account, whose credential report is always fresh and covers
// every user, and whose pages are full.
func expectedCalls(seed *model.Account, h *provider.ReadHints) map[string]int {
	e := len(seed.Users) + len(seed.Groups) + len(seed.Roles) + len(seed.Policies)
	want := map[string]int{
		"GetAccountAuthorizationDetails": ceilDiv(e, pageSize),
		"ListRoles":                      max(1, ceilDiv(len(seed.Roles), pageSize)),
		"GetAccountPasswordPolicy":       1,
		"ListAccountAliases":             1,
		"GetCallerIdentity":              1,
	}
	questions := 0
	deleted := func(u *model.User) {
		want["ListAccessKeys"]++
		want["ListSigningCertificates"]++
		want["ListSSHPublicKeys"]++
		want["ListServiceSpecificCredentials"]++
		questions++
		if u.LoginProfile != nil {
			want["GetLoginProfile"]++
		}
		if len(u.Credentials.MFADevices) > 0 {
			want["ListMFADevices"]++
		}
	}
	for _, u := range seed.Users {
		switch {
		case h == nil:
			deleted(u)
		case h.Desired.User(u.Name) == nil:
			deleted(u)
		case h.Desired.User(u.Name).LoginProfile != nil:
			// The report settles it where it agrees with the declaration.
			questions++
			if (u.LoginProfile != nil) != h.Desired.User(u.Name).LoginProfile.Enabled {
				want["GetLoginProfile"]++
			}
		}
	}
	for _, p := range seed.Policies {
		if h == nil || (h.Desired.Policy(p.Name) != nil && h.Desired.Policy(p.Name).Tags != nil) {
			want["ListPolicyTags"]++
		}
	}
	profiles := map[string]bool{}
	for _, r := range seed.Roles {
		for _, ip := range r.InstanceProfiles {
			profiles[model.Fold(ip)] = true
		}
	}
	for k := range seed.InstanceProfiles {
		profiles[k] = true
	}
	want["ListInstanceProfiles"] = max(1, ceilDiv(len(profiles), pageSize))
	want["ListOpenIDConnectProviders"], want["GetOpenIDConnectProvider"] = 1, len(seed.OIDCProviders)
	want["ListSAMLProviders"], want["GetSAMLProvider"] = 1, len(seed.SAMLProviders)
	for k := range profiles {
		if h == nil || (h.Desired.InstanceProfiles[k] != nil && h.Desired.InstanceProfiles[k].Tags != nil) {
			want["ListInstanceProfileTags"]++
		}
	}
	if questions >= reportMinUsers {
		// The account changed since any report: one STARTED, one COMPLETE.
		want["GenerateCredentialReport"] = 2
		want["GetCredentialReport"] = 1
	}
	for k, v := range want {
		if v == 0 {
			delete(want, k)
		}
	}
	return want
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// expectedAccount is what Read must return for seed with hints h: the
// memory account's own view, less what the hints say Read leaves out.
func expectedAccount(t *testing.T, acct *memory.Account, h *provider.ReadHints) *model.Account {
	t.Helper()
	want, err := acct.Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if h == nil {
		return want
	}
	for _, u := range want.Users {
		d := h.Desired.User(u.Name)
		if d == nil {
			continue // deleted: read whole
		}
		u.Credentials = model.Credentials{}
		switch {
		case d.LoginProfile == nil:
			u.LoginProfile = nil
		case u.LoginProfile != nil && d.LoginProfile.Enabled:
			// Settled by the report, which cannot show the flag; the plan
			// needs it only for profiles it creates.
			u.LoginProfile.PasswordResetRequired = false
		}
	}
	for _, p := range want.Policies {
		if d := h.Desired.Policy(p.Name); d == nil || d.Tags == nil {
			p.Tags = nil
		}
	}
	return want
}

func TestRead(t *testing.T) {
	seed := genOrg(orgSize{users: 1300, groups: 30, roles: 80, policies: 120})
	hints := hintsFor(seed)
	for _, tt := range []struct {
		name  string
		hints *provider.ReadHints
	}{
		{"without hints", nil},
		{"with hints", &hints},
	} {
		t.Run(tt.name, func(t *testing.T) {
			acct, err := memory.FromModel(seed)
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(iamapi.NewHandler(acct, servedOptions(iamapi.Options{})))
			t.Cleanup(srv.Close)
			p := newServedProvider(t, srv.URL, Options{})
			if tt.hints != nil {
				p.Hint(*tt.hints)
			}
			got, err := p.Read(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			want := expectedAccount(t, acct, tt.hints)
			if g, w := accountJSON(t, got), accountJSON(t, want); g != w {
				t.Errorf("Read differs from the account:\n%s", firstDiff(g, w))
			}
			t.Logf("%d calls: %v", p.TotalCalls(), p.Calls())
			wantCalls := expectedCalls(seed, tt.hints)
			if g, w := fmt.Sprint(p.Calls()), fmt.Sprint(wantCalls); g != w {
				t.Errorf("calls\n got %s\nwant %s", g, w)
			}
		})
	}
}

// accountJSON renders an account with its lists in one order: Read sorts
// memberships and attachments, the memory account keeps them as made.
func accountJSON(t *testing.T, a *model.Account) string {
	t.Helper()
	for _, u := range a.Users {
		u.Groups = sortedFold(u.Groups)
		sort.Strings(u.ManagedPolicies)
	}
	for _, g := range a.Groups {
		sort.Strings(g.ManagedPolicies)
	}
	for _, r := range a.Roles {
		sort.Strings(r.ManagedPolicies)
		r.InstanceProfiles = sortedFold(r.InstanceProfiles)
	}
	b, err := json.MarshalIndent(a, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// firstDiff shows the first differing line of two texts, with context.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			from := max(0, i-8)
			return fmt.Sprintf("line %d\n got: %s\nwant: %s\ncontext:\n%s", i+1, gl, wl, strings.Join(w[from:min(len(w), i+3)], "\n"))
		}
	}
	return ""
}

// BenchmarkReadLargeOrg reads the large generated organisation (5,000
// users, 300 groups, 1,000 roles, 1,500 policies) from a served account
// and reports the calls per Read: with the hints of a no-op plan that
// declares no console_access and no policy tags (bare), with hintsFor's
// (console_access on a third of the users, tags on a fifth of the
// policies, every 200th user deleted), and without hints.
func BenchmarkReadLargeOrg(b *testing.B) {
	seed := genOrg(largeOrg)
	hints := hintsFor(seed)
	// bare: a no-op plan of a configuration that declares no
	// console_access and no policy tags: the floor of Read's cost.
	bare := provider.ReadHints{Desired: seed.Clone(), Scope: model.DefaultScope}
	for _, u := range bare.Desired.Users {
		u.LoginProfile = nil
	}
	for _, p := range bare.Desired.Policies {
		p.Tags = nil
	}
	for _, bc := range []struct {
		name  string
		hints *provider.ReadHints
	}{
		{"bare", &bare},
		{"hints", &hints},
		{"nohints", nil},
	} {
		b.Run(bc.name, func(b *testing.B) {
			acct, err := memory.FromModel(seed)
			if err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(iamapi.NewHandler(acct, servedOptions(iamapi.Options{})))
			defer srv.Close()
			isolateEnvB(b)
			b.Setenv("AWS_SESSION_TOKEN", "") // iamc serve issues none
			calls := 0
			for i := 0; i < b.N; i++ {
				p, err := New(context.Background(), fast(Options{EndpointURL: srv.URL}))
				if err != nil {
					b.Fatal(err)
				}
				if bc.hints != nil {
					p.Hint(*bc.hints)
				}
				if _, err := p.Read(context.Background()); err != nil {
					b.Fatal(err)
				}
				calls = p.TotalCalls()
				if i == 0 {
					b.Logf("%d calls: %v", calls, p.Calls())
				}
			}
			b.ReportMetric(float64(calls), "calls/read")
		})
	}
}

func TestReadCancel(t *testing.T) {
	srv, _ := served(t, genOrg(orgSize{users: 50, groups: 5, roles: 5, policies: 5}), iamapi.Options{Latency: 800 * time.Millisecond})
	p := newServedProvider(t, srv.URL, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := p.Read(ctx)
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("Read took %s after its context was cancelled", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v", err)
	}
}

// TestReadForEvaluationCostsNoCallPerUser: the hints of iamc can
// --current and iamc audit read an account of 40 users and one of 400
// with the same calls.
func TestReadForEvaluationCostsNoCallPerUser(t *testing.T) {
	var calls []string
	for _, users := range []int{40, 400} {
		seed := genOrg(orgSize{users: users, groups: 10, roles: 10, policies: 20})
		acct, err := memory.FromModel(seed)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(iamapi.NewHandler(acct, servedOptions(iamapi.Options{})))
		t.Cleanup(srv.Close)
		p := newServedProvider(t, srv.URL, Options{})
		got, err := provider.ReadFor(context.Background(), p, provider.ForEvaluation(seed.ID))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Users) != users {
			t.Fatalf("read %d users, want %d", len(got.Users), users)
		}
		calls = append(calls, fmt.Sprint(p.Calls()))
	}
	if calls[0] != calls[1] {
		t.Errorf("the calls grow with the users:\n 40 users: %s\n400 users: %s", calls[0], calls[1])
	}
}
