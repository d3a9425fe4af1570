package model

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	for _, tc := range []struct {
		kind Kind
		name string
		ok   bool
	}{
		{KindUser, "tyler", true},
		{KindUser, "ops.team+cli=1,x@example.com_-", true},
		{KindUser, "", false},
		{KindUser, strings.Repeat("a", 64), true},
		{KindUser, strings.Repeat("a", 65), false},
		{KindRole, strings.Repeat("a", 65), false},
		{KindGroup, strings.Repeat("a", 128), true},
		{KindGroup, strings.Repeat("a", 129), false},
		{KindPolicy, strings.Repeat("a", 128), true},
		{KindUser, "tyler smith", false},
		{KindUser, "tyler/smith", false},
		{KindUser, "tylér", false},
	} {
		err := CheckName(tc.kind, tc.name)
		if (err == nil) != tc.ok {
			t.Errorf("CheckName(%s, %q) = %v, want ok %v", tc.kind, tc.name, err, tc.ok)
		}
	}
	if err := CheckInlinePolicyName(strings.Repeat("p", 129)); err == nil {
		t.Error("a 129-character inline policy name was accepted")
	}
}

// A look-alike letter is named by its code point and the letter it
// passes for; an invisible character by its code point.
func TestCheckNameDescribesTheCharacter(t *testing.T) {
	for name, want := range map[string]string{
		"\u0430dmin":  `'а' (U+0430, which looks like the Latin 'a')`,
		"ad\u200bmin": `'\u200b' (U+200B)`,
		"a\x1b[31m":   `'\x1b' (U+001B)`,
		"a b":         `' '`,
	} {
		err := CheckName(KindUser, name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckName(%q) = %v; want %s", name, err, want)
		}
	}
}

func TestCheckPath(t *testing.T) {
	for _, tc := range []struct {
		path string
		ok   bool
	}{
		{"/", true},
		{"/staff/", true},
		{"/a/b-c_d.e/", true},
		{"", false},
		{"staff/", false},
		{"/staff", false},
		{"/a//b/", false},
		{"/a b/", false},
		{"/" + strings.Repeat("a", 510) + "/", true},
		{"/" + strings.Repeat("a", 511) + "/", false},
	} {
		if err := CheckPath(tc.path); (err == nil) != tc.ok {
			t.Errorf("CheckPath(%q) = %v, want ok %v", tc.path, err, tc.ok)
		}
	}
}

func TestScope(t *testing.T) {
	for _, tc := range []struct {
		scope Scope
		path  string
		want  bool
	}{
		{DefaultScope, "/", true},
		{DefaultScope, "/anything/", true},
		{DefaultScope, "/aws-service-role/ecs.amazonaws.com/", false},
		{DefaultScope, "/aws-reserved/sso.amazonaws.com/", false},
		{Scope{"/team-a/"}, "/team-a/", true},
		{Scope{"/team-a/"}, "/team-a/x/", true},
		{Scope{"/team-a/"}, "/team-ab/", false},
		{Scope{"/team-a/"}, "/", false},
		{Scope{"/team-a/", "/shared/"}, "/shared/", true},
		{Scope{"/aws-reserved/"}, "/aws-reserved/x/", false},
	} {
		if got := tc.scope.Contains(tc.path); got != tc.want {
			t.Errorf("%v.Contains(%q) = %v, want %v", tc.scope, tc.path, got, tc.want)
		}
	}
	if (Scope{"/a/"}).IsWhole() || !DefaultScope.IsWhole() {
		t.Error("IsWhole")
	}
	if DefaultScope.ManagesPolicyARN("arn:aws:iam::aws:policy/ReadOnlyAccess", "/") {
		t.Error("an AWS managed policy is managed")
	}
}

