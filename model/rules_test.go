package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestIntRanges(t *testing.T) {
	for _, tt := range []struct {
		param    string
		min, max int
	}{
		{"MaxSessionDuration", 3600, 43200},
		{"MinimumPasswordLength", 6, 128},
		{"MaxPasswordAge", 1, 1095},
		{"PasswordReusePrevention", 1, 24},
	} {
		r, ok := IntRangeOf(tt.param)
		if !ok || r.Min != tt.min || r.Max != tt.max || r.Param != tt.param {
			t.Errorf("IntRangeOf(%q) = %+v, %v", tt.param, r, ok)
			continue
		}
		if !r.Contains(tt.min) || !r.Contains(tt.max) || r.Contains(tt.min-1) || r.Contains(tt.max+1) {
			t.Errorf("%s: Contains is not inclusive of %d..%d", tt.param, tt.min, tt.max)
		}
	}
	if _, ok := IntRangeOf("MaxItems"); ok {
		t.Errorf("IntRangeOf(MaxItems) has a range; it is the API's, not IAM's account rules")
	}
	if EffectiveSessionDuration(0) != DefaultMaxSessionDuration || EffectiveSessionDuration(7200) != 7200 {
		t.Errorf("EffectiveSessionDuration: 0 → %d, 7200 → %d", EffectiveSessionDuration(0), EffectiveSessionDuration(7200))
	}
	if !SessionDuration.Contains(DefaultMaxSessionDuration) {
		t.Errorf("the default session duration is outside its range")
	}
}

// TestPasswordPolicyFields checks that the table names every field of
// PasswordPolicy once, by its JSON key, with a range exactly for the
// numbers.
func TestPasswordPolicyFields(t *testing.T) {
	var p PasswordPolicy
	ty := reflect.TypeOf(p)
	if len(PasswordPolicyFields) != ty.NumField() {
		t.Fatalf("%d fields in the table, %d in PasswordPolicy", len(PasswordPolicyFields), ty.NumField())
	}
	for i, f := range PasswordPolicyFields {
		sf := ty.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name != f.Name {
			t.Errorf("row %d is %q, field %d is %s (%q)", i, f.Name, i, sf.Name, name)
		}
		v := reflect.ValueOf(&p).Elem().Field(i)
		switch sf.Type.Kind() {
		case reflect.Int:
			if f.Int == nil || f.Range == nil || f.Bool != nil || f.Int(&p) != v.Addr().Interface().(*int) {
				t.Errorf("%s: a number needs Int (of that field) and Range only", f.Name)
			}
		case reflect.Bool:
			if f.Bool == nil || f.Range != nil || f.Int != nil || f.Bool(&p) != v.Addr().Interface().(*bool) {
				t.Errorf("%s: a flag needs Bool (of that field) only", f.Name)
			}
		}
	}
}

// TestQuotaFields checks that the table names every quota once, by its
// JSON key, in the order of Quotas, and that the adjustable ones are
// those AWS raises.
func TestQuotaFields(t *testing.T) {
	var q Quotas
	ty := reflect.TypeOf(q)
	if len(QuotaFields) != ty.NumField() {
		t.Fatalf("%d quotas in the table, %d in Quotas", len(QuotaFields), ty.NumField())
	}
	for i, f := range QuotaFields {
		name, _, _ := strings.Cut(ty.Field(i).Tag.Get("json"), ",")
		if name != f.Name || f.Field(&q) != reflect.ValueOf(&q).Elem().Field(i).Addr().Interface().(*int) {
			t.Errorf("row %d (%q) is not field %d (%q)", i, f.Name, i, name)
		}
	}
	var names []string
	for _, f := range AdjustableQuotas {
		names = append(names, f.Name)
	}
	if got, want := strings.Join(names, " "), "groups roles policies policies_per_user policies_per_role trust_policy_size"; got != want {
		t.Errorf("AdjustableQuotas = %s, want %s", got, want)
	}
	if MaxQuota("groups") != 500 || MaxQuota("policies_per_role") != 25 || MaxQuota("users") != 0 || MaxQuota("nope") != 0 {
		t.Errorf("MaxQuota is wrong")
	}
	if err := DefaultQuotas.Check(); err != nil {
		t.Errorf("DefaultQuotas.Check: %v", err)
	}
	bad := DefaultQuotas
	bad.RoleInlineSize = 0
	if err := bad.Check(); err == nil || err.Error() != "quota role_inline_size is 0; quotas must be positive" {
		t.Errorf("Check of a zero quota: %v", err)
	}
	d := DefaultQuotas
	d.PoliciesPerUser, d.PoliciesPerGroup, d.PoliciesPerRole = 1, 2, 3
	d.UserInlineSize, d.GroupInlineSize, d.RoleInlineSize = 4, 5, 6
	for _, tt := range []struct {
		k                Kind
		attached, inline int
	}{{KindUser, 1, 4}, {KindGroup, 2, 5}, {KindRole, 3, 6}} {
		if d.AttachedPolicies(tt.k) != tt.attached || d.InlineSize(tt.k) != tt.inline {
			t.Errorf("%s: AttachedPolicies %d, InlineSize %d", tt.k, d.AttachedPolicies(tt.k), d.InlineSize(tt.k))
		}
	}
	// The JSON form of Quotas uses the table's names.
	b, _ := json.Marshal(DefaultQuotas)
	for _, f := range QuotaFields {
		if !strings.Contains(string(b), `"`+f.Name+`":`) {
			t.Errorf("%s is not a key of Quotas' JSON", f.Name)
		}
	}
}

