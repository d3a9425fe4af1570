package iamapi

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamc/iamc/provider/memory"
)

// TestSignatures sends requests signed right and wrong, as a client and
// as an attacker would, and checks each answer: AWS's code and status,
// and that a refused write changed nothing.
func TestSignatures(t *testing.T) {
	e := newEnv(t, nil, Options{})
	create := params("CreateUser", "UserName", "mallory")
	body := create.Encode()
	post := func() *http.Request {
		req, err := http.NewRequest(http.MethodPost, e.url+"/", strings.NewReader(body))
		check(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		return req
	}
	signedAt := func(at time.Time) *http.Request {
		req := post()
		sign(t, req, body, "", "", at)
		return req
	}
	editAuth := func(req *http.Request, old, new string) *http.Request {
		req.Header.Set("Authorization", strings.Replace(req.Header.Get("Authorization"), old, new, 1))
		return req
	}
	now := time.Now()
	for _, tc := range []struct {
		name    string
		req     func() *http.Request
		code    string
		message string
	}{
		{"the README's key", func() *http.Request { return signedAt(now) }, "", ""},
		{"no signature", post, "MissingAuthenticationToken", "Request is missing Authentication Token"},
		{"a forged signature", func() *http.Request {
			req := signedAt(now)
			auth := req.Header.Get("Authorization")
			i := strings.Index(auth, "Signature=") + len("Signature=")
			flip := "0"
			if auth[i] == '0' {
				flip = "1"
			}
			req.Header.Set("Authorization", auth[:i]+flip+auth[i+1:])
			return req
		}, "SignatureDoesNotMatch", "does not match the signature you provided"},
		{"the issue's deadbeef", func() *http.Request {
			return editAuth(signedAt(now), "Signature=", "Signature=deadbeef")
		}, "SignatureDoesNotMatch", "does not match"},
		{"a wrong secret", func() *http.Request {
			req := post()
			sign(t, req, body, DefaultAccessKeyID, "not-the-secret", now)
			return req
		}, "SignatureDoesNotMatch", "Check your AWS Secret Access Key"},
		{"an unknown key", func() *http.Request {
			req := post()
			sign(t, req, body, "AKIAIOSFODNN7EXAMPLE", DefaultSecretAccessKey, now)
			return req
		}, "InvalidClientTokenId", "The security token included in the request is invalid."},
		{"a body changed after signing", func() *http.Request {
			req := signedAt(now)
			other := params("CreateUser", "UserName", "malory").Encode()
			req.Body, req.ContentLength = http.NoBody, int64(len(other))
			r2, _ := http.NewRequest(http.MethodPost, e.url+"/", strings.NewReader(other))
			r2.Header = req.Header
			return r2
		}, "SignatureDoesNotMatch", "does not match"},
		{"signed 4 minutes ago", func() *http.Request { return signedAt(now.Add(-4 * time.Minute)) }, "", ""},
		{"signed 6 minutes ago", func() *http.Request { return signedAt(now.Add(-6 * time.Minute)) }, "SignatureDoesNotMatch", "Signature expired"},
		{"signed 6 minutes ahead", func() *http.Request { return signedAt(now.Add(6 * time.Minute)) }, "SignatureDoesNotMatch", "Signature not yet current"},
		{"host not signed", func() *http.Request {
			return editAuth(signedAt(now), "SignedHeaders=content-length;content-type;host;x-amz-date", "SignedHeaders=content-length;content-type;x-amz-date")
		}, "IncompleteSignature", "'Host' or ':authority' must be a 'SignedHeader'"},
		{"date not signed", func() *http.Request {
			return editAuth(signedAt(now), "SignedHeaders=content-length;content-type;host;x-amz-date", "SignedHeaders=content-length;content-type;host")
		}, "IncompleteSignature", "'X-Amz-Date' must be a 'SignedHeader'"},
		{"no date", func() *http.Request {
			req := signedAt(now)
			req.Header.Del("X-Amz-Date")
			return req
		}, "IncompleteSignature", "'X-Amz-Date' or a 'Date' header"},
		{"a signed header missing", func() *http.Request {
			return editAuth(signedAt(now), "SignedHeaders=content-length;content-type;host;x-amz-date", "SignedHeaders=content-length;content-type;host;x-amz-date;x-extra")
		}, "SignatureDoesNotMatch", "does not match"},
		{"another service", func() *http.Request {
			req := post()
			sum := sha256Hex(body)
			check(t, signer().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}, req, sum, "s3", "us-east-1", now))
			return req
		}, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'iam'"},
		{"a scope of another day", func() *http.Request {
			return editAuth(signedAt(now), "/"+now.UTC().Format("20060102")+"/", "/20200101/")
		}, "SignatureDoesNotMatch", "Date in Credential scope does not match"},
		{"a session token STS never issued", func() *http.Request {
			req := post()
			check(t, signer().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test", SessionToken: "tok"}, req, sha256Hex(body), "iam", "us-east-1", now))
			return req
		}, "InvalidClientTokenId", "The security token included in the request is invalid."},
		{"signature version 2", func() *http.Request {
			req := post()
			req.Header.Set("Authorization", "AWS test:c2lnbmF0dXJl")
			return req
		}, "IncompleteSignature", "AWS4-HMAC-SHA256"},
		{"a malformed credential", func() *http.Request {
			return editAuth(signedAt(now), "Credential=test/", "Credential=test-")
		}, "IncompleteSignature", "Credential must have exactly 5 slash-delimited elements"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := e.do(tc.req())
			if tc.code == "" {
				if status != 200 {
					t.Fatalf("%d %s", status, out)
				}
				_, err := e.iam.DeleteUser(e.ctx, &iam.DeleteUserInput{UserName: aws.String("mallory")})
				check(t, err)
				return
			}
			er := parseError(t, out)
			if status != 403 || er.Error.Code != tc.code || !strings.Contains(er.Error.Message, tc.message) {
				t.Fatalf("got %d %s %q, want 403 %s containing %q", status, er.Error.Code, er.Error.Message, tc.code, tc.message)
			}
			e.acct.View(func(s *memory.State) {
				if s.User("mallory") != nil {
					t.Fatal("a refused request created the user")
				}
			})
		})
	}
}

