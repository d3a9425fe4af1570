//go:build unix

package memory

import (
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/policy"
)

// bigAccount is an account of the size iamc must handle fast: 5,000
// users, 300 groups, 1,000 roles and 1,500 customer managed policies,
// with memberships, attachments, inline policies, tags, login profiles,
// access keys, policy versions and instance profiles.
func bigAccount(tb testing.TB) *model.Account {
	tb.Helper()
	const id = model.DefaultAccountID
	m := model.NewAccount(id)
	services := []string{"s3", "ec2", "dynamodb", "sqs", "sns", "logs", "kms", "lambda", "iam", "cloudwatch"}
	doc := func(i int, words ...string) *policy.Document {
		s := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[`+
			`{"Sid":"Read%d","Effect":"Allow","Action":["%s:Get*","%s:List*","%s:Describe*"],"Resource":["arn:aws:%s:::app-%d/*","arn:aws:%s:::app-%d"]},`+
			`{"Sid":"Write%d","Effect":"Allow","Action":["%s:Put*","%s:Delete*"],"Resource":"arn:aws:%s:::app-%d/data/*","Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]}}},`+
			`{"Effect":"Deny","NotAction":["iam:Get*","iam:List*"],"Resource":"arn:aws:iam::%s:role/%v*"}]}`,
			i, words[0], words[0], words[0], words[0], i, words[0], i, i, words[1], words[1], words[1], i, id, i)
		return policy.MustParse(s)
	}
	for i := range 1500 {
		p := &model.ManagedPolicy{Name: fmt.Sprintf("policy-%04d", i), Path: "/team/", Description: "generated",
			Document: doc(i, services[i%10], services[(i+3)%10]), Tags: model.Tags{"owner": "team-" + fmt.Sprint(i%20)}}
		if i%5 == 0 {
			p.Versions = []model.PolicyVersion{{ID: "v1"}, {ID: "v2"}, {ID: "v3", IsDefault: true}}
		}
		m.AddPolicy(p)
	}
	arn := func(i int) string { return model.PolicyARN(id, "/team/", fmt.Sprintf("policy-%04d", i%1500)) }
	for i := range 300 {
		m.AddGroup(&model.Group{Name: fmt.Sprintf("group-%03d", i), Path: "/",
			ManagedPolicies: []string{arn(i), arn(i + 300), arn(i + 600)},
			InlinePolicies:  []model.InlinePolicy{{Name: "inline", Document: doc(10000+i, services[i%10], services[(i+1)%10])}}})
	}
	for i := range 5000 {
		u := &model.User{Name: fmt.Sprintf("user-%04d", i), Path: "/staff/",
			Groups:          []string{fmt.Sprintf("group-%03d", i%300), fmt.Sprintf("group-%03d", (i+7)%300)},
			ManagedPolicies: []string{arn(i)},
			Tags:            model.Tags{"team": fmt.Sprint("t", i%50), "cost-center": fmt.Sprint(i % 13), "email": fmt.Sprintf("user-%04d@example.com", i)}}
		if i%10 == 0 {
			u.InlinePolicies = []model.InlinePolicy{{Name: "own", Document: doc(20000+i, services[i%10], services[(i+5)%10])}}
		}
		if i%3 == 0 {
			u.LoginProfile = &model.LoginProfile{Enabled: true}
		}
		if i%4 == 0 {
			u.Credentials.AccessKeys = []model.AccessKey{{ID: fmt.Sprintf("AKIA%016d", i), Active: true}}
		}
		m.AddUser(u)
	}
	for i := range 1000 {
		trust := policy.MustParse(fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ext-%d"}}}]}`, services[i%10], id, i))
		r := &model.Role{Name: fmt.Sprintf("role-%04d", i), Path: "/app/", Description: "generated role",
			MaxSessionDuration: 3600, AssumeRolePolicy: trust, ManagedPolicies: []string{arn(i + 7), arn(i + 11)},
			Tags: model.Tags{"app": fmt.Sprint("a", i%40), "env": "prod"}}
		if i%2 == 0 {
			r.InlinePolicies = []model.InlinePolicy{{Name: "own", Document: doc(30000+i, services[(i+2)%10], services[(i+4)%10])}}
		}
		if i%5 == 0 {
			r.InstanceProfiles = []string{r.Name}
		}
		m.AddRole(r)
	}
	return m
}

// bigStateFile writes the big account's state file and returns its path.
func bigStateFile(tb testing.TB) string {
	tb.Helper()
	a, err := FromModel(bigAccount(tb))
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "account.json")
	a.path, a.dirty = path, true
	if err := a.Save(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// The big account's file loads and reads back as it was seeded.
func TestBigAccountRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("big account")
	}
	want := bigAccount(t)
	a := mustOpen(t, bigStateFile(t), Options{ReadOnly: true})
	defer a.Close()
	got := mustRead(t, a)
	if len(got.Users) != 5000 || len(got.Groups) != 300 || len(got.Roles) != 1000 || len(got.Policies) != 1500 {
		t.Fatalf("sizes: %d users, %d groups, %d roles, %d policies", len(got.Users), len(got.Groups), len(got.Roles), len(got.Policies))
	}
	for _, name := range []string{"user-0000", "user-4999"} {
		w, g := want.User(name), got.User(name)
		if g.Path != w.Path || len(g.Groups) != 2 || g.ManagedPolicies[0] != w.ManagedPolicies[0] || len(g.Tags) != 3 {
			t.Errorf("%s = %+v", name, g)
		}
	}
	if p := got.Policy("policy-0005"); len(p.Versions) != 3 || !policy.Equal(p.Document, want.Policy("policy-0005").Document) {
		t.Errorf("policy-0005 = %+v", p)
	}
	if r := got.Role("role-0010"); !policy.Equal(r.AssumeRolePolicy, want.Role("role-0010").AssumeRolePolicy) || len(r.InstanceProfiles) != 1 {
		t.Errorf("role-0010 = %+v", r)
	}
}

// cpuTime is the CPU time the process has used, GC and all threads
// included: on a busy machine it measures the work better than the wall
// clock. Benchmarks report it per op as cpu-ms/op.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs fn as the benchmark's body and reports its CPU time per op.
func loop(b *testing.B, fn func()) {
	b.ResetTimer()
	start := cpuTime()
	n := 0
	for b.Loop() {
		fn()
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n)/1e6, "cpu-ms/op")
}

