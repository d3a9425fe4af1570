package iamapi

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/provider/memory"
)

func trustOf(principal string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":"sts:AssumeRole"}]}`
}

func stsClient(endpoint string, creds aws.CredentialsProvider) *sts.Client {
	return sts.New(sts.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint), Credentials: creds,
		HTTPClient: awshttp.NewBuildableClient(), RetryMaxAttempts: 1})
}

func iamWith(endpoint string, creds aws.CredentialsProvider) *iam.Client {
	return iam.New(iam.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint), Credentials: creds,
		HTTPClient: awshttp.NewBuildableClient(), RetryMaxAttempts: 1})
}

// TestAccountsAndAssumeRole serves two accounts, and checks that a
// request acts in the account of its key, and that AssumeRole issues
// session credentials when, and only when, the role's trust (and, across
// accounts, the caller's own policies) allow the caller.
func TestAccountsAndAssumeRole(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Now()}
	sec, prod := memory.New("111111111111"), memory.New("222222222222")
	do := func(a *memory.Account, o op.Op) {
		t.Helper()
		if err := a.Do(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	do(prod, &op.CreateRole{RoleName: "admin", Path: "/ops/", AssumeRolePolicyDocument: trustOf("arn:aws:iam::111111111111:root")})
	do(prod, &op.CreateRole{RoleName: "locked", AssumeRolePolicyDocument: trustOf("arn:aws:iam::333333333333:root")})
	do(sec, &op.CreateUser{UserName: "ci"})
	do(sec, &op.CreateRole{RoleName: "local", AssumeRolePolicyDocument: trustOf("arn:aws:iam::111111111111:user/ci")})
	m, err := NewAccounts([]*memory.Account{sec, prod}, Options{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewAccounts([]*memory.Account{sec, memory.New("111111111111")}, Options{}); err == nil || !strings.Contains(err.Error(), "served twice") {
		t.Fatalf("two accounts with one id: %v", err)
	}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	own := credentials.NewStaticCredentialsProvider(DefaultAccessKeyID, DefaultSecretAccessKey, "")
	ownSTS := stsClient(srv.URL, own)

	// The server's own key acts in the first account.
	who := must[*sts.GetCallerIdentityOutput](t)(ownSTS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}))
	if aws.ToString(who.Account) != "111111111111" {
		t.Fatalf("own key acts in %s", aws.ToString(who.Account))
	}

	// It assumes a role of the second account whose trust names its account.
	adminARN := "arn:aws:iam::222222222222:role/ops/admin"
	out := must[*sts.AssumeRoleOutput](t)(ownSTS.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(adminARN), RoleSessionName: aws.String("deploy")}))
	cr := out.Credentials
	if !strings.HasPrefix(aws.ToString(cr.AccessKeyId), "ASIA") || len(aws.ToString(cr.AccessKeyId)) != 20 || len(aws.ToString(cr.SecretAccessKey)) != 40 || aws.ToString(cr.SessionToken) == "" {
		t.Fatalf("credentials %+v", cr)
	}
	if d := cr.Expiration.Sub(clk.now()); d < 59*time.Minute || d > time.Hour {
		t.Fatalf("expires in %s, want an hour", d)
	}
	if got := aws.ToString(out.AssumedRoleUser.Arn); got != "arn:aws:sts::222222222222:assumed-role/admin/deploy" {
		t.Fatalf("assumed role user %s", got)
	}
	session := credentials.NewStaticCredentialsProvider(aws.ToString(cr.AccessKeyId), aws.ToString(cr.SecretAccessKey), aws.ToString(cr.SessionToken))
	who = must[*sts.GetCallerIdentityOutput](t)(stsClient(srv.URL, session).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}))
	if aws.ToString(who.Account) != "222222222222" || aws.ToString(who.Arn) != "arn:aws:sts::222222222222:assumed-role/admin/deploy" || !strings.HasPrefix(aws.ToString(who.UserId), "AROA") {
		t.Fatalf("session caller %s %s %s", aws.ToString(who.Account), aws.ToString(who.Arn), aws.ToString(who.UserId))
	}
	// The session's writes land in its account, not in the first.
	must[*iam.CreateUserOutput](t)(iamWith(srv.URL, session).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bob")}))
	var inProd, inSec bool
	prod.View(func(s *memory.State) { inProd = s.User("bob") != nil })
	sec.View(func(s *memory.State) { inSec = s.User("bob") != nil })
	if !inProd || inSec {
		t.Fatalf("bob in prod %v, in security %v", inProd, inSec)
	}
	// The session's key signs nothing without its token, or with another.
	_, err = iamWith(srv.URL, credentials.NewStaticCredentialsProvider(aws.ToString(cr.AccessKeyId), aws.ToString(cr.SecretAccessKey), "")).ListUsers(ctx, &iam.ListUsersInput{})
	wantCode(t, err, "InvalidClientTokenId", 403)
	_, err = iamWith(srv.URL, credentials.NewStaticCredentialsProvider(aws.ToString(cr.AccessKeyId), aws.ToString(cr.SecretAccessKey), "x"+aws.ToString(cr.SessionToken))).ListUsers(ctx, &iam.ListUsersInput{})
	wantCode(t, err, "InvalidClientTokenId", 403)

	// A trust that names another account denies; so do a missing role and an unserved account.
	for _, arn := range []string{"arn:aws:iam::222222222222:role/locked", "arn:aws:iam::222222222222:role/admin", "arn:aws:iam::222222222222:role/none", "arn:aws:iam::999999999999:role/admin"} {
		_, err = ownSTS.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String("deploy")})
		wantCode(t, err, "AccessDenied", 403)
	}
	// What iamc serve does not support is refused, and a duration past the role's maximum.
	_, err = ownSTS.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(adminARN), RoleSessionName: aws.String("deploy"), Policy: aws.String(`{}`)})
	wantCode(t, err, "ValidationError", 400)
	if !strings.Contains(err.Error(), "does not support session policies") {
		t.Fatalf("session policy: %v", err)
	}
	_, err = ownSTS.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(adminARN), RoleSessionName: aws.String("deploy"), DurationSeconds: aws.Int32(7200)})
	wantCode(t, err, "ValidationError", 400)

	// A user of the first account: its key acts there; across accounts it
	// needs its own policy's allow besides the trust; within its account
	// a trust naming it suffices.
	key := must[*iam.CreateAccessKeyOutput](t)(iamWith(srv.URL, own).CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("ci")})).AccessKey
	ci := credentials.NewStaticCredentialsProvider(aws.ToString(key.AccessKeyId), aws.ToString(key.SecretAccessKey), "")
	ciSTS := stsClient(srv.URL, ci)
	who = must[*sts.GetCallerIdentityOutput](t)(ciSTS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}))
	if aws.ToString(who.Arn) != "arn:aws:iam::111111111111:user/ci" {
		t.Fatalf("ci is %s", aws.ToString(who.Arn))
	}
	_, err = ciSTS.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(adminARN), RoleSessionName: aws.String("ci")})
	wantCode(t, err, "AccessDenied", 403)
	do(sec, &op.PutUserPolicy{UserName: "ci", PolicyName: "assume", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/ops/*"}]}`})
	must[*sts.AssumeRoleOutput](t)(ciSTS.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(adminARN), RoleSessionName: aws.String("ci")}))
	local := must[*sts.AssumeRoleOutput](t)(ciSTS.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::111111111111:role/local"), RoleSessionName: aws.String("ci")}))
	_, err = ownSTS.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::111111111111:role/local"), RoleSessionName: aws.String("x1")})
	wantCode(t, err, "AccessDenied", 403)

	// Expired, a session signs nothing.
	lc := local.Credentials
	localSession := credentials.NewStaticCredentialsProvider(aws.ToString(lc.AccessKeyId), aws.ToString(lc.SecretAccessKey), aws.ToString(lc.SessionToken))
	must[*iam.ListUsersOutput](t)(iamWith(srv.URL, localSession).ListUsers(ctx, &iam.ListUsersInput{}))
	// A session whose role is deleted since assumes nothing in another
	// account: denied, not a crash.
	do(sec, &op.DeleteRole{RoleName: "local"})
	_, err = stsClient(srv.URL, localSession).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(adminARN), RoleSessionName: aws.String("gone")})
	wantCode(t, err, "AccessDenied", 403)
	clk.advance(time.Hour + time.Second)
	_, err = iamWith(srv.URL, localSession).ListUsers(ctx, &iam.ListUsersInput{})
	wantCode(t, err, "ExpiredToken", 403)
}
