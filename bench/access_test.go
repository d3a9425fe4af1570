package bench

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/iamc/iamc/access"
	"github.com/iamc/iamc/audit"
	"github.com/iamc/iamc/lang"
	"github.com/iamc/iamc/model"
)

// canRequests draws n requests over the users and roles of the loaded
// organisation, with actions and resources its policies name.
func canRequests(a *model.Account, n int) []access.Request {
	r := rand.New(rand.NewPCG(3, 4))
	users, roles := a.SortedUsers(), a.SortedRoles()
	actions := []string{"s3:GetObject", "s3:PutObject", "s3:DeleteBucket", "ec2:DescribeInstances", "dynamodb:Query", "iam:CreateUser", "sts:AssumeRole"}
	out := make([]access.Request, n)
	for i := range out {
		req := access.Request{Action: actions[r.IntN(len(actions))], Resource: fmt.Sprintf("arn:aws:s3:::bucket-%d/key", r.IntN(100))}
		if req.Action == "sts:AssumeRole" {
			req.Resource = roles[r.IntN(len(roles))].ARN
		}
		if r.IntN(5) == 0 {
			req.Principal = access.Role(roles[r.IntN(len(roles))].Name)
		} else {
			req.Principal = access.User(users[r.IntN(len(users))].Name)
		}
		out[i] = req
	}
	return out
}

// BenchmarkCanLargeOrg is `iamc can` on the large generated organisation
// without the process around it: load the configuration, then evaluate
// one request.
func BenchmarkCanLargeOrg(b *testing.B) {
	dir := largeOrg(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cfg, diags := lang.Load(lang.Options{Dir: dir, AccountID: model.DefaultAccountID})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		e := access.New(cfg.Account, access.Options{})
		if _, err := e.Evaluate(canRequests(cfg.Account, 1)[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCanBatch10k is `iamc can --requests` with 10,000 requests on
// the large generated organisation: load, then evaluate them all.
func BenchmarkCanBatch10k(b *testing.B) {
	dir := largeOrg(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cfg, diags := lang.Load(lang.Options{Dir: dir, AccountID: model.DefaultAccountID})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		e := access.New(cfg.Account, access.Options{})
		allowed := 0
		for _, r := range canRequests(cfg.Account, 10000) {
			ans, err := e.Evaluate(r)
			if err != nil {
				b.Fatal(err)
			}
			if ans.Decision == access.Allowed {
				allowed++
			}
		}
		if allowed == 0 {
			b.Fatal("no request of the batch was allowed: the benchmark measures nothing real")
		}
	}
}

// BenchmarkAuditLargeOrg is the audit's own work on the large generated
// organisation, as declared: administrators, escalation paths and
// trusts of 5,000 users and 1,000 roles (no credential report).
func BenchmarkAuditLargeOrg(b *testing.B) {
	cfg, diags := lang.Load(lang.Options{Dir: largeOrg(b), AccountID: model.DefaultAccountID})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		audit.Run(audit.Input{Account: cfg.Account, Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	}
}
