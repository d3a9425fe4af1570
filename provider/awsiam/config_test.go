package awsiam

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

func TestIAMRegion(t *testing.T) {
	for in, want := range map[string]string{
		"": "us-east-1", "eu-west-1": "us-east-1", "us-east-1": "us-east-1",
		"cn-northwest-1": "cn-north-1", "us-gov-east-1": "us-gov-west-1",
		"us-iso-west-1": "us-iso-east-1", "us-isob-east-1": "us-isob-east-1",
	} {
		if got := iamRegion(in); got != want {
			t.Errorf("iamRegion(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEndpointFromEnvironment: AWS_ENDPOINT_URL_IAM routes IAM, and STS
// follows it when nothing routes STS; IAM is signed for us-east-1 whatever
// the configured region.
func TestEndpointFromEnvironment(t *testing.T) {
	f, srv := newFake(t, nil)
	isolateEnv(t)
	t.Setenv("AWS_ENDPOINT_URL_IAM", srv.URL)
	p, err := New(context.Background(), fast(Options{}))
	if err != nil {
		t.Fatal(err)
	}
	id, err := p.Identity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if id.Account != "123456789012" || id.Caller != "arn:aws:iam::123456789012:user/ci" || id.Provider != "aws" {
		t.Errorf("identity = %+v", id)
	}
	if err := p.Do(context.Background(), &op.CreateGroup{GroupName: "g"}); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.scopes) != 2 || !strings.HasSuffix(f.scopes[0], "/eu-west-1/sts/aws4_request") || !strings.HasSuffix(f.scopes[1], "/us-east-1/iam/aws4_request") {
		t.Errorf("credential scopes = %q, want STS in the configured region and IAM in us-east-1", f.scopes)
	}
	// A second Identity is answered from memory.
	if _, err := p.Identity(context.Background()); err != nil || p.Calls()["GetCallerIdentity"] != 1 {
		t.Errorf("Identity called STS again: %v %v", err, p.Calls())
	}
}

// TestProfile: Options.Profile selects a shared config profile, with its
// credentials, region and endpoint; the option's endpoint wins over it.
func TestProfile(t *testing.T) {
	f, srv := newFake(t, nil)
	isolateEnv(t)
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION"} {
		os.Unsetenv(k)
	}
	dir := t.TempDir()
	config := filepath.Join(dir, "config")
	creds := filepath.Join(dir, "credentials")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(config, "[profile emu]\nregion = ap-southeast-2\nendpoint_url = "+srv.URL+"\n\n[profile other]\nregion = eu-central-1\nendpoint_url = http://127.0.0.1:1\n")
	write(creds, "[emu]\naws_access_key_id = AKIAPROFILEKEY000001\naws_secret_access_key = profilesecret\n\n[other]\naws_access_key_id = AKIAOTHERKEY00000001\naws_secret_access_key = othersecret\n")
	t.Setenv("AWS_CONFIG_FILE", config)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)

	p, err := New(context.Background(), fast(Options{Profile: "emu"}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Identity(context.Background()); err != nil {
		t.Fatalf("Identity through the profile's endpoint: %v", err)
	}
	f.mu.Lock()
	scope := f.scopes[0]
	f.mu.Unlock()
	if !strings.HasSuffix(scope, "/ap-southeast-2/sts/aws4_request") {
		t.Errorf("STS scope %q: not the profile's region", scope)
	}

	// The profile named in the environment, and --endpoint-url over the
	// profile's endpoint.
	t.Setenv("AWS_PROFILE", "other")
	p, err = New(context.Background(), fast(Options{EndpointURL: srv.URL}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Identity(context.Background()); err != nil {
		t.Fatalf("Identity with --endpoint-url: %v", err)
	}

	if _, err := New(context.Background(), Options{Profile: "missing"}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("an unknown profile: %v", err)
	}
}

func TestMaxAttempts(t *testing.T) {
	isolateEnv(t)
	ctx := context.Background()
	p, err := New(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.maxAttempts != DefaultMaxAttempts {
		t.Errorf("default attempts %d", p.maxAttempts)
	}
	t.Setenv("AWS_MAX_ATTEMPTS", "20")
	if p, _ = New(ctx, Options{}); p.maxAttempts != 20 {
		t.Errorf("AWS_MAX_ATTEMPTS ignored: %d", p.maxAttempts)
	}
	if p, _ = New(ctx, Options{MaxAttempts: 4}); p.maxAttempts != 4 {
		t.Errorf("Options.MaxAttempts ignored: %d", p.maxAttempts)
	}
}

func TestBackoff(t *testing.T) {
	b := backoff{base: 250 * 1e6, max: 20 * 1e9}
	total := 0.0
	for n := 1; n < DefaultMaxAttempts; n++ {
		d := expDelay(b.base, b.max, n)
		got, _ := b.BackoffDelay(n, nil)
		if got < d/2 || got > d {
			t.Errorf("retry %d: delay %s outside [%s, %s]", n, got, d/2, d)
		}
		total += d.Seconds()
	}
	if total > 115 {
		t.Errorf("the retries of one call may wait %.0fs in all", total)
	}
}

func TestQuotas(t *testing.T) {
	srv, _ := served(t, nil, iamapi.Options{})
	p := newServedProvider(t, srv.URL, Options{})
	q, err := p.Quotas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if q != model.DefaultQuotas {
		t.Errorf("a new account's quotas = %+v", q)
	}
	got := quotasFrom(map[string]int32{"UsersQuota": 5000, "RolesQuota": 2500, "AttachedPoliciesPerRoleQuota": 20, "AssumeRolePolicySizeQuota": 4096, "Users": 12})
	want := model.DefaultQuotas
	want.Roles, want.PoliciesPerRole, want.TrustPolicySize = 2500, 20, 4096
	if got != want {
		t.Errorf("quotasFrom = %+v, want %+v", got, want)
	}
}
