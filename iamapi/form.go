package iamapi

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/iamc/iamc/op"
)

// maxBody is the largest request body read. IAM's largest parameter (a
// policy document) is 131,072 characters; URL-encoded it can triple.
const maxBody = 1 << 20

// form holds the parameters of one request as the query protocol sends
// them (Action, Version, UserName, Tags.member.1.Key, ...). Handlers take
// the parameters they know; every parameter no handler took is an error,
// as an unknown parameter is in AWS's API.
type form struct {
	action  string
	version string
	vals    map[string]string
	used    map[string]bool
	err     *apiError
}

// readBody reads a request's body, at most maxBody bytes: the signature
// covers it, and a POST's parameters are in it.
func readBody(r *http.Request) ([]byte, *apiError) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, validation("The request body could not be read.")
	}
	if len(body) > maxBody {
		return nil, validation("The request body is larger than %d bytes.", maxBody)
	}
	return body, nil
}

// readForm reads a request's parameters: the URL's query and, for a POST,
// the form-encoded body (read by readBody). A parameter given twice is an
// error.
func readForm(r *http.Request, body []byte) (*form, *apiError) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, validation("The query string is not valid URL encoding: %v.", err)
	}
	if r.Method == http.MethodPost && len(body) > 0 {
		if ct := r.Header.Get("Content-Type"); ct != "" {
			mt, _, err := mime.ParseMediaType(ct)
			if err != nil || mt != "application/x-www-form-urlencoded" {
				return nil, validation("The request's Content-Type %q is not application/x-www-form-urlencoded.", ct)
			}
		}
		b, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, validation("The request body is not valid form encoding: %v.", err)
		}
		for k, v := range b {
			q[k] = append(q[k], v...)
		}
	}
	return newForm(q)
}

// newForm checks and indexes parsed parameters.
func newForm(q url.Values) (*form, *apiError) {
	f := &form{vals: make(map[string]string, len(q)), used: make(map[string]bool, len(q))}
	for k, v := range q {
		if len(v) != 1 {
			return nil, validation("The parameter %s is given %d times.", k, len(v))
		}
		f.vals[k] = v[0]
	}
	f.action = f.vals["Action"]
	f.version = f.vals["Version"]
	f.used["Action"] = true
	f.used["Version"] = true
	for k := range f.vals {
		if strings.HasPrefix(k, "X-Amz-") {
			f.used[k] = true // presigned request's signature parameters
		}
	}
	return f, nil
}

// fail records the first decoding error.
func (f *form) fail(e *apiError) {
	if f.err == nil {
		f.err = e
	}
}

// lookup returns a parameter and whether it was given, marking it used.
func (f *form) lookup(name string) (string, bool) {
	v, ok := f.vals[name]
	if ok {
		f.used[name] = true
	}
	return v, ok
}

// str returns a string parameter, checked against the API's constraints
// for that name; a required one that is missing is an error.
func (f *form) str(name string, required bool) string {
	v, ok := f.lookup(name)
	if !ok {
		if required {
			f.fail(nullValue(name))
		}
		return ""
	}
	if err := checkParam(name, v); err != nil {
		f.fail(err)
	}
	return v
}

