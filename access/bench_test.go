package access

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/plan/plantest"
)

var (
	largeOnce sync.Once
	large     *model.Account
)

// largeAccount is plantest's large organisation (5,000 users, 300
// groups, 1,000 roles, 1,500 managed policies), with a boundary on every
// tenth user and an inline policy with a condition on every group.
func largeAccount() *model.Account {
	largeOnce.Do(func() {
		large = plantest.Org(plantest.LargeOrgSize, 1)
		arns := make([]string, 0, len(large.Policies))
		for _, p := range large.SortedPolicies() {
			arns = append(arns, model.PolicyARN(large.ID, p.Path, p.Name))
		}
		for i, u := range large.SortedUsers() {
			if i%10 == 0 {
				u.PermissionsBoundary = arns[i%len(arns)]
			}
		}
		for _, g := range large.SortedGroups() {
			g.InlinePolicies = append(g.InlinePolicies, model.InlinePolicy{Name: "mfa",
				Document: plantest.Allow([]string{"s3:GetObject"}, "arn:aws:s3:::home/${aws:username}/*")})
		}
	})
	return large
}

var benchActions = []string{"s3:GetObject", "s3:PutObject", "ec2:DescribeInstances", "dynamodb:GetItem", "kms:Decrypt", "iam:CreateUser", "sqs:SendMessage"}

// benchRequests draws n requests over the account's users and roles.
func benchRequests(a *model.Account, n int) []Request {
	r := rand.New(rand.NewPCG(1, 2))
	users, roles := a.SortedUsers(), a.SortedRoles()
	out := make([]Request, n)
	for i := range out {
		req := Request{Action: benchActions[r.IntN(len(benchActions))],
			Resource: fmt.Sprintf("arn:aws:s3:::bucket-%d/key", r.IntN(1500)),
			Context:  Context{"aws:MultiFactorAuthPresent": {"true"}}}
		if r.IntN(5) == 0 {
			req.Principal = Role(roles[r.IntN(len(roles))].Name)
		} else {
			req.Principal = User(users[r.IntN(len(users))].Name)
		}
		out[i] = req
	}
	return out
}

// BenchmarkEvaluateFirstRequest is what `iamc can` does after loading
// the account: a new evaluator and one request.
func BenchmarkEvaluateFirstRequest(b *testing.B) {
	a := largeAccount()
	reqs := benchRequests(a, 64)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := New(a, Options{}).Evaluate(reqs[i%len(reqs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateBatch10k is `iamc can --requests` with 10,000 lines:
// one evaluator, 10,000 requests over random principals.
func BenchmarkEvaluateBatch10k(b *testing.B) {
	a := largeAccount()
	reqs := benchRequests(a, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e := New(a, Options{})
		for _, r := range reqs {
			if _, err := e.Evaluate(r); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEvaluateWarm is one request to a warm evaluator: every
// document and policy set already compiled.
func BenchmarkEvaluateWarm(b *testing.B) {
	a := largeAccount()
	reqs := benchRequests(a, 10000)
	e := New(a, Options{})
	for _, r := range reqs {
		e.Evaluate(r)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Evaluate(reqs[i%len(reqs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateEveryPrincipal asks one question of each of the 6,000
// users and roles, as a plan's access section does for a changed group.
func BenchmarkEvaluateEveryPrincipal(b *testing.B) {
	a := largeAccount()
	var ps []Principal
	for _, u := range a.SortedUsers() {
		ps = append(ps, User(u.Name))
	}
	for _, r := range a.SortedRoles() {
		ps = append(ps, Role(r.Name))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e := New(a, Options{})
		for _, p := range ps {
			if _, err := e.Evaluate(Request{Principal: p, Action: "s3:PutObject", Resource: "arn:aws:s3:::bucket-7/x"}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