func BenchmarkOpen(b *testing.B) {
	path := bigStateFile(b)
	loop(b, func() {
		a, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		a.Close()
	})
}

func BenchmarkRead(b *testing.B) {
	a := mustOpen(&testing.T{}, bigStateFile(b), Options{ReadOnly: true})
	defer a.Close()
	loop(b, func() {
		if _, err := a.Read(ctx); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkSave writes the whole big account: encoding, write, fsync,
// rename.
func BenchmarkSave(b *testing.B) {
	path := bigStateFile(b)
	a, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	loop(b, func() {
		a.dirty = true
		if err := a.Save(); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkEncode is Save without the disk.
func BenchmarkEncode(b *testing.B) {
	a, err := FromModel(bigAccount(b))
	if err != nil {
		b.Fatal(err)
	}
	loop(b, func() {
		if _, err := encodeState(a.st); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkJournaledDo is a call made durable (appended to the journal
// and synced) by 1 and by 16 callers at once, who share syncs.
func BenchmarkJournaledDo(b *testing.B) {
	for _, callers := range []int{1, 16} {
		b.Run(fmt.Sprintf("callers=%d", callers), func(b *testing.B) {
			a, err := Open(filepath.Join(b.TempDir(), "account.json"), Options{Journal: true})
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			var n atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for c := 0; c < callers; c++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := n.Add(1); i <= int64(b.N); i = n.Add(1) {
						if err := a.Do(ctx, &op.CreateUser{UserName: fmt.Sprintf("u%d", i)}); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
		})
	}
}
