package iamapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// This file verifies AWS Signature Version 4 as AWS's documentation
// describes it ("Create a signed AWS API request", "Elements of an AWS
// API request signature", "Authenticating requests: using query
// parameters"): the canonical request, the string to sign, the signing
// key derived from the secret, and the signature, in the Authorization
// header or in a presigned URL's query.

const (
	sigAlgorithm = "AWS4-HMAC-SHA256"
	sigTerm      = "aws4_request"
	// amzDateFormat is X-Amz-Date's ISO 8601 basic format.
	amzDateFormat = "20060102T150405Z"
	// maxSkew is how far a signed request's date may be from the server's
	// clock, either way, as AWS allows.
	maxSkew = 5 * time.Minute
	// maxPresignExpiry is the longest X-Amz-Expires: seven days.
	maxPresignExpiry = 604800
)

// signature is a request's SigV4 signature, as the request states it.
type signature struct {
	keyID                          string
	date, region, service, termEnd string // the credential scope
	signedHeaders                  []string
	sig                            string
	when                           time.Time
	amzDate                        string // the date as sent, as it is signed
	token                          string // X-Amz-Security-Token
	presigned                      bool
	expires                        int // X-Amz-Expires in seconds; 0 = not given
}

// scope is the credential scope: DATE/REGION/SERVICE/aws4_request.
func (s *signature) scope() string {
	return s.date + "/" + s.region + "/" + s.service + "/" + s.termEnd
}

func incomplete(format string, args ...any) *apiError {
	return newError(codeIncompleteSignature, format, args...)
}

func mismatch(format string, args ...any) *apiError {
	return newError(codeSignatureMismatch, format, args...)
}

// readSignature reads the signature of a request from its Authorization
// header or, failing that, from its query (a presigned URL). query is the
// request's parsed query string.
func readSignature(r *http.Request, query url.Values) (*signature, *apiError) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		return readAuthHeader(r, auth)
	}
	if _, ok := query["X-Amz-Algorithm"]; ok {
		return readPresigned(query)
	}
	if _, ok := query["X-Amz-Signature"]; ok {
		return nil, incomplete("AWS query-string parameters must include 'X-Amz-Algorithm'. Re-examine the query-string parameters.")
	}
	return nil, newError(codeMissingAuth, "Request is missing Authentication Token")
}

// readAuthHeader reads "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request,
// SignedHeaders=a;b;c, Signature=HEX" and the request's date.
func readAuthHeader(r *http.Request, auth string) (*signature, *apiError) {
	alg, rest, _ := strings.Cut(auth, " ")
	if alg != sigAlgorithm {
		return nil, incomplete("Authorization header requires %s signing: %s is not supported.", sigAlgorithm, clip(alg))
	}
	parts := map[string]string{}
	for _, p := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok {
			return nil, incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' as name=value pairs separated by commas: %q is not one. Authorization=%s", clip(p), sigAlgorithm)
		}
		if _, dup := parts[k]; dup {
			return nil, incomplete("Authorization header gives '%s' twice. Authorization=%s", clip(k), sigAlgorithm)
		}
		parts[k] = v
	}
	var missing []string
	for _, k := range []string{"Credential", "Signature", "SignedHeaders"} {
		if parts[k] == "" {
			missing = append(missing, "Authorization header requires '"+k+"' parameter.")
		}
	}
	amzDate := r.Header.Get("X-Amz-Date")
	dateHeader := "x-amz-date"
	if amzDate == "" {
		amzDate, dateHeader = r.Header.Get("Date"), "date"
	}
	if amzDate == "" {
		missing = append(missing, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
	}
	if len(missing) > 0 {
		return nil, incomplete("%s Authorization=%s", strings.Join(missing, " "), sigAlgorithm)
	}
	s := &signature{sig: parts["Signature"], amzDate: amzDate, token: r.Header.Get("X-Amz-Security-Token")}
	if e := s.readCredential(parts["Credential"]); e != nil {
		return nil, e
	}
	s.signedHeaders = strings.Split(parts["SignedHeaders"], ";")
	if e := s.checkSignedHeaders(dateHeader, r.Header.Get("X-Amz-Security-Token") != ""); e != nil {
		return nil, e
	}
	t, err := time.Parse(amzDateFormat, amzDate)
	if err != nil && dateHeader == "date" {
		t, err = http.ParseTime(amzDate)
	}
	if err != nil {
		return nil, incomplete("Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", clip(amzDate))
	}
	s.when = t.UTC()
	if dateHeader == "date" {
		s.amzDate = s.when.Format(amzDateFormat) // the string to sign dates it so
	}
	return s, nil
}