func TestParseEntityARN(t *testing.T) {
	for _, tc := range []struct {
		arn  string
		want ParsedARN
		ok   bool
	}{
		{"arn:aws:iam::123456789012:user/tyler", ParsedARN{"aws", "123456789012", "user", "/", "tyler"}, true},
		{"arn:aws:iam::123456789012:policy/a/b/p", ParsedARN{"aws", "123456789012", "policy", "/a/b/", "p"}, true},
		{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", ParsedARN{"aws", "aws", "policy", "/service-role/", "AWSLambdaBasicExecutionRole"}, true},
		{"arn:aws-cn:iam::123456789012:role/r", ParsedARN{"aws-cn", "123456789012", "role", "/", "r"}, true},
		{"arn:aws:iam::123:user/x", ParsedARN{}, false},
		{"arn:aws:s3:::bucket", ParsedARN{}, false},
		{"arn:aws:iam::123456789012:user/", ParsedARN{}, false},
		{"arn:aws:iam::123456789012:instance-profile/x", ParsedARN{}, false},
		{"arn:aws:iam::123456789012:user/a/", ParsedARN{}, false},
		{"not an arn", ParsedARN{}, false},
	} {
		got, err := ParseEntityARN(tc.arn)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseEntityARN(%q) = %+v, %v; want %+v ok %v", tc.arn, got, err, tc.want, tc.ok)
		}
	}
	if got := PolicyARN("123456789012", "/a/", "p"); got != "arn:aws:iam::123456789012:policy/a/p" {
		t.Errorf("PolicyARN = %s", got)
	}
	if got := UserARN("123456789012", "", "u"); got != "arn:aws:iam::123456789012:user/u" {
		t.Errorf("UserARN with no path = %s", got)
	}
}

func TestCheckTags(t *testing.T) {
	many := Tags{}
	for i := 0; i < 51; i++ {
		many[strings.Repeat("k", i+1)] = "v"
	}
	for _, tc := range []struct {
		name string
		tags Tags
		errs int
	}{
		{"fine", Tags{"team": "web", "Env": "prod"}, 0},
		{"case collision", Tags{"Team": "a", "team": "b"}, 1},
		{"reserved prefix", Tags{"aws:team": "a"}, 1},
		{"empty key", Tags{"": "a"}, 1},
		{"long value", Tags{"k": strings.Repeat("v", 257)}, 1},
		{"too many", many, 1},
		{"every allowed character", Tags{"a Z 0 _.:/=+-@ é 日本 ٣": "x Y 9 _.:/=+-@ ü 語 \u00a0"}, 0},
		{"empty value", Tags{"k": ""}, 0},
		{"128-character key of letters outside ASCII", Tags{strings.Repeat("é", 128): "v"}, 0},
		{"129-character key", Tags{strings.Repeat("é", 129): "v"}, 1},
		{"256-character value outside ASCII", Tags{"k": strings.Repeat("語", 256)}, 0},
		{"punctuation in a key", Tags{"bad!": "x"}, 1},
		{"punctuation in a value", Tags{"k": "v!"}, 1},
		{"emoji in a value", Tags{"k": "ok 😀"}, 1},
		{"newline in a value", Tags{"k": "a\nb"}, 1},
		{"tab in a key", Tags{"a\tb": "x"}, 1},
		{"bad key and bad value", Tags{"k#": "v#"}, 2},
	} {
		if got := CheckTags(tc.tags, 50); len(got) != tc.errs {
			t.Errorf("%s: %d errors (%v), want %d", tc.name, len(got), got, tc.errs)
		}
	}
}