// TestPresignedURLs checks the query form of SigV4: a URL that any page
// could make the browser GET must carry a valid, unexpired signature.
func TestPresignedURLs(t *testing.T) {
	e := newEnv(t, nil, Options{})
	target := e.url + "/?" + params("CreateUser", "UserName", "mallory").Encode()
	now := time.Now()
	for _, tc := range []struct {
		name    string
		req     func() *http.Request
		code    string
		message string
	}{
		{"valid", func() *http.Request { return presigned(t, target, "", now, 60) }, "", ""},
		{"a bad signature", func() *http.Request {
			req := presigned(t, target, "", now, 60)
			q := req.URL.Query()
			q.Set("X-Amz-Signature", "deadbeef"+q.Get("X-Amz-Signature")[8:])
			req.URL.RawQuery = q.Encode()
			return req
		}, "SignatureDoesNotMatch", "does not match"},
		{"the issue's forged GET", func() *http.Request {
			req, _ := http.NewRequest(http.MethodGet, target+"&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260101%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=deadbeef", nil)
			return req
		}, "SignatureDoesNotMatch", ""},
		{"a wrong secret", func() *http.Request { return presigned(t, target, "guess", now, 60) }, "SignatureDoesNotMatch", "does not match"},
		{"a parameter added", func() *http.Request {
			req := presigned(t, target, "", now, 60)
			req.URL.RawQuery += "&Path=%2Fx%2F"
			return req
		}, "SignatureDoesNotMatch", "does not match"},
		{"expired", func() *http.Request { return presigned(t, target, "", now.Add(-2*time.Minute), 60) }, "SignatureDoesNotMatch", "Signature expired"},
		{"valid for a day, signed an hour ago", func() *http.Request { return presigned(t, target, "", now.Add(-time.Hour), 86400) }, "", ""},
		{"no expiry, signed 10 minutes ago", func() *http.Request { return presigned(t, target, "", now.Add(-10*time.Minute), 0) }, "SignatureDoesNotMatch", "Signature expired"},
		{"expiry past a week", func() *http.Request {
			req := presigned(t, target, "", now, 60)
			q := req.URL.Query()
			q.Set("X-Amz-Expires", "604801")
			req.URL.RawQuery = q.Encode()
			return req
		}, "IncompleteSignature", "X-Amz-Expires"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := e.do(tc.req())
			if tc.code == "" {
				if status != 200 {
					t.Fatalf("%d %s", status, out)
				}
				_, err := e.iam.DeleteUser(e.ctx, &iam.DeleteUserInput{UserName: aws.String("mallory")})
				check(t, err)
				return
			}
			er := parseError(t, out)
			if status != 403 || er.Error.Code != tc.code || !strings.Contains(er.Error.Message, tc.message) {
				t.Fatalf("got %d %s %q, want 403 %s containing %q", status, er.Error.Code, er.Error.Message, tc.code, tc.message)
			}
			e.acct.View(func(s *memory.State) {
				if s.User("mallory") != nil {
					t.Fatal("a refused request created the user")
				}
			})
		})
	}
}