// readPresigned reads the X-Amz-* parameters of a presigned URL.
func readPresigned(q url.Values) (*signature, *apiError) {
	var missing []string
	for _, k := range []string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature"} {
		if q.Get(k) == "" {
			missing = append(missing, "'"+k+"'")
		}
	}
	if len(missing) > 0 {
		return nil, incomplete("AWS query-string parameters must include %s. Re-examine the query-string parameters.", strings.Join(missing, ", "))
	}
	if alg := q.Get("X-Amz-Algorithm"); alg != sigAlgorithm {
		return nil, incomplete("X-Amz-Algorithm only supports \"%s\", not %q.", sigAlgorithm, clip(alg))
	}
	s := &signature{sig: q.Get("X-Amz-Signature"), amzDate: q.Get("X-Amz-Date"), token: q.Get("X-Amz-Security-Token"), presigned: true}
	if e := s.readCredential(q.Get("X-Amz-Credential")); e != nil {
		return nil, e
	}
	s.signedHeaders = strings.Split(q.Get("X-Amz-SignedHeaders"), ";")
	if e := s.checkSignedHeaders("", false); e != nil {
		return nil, e
	}
	t, err := time.Parse(amzDateFormat, s.amzDate)
	if err != nil {
		return nil, incomplete("X-Amz-Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", clip(s.amzDate))
	}
	s.when = t.UTC()
	if v, ok := q["X-Amz-Expires"]; ok {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 1 || n > maxPresignExpiry {
			return nil, incomplete("X-Amz-Expires must be a whole number of seconds from 1 to %d (seven days); got '%s'.", maxPresignExpiry, clip(v[0]))
		}
		s.expires = n
	}
	return s, nil
}

// readCredential reads KEY/DATE/REGION/SERVICE/aws4_request.
func (s *signature) readCredential(cred string) *apiError {
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[0] == "" {
		return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '%s'", clip(cred))
	}
	s.keyID, s.date, s.region, s.service, s.termEnd = parts[0], parts[1], parts[2], parts[3], parts[4]
	return nil
}

// checkSignedHeaders requires the headers that make a signature mean
// something: Host, and the date header the request's date came from (and
// the session token when one is sent). The list must be lower case,
// sorted and without repeats, as the canonical request lists them.
func (s *signature) checkSignedHeaders(dateHeader string, token bool) *apiError {
	have := map[string]bool{}
	for i, h := range s.signedHeaders {
		if h == "" || h != strings.ToLower(h) || i > 0 && h <= s.signedHeaders[i-1] {
			return incomplete("SignedHeaders must be lower-case header names, sorted and separated by ';': got '%s'.", clip(strings.Join(s.signedHeaders, ";")))
		}
		have[h] = true
	}
	if !have["host"] {
		return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
	}
	if dateHeader != "" && !have[dateHeader] {
		return incomplete("'%s' must be a 'SignedHeader' in the AWS Authorization: it dates the request.", headerTitle(dateHeader))
	}
	if token && !have["x-amz-security-token"] {
		return incomplete("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization when it is sent.")
	}
	return nil
}

func headerTitle(h string) string {
	return http.CanonicalHeaderKey(h)
}

// checkTime checks the request's date against now: within maxSkew either
// way, or for a presigned URL with X-Amz-Expires, not after its expiry.
func (s *signature) checkTime(now time.Time) *apiError {
	now = now.UTC()
	if s.when.After(now.Add(maxSkew)) {
		return mismatch("Signature not yet current: %s is still later than %s (%s + 5 min.)",
			s.when.Format(amzDateFormat), now.Add(maxSkew).Format(amzDateFormat), now.Format(amzDateFormat))
	}
	if s.presigned && s.expires > 0 {
		if end := s.when.Add(time.Duration(s.expires) * time.Second); now.After(end) {
			return mismatch("Signature expired: %s is now earlier than %s (%s - %d sec.)",
				end.Format(amzDateFormat), now.Format(amzDateFormat), now.Format(amzDateFormat), s.expires)
		}
		return nil
	}
	if s.when.Before(now.Add(-maxSkew)) {
		return mismatch("Signature expired: %s is now earlier than %s (%s - 5 min.)",
			s.when.Format(amzDateFormat), now.Add(-maxSkew).Format(amzDateFormat), now.Format(amzDateFormat))
	}
	return nil
}