// TestCheckTagsNamesTheTag checks that a problem with one tag says which
// tag, and whether its key or its value.
func TestCheckTagsNamesTheTag(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tags    Tags
		key     string
		inValue bool
	}{
		{"character in a key", Tags{"bad!": "x"}, "bad!", false},
		{"character in a value", Tags{"k": "v\n"}, "k", true},
		{"long value", Tags{"k": strings.Repeat("v", 257)}, "k", true},
		{"reserved prefix", Tags{"aws:x": "v"}, "aws:x", false},
		{"case collision names the later key", Tags{"Team": "a", "team": "b"}, "team", false},
	} {
		errs := CheckTags(tc.tags, 50)
		if len(errs) != 1 {
			t.Errorf("%s: %v, want one error", tc.name, errs)
			continue
		}
		var te *TagError
		if !errors.As(errs[0], &te) || te.Key != tc.key || te.InValue != tc.inValue {
			t.Errorf("%s: %#v, want a *TagError for key %q (in value %v)", tc.name, errs[0], tc.key, tc.inValue)
		}
	}
	errs := CheckTags(Tags{"a": "1", "b": "2"}, 1)
	var te *TagError
	if len(errs) != 1 || errors.As(errs[0], &te) {
		t.Errorf("too many tags: %v, want one error that is not about one tag", errs)
	}
}

func TestAddress(t *testing.T) {
	for _, s := range []string{"user.tyler", "group.ops.team", "password_policy", "account"} {
		a, err := ParseAddress(s)
		if err != nil || a.String() != s {
			t.Errorf("ParseAddress(%q) = %v, %v", s, a, err)
		}
	}
	for _, s := range []string{"user", "password_policy.x", "bucket.b", ""} {
		if _, err := ParseAddress(s); err == nil {
			t.Errorf("ParseAddress(%q) accepted", s)
		}
	}
	if !UserAddr("b").Less(RoleAddr("a")) || !UserAddr("Alice").Less(UserAddr("bob")) {
		t.Error("Less orders by kind, then folded name")
	}
	if UserAddr("Tyler").Key() != UserAddr("tyler").Key() {
		t.Error("Key folds the name")
	}
}

func TestAccountJSONRoundTrip(t *testing.T) {
	a := NewAccount("123456789012")
	alias := "acme"
	a.Alias = &alias
	a.PasswordPolicy = &PasswordPolicy{MinimumLength: 14, RequireSymbols: true}
	a.AddUser(&User{Name: "Tyler", Path: "/", Groups: []string{"ops"}, Tags: Tags{"team": "web"},
		LoginProfile: &LoginProfile{Enabled: true}, Credentials: Credentials{AccessKeys: []AccessKey{{ID: "AKIA1", Active: true}}}})
	a.AddGroup(&Group{Name: "ops", Path: "/"})
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var b Account
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(&b)
	if string(again) != string(data) {
		t.Errorf("round trip differs:\n%s\n%s", data, again)
	}
	if b.User("tyler") == nil || b.User("TYLER").Credentials.AccessKeys[0].ID != "AKIA1" {
		t.Error("users are found by folded name")
	}
	if got := b.GroupMembers("OPS"); len(got) != 1 || got[0] != "Tyler" {
		t.Errorf("GroupMembers = %v", got)
	}
	if !strings.Contains(string(data), `"users":[{"name":"Tyler"`) {
		t.Errorf("users are not a sorted list: %s", data)
	}
	dup := `{"id":"123456789012","users":[{"name":"a","path":"/"},{"name":"A","path":"/"}]}`
	if err := json.Unmarshal([]byte(dup), &b); err == nil {
		t.Error("two users differing only in case were accepted")
	}
	c := a.Clone()
	c.User("tyler").Tags["team"] = "changed"
	if a.User("tyler").Tags["team"] != "web" {
		t.Error("Clone shares tags with the original")
	}
}

func TestAttachments(t *testing.T) {
	a := NewAccount("123456789012")
	arn := "arn:aws:iam::aws:policy/ReadOnlyAccess"
	a.AddUser(&User{Name: "u", Path: "/", ManagedPolicies: []string{arn}})
	a.AddGroup(&Group{Name: "g", Path: "/", ManagedPolicies: []string{arn}})
	a.AddRole(&Role{Name: "r", Path: "/"})
	got := a.Attachments(arn)
	if len(got) != 2 || got[0] != GroupAddr("g") || got[1] != UserAddr("u") {
		t.Errorf("Attachments = %v", got)
	}
}