func TestCheckAlias(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want AliasProblem
		bad  byte
	}{
		{"acme", AliasOK, 0},
		{"a-b-c", AliasOK, 0},
		{"ab", AliasLength, 0},
		{strings.Repeat("a", 63), AliasOK, 0},
		{strings.Repeat("a", 64), AliasLength, 0},
		{"-abc", AliasEdgeHyphen, 0},
		{"abc-", AliasEdgeHyphen, 0},
		{"a--b", AliasDoubleHyphen, 0},
		{"a--", AliasEdgeHyphen, 0}, // the first problem from the left
		{"Acme", AliasBadChar, 'A'},
		{"ac_me", AliasBadChar, '_'},
		{"a_--", AliasBadChar, '_'},
	} {
		if p, c := CheckAlias(tt.s); p != tt.want || c != tt.bad {
			t.Errorf("CheckAlias(%q) = %d, %q; want %d, %q", tt.s, p, c, tt.want, tt.bad)
		}
	}
}

func TestParseVersionID(t *testing.T) {
	for _, tt := range []struct {
		id string
		n  int
		ok bool
	}{
		{"v1", 1, true},
		{"v10", 10, true},
		{"v999999999", 999999999, true},
		{"v0", 0, false},
		{"v01", 0, false},
		{"v+1", 0, false},
		{"V1", 0, false},
		{"v", 0, false},
		{"", 0, false},
		{"v1x", 0, false},
		{"v12345678901", 0, false},
	} {
		if n, ok := ParseVersionID(tt.id); n != tt.n && tt.ok || ok != tt.ok {
			t.Errorf("ParseVersionID(%q) = %d, %v; want %d, %v", tt.id, n, ok, tt.n, tt.ok)
		}
	}
}

func TestARNs(t *testing.T) {
	if got := ARN("123456789012", "role", "", "app"); got != "arn:aws:iam::123456789012:role/app" {
		t.Errorf("ARN = %s", got)
	}
	if got := PolicyARN("123456789012", "/a/b/", "p"); got != "arn:aws:iam::123456789012:policy/a/b/p" {
		t.Errorf("PolicyARN = %s", got)
	}
	if got := RootARN("123456789012"); got != "arn:aws:iam::123456789012:root" {
		t.Errorf("RootARN = %s", got)
	}
	if !IsServiceRolePolicy("arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy") ||
		IsServiceRolePolicy("arn:aws:iam::aws:policy/service-role/AWSLambdaRole") {
		t.Errorf("IsServiceRolePolicy is wrong")
	}
}

func TestScopeString(t *testing.T) {
	for _, tt := range []struct {
		s    Scope
		want string
	}{
		{Scope{"/"}, `["/"]`},
		{Scope{"/a/", "/b/"}, `["/a/", "/b/"]`},
		{Scope{`/q"\/`}, `["/q\"\\/"]`},
		{nil, `[]`},
	} {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%q.String() = %s, want %s", []string(tt.s), got, tt.want)
		}
	}
}

func TestCheckInstanceProfileName(t *testing.T) {
	if err := CheckInstanceProfileName(strings.Repeat("p", 128)); err != nil {
		t.Errorf("128 characters: %v", err)
	}
	if err := CheckInstanceProfileName(strings.Repeat("p", 129)); err == nil || !strings.Contains(err.Error(), "instance profile name") {
		t.Errorf("129 characters: %v", err)
	}
	if err := CheckInstanceProfileName(""); err == nil || err.Error() != "an instance profile name cannot be empty" {
		t.Errorf("empty: %v", err)
	}
}

// TestRoleNumbers checks that the table names every int field of Role
// once, by its JSON key, with a default in its range (or none) and a rule
// that formats the range.
func TestRoleNumbers(t *testing.T) {
	var r Role
	ty := reflect.TypeOf(r)
	rows := map[*int]RoleNumber{}
	for _, f := range RoleNumbers {
		rows[f.Int(&r)] = f
		if f.Default != 0 && !f.Range.Contains(f.Default) {
			t.Errorf("%s: default %d outside %d..%d", f.Name, f.Default, f.Range.Min, f.Range.Max)
		}
		if rule := fmt.Sprintf(f.Rule, f.Range.Min, f.Range.Max); strings.Contains(rule, "%!") {
			t.Errorf("%s: rule %q does not format the range: %s", f.Name, f.Rule, rule)
		}
	}
	ints := 0
	for i := range ty.NumField() {
		sf := ty.Field(i)
		if sf.Type.Kind() != reflect.Int {
			continue
		}
		ints++
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		f, ok := rows[reflect.ValueOf(&r).Elem().Field(i).Addr().Interface().(*int)]
		if !ok || f.Name != name {
			t.Errorf("Role.%s (%q) has no row of its own in RoleNumbers (found %q)", sf.Name, name, f.Name)
		}
	}
	if ints != len(RoleNumbers) {
		t.Errorf("%d rows for %d int fields of Role", len(RoleNumbers), ints)
	}
}