// checkScope checks the credential scope against the request: its date
// is the request's, its service the one answering, its terminator
// aws4_request. Any region is taken: IAM is global, and clients sign it
// for the region they are configured with when given an endpoint.
func (s *signature) checkScope(service string) *apiError {
	if want := s.when.Format("20060102"); s.date != want {
		return mismatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.", clip(s.date), want, clip(s.amzDate))
	}
	if s.region == "" {
		return mismatch("Credential should be scoped to a valid region. ")
	}
	if s.service != service {
		return mismatch("Credential should be scoped to correct service: '%s'. ", service)
	}
	if s.termEnd != sigTerm {
		return mismatch("Credential should be scoped with a valid terminator: '%s', not '%s'. ", sigTerm, clip(s.termEnd))
	}
	return nil
}

// verify checks the signature against the request signed with the
// signing key derived from the secret for the signature's scope
// (signingKey). body is the request's body as received.
func (s *signature) verify(r *http.Request, body []byte, key []byte) *apiError {
	canon := s.canonicalRequest(r, body)
	sum := sha256.Sum256([]byte(canon))
	toSign := sigAlgorithm + "\n" + s.amzDate + "\n" + s.scope() + "\n" + hex.EncodeToString(sum[:])
	want := hex.EncodeToString(hmacSHA256(key, toSign))
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(s.sig))) {
		return mismatch("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
	}
	return nil
}

// signingKey derives the key that signs for one day, region and service:
// HMAC-SHA256 chained from "AWS4"+secret through the date, the region,
// the service and "aws4_request".
func signingKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, sigTerm)
}

// signingKeys keeps the signing keys derived lately: one serves a day's
// requests for a region and service, and deriving it costs four HMACs,
// as much as the rest of a request's verification.
type signingKeys struct {
	mu sync.Mutex
	m  map[string][]byte
}

// maxSigningKeys bounds the keys kept; past it they are all dropped.
const maxSigningKeys = 256

func (c *signingKeys) get(secret, date, region, service string) []byte {
	k := secret + "\x00" + date + "\x00" + region + "\x00" + service
	c.mu.Lock()
	defer c.mu.Unlock()
	if key, ok := c.m[k]; ok {
		return key
	}
	if c.m == nil || len(c.m) >= maxSigningKeys {
		c.m = map[string][]byte{}
	}
	key := signingKey(secret, date, region, service)
	c.m[k] = key
	return key
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// canonicalRequest is the request as SigV4 signs it: method, canonical
// URI, canonical query string, canonical headers, signed headers and the
// payload's SHA-256, one per line.
func (s *signature) canonicalRequest(r *http.Request, body []byte) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	b.WriteString(canonicalURI(r.URL))
	b.WriteByte('\n')
	b.WriteString(canonicalQuery(r.URL.RawQuery, s.presigned))
	b.WriteByte('\n')
	for _, h := range s.signedHeaders {
		b.WriteString(h)
		b.WriteByte(':')
		b.WriteString(headerValue(r, h))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(s.signedHeaders, ";"))
	b.WriteByte('\n')
	sum := sha256.Sum256(body)
	b.WriteString(hex.EncodeToString(sum[:]))
	return b.String()
}

// canonicalURI is the path as sent, each segment URI-encoded once more,
// as SigV4 does for every service but S3; an empty path is "/".
func canonicalURI(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		return "/"
	}
	return uriEncode(p, false)
}

// canonicalQuery is the query with its parameters decoded, URI-encoded
// again, and sorted by name then value; a presigned URL's
// X-Amz-Signature is left out.
func canonicalQuery(raw string, presigned bool) string {
	if raw == "" {
		return ""
	}
	type kv struct{ k, v string }
	var params []kv
	for _, p := range strings.Split(raw, "&") {
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			dk, dv = k, v // not valid encoding: signed as sent, and so it will not match
		}
		if presigned && dk == "X-Amz-Signature" {
			continue
		}
		params = append(params, kv{uriEncode(dk, true), uriEncode(dv, true)})
	}
	sort.Slice(params, func(i, j int) bool {
		if params[i].k != params[j].k {
			return params[i].k < params[j].k
		}
		return params[i].v < params[j].v
	})
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		b.WriteByte('=')
		b.WriteString(p.v)
	}
	return b.String()
}

// uriEncode percent-encodes every byte but RFC 3986's unreserved
// characters (and '/' unless slash is set), with upper-case hex.
func uriEncode(s string, slash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' || c == '/' && !slash {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// headerValue is a signed header's canonical value: its values trimmed,
// runs of spaces made one, joined by commas. Host and Content-Length are
// taken where Go's server keeps them.
func headerValue(r *http.Request, name string) string {
	switch name {
	case "host":
		return r.Host
	case "content-length":
		if r.Header.Get("Content-Length") == "" && r.ContentLength >= 0 {
			return strconv.FormatInt(r.ContentLength, 10)
		}
	}
	vals := r.Header.Values(name)
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strings.Join(strings.Fields(v), " ")
	}
	return strings.Join(out, ",")
}
