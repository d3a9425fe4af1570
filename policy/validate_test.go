package policy

import (
	"fmt"
	"strings"
	"testing"
)

// doc wraps statements (JSON objects) into a 2012-10-17 document.
func doc(statements ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`
}

// A statement that is valid in an identity policy, and one valid in a
// trust policy, for rules to vary.
const (
	okIdentity = `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`
	okTrust    = `{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`
)

// failure is an input a rule rejects, with the problems Validate gives for
// it: "PATH CODE" each, in order.
type failure struct {
	doc  string
	want []string
}

// ruleCase is one rule of Validate with inputs that pass it (no problem at
// all) and inputs that fail it.
type ruleCase struct {
	rule string
	kind Kind
	pass []string
	fail []failure
}

// runRules runs a table of rules; each needs at least one passing and one
// failing input.
func runRules(t *testing.T, rules []ruleCase) {
	t.Helper()
	for _, rc := range rules {
		t.Run(rc.rule, func(t *testing.T) {
			if len(rc.pass) == 0 || len(rc.fail) == 0 {
				t.Fatalf("rule %q needs a passing and a failing input", rc.rule)
			}
			for _, in := range rc.pass {
				if got := problems(t, in, rc.kind); len(got) > 0 {
					t.Errorf("%s\nwant no problem, got:\n  %s", in, strings.Join(got, "\n  "))
				}
			}
			for _, f := range rc.fail {
				got := problems(t, f.doc, rc.kind)
				if strings.Join(got, "|") != strings.Join(f.want, "|") {
					t.Errorf("%s\n got %q\nwant %q", f.doc, got, f.want)
				}
			}
		})
	}
}

// problems validates a document and lists its problems as "PATH CODE",
// checking that each has a summary and a detail of the house style.
func problems(t *testing.T, in string, kind Kind) []string {
	t.Helper()
	d, err := ParseJSON([]byte(in))
	if err != nil {
		t.Fatalf("%s: %v", in, err)
	}
	var out []string
	for _, p := range Validate(d, kind) {
		if p.Summary == "" || strings.HasSuffix(p.Summary, ".") || p.Summary[0] < 'A' || p.Summary[0] > 'Z' && p.Summary[0] != 'i' {
			t.Errorf("summary %q: want a leading capital (or an action name) and no full stop", p.Summary)
		}
		if !strings.HasSuffix(p.Detail, ".") && !strings.HasSuffix(p.Detail, "?") {
			t.Errorf("detail %q: want a full sentence", p.Detail)
		}
		out = append(out, p.Path+" "+p.Code)
	}
	return out
}

func TestValidateGrammar(t *testing.T) {
	runRules(t, []ruleCase{
		{rule: "version", kind: Identity,
			pass: []string{doc(okIdentity), `{"Version":"2008-10-17","Statement":[` + okIdentity + `]}`, `{"Statement":[` + okIdentity + `]}`},
			fail: []failure{
				{`{"Version":"2012-10-18","Statement":[` + okIdentity + `]}`, []string{"Version invalid-version"}},
				{`{"Version":"2012","Statement":[` + okIdentity + `]}`, []string{"Version invalid-version"}},
			}},
		{rule: "statement required", kind: Identity,
			pass: []string{doc(okIdentity)},
			fail: []failure{{doc(), []string{"Statement missing-statement"}}}},
		{rule: "effect", kind: Identity,
			pass: []string{doc(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`)},
			fail: []failure{
				{doc(`{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}`), []string{"Statement[0].Effect invalid-effect"}},
				{doc(`{"Effect":"Alow","Action":"s3:GetObject","Resource":"*"}`), []string{"Statement[0].Effect invalid-effect"}},
				{doc(`{"Action":"s3:GetObject","Resource":"*"}`), []string{"Statement[0] missing-effect"}},
			}},
		{rule: "action xor not-action", kind: Identity,
			pass: []string{doc(`{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}`)},
			fail: []failure{
				{doc(`{"Effect":"Allow","Resource":"*"}`), []string{"Statement[0] missing-action"}},
				{doc(`{"Effect":"Deny","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"}`), []string{"Statement[0].NotAction element-combination"}},
				{doc(`{"Effect":"Allow","Action":[],"Resource":"*"}`), []string{"Statement[0].Action missing-action"}},
			}},
		{rule: "resource xor not-resource in identity policies", kind: Identity,
			pass: []string{doc(`{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::keep/*"}`)},
			fail: []failure{
				{doc(`{"Effect":"Allow","Action":"s3:GetObject"}`), []string{"Statement[0] missing-resource"}},
				{doc(`{"Effect":"Deny","Action":"s3:*","Resource":"*","NotResource":"arn:aws:s3:::a"}`), []string{"Statement[0].NotResource element-combination"}},
				{doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":[]}`), []string{"Statement[0].Resource missing-resource"}},
			}},
		{rule: "boundary validates like identity", kind: Boundary,
			pass: []string{doc(okIdentity)},
			fail: []failure{{doc(okTrust), []string{"Statement[0].Principal unsupported-principal", "Statement[0] missing-resource"}}}},
		{rule: "no resource in trust policies", kind: Trust,
			pass: []string{doc(okTrust)},
			fail: []failure{
				{doc(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}`), []string{"Statement[0].Resource unsupported-resource"}},
				{doc(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","NotResource":"*"}`), []string{"Statement[0].NotResource unsupported-resource"}},
			}},
		{rule: "principal required in trust policies", kind: Trust,
			pass: []string{doc(okTrust), doc(`{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}`)},
			fail: []failure{{doc(`{"Effect":"Allow","Action":"sts:AssumeRole"}`), []string{"Statement[0] missing-principal"}}}},
		{rule: "principal forbidden in identity policies", kind: Identity,
			pass: []string{doc(okIdentity)},
			fail: []failure{{doc(`{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"*"}`), []string{"Statement[0].Principal unsupported-principal"}}}},
		{rule: "NotPrincipal in identity policies", kind: Identity,
			pass: []string{doc(okIdentity)},
			fail: []failure{{doc(`{"Effect":"Deny","NotPrincipal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"}`), []string{"Statement[0].NotPrincipal not-principal"}}}},
		{rule: "NotPrincipal in trust policies", kind: Trust,
			pass: []string{doc(okTrust)},
			fail: []failure{{doc(`{"Effect":"Deny","NotPrincipal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}`), []string{"Statement[0].NotPrincipal not-principal"}}}},
		{rule: "sid characters", kind: Identity,
			pass: []string{doc(`{"Sid":"ReadObjects2","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)},
			fail: []failure{
				{doc(`{"Sid":"read-objects","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), []string{"Statement[0].Sid invalid-sid"}},
				{doc(`{"Sid":"Read Objects","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), []string{"Statement[0].Sid invalid-sid"}},
			}},
		{rule: "sid unique", kind: Identity,
			pass: []string{doc(`{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, `{"Sid":"B","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}`)},
			fail: []failure{{doc(`{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, okIdentity, `{"Sid":"A","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}`),
				[]string{"Statement[2].Sid duplicate-sid"}}}},
	})
}

func TestValidateOrder(t *testing.T) {
	in := `{"Version":"1","Statement":[` +
		`{"Sid":"a-b","Effect":"allow","Principal":"*","Action":["s3:GetObjects","nope"],"Resource":"bucket","Condition":{"StringLikeX":{"aws:username":"a"}}},` +
		`{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	want := []string{
		"Version invalid-version",
		"Statement[0].Sid invalid-sid",
		"Statement[0].Effect invalid-effect",
		"Statement[0].Principal unsupported-principal",
		"Statement[0].Action[0] unknown-action",
		"Statement[0].Action[1] invalid-action",
		"Statement[0].Resource[0] invalid-arn",
		"Statement[0].Condition.StringLikeX invalid-condition-operator",
		"Statement[1].Action[0] allow-all",
	}
	for i := 0; i < 3; i++ {
		if got := problems(t, in, Identity); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("got %q\nwant %q", got, want)
		}
	}
}

func TestValidateDetails(t *testing.T) {
	tests := []struct {
		doc    string
		kind   Kind
		detail string // in the first problem's detail
	}{
		{doc(`{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}`), Identity, `did you mean "Allow"?`},
		{doc(`{"Effect":"Allow","Action":"s3:GetObjects","Resource":"*"}`), Identity, `Did you mean "s3:GetObject"?`},
		{doc(`{"Effect":"Allow","Action":"s4:GetObject","Resource":"*"}`), Identity, `Did you mean "s3"?`},
		{doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqual":{"aws:username":"a"}}}`), Identity, `Did you mean "StringEquals"?`},
		{doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"stringequals":{"aws:username":"a"}}}`), Identity, `Did you mean "StringEquals"?`},
		{doc(`{"Effect":"Allow","Principal":{"aws":"123456789012"},"Action":"sts:AssumeRole"}`), Trust, `Did you mean "AWS"?`},
		{doc(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRol"}`), Trust, `Did you mean "sts:AssumeRole"?`},
		{doc(`{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, `{"Sid":"A","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}`), Identity, "statement 0"},
	}
	for _, tt := range tests {
		d := MustParse(tt.doc)
		ps := Validate(d, tt.kind)
		if len(ps) == 0 || !strings.Contains(ps[0].Detail, tt.detail) {
			t.Errorf("%s:\ngot %v\nwant a detail with %q", tt.doc, ps, tt.detail)
		}
	}
}

func TestValidateNil(t *testing.T) {
	ps := Validate(nil, Identity)
	if len(ps) != 1 || ps[0].Code != "missing-statement" {
		t.Errorf("Validate(nil) = %v", ps)
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{Path: "Statement[0].Effect", Severity: Error, Code: "invalid-effect", Summary: "Invalid effect", Detail: "Use Allow."}
	if got, want := p.String(), "Statement[0].Effect: error: Invalid effect: Use Allow."; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := fmt.Sprint(Warning, Trust, Boundary, Kind(7)); got != "warning trust boundary Kind(7)" {
		t.Errorf("names: %q", got)
	}
}
