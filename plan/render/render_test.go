package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/iamc/iamc/internal/markdown"
	"github.com/iamc/iamc/model"
	"github.com/iamc/iamc/op"
	"github.com/iamc/iamc/plan"
	"github.com/iamc/iamc/policy"
)

func str(s string) *string { return &s }

func samplePlan() *plan.Plan {
	before := policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	after := policy.MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`)
	return &plan.Plan{
		Account:  "123456789012",
		Provider: "aws",
		Caller:   "arn:aws:iam::123456789012:user/ci",
		Changes: []plan.Change{
			{Address: model.UserAddr("tyler"), Action: plan.Create, Attributes: []plan.Attribute{
				{Name: "path", After: str("/staff/")},
				{Name: "groups", Added: []string{"devs"}},
			}},
			{Address: model.RoleAddr("app"), Action: plan.Update,
				Attributes: []plan.Attribute{{Name: "description", Before: str("old `quoted`"), After: nil}},
				Documents:  []plan.DocumentChange{{Name: "inline_policy.s3", Before: before, After: after}},
				Notes:      []string{"a note with *stars* and <tags>"}},
		},
		Steps: []plan.Step{
			{ID: 1, Op: &op.CreateUser{UserName: "tyler", Path: "/staff/"}, Address: model.UserAddr("tyler")},
			{ID: 2, Op: &op.AddUserToGroup{GroupName: "devs", UserName: "tyler"}, Address: model.UserAddr("tyler"), DependsOn: []int{1}},
			{ID: 3, Op: &op.PutRolePolicy{RoleName: "app", PolicyName: "s3", PolicyDocument: policy.CanonicalString(after)}, Address: model.RoleAddr("app")},
		},
		Warnings: []string{"something to see"},
	}
}

func TestTextSections(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, samplePlan(), Options{DocWidth: 20}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"Account: 123456789012\nProvider: aws\nCaller: arn:aws:iam::123456789012:user/ci\n",
		"+ user.tyler\n    path: \"/staff/\"\n    groups:\n      + devs\n",
		"~ role.app\n    # a note with *stars* and <tags>\n    description: \"old `quoted`\" → (none)\n",
		"    ~ inline_policy.s3\n        --- before\n        +++ after\n",
		"-      \"Action\": \"s3:GetObject\",",
		"  1. aws iam create-user --user-name tyler --path /staff/\n",
		"  3. aws iam put-role-policy --role-name app --policy-name s3 --policy-document '{\"Version\":\"2012-10-...'\n",
		"Warnings:\n  - something to see\n",
		"\nPlan: 1 to create, 1 to update, 0 to replace, 0 to delete.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text plan lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\x1b[") {
		t.Error("text plan has terminal escapes")
	}
}

func TestTextNoChanges(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, &plan.Plan{Account: "123456789012"}, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := "Account: 123456789012\n\nNo changes.\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	b.Reset()
	if err := Markdown(&b, &plan.Plan{Account: "123456789012"}, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "**No changes.**\n") || strings.Contains(b.String(), "<details>") {
		t.Errorf("markdown of an empty plan:\n%s", b.String())
	}
}

func TestMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b, samplePlan(), Options{}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"**Plan: 1 to create, 1 to update, 0 to replace, 0 to delete.**\n",
		"> **Warning:** something to see\n",
		"#### `+ user.tyler` create\n",
		"- `groups`: + `devs`\n",
		"- `description`: `` old `quoted` `` → _(none)_\n",
		"- _a note with \\*stars\\* and &lt;tags&gt;_\n",
		"  ```diff\n  --- before\n",
		"<details><summary>3 steps</summary>\n\n```sh\naws iam create-user",
		"</details>\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}
	if i, j := strings.Index(got, "**Plan:"), strings.Index(got, "####"); i != 0 || j < i {
		t.Error("the summary line is not first")
	}
}

// TestPublicJSON: the public JSON plan is deterministic, valid JSON, of
// format 2, and holds no field of the internal plan (the desired account,
// the quotas, the fingerprint) that would tie it to the model's JSON.
func TestPublicJSON(t *testing.T) {
	p := samplePlan()
	var a, b bytes.Buffer
	if err := JSON(&a, p); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&b, p); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("JSON is not deterministic")
	}
	var generic map[string]any
	if err := json.Unmarshal(a.Bytes(), &generic); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"format_version", "account", "summary", "changes", "steps", "warnings"} {
		if _, ok := generic[key]; !ok {
			t.Errorf("no %q", key)
		}
	}
	for _, key := range []string{"desired", "quotas", "fingerprint", "scope", "dir"} {
		if _, ok := generic[key]; ok {
			t.Errorf("the internal %q is public", key)
		}
	}
	for _, want := range []string{`"format_version": "2"`, `"command": "aws iam add-user-to-group --group-name devs --user-name tyler"`, `"depends_on": [`, `"before": {`, `"type": "set"`, `"added": [`} {
		if !strings.Contains(a.String(), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

// TestMarkdownValuesStayInTheirSpan: a value with line breaks, backticks
// or HTML cannot break out of its code span and pass for other content.
func TestMarkdownValuesStayInTheirSpan(t *testing.T) {
	spoof := "ok\n\n</details>\n```\nPlan: 0 to create"
	for _, s := range []string{spoof, "a`b", "``", ""} {
		got := markdown.Code(s)
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("code(%q) = %q spans lines", s, got)
		}
	}
	if got := markdown.Code(spoof); got != "`ok\\n\\n</details>\\n```\\nPlan: 0 to create`" && !strings.HasPrefix(got, "````") {
		t.Errorf("code(spoof) = %q", got)
	}
}
