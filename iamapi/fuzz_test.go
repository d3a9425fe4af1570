package iamapi

import (
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/op"
)

var fuzzSeeds = []string{
	"Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Fa%2F",
	"Action=TagUser&Version=2010-05-08&UserName=tyler&Tags.member.1.Key=a&Tags.member.1.Value=b&Tags.member.2.Key=c&Tags.member.2.Value=",
	"Action=UntagUser&Version=2010-05-08&UserName=tyler&TagKeys.member.99999999999999999999=a",
	"Action=UntagRole&Version=2010-05-08&RoleName=ec2-app&TagKeys=",
	"Action=GetAccountAuthorizationDetails&Version=2010-05-08&Filter.member.1=User&MaxItems=1",
	"Action=ListUsers&Version=2010-05-08&MaxItems=2&Marker=aWFtYzE6YQ",
	"Action=UpdateRole&Version=2010-05-08&RoleName=ec2-app&Description=&MaxSessionDuration=43200",
	"Action=CreatePolicyVersion&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fbilling&PolicyDocument=%7B%7D&SetAsDefault=TRUE",
	"Action=UpdateAccountPasswordPolicy&Version=2010-05-08&MinimumPasswordLength=-1",
	"Action=CreateLoginProfile&Version=2010-05-08&UserName=ana&Password=x",
	"Action=ListEntitiesForPolicy&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAdministratorAccess&EntityFilter=Group",
	"Action=GetCallerIdentity&Version=2011-06-15",
	"Action=CreateRole&Version=2010-05-08&RoleName=r&AssumeRolePolicyDocument=%7B%22Statement%22%3A%5B%7B%22Principal%22%3A%7B%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%2Fx%22%7D%7D%5D%7D",
	"Action=Tags.member.1.Key&Version=&=&Tags.member.=1",
}

// FuzzDecode checks that decoding any request, for any action, never
// panics: it yields an op or a ValidationError.
func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		q, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		fm, e := newForm(q)
		if e != nil {
			return
		}
		if op.New(fm.action) != nil {
			o, e := decodeOp(fm)
			if (o == nil) == (e == nil) {
				t.Fatalf("decodeOp returned %v and %v", o, e)
			}
			if e != nil && e.Code != codeValidation {
				t.Fatalf("decoding error %s, want ValidationError", e.Code)
			}
			return
		}
		c := &call{f: fm}
		c.page()
		fm.list("Filter", false)
		fm.tags("Tags", false)
		fm.str("UserName", false)
		fm.done()
	})
}

// FuzzHandler sends any form to a served account and checks that the
// answer is well-formed XML and never the InternalFailure of a panic.
func FuzzHandler(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	h := NewHandler(seeded(f), Options{})
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		sign(t, req, body, "", "", time.Time{})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		out := rec.Body.String()
		if strings.Contains(out, "InternalFailure") {
			t.Fatalf("request %q panicked: %s", body, out)
		}
		dec := xml.NewDecoder(strings.NewReader(out))
		for {
			_, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("answer to %q is not XML: %v\n%s", body, err, out)
				}
				break
			}
		}
	})
}