// TestWebPagesAreRefused checks what a browser would send for a page:
// refused whatever the signature, since the default key is public.
func TestWebPagesAreRefused(t *testing.T) {
	e := newEnv(t, nil, Options{})
	body := params("CreateUser", "UserName", "mallory").Encode()
	port := e.url[strings.LastIndex(e.url, ":"):]
	for _, tc := range []struct {
		name   string
		host   string
		header map[string]string
		ok     bool
	}{
		{"127.0.0.1", "127.0.0.1" + port, nil, true},
		{"localhost", "localhost" + port, nil, true},
		{"[::1]", "[::1]" + port, nil, true},
		{"LOCALHOST, no port", "LOCALHOST", nil, true},
		{"an Origin", "", map[string]string{"Origin": "https://evil.example"}, false},
		{"a null Origin", "", map[string]string{"Origin": "null"}, false},
		{"cross-site", "", map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{"same-site", "", map[string]string{"Sec-Fetch-Site": "same-site"}, false},
		{"DNS rebinding", "evil.example" + port, nil, false},
		{"another loopback name", "127.0.0.2" + port, nil, false},
		{"a loopback name as a prefix", "localhost.evil.example" + port, nil, false},
		{"a bad port", "localhost:80x", nil, false},
		{"no host", "-", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, e.url+"/", strings.NewReader(body))
			check(t, err)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			switch tc.host {
			case "":
			case "-":
				req.Host = ""
				req.Header.Set("Host", "")
			default:
				req.Host = tc.host
			}
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			sign(t, req, body, "", "", time.Time{})
			if tc.host == "-" {
				req.Host = " "
			}
			status, out := e.do(req)
			if tc.ok {
				if status != 200 {
					t.Fatalf("%d %s", status, out)
				}
				_, err := e.iam.DeleteUser(e.ctx, &iam.DeleteUserInput{UserName: aws.String("mallory")})
				check(t, err)
				return
			}
			if er := parseError(t, out); status != 403 || er.Error.Code != "AccessDenied" {
				t.Fatalf("got %d %s %q, want 403 AccessDenied", status, er.Error.Code, er.Error.Message)
			}
			e.acct.View(func(s *memory.State) {
				if s.User("mallory") != nil {
					t.Fatal("a refused request created the user")
				}
			})
		})
	}

	// With AnyHost (--allow-remote), any Host is served; web pages
	// still are not.
	r := newEnv(t, nil, Options{AnyHost: true, SecretAccessKey: "own-secret"})
	for _, hdr := range []map[string]string{nil, {"Origin": "https://evil.example"}} {
		req, _ := http.NewRequest(http.MethodPost, r.url+"/", strings.NewReader(params("ListUsers").Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Host = "iam.internal.example:8080"
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		sign(t, req, params("ListUsers").Encode(), DefaultAccessKeyID, "own-secret", time.Time{})
		status, out := r.do(req)
		if want := map[bool]int{true: 200, false: 403}[hdr == nil]; status != want {
			t.Fatalf("AnyHost with %v: %d %s", hdr, status, out)
		}
	}
}

// TestStatsNeedASignature checks that the counters can be neither read
// nor reset without a signature.
func TestStatsNeedASignature(t *testing.T) {
	e := newEnv(t, nil, Options{})
	must[*iam.ListUsersOutput](t)(e.iam.ListUsers(e.ctx, &iam.ListUsersInput{}))
	for _, tc := range []struct{ method, path string }{{"GET", "/iamc/stats"}, {"POST", "/iamc/stats/reset"}} {
		req, _ := http.NewRequest(tc.method, e.url+tc.path, nil)
		status, out := e.do(req)
		if er := parseError(t, out); status != 403 || er.Error.Code != "MissingAuthenticationToken" {
			t.Fatalf("%s %s unsigned: %d %s", tc.method, tc.path, status, out)
		}
		req, _ = http.NewRequest(tc.method, e.url+tc.path, nil)
		sign(t, req, "", DefaultAccessKeyID, "wrong", time.Time{})
		status, out = e.do(req)
		if er := parseError(t, out); status != 403 || er.Error.Code != "SignatureDoesNotMatch" {
			t.Fatalf("%s %s badly signed: %d %s", tc.method, tc.path, status, out)
		}
	}
	if st := e.h.Stats(); st.Actions["ListUsers"] != 1 {
		t.Fatalf("the counters were reset without a signature: %+v", st)
	}
	req, _ := http.NewRequest("POST", e.url+"/iamc/stats/reset", nil)
	sign(t, req, "", "", "", time.Time{})
	if status, out := e.do(req); status != 200 || e.h.Stats().Total != 0 {
		t.Fatalf("signed reset: %d %s", status, out)
	}
}

// TestOwnKey checks that a server started with a key of its own knows
// that key and no longer the default one.
func TestOwnKey(t *testing.T) {
	e := newEnv(t, nil, Options{AccessKeyID: "AKIAOWNKEY0000000001", SecretAccessKey: "own-secret"})
	_, err := e.iam.ListUsers(e.ctx, &iam.ListUsersInput{})
	wantCode(t, err, "InvalidClientTokenId", 403)
	c := iamClient(e.url, "AKIAOWNKEY0000000001", "own-secret")
	must[*iam.ListUsersOutput](t)(c.ListUsers(e.ctx, &iam.ListUsersInput{}))
}

// TestAccountKeysSign checks the access keys the server creates: the
// secret is answered once, the key signs as its user while Active, and
// no longer once Inactive or deleted.
func TestAccountKeysSign(t *testing.T) {
	e := newEnv(t, nil, Options{})
	must[*iam.CreateUserOutput](t)(e.iam.CreateUser(e.ctx, &iam.CreateUserInput{UserName: aws.String("alice"), Path: aws.String("/staff/")}))
	_, err := e.iam.CreateAccessKey(e.ctx, &iam.CreateAccessKeyInput{})
	wantCode(t, err, "ValidationError", 400)
	out := must[*iam.CreateAccessKeyOutput](t)(e.iam.CreateAccessKey(e.ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")}))
	k := out.AccessKey
	if aws.ToString(k.UserName) != "alice" || len(aws.ToString(k.AccessKeyId)) != 20 || len(aws.ToString(k.SecretAccessKey)) != 40 || k.Status != "Active" || k.CreateDate == nil {
		t.Fatalf("CreateAccessKey answered %+v", k)
	}
	id, secret := aws.ToString(k.AccessKeyId), aws.ToString(k.SecretAccessKey)
	alice := iamClient(e.url, id, secret)
	aliceSTS := sts.New(sts.Options{Region: "us-east-1", BaseEndpoint: aws.String(e.url),
		Credentials: credentials.NewStaticCredentialsProvider(id, secret, ""), HTTPClient: awshttp.NewBuildableClient(), RetryMaxAttempts: 1})
	who := must[*sts.GetCallerIdentityOutput](t)(aliceSTS.GetCallerIdentity(e.ctx, &sts.GetCallerIdentityInput{}))
	if aws.ToString(who.Arn) != "arn:aws:iam::123456789012:user/staff/alice" || !strings.HasPrefix(aws.ToString(who.UserId), "AIDA") {
		t.Fatalf("caller %s %s", aws.ToString(who.Arn), aws.ToString(who.UserId))
	}
	// Without UserName, a key's own user.
	second := must[*iam.CreateAccessKeyOutput](t)(alice.CreateAccessKey(e.ctx, &iam.CreateAccessKeyInput{}))
	if aws.ToString(second.AccessKey.UserName) != "alice" {
		t.Fatalf("second key for %s", aws.ToString(second.AccessKey.UserName))
	}
	lk := must[*iam.ListAccessKeysOutput](t)(e.iam.ListAccessKeys(e.ctx, &iam.ListAccessKeysInput{UserName: aws.String("alice")}))
	if len(lk.AccessKeyMetadata) != 2 {
		t.Fatalf("keys %+v", lk.AccessKeyMetadata)
	}
	// Inactive, the key signs nothing; Active again, it does.
	must[*iam.UpdateAccessKeyOutput](t)(alice.UpdateAccessKey(e.ctx, &iam.UpdateAccessKeyInput{AccessKeyId: aws.String(id), Status: "Inactive"}))
	_, err = alice.ListUsers(e.ctx, &iam.ListUsersInput{})
	wantCode(t, err, "InvalidClientTokenId", 403)
	must[*iam.UpdateAccessKeyOutput](t)(e.iam.UpdateAccessKey(e.ctx, &iam.UpdateAccessKeyInput{UserName: aws.String("alice"), AccessKeyId: aws.String(id), Status: "Active"}))
	must[*iam.ListUsersOutput](t)(alice.ListUsers(e.ctx, &iam.ListUsersInput{}))
	// Deleted, it signs nothing, and its secret is forgotten.
	must[*iam.DeleteAccessKeyOutput](t)(e.iam.DeleteAccessKey(e.ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("alice"), AccessKeyId: aws.String(id)}))
	_, err = alice.ListUsers(e.ctx, &iam.ListUsersInput{})
	wantCode(t, err, "InvalidClientTokenId", 403)
	if _, ok := e.h.secrets.get(id); ok {
		t.Fatal("the deleted key's secret is still kept")
	}
}

func iamClient(endpoint, id, secret string) *iam.Client {
	return iam.New(iam.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider(id, secret, ""),
		HTTPClient:  awshttp.NewBuildableClient(), RetryMaxAttempts: 1,
	})
}
