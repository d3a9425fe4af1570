package awsiam

import (
	"context"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/iamc/iamc/iamapi"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
)

func TestRedactForm(t *testing.T) {
	body := "Action=ChangePassword&Version=2010-05-08&OldPassword=old%2Bsecret&NewPassword=new+secret&UserName=tyler" +
		"&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%7D&Tags.member.1.Key=team&Tags.member.1.Value=a%20b" +
		"&SecretAccessKey=abc&SessionToken=tok&PrivateKey=pk&PasswordResetRequired=true&ServicePassword=sp"
	got := redactForm([]byte(body))
	want := "NewPassword=REDACTED OldPassword=REDACTED PasswordResetRequired=true PolicyDocument=(24 bytes) PrivateKey=REDACTED SecretAccessKey=REDACTED ServicePassword=REDACTED SessionToken=REDACTED Tags.member.1.Key=team Tags.member.1.Value=a+b UserName=tyler"
	if got != want {
		t.Errorf("redactForm\n got %s\nwant %s", got, want)
	}
}

// secrets are what must never appear in --debug output or logs.
func secrets(password string) []string {
	return []string{
		password, url.QueryEscape(password), strings.ReplaceAll(url.QueryEscape(password), "+", "%20"),
		testSecretKey, url.QueryEscape(testSecretKey), testSessionToken, testAccessKey,
		"Authorization:", "AWS4-HMAC-SHA256", "Credential=", "Signature=", "X-Amz-Security-Token", "x-amz-security-token",
	}
}

func TestDebugRedacts(t *testing.T) {
	const password = "Sup3r+Secret Pa55/word!"
	f, srv := newFake(t, func(action string, form url.Values, n int) answer {
		if action == "UpdateLoginProfile" {
			return answer{code: "PasswordPolicyViolation", msg: "Password does not conform to the account password policy."}
		}
		return answer{}
	})
	var debug syncBuffer
	var log logBuffer
	p := newTestProvider(t, srv.URL, Options{Debug: &debug, Logf: log.logf})
	ctx := context.Background()
	if _, err := p.Identity(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.Do(ctx, &op.CreateLoginProfile{UserName: "tyler", Password: password, PasswordResetRequired: true}); err != nil {
		t.Fatal(err)
	}
	err := p.Do(ctx, &op.UpdateLoginProfile{UserName: "tyler", PasswordResetRequired: true})
	if err == nil {
		t.Fatal("UpdateLoginProfile succeeded")
	}

	// The password did go to IAM.
	f.mu.Lock()
	sent := f.forms[1].Get("Password")
	f.mu.Unlock()
	if sent != password {
		t.Fatalf("the request carried Password %q", sent)
	}
	out := debug.String()
	for _, want := range []string{
		"aws: STS GetCallerIdentity attempt 1: status 200",
		"aws: IAM CreateLoginProfile attempt 1: status 200 in ",
		"request-id req-CreateLoginProfile-0",
		"params Password=REDACTED PasswordResetRequired=true UserName=tyler",
		"aws: IAM UpdateLoginProfile attempt 1: status 400",
		"error PasswordPolicyViolation",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("debug output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("%d debug lines for 3 requests:\n%s", n, out)
	}
	for _, s := range secrets(password) {
		for what, text := range map[string]string{"debug output": out, "log": log.String(), "error": err.Error()} {
			if strings.Contains(text, s) {
				t.Errorf("%s contains %q:\n%s", what, s, text)
			}
		}
	}
}

// TestDebugRedactsServed writes and reads a whole account with --debug on,
// credential report included, and finds no secret and no report content
// in the output.
func TestDebugRedactsServed(t *testing.T) {
	const password = "Served-Secret-Pa55word"
	seed := model.NewAccount(model.DefaultAccountID)
	for _, n := range []string{"ann", "bob", "cid", "dee"} {
		seed.AddUser(&model.User{Name: n, Path: "/", LoginProfile: &model.LoginProfile{Enabled: true}})
	}
	srv, _ := served(t, seed, iamapi.Options{ThrottleRate: 0.2, Seed: 3})
	var debug syncBuffer
	var log logBuffer
	p := newServedProvider(t, srv.URL, Options{Debug: &debug, Logf: log.logf})
	ctx := context.Background()
	if err := p.Do(ctx, &op.CreateUser{UserName: "eve"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Do(ctx, &op.CreateLoginProfile{UserName: "eve", Password: password}); err != nil {
		t.Fatal(err)
	}
	a, err := p.Read(ctx) // no hints: the credential report and every user's details
	if err != nil {
		t.Fatal(err)
	}
	if u := a.User("eve"); u == nil || u.LoginProfile == nil {
		t.Fatalf("eve's login profile was not read back")
	}
	out := debug.String()
	for _, want := range []string{"CreateLoginProfile", "Password=REDACTED", "GenerateCredentialReport", "IAM GetCredentialReport attempt 1: status 200", "error Throttling"} {
		if !strings.Contains(out, want) {
			t.Errorf("debug output lacks %q", want)
		}
	}
	// Neither the report's CSV nor its base64 form (it starts "user,arn,").
	forbidden := append(secrets(password), "password_enabled", "<root_account>", "user_creation_time",
		base64.StdEncoding.EncodeToString([]byte("user,arn,"))[:8])
	for _, s := range forbidden {
		if strings.Contains(out, s) || strings.Contains(log.String(), s) {
			t.Errorf("debug output or log contains %q", s)
		}
	}
}
