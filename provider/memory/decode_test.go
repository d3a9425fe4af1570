package memory

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
)

// decodeFile agrees with encoding/json: whatever it reads, encoding/json
// reads the same way (it may refuse more: field names in another case,
// fields given twice).
func checkAgainstEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	got, err := decodeFile(data)
	var want stateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	werr := dec.Decode(&want)
	if werr == nil && dec.More() {
		werr = errFromTest
	}
	if err != nil {
		return
	}
	if werr != nil {
		t.Fatalf("decodeFile read what encoding/json refuses (%v):\n%q", werr, data)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("decodeFile and encoding/json differ on %q:\n%+v\n%+v", data, got, &want)
	}
}

var errFromTest = os.ErrInvalid

func TestDecodeFileAgreesWithEncodingJSON(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "account.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkAgainstEncodingJSON(t, golden)
	if _, err := decodeFile(golden); err != nil {
		t.Fatalf("the golden file: %v", err)
	}
	for _, s := range []string{
		`{"format_version":1,"users":[{"name":"a\u00e9\ud83d\ude00\ud800x\"\\\/\b\f\n\r\t","tags":[{"key":"k","value":"v"}]}]}`,
		`{"users":null,"groups":[],"roles":[null],"alias":null,"quotas":{"users":-5}}`,
		"{\"alias\":\"caf\xc3\xa9 \xff bad\"}",
		`{"users":[{"create_date":"2026-01-02T03:04:05.123+02:00","login_profile":null}]}`,
		`{"policies":[{"versions":[{"id":"v1","is_default":true},null]}]}`,
		` { "counters" : { "ids" : 18446744073709551615 } } `,
	} {
		checkAgainstEncodingJSON(t, []byte(s))
		if _, err := decodeFile([]byte(s)); err != nil {
			t.Errorf("decodeFile(%s): %v", s, err)
		}
	}
}

func TestDecodeFileRefuses(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{``, "unexpected end"},
		{`[]`, `want '{'`},
		{`{"users":[{"name":"a","name":"b"}]}`, "appears twice"},
		{`{"Users":[]}`, `unknown field "Users"`},
		{`{"format_version":1.5}`, "whole number"},
		{`{"format_version":99999999999999999999}`, "out of range"},
		{`{"alias":"a` + "\x01" + `"}`, "control character"},
		{`{"alias":"a\q"}`, "bad escape"},
		{`{"alias":"\u12"}`, `bad \u escape`},
		{`{"alias":"abc`, "unterminated"},
		{`{"users":[{"create_date":"yesterday"}]}`, "cannot parse"},
		{`{"alias":"a"} x`, "text after"},
		{`{"alias":"a",}`, "want a field name"},
		{`{"users":[{}{}]}`, "want , or ]"},
		{`{"counters":{"ids":-1}}`, "out of range"},
		{`{"users":[{"login_profile":{"password_reset_required":"yes"}}]}`, "want true or false"},
		{`{"users":[{"access_keys":[{"id":"a","secret":"s"}]}]}`, `unknown field "secret"`},
		{`{"users":[{"mfa_devices":[{"Virtual":true}]}]}`, `unknown field "Virtual"`},
		{`{"users":[{"ssh_public_keys":[{"id":"a","id":"b"}]}]}`, "appears twice"},
		{"{\n  \"alias\": \"a\",\n  \"users\": [{}{}]}", "line 3, column 15: want , or ]"},
	} {
		_, err := decodeFile([]byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("decodeFile(%q) = %v; want %q", c.data, err, c.want)
		}
	}
}

func FuzzDecodeFile(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("testdata", "account.golden.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add([]byte(`{"format_version":1,"users":[{"name":"a\u00e9\ud83d","tags":[{"key":"k","value":"v"}]}]}`))
	f.Add([]byte(`{"users":null,"groups":[],"roles":[null],"quotas":{"users":-5}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgainstEncodingJSON(t, data)
	})
}

// Whatever a file holds, loading it never panics, and a file that loads
// writes back to a file that loads to the same bytes.
func FuzzDecodeState(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("testdata", "account.golden.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add([]byte(`{"format_version":1,"account_id":"123456789012","quotas":{"users":1,"groups":1,"roles":1,"policies":1,"groups_per_user":1,"policies_per_user":1,"policies_per_group":1,"policies_per_role":1,"versions_per_policy":1,"tags_per_entity":1,"user_inline_size":1,"group_inline_size":1,"role_inline_size":1,"managed_policy_size":1,"trust_policy_size":1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := decodeState(data)
		if err != nil {
			return
		}
		out, err := encodeState(s)
		if err != nil {
			t.Fatalf("encoding a loaded state: %v", err)
		}
		s2, err := decodeState(out)
		if err != nil {
			t.Fatalf("a written state does not load: %v\n%s", err, out)
		}
		out2, _ := encodeState(s2)
		if !bytes.Equal(out, out2) {
			t.Fatalf("writing is not stable:\n%s\n%s", out, out2)
		}
	})
}

// A state file without one of its lists, or with null for it, is not an
// account without such entities: a damaged or hand-edited file would lose
// them without a word.
func TestDecodeStateNeedsEveryList(t *testing.T) {
	data, err := encodeState(newState("123456789012", model.DefaultQuotas))
	if err != nil {
		t.Fatal(err)
	}
	whole := string(data)
	if _, err := decodeState(data); err != nil {
		t.Fatalf("a whole empty account: %v", err)
	}
	for _, c := range []struct{ data, want string }{
		{strings.Replace(whole, `"users": [],`, ``, 1), "it has no users list"},
		{strings.Replace(whole, `"users": []`, `"users": null`, 1), "its users are null, not a list"},
		{strings.Replace(whole, `"policies": [],`, ``, 1), "it has no policies list"},
	} {
		if _, err := decodeState([]byte(c.data)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("decodeState(%s) = %v; want %q", c.data, err, c.want)
		}
	}
}

// TestSimpleFieldReadsEveryField checks that every field of a simple type
// of the state's entities is read by its JSON name even without a case of
// its own in the decoder: a field added to Role, say, is read at once.
func TestSimpleFieldReadsEveryField(t *testing.T) {
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, v := range []any{&User{}, &Group{}, &Role{}, &Policy{}, &InstanceProfile{}, &VirtualMFADevice{}} {
		rv := reflect.ValueOf(v).Elem()
		fields := map[string]any{}
		for i := range rv.NumField() {
			f := rv.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "" || name == "-" {
				continue
			}
			var val any
			switch f.Type {
			case reflect.TypeFor[string]():
				val = "s-" + name
			case reflect.TypeFor[bool]():
				val = true
			case reflect.TypeFor[int]():
				val = 7 + i
			case reflect.TypeFor[uint64]():
				val = uint64(9 + i)
			case reflect.TypeFor[time.Time]():
				val = when
			case reflect.TypeFor[[]string]():
				val = []string{"a", name}
			default:
				continue
			}
			rv.Field(i).Set(reflect.ValueOf(val))
			fields[name] = val
		}
		data, err := json.Marshal(fields)
		if err != nil {
			t.Fatal(err)
		}
		got := reflect.New(rv.Type())
		r := &reader{data: data, text: string(data)}
		r.object(func(key []byte) {
			if !r.simpleField(got.Interface(), key) {
				t.Errorf("%T: simpleField does not read %s", v, key)
				r.unknown(key)
			}
		})
		if r.err != nil {
			t.Fatalf("%T: %v", v, r.err)
		}
		if !reflect.DeepEqual(got.Interface(), v) {
			t.Errorf("%T: read\n%+v\nwant\n%+v", v, got.Interface(), v)
		}
	}
}
