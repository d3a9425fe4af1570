package iamapi

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/policy"
	"github.com/iamc/iamc/provider/memory"
)

// TestProtocolErrors checks the answers to requests that never reach an
// action: each is AWS's error XML with AWS's code and status.
func TestProtocolErrors(t *testing.T) {
	e := newEnv(t, nil, Options{})
	// signed marks the requests to sign with the README's key.
	signed := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "sign": "yes"}
	req := func(method, target string, body string, header map[string]string) (int, string, string) {
		r, err := http.NewRequest(method, e.url+target, strings.NewReader(body))
		check(t, err)
		for k, v := range header {
			if k != "sign" {
				r.Header.Set(k, v)
			}
		}
		if header["sign"] != "" {
			sign(t, r, body, "", "", time.Time{})
		}
		resp, err := http.DefaultClient.Do(r)
		check(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		check(t, err)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	list := params("ListUsers").Encode()
	for _, tc := range []struct {
		name          string
		method, path  string
		body          string
		header        map[string]string
		status        int
		code, message string
	}{
		{"unsigned", "POST", "/", list, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 403, "MissingAuthenticationToken", "Request is missing Authentication Token"},
		{"signature v2", "POST", "/", list, map[string]string{"Authorization": "AWS AKID:c2lnbmF0dXJl", "X-Amz-Date": "x"}, 403, "IncompleteSignature", "AWS4-HMAC-SHA256"},
		{"no signature", "POST", "/", list, map[string]string{"Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/iam/aws4_request, SignedHeaders=host", "X-Amz-Date": "x"}, 403, "IncompleteSignature", "Signature"},
		{"no date", "POST", "/", list, map[string]string{"Authorization": fakeSignature}, 403, "IncompleteSignature", "X-Amz-Date"},
		{"presigned without signature", "GET", "/?" + list + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=x", "", nil, 403, "IncompleteSignature", "X-Amz-Signature"},
		{"missing action", "POST", "/", "Version=2010-05-08", signed, 400, "MissingAction", "Missing Action"},
		{"unknown action", "POST", "/", "Action=FrobnicateUser&Version=2010-05-08", signed, 400, "InvalidAction", "FrobnicateUser"},
		{"not implemented", "POST", "/", "Action=UploadSSHPublicKey&Version=2010-05-08&UserName=u", signed, 400, "InvalidAction", "UploadSSHPublicKey"},
		{"wrong version", "POST", "/", "Action=ListUsers&Version=2011-06-15", signed, 400, "InvalidAction", "ListUsers"},
		{"sts version for iam", "POST", "/", "Action=GetCallerIdentity&Version=2010-05-08", signed, 400, "InvalidAction", "GetCallerIdentity"},
		{"no version", "POST", "/", "Action=ListUsers", signed, 400, "MissingParameter", "Version"},
		{"unknown parameter", "POST", "/", list + "&UserNmae=x", signed, 400, "ValidationError", "UserNmae"},
		{"parameter twice", "POST", "/", list + "&PathPrefix=/a/&PathPrefix=/b/", signed, 400, "ValidationError", "PathPrefix"},
		{"missing required", "POST", "/", "Action=CreateUser&Version=2010-05-08", signed, 400, "ValidationError", "Value null at 'userName'"},
		{"bad name", "POST", "/", "Action=CreateUser&Version=2010-05-08&UserName=a%20b", signed, 400, "ValidationError", "regular expression pattern"},
		{"long name", "POST", "/", "Action=CreateUser&Version=2010-05-08&UserName=" + strings.Repeat("a", 65), signed, 400, "ValidationError", "less than or equal to 64"},
		{"bad boolean", "POST", "/", "Action=ListPolicies&Version=2010-05-08&OnlyAttached=yes", signed, 400, "ValidationError", "onlyAttached"},
		{"bad list index", "POST", "/", "Action=UntagUser&Version=2010-05-08&UserName=u&TagKeys.member.0=a", signed, 400, "ValidationError", "TagKeys.member.0"},
		{"tag without value", "POST", "/", "Action=TagUser&Version=2010-05-08&UserName=u&Tags.member.1.Key=a", signed, 400, "ValidationError", "tags.1.member.value"},
		{"bad content type", "POST", "/", `{"Action":"ListUsers"}`, map[string]string{"sign": "yes", "Content-Type": "application/json"}, 400, "ValidationError", "Content-Type"},
		{"bad method", "PUT", "/", list, signed, 405, "InvalidHttpRequest", "GET and POST"},
		{"bad enum", "POST", "/", "Action=ListPolicies&Version=2010-05-08&Scope=Everything", signed, 400, "ValidationError", "[All, AWS, Local]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, ct, body := req(tc.method, tc.path, tc.body, tc.header)
			if ct != "text/xml" {
				t.Errorf("Content-Type %q", ct)
			}
			er := parseError(t, body)
			if status != tc.status || er.Error.Code != tc.code || !strings.Contains(er.Error.Message, tc.message) {
				t.Fatalf("got %d %s %q, want %d %s containing %q", status, er.Error.Code, er.Error.Message, tc.status, tc.code, tc.message)
			}
			wantType := "Sender"
			if status >= 500 {
				wantType = "Receiver"
			}
			if er.Error.Type != wantType {
				t.Errorf("Type %s, want %s", er.Error.Type, wantType)
			}
		})
	}

	// A GET with query parameters, as AWS also accepts, and a presigned one.
	status, _, body := req("GET", "/?"+list, "", signed)
	if status != 200 || !strings.Contains(body, "<ListUsersResult>") {
		t.Fatalf("signed GET: %d %s", status, body)
	}
	status, body = e.do(presigned(t, e.url+"/?"+list, "", time.Now(), 60))
	if status != 200 || !strings.Contains(body, "<ListUsersResult>") {
		t.Fatalf("presigned GET: %d %s", status, body)
	}
	// STS errors are answered in STS's namespace.
	status, _, body = req("POST", "/", "Action=GetCallerIdentity&Version=2011-06-15&Extra=1", signed)
	if status != 400 || !strings.Contains(body, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">`) {
		t.Fatalf("STS error: %d %s", status, body)
	}
}

// TestSecretsNeverEchoed checks that a password never comes back in an
// error message or reaches the log.
func TestSecretsNeverEchoed(t *testing.T) {
	var log strings.Builder
	e := newEnv(t, nil, Options{Logf: func(format string, args ...any) { log.WriteString(format) }})
	secret := strings.Repeat("S3cret!", 20)
	must[*iam.CreateUserOutput](t)(e.iam.CreateUser(e.ctx, &iam.CreateUserInput{UserName: aws.String("u")}))
	status, body := e.post(params("CreateLoginProfile", "UserName", "u", "Password", secret), true)
	er := parseError(t, body)
	if status != 400 || er.Error.Code != "ValidationError" || strings.Contains(body, "S3cret") {
		t.Fatalf("%d %s", status, body)
	}
	status, body = e.post(params("CreateLoginProfile", "UserName", "u", "Password", "weak"), true)
	if er := parseError(t, body); status != 400 || er.Error.Code != "PasswordPolicyViolation" || strings.Contains(body, "weak") {
		t.Fatalf("%d %s", status, body)
	}
	if strings.Contains(log.String(), "S3cret") || log.Len() == 0 {
		t.Fatalf("log: %s", log.String())
	}
}

// TestAccountErrors checks the account's errors through the SDK: AWS's
// codes, statuses and the SDK's typed exceptions.
func TestAccountErrors(t *testing.T) {
	m := model.NewAccount(model.DefaultAccountID)
	m.AddRole(&model.Role{Name: "AWSServiceRoleForSupport", Path: "/aws-service-role/support.amazonaws.com/", AssumeRolePolicy: policy.MustParse(trustDoc)})
	acct, err := memory.FromModel(m)
	check(t, err)
	e := newEnv(t, acct, Options{})
	c, ctx, s := e.iam, e.ctx, aws.String

	must[*iam.CreateUserOutput](t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: s("Alice")}))
	_, err = c.CreateUser(ctx, &iam.CreateUserInput{UserName: s("alice")})
	wantCode(t, err, "EntityAlreadyExists", 409)
	var exists *types.EntityAlreadyExistsException
	if !errors.As(err, &exists) || !strings.Contains(exists.ErrorMessage(), "alice") {
		t.Errorf("not an EntityAlreadyExistsException naming the user: %v", err)
	}
	_, err = c.GetUser(ctx, &iam.GetUserInput{UserName: s("bob")})
	var missing *types.NoSuchEntityException
	if !errors.As(err, &missing) {
		t.Errorf("not a NoSuchEntityException: %v", err)
	}
	wantCode(t, err, "NoSuchEntity", 404)

	must[*iam.CreateGroupOutput](t)(c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: s("g")}))
	must[*iam.AddUserToGroupOutput](t)(c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{GroupName: s("g"), UserName: s("alice")}))
	_, err = c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: s("alice")})
	wantCode(t, err, "DeleteConflict", 409)
	_, err = c.DeleteGroup(ctx, &iam.DeleteGroupInput{GroupName: s("g")})
	wantCode(t, err, "DeleteConflict", 409)

	cp := must[*iam.CreatePolicyOutput](t)(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: s("p"), PolicyDocument: s(readDoc)}))
	for i := 0; i < 4; i++ {
		must[*iam.CreatePolicyVersionOutput](t)(c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: cp.Policy.Arn, PolicyDocument: s(readDoc)}))
	}
	_, err = c.CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{PolicyArn: cp.Policy.Arn, PolicyDocument: s(readDoc)})
	wantCode(t, err, "LimitExceeded", 409)
	_, err = c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: cp.Policy.Arn})
	wantCode(t, err, "DeleteConflict", 409)

	_, err = c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: s("alice"), PolicyName: s("p"), PolicyDocument: s(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}`)})
	wantCode(t, err, "MalformedPolicyDocument", 400)
	_, err = c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: s("r"), AssumeRolePolicyDocument: s("not json")})
	wantCode(t, err, "MalformedPolicyDocument", 400)
	_, err = c.CreateUser(ctx, &iam.CreateUserInput{UserName: s("svc"), Path: s("/aws-service-role/")})
	wantCode(t, err, "InvalidInput", 400)
	_, err = c.CreateUser(ctx, &iam.CreateUserInput{UserName: s("bad name")})
	wantCode(t, err, "ValidationError", 400)
	_, err = c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: s("alice"), Password: s("short")})
	wantCode(t, err, "PasswordPolicyViolation", 400)
	_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: s("AWSServiceRoleForSupport")})
	wantCode(t, err, "UnmodifiableEntity", 400)
	_, err = c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: s("alice"), PolicyArn: s("arn:aws:iam::aws:policy/NoSuchPolicyAtAll")})
	wantCode(t, err, "NoSuchEntity", 404)
}

// TestPanicIsInternalFailure checks that a panic while answering becomes
// AWS's 500 InternalFailure, never a dropped connection or a Go trace.
func TestPanicIsInternalFailure(t *testing.T) {
	e := newEnv(t, nil, Options{})
	e.h.acct = nil // every read now panics
	status, body := e.post(params("ListUsers"), true)
	er := parseError(t, body)
	if status != 500 || er.Error.Code != "InternalFailure" || er.Error.Type != "Receiver" || strings.Contains(body, "goroutine") {
		t.Fatalf("%d %s", status, body)
	}
	if st := e.h.Stats(); st.Errors != 1 || st.Actions["ListUsers"] != 1 {
		t.Fatalf("stats after a panic: %+v", st)
	}
}
