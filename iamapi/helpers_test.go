package iamapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider/memory"
)

// env is a served account and clients for it.
type env struct {
	t    *testing.T
	ctx  context.Context
	acct *memory.Account
	h    *Handler
	url  string
	iam  *iam.Client
	sts  *sts.Client
}

// newEnv serves acct (a new empty account when nil) on a test server and
// returns AWS SDK clients pointed at it, with retries off so that every
// call is one request.
func newEnv(t *testing.T, acct *memory.Account, opts Options) *env {
	t.Helper()
	if acct == nil {
		acct = memory.New("")
	}
	h := NewHandler(acct, opts)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	creds := credentials.NewStaticCredentialsProvider(DefaultAccessKeyID, DefaultSecretAccessKey, "")
	return &env{
		t: t, ctx: context.Background(), acct: acct, h: h, url: srv.URL,
		iam: iam.New(iam.Options{
			Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: creds,
			HTTPClient: awshttp.NewBuildableClient(), RetryMaxAttempts: 1,
		}),
		sts: sts.New(sts.Options{
			Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: creds,
			HTTPClient: awshttp.NewBuildableClient(), RetryMaxAttempts: 1,
		}),
	}
}

// fakeSignature is an Authorization header in SigV4's form whose
// signature is not the request's.
const fakeSignature = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0123456789abcdef"

// sign signs a request as the AWS SDK does, with the key id and secret
// given (the README's test/test when empty), for the service iam,
// dated at (now when zero). body is the request's body.
func sign(t testing.TB, req *http.Request, body, keyID, secret string, at time.Time) {
	t.Helper()
	if keyID == "" {
		keyID, secret = DefaultAccessKeyID, DefaultSecretAccessKey
	}
	if at.IsZero() {
		at = time.Now()
	}
	err := signer().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: keyID, SecretAccessKey: secret},
		req, sha256Hex(body), "iam", "us-east-1", at)
	if err != nil {
		t.Fatal(err)
	}
}

