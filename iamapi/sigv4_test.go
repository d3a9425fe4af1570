package iamapi

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSigV4AWSExample checks the verifier against the worked example of
// AWS's documentation (IAM ListUsers, "Create a signed AWS API request"):
// its canonical request's hash, signing key and signature.
func TestSigV4AWSExample(t *testing.T) {
	const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	req, err := http.NewRequest(http.MethodGet, "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08", nil)
	check(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	req.Header.Set("X-Amz-Date", "20150830T123600Z")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "+
		"SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
	req.Host = "iam.amazonaws.com"
	sig, e := readSignature(req, req.URL.Query())
	if e != nil {
		t.Fatal(e)
	}
	canon := sig.canonicalRequest(req, nil)
	sum := sha256.Sum256([]byte(canon))
	if got := hex.EncodeToString(sum[:]); got != "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59" {
		t.Fatalf("canonical request hashes to %s:\n%s", got, canon)
	}
	if got := hex.EncodeToString(signingKey(secret, "20150830", "us-east-1", "iam")); got != "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9" {
		t.Fatalf("signing key %s", got)
	}
	var keys signingKeys
	if e := sig.verify(req, nil, keys.get(secret, sig.date, sig.region, sig.service)); e != nil {
		t.Fatalf("the example's signature: %v", e)
	}
	if e := sig.verify(req, nil, keys.get(secret, sig.date, sig.region, sig.service)); e != nil {
		t.Fatalf("the example's signature, its key kept: %v", e)
	}
	if e := sig.verify(req, nil, keys.get(secret+"x", sig.date, sig.region, sig.service)); e == nil || e.Code != codeSignatureMismatch {
		t.Fatalf("another secret: %v", e)
	}
	if e := sig.checkTime(time.Date(2015, 8, 30, 12, 40, 0, 0, time.UTC)); e != nil {
		t.Fatalf("4 minutes later: %v", e)
	}
	if e := sig.checkTime(time.Date(2015, 8, 30, 12, 41, 1, 0, time.UTC)); e == nil || !strings.Contains(e.Message, "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)") {
		t.Fatalf("5 minutes and a second later: %v", e)
	}
}

func TestCanonicalQueryAndURI(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"", ""},
		{"b=2&a=1", "a=1&b=2"},
		{"a=2&a=1", "a=1&a=2"},
		{"Name=a%20b&Path=%2Fx%2F&Plus=a+b", "Name=a%20b&Path=%2Fx%2F&Plus=a%20b"},
		{"k=~._-&e=", "e=&k=~._-"},
		{"X-Amz-Signature=abc&A=1", "A=1&X-Amz-Signature=abc"},
	} {
		if got := canonicalQuery(tc.raw, false); got != tc.want {
			t.Errorf("canonicalQuery(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
	if got := canonicalQuery("X-Amz-Signature=abc&A=1", true); got != "A=1" {
		t.Errorf("presigned: %q", got)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/a%20b/c", nil)
	if got := canonicalURI(req.URL); got != "/a%2520b/c" {
		t.Errorf("canonicalURI = %q", got)
	}
}

// BenchmarkAuthenticate is the verification of one SDK-signed request.
func BenchmarkAuthenticate(b *testing.B) {
	h := NewHandler(nil, Options{})
	body := params("CreateUser", "UserName", "alice").Encode()
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:8080/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sign(b, req, body, "", "", time.Time{})
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, e := h.authenticate(req, []byte(body)); e != nil {
			b.Fatal(e)
		}
	}
}
