package awsiam

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/provider"
	"github.com/iamc/iamc/provider/memory"
	"github.com/iamc/iamc/provider/providertest"
)

// served starts an IAM endpoint serving a memory account seeded with seed
// (nil: empty) and returns it with its handler. It knows the tests' key
// (isolateEnv); newServedProvider signs with it.
func served(t *testing.T, seed *model.Account, o iamapi.Options) (*httptest.Server, *iamapi.Handler) {
	t.Helper()
	o = servedOptions(o)
	acct := memory.New("")
	if seed != nil {
		var err error
		if acct, err = memory.FromModel(seed); err != nil {
			t.Fatalf("seeding: %v", err)
		}
	}
	h := iamapi.NewHandler(acct, o)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, h
}

// servedOptions are o with the tests' key as the server's own.
func servedOptions(o iamapi.Options) iamapi.Options {
	o.AccessKeyID, o.SecretAccessKey = testAccessKey, testSecretKey
	return o
}

// newServedProvider returns a provider talking to a served account, as
// newTestProvider does but without a session token: iamc serve issues
// none, and refuses a request that carries one.
func newServedProvider(t *testing.T, endpoint string, o Options) *Provider {
	t.Helper()
	isolateEnv(t)
	t.Setenv("AWS_SESSION_TOKEN", "")
	o.EndpointURL = endpoint
	p, err := New(context.Background(), fast(o))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestConformanceServed runs the conformance suite against a memory
// account served over the IAM Query API: the SDK's requests, the XML it
// reads back, the error mapping and the read path end to end.
func TestConformanceServed(t *testing.T) {
	// The environment is set once for every subtest, which run in
	// parallel (t.Setenv is not allowed there).
	isolateEnv(t)
	t.Setenv("AWS_SESSION_TOKEN", "")
	providertest.RunDisposable(t, func(t *testing.T, seed *model.Account) provider.Provider {
		if n := entities(seed); testing.Short() && n > 1000 {
			t.Skipf("-short: a seed of %d entities costs tens of thousands of calls over the wire (Read without hints lists every user's credentials); the memory provider's run covers it", n)
		}
		srv, _ := served(t, seed, iamapi.Options{})
		p, err := New(context.Background(), fast(Options{EndpointURL: srv.URL}))
		if err != nil {
			t.Fatal(err)
		}
		return p
	})
}

func entities(a *model.Account) int {
	if a == nil {
		return 0
	}
	return len(a.Users) + len(a.Groups) + len(a.Roles) + len(a.Policies)
}

// TestConformanceAWS runs the conformance suite against the real AWS
// account of the ambient credentials. It changes that account (every name
// it uses starts with "ct" and a run token, and it deletes what it
// creates), so it runs only when IAMC_ACC=1.
func TestConformanceAWS(t *testing.T) {
	if os.Getenv("IAMC_ACC") != "1" {
		t.Skip("IAMC_ACC is not 1: not running the conformance suite against a real AWS account (set IAMC_ACC=1 with credentials for a disposable account)")
	}
	ctx := context.Background()
	p, err := New(ctx, Options{Logf: t.Logf})
	if err != nil {
		t.Skipf("no AWS configuration: %v", err)
	}
	id, err := p.Identity(ctx)
	if err != nil {
		t.Skipf("no usable AWS credentials: %v", err)
	}
	t.Logf("running against account %s as %s", id.Account, id.Caller)
	providertest.Run(t, func(t *testing.T, seed *model.Account) provider.Provider {
		if seed != nil && !seedable(seed) {
			t.Skip("this test needs a seed the real account cannot be given (credentials or reserved entities)")
		}
		p, err := New(ctx, Options{Logf: t.Logf})
		if err != nil {
			t.Fatal(err)
		}
		if seed != nil {
			if err := seedAWS(t, ctx, p, providertest.Rebase(seed, id.Account)); err != nil {
				t.Fatalf("seeding the account: %v", err)
			}
		}
		return p
	})
}