// signer is the AWS SDK's SigV4 signer, which the tests sign with.
func signer() *v4.Signer { return v4.NewSigner() }

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// presigned returns a GET of target presigned with the README's key (or
// secret, when given), dated at and valid for expires seconds (none when
// 0), as the SDK presigns.
func presigned(t testing.TB, target, secret string, at time.Time, expires int) *http.Request {
	t.Helper()
	if secret == "" {
		secret = DefaultSecretAccessKey
	}
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	if expires > 0 {
		q := req.URL.Query()
		q.Set("X-Amz-Expires", strconv.Itoa(expires))
		req.URL.RawQuery = q.Encode()
	}
	sum := sha256.Sum256(nil)
	u, _, err := v4.NewSigner().PresignHTTP(context.Background(), aws.Credentials{AccessKeyID: DefaultAccessKeyID, SecretAccessKey: secret},
		req, hex.EncodeToString(sum[:]), "iam", "us-east-1", at)
	if err != nil {
		t.Fatal(err)
	}
	out, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// post sends a raw form-encoded request, signed with the README's key
// unless signed is false, and returns the status and body.
func (e *env) post(params url.Values, signed bool) (int, string) {
	e.t.Helper()
	body := params.Encode()
	req, err := http.NewRequest(http.MethodPost, e.url+"/", strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	if signed {
		sign(e.t, req, body, "", "", time.Time{})
	}
	return e.do(req)
}

func (e *env) do(req *http.Request) (int, string) {
	e.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// params builds IAM request parameters from pairs.
func params(action string, kv ...string) url.Values {
	v := url.Values{"Action": {action}, "Version": {iamVersion}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// errorXML is AWS's error answer.
type errorXML struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	Error   struct {
		Type    string `xml:"Type"`
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Error"`
	RequestID string `xml:"RequestId"`
}

// parseError reads an error answer, failing the test when it is not one.
func parseError(t *testing.T, body string) errorXML {
	t.Helper()
	var e errorXML
	if err := xml.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("not AWS error XML: %v\n%s", err, body)
	}
	if e.Error.Code == "" || e.RequestID == "" || e.Error.Type == "" {
		t.Fatalf("incomplete AWS error XML:\n%s", body)
	}
	return e
}

// apiCode returns the AWS error code and HTTP status of an SDK error.
func apiCode(err error) (string, int) {
	var ae smithy.APIError
	code := ""
	if errors.As(err, &ae) {
		code = ae.ErrorCode()
	}
	var re *awshttp.ResponseError
	status := 0
	if errors.As(err, &re) {
		status = re.HTTPStatusCode()
	}
	return code, status
}

// wantCode fails unless err is the AWS error code with the HTTP status.
func wantCode(t *testing.T, err error, code string, status int) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s (%d)", code, status)
	}
	gotCode, gotStatus := apiCode(err)
	if gotCode != code || gotStatus != status {
		t.Fatalf("got %s (%d), want %s (%d): %v", gotCode, gotStatus, code, status, err)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Documents used by the tests, written with white space as users send
// them, so that the answers show the text is returned as it was sent.
const (
	readDoc  = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}`
	writeDoc = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Put*"], "Resource": "arn:aws:s3:::b/*"}]}`
	trustDoc = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`
)

// decodeDoc URL-decodes a document as the SDK returns it, failing when
// it was not URL-encoded.
func decodeDoc(t *testing.T, s *string) string {
	t.Helper()
	if s == nil {
		t.Fatal("no document")
	}
	if strings.ContainsAny(*s, "{}\" ") {
		t.Fatalf("document is not URL-encoded: %s", *s)
	}
	d, err := url.PathUnescape(*s)
	if err != nil {
		t.Fatalf("document %q: %v", *s, err)
	}
	return d
}

// seeded returns an account holding one of everything, credentials and
// instance profiles included, which the API cannot create.
func seeded(t testing.TB) *memory.Account {
	t.Helper()
	m := model.NewAccount(model.DefaultAccountID)
	alias := "acme-test"
	m.Alias = &alias
	m.PasswordPolicy = &model.PasswordPolicy{MinimumLength: 12, RequireNumbers: true, MaxPasswordAge: 90, PasswordReusePrevention: 5}
	billing := model.PolicyARN(m.ID, "/", "billing")
	m.AddPolicy(&model.ManagedPolicy{
		Name: "billing", Path: "/", Description: "Read billing", Document: policy.MustParse(readDoc),
		Tags:     model.Tags{"owner": "finance"},
		Versions: []model.PolicyVersion{{ID: "v1"}, {ID: "v2", IsDefault: true}},
	})
	m.AddGroup(&model.Group{Name: "admins", Path: "/", ManagedPolicies: []string{"arn:aws:iam::aws:policy/AdministratorAccess"},
		InlinePolicies: []model.InlinePolicy{{Name: "read", Document: policy.MustParse(readDoc)}}})
	m.AddGroup(&model.Group{Name: "devs", Path: "/eng/"})
	m.AddUser(&model.User{
		Name: "tyler", Path: "/staff/", Groups: []string{"admins", "devs"}, ManagedPolicies: []string{billing},
		InlinePolicies:      []model.InlinePolicy{{Name: "write", Document: policy.MustParse(writeDoc)}},
		PermissionsBoundary: billing, Tags: model.Tags{"team": "platform"},
		LoginProfile: &model.LoginProfile{Enabled: true, PasswordResetRequired: true},
		Credentials: model.Credentials{
			AccessKeys:                 []model.AccessKey{{ID: "AKIAIOSFODNN7EXAMPLE", Active: true}, {ID: "AKIAI44QH8DHBEXAMPLE", Active: true}},
			SigningCertificates:        []string{"CERTIFICATEID0000000000001"},
			SSHPublicKeys:              []string{"APKAEIBAERJR2EXAMPLE"},
			ServiceSpecificCredentials: []string{"ACCAEXAMPLE123EXAMPLE"},
			MFADevices:                 []model.MFADevice{{SerialNumber: "arn:aws:iam::123456789012:mfa/tyler", Virtual: true}},
		},
	})
	m.AddUser(&model.User{Name: "ana", Path: "/", Groups: []string{"devs"}})
	m.AddRole(&model.Role{
		Name: "ec2-app", Path: "/", Description: "EC2 instances of the app", MaxSessionDuration: 7200,
		AssumeRolePolicy: policy.MustParse(trustDoc), ManagedPolicies: []string{billing},
		InlinePolicies: []model.InlinePolicy{{Name: "read", Document: policy.MustParse(readDoc)}},
		Tags:           model.Tags{"app": "web"}, InstanceProfiles: []string{"ec2-app"},
	})
	a, err := memory.FromModel(m)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