// boolean returns a boolean parameter; absent is false.
func (f *form) boolean(name string) bool {
	v, ok := f.lookup(name)
	if !ok {
		return false
	}
	switch strings.ToLower(v) {
	case "true":
		return true
	case "false":
		return false
	}
	f.fail(validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must be true or false", clip(v), member(name)))
	return false
}

// integer returns an integer parameter and whether it was given, checked
// against the API's range for that name.
func (f *form) integer(name string) (int, bool) {
	v, ok := f.lookup(name)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.fail(validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must be an integer", clip(v), member(name)))
		return 0, false
	}
	if lo, hi, ok := intRange(name); ok {
		if n < lo {
			f.fail(validation("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", n, member(name), lo))
		} else if n > hi {
			f.fail(validation("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", n, member(name), hi))
		}
	}
	return n, true
}

// members returns the element numbers N of the parameters NAME.member.N
// (with the given suffix after N, "" or ".Key"), in order, marking the
// empty-list form NAME= used. ok is false when the list is absent.
func (f *form) members(name string) (idx []int, ok bool) {
	if v, present := f.lookup(name); present {
		if v != "" {
			f.fail(validation("The parameter %s is a list: send %s.member.1, %s.member.2, ...", name, name, name))
		}
		ok = true
	}
	prefix := name + ".member."
	seen := map[int]bool{}
	for k := range f.vals {
		rest, found := strings.CutPrefix(k, prefix)
		if !found {
			continue
		}
		num, _, _ := strings.Cut(rest, ".")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || strconv.Itoa(n) != num {
			f.fail(validation("The parameter %s has no valid member number.", k))
			continue
		}
		ok = true
		if !seen[n] {
			seen[n] = true
			idx = append(idx, n)
		}
	}
	sort.Ints(idx)
	return idx, ok
}

// list returns the string list NAME.member.N.
func (f *form) list(name string, required bool) []string {
	idx, ok := f.members(name)
	if !ok {
		if required {
			f.fail(nullValue(name))
		}
		return nil
	}
	out := make([]string, 0, len(idx))
	for _, n := range idx {
		k := name + ".member." + strconv.Itoa(n)
		v, present := f.lookup(k)
		if !present {
			continue // only NAME.member.N.something: left unused, so reported
		}
		if err := checkParam(name+".member", v); err != nil {
			f.fail(err)
		}
		out = append(out, v)
	}
	return out
}

// tags returns the tag list NAME.member.N.Key / .Value.
func (f *form) tags(name string, required bool) []op.Tag {
	idx, ok := f.members(name)
	if !ok {
		if required {
			f.fail(nullValue(name))
		}
		return nil
	}
	out := make([]op.Tag, 0, len(idx))
	for _, n := range idx {
		base := name + ".member." + strconv.Itoa(n)
		k, hasKey := f.lookup(base + ".Key")
		v, hasValue := f.lookup(base + ".Value")
		if !hasKey {
			f.fail(validation("1 validation error detected: Value null at '%s.%d.member.key' failed to satisfy constraint: Member must not be null", member(name), n))
			continue
		}
		if !hasValue {
			f.fail(validation("1 validation error detected: Value null at '%s.%d.member.value' failed to satisfy constraint: Member must not be null", member(name), n))
			continue
		}
		out = append(out, op.Tag{Key: k, Value: v})
	}
	return out
}

// unused returns the first parameter (in sorted order) no handler took.
func (f *form) unused() string {
	var out []string
	for k := range f.vals {
		if !f.used[k] {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return ""
	}
	sort.Strings(out)
	return out[0]
}

// done reports the decoding error, if any: the first recorded one, else
// an unknown parameter.
func (f *form) done() *apiError {
	if f.err != nil {
		return f.err
	}
	if k := f.unused(); k != "" {
		return validation("The parameter %s is not recognized by %s.", clip(k), f.action)
	}
	return nil
}

func nullValue(name string) *apiError {
	return validation("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", member(name))
}

// member spells a parameter as AWS's validation messages do: userName.
func member(name string) string {
	if name == "" {
		return name
	}
	// Leading capitals of an acronym are lowered together: SSHPublicKeyId
	// becomes sshPublicKeyId.
	r := []byte(name)
	i := 0
	for i < len(r) && r[i] >= 'A' && r[i] <= 'Z' {
		i++
	}
	switch {
	case i == 0:
	case i == 1 || i == len(r):
		for j := 0; j < i; j++ {
			r[j] += 'a' - 'A'
		}
	default:
		for j := 0; j < i-1; j++ {
			r[j] += 'a' - 'A'
		}
	}
	return strings.ReplaceAll(string(r), ".member", "")
}

// clip shortens a value quoted in an error message.
func clip(s string) string {
	const max = 128
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
