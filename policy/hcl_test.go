package policy

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// testContext is a small evaluation context: a few of the functions and
// variables a configuration has, and an unknown account id.
func testContext() *hcl.EvalContext {
	return &hcl.EvalContext{
		Variables: map[string]cty.Value{
			"local": cty.ObjectVal(map[string]cty.Value{
				"read":    cty.ListVal([]cty.Value{cty.StringVal("s3:GetObject"), cty.StringVal("s3:ListBucket")}),
				"bucket":  cty.StringVal("arn:aws:s3:::data"),
				"nested":  cty.TupleVal([]cty.Value{cty.ListVal([]cty.Value{cty.StringVal("s3:GetObject")})}),
				"number":  cty.NumberIntVal(3),
				"nothing": cty.NullVal(cty.List(cty.String)),
			}),
			"account": cty.ObjectVal(map[string]cty.Value{"id": cty.UnknownVal(cty.String)}),
			"var":     cty.ObjectVal(map[string]cty.Value{"actions": cty.UnknownVal(cty.List(cty.String))}),
		},
		Functions: map[string]function.Function{
			"concat": stdlib.ConcatFunc,
			"toset":  stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
			"upper":  stdlib.UpperFunc,
		},
	}
}

// decodeSrc decodes the statements of a policy block written in src, the
// way package lang will: the block's own attributes first, with
// PartialContent, then DecodeHCL on the rest. It returns the diagnostics
// of what is left over, which the caller reports (with Content and an
// empty schema: hclsyntax's JustAttributes does not skip hidden blocks).
func decodeSrc(t *testing.T, src string, kind Kind) (*Document, *SourceMap, hcl.Diagnostics, hcl.Diagnostics) {
	t.Helper()
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasPrefix(strings.TrimSpace(src), "{") {
		f, diags = json.Parse([]byte(src), "test.iam.json")
	} else {
		f, diags = hclsyntax.ParseConfig([]byte(src), "test.iam.hcl", hcl.InitialPos)
	}
	if diags.HasErrors() {
		t.Fatalf("parse: %v", diags)
	}
	content, diags := f.Body.Content(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "policy", LabelNames: []string{"name"}}}})
	if diags.HasErrors() || len(content.Blocks) != 1 {
		t.Fatalf("want one policy block: %v", diags)
	}
	_, rest, diags := content.Blocks[0].Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "description"}}})
	if diags.HasErrors() {
		t.Fatalf("policy block: %v", diags)
	}
	d, m, remain, diags := DecodeHCL(rest, testContext(), kind)
	_, left := remain.Content(&hcl.BodySchema{})
	return d, m, left, diags
}

func TestDecodeHCL(t *testing.T) {
	src := `
policy "p" {
  description = "taken by the caller"
  statement {
    sid       = "Read"
    actions   = concat(local.read, ["s3:GetObjectVersion"])
    resources = [local.bucket, "${local.bucket}/*"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["home/"]
    }
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["shared/"]
    }
    condition {
      test     = "NumericLessThan"
      variable = "s3:max-keys"
      values   = [100, local.number]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [true]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = toset(["iam:*", "sts:*", "iam:*"])
    not_resources = ["*"]
    ignore_warnings = []
  }
}
`
	d, m, left, diags := decodeSrc(t, src, Identity)
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := MustParse(`{"Version":"2012-10-17","Statement":[
	  {"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket","s3:GetObjectVersion"],"Resource":["arn:aws:s3:::data","arn:aws:s3:::data/*"],
	   "Condition":{"StringLike":{"s3:prefix":["home/","shared/"]},"NumericLessThan":{"s3:max-keys":["100","3"]},"Bool":{"aws:SecureTransport":"true"}}},
	  {"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"*"}]}`)
	if !Equal(d, want) || d.Version != Version2012 {
		t.Errorf("decoded\n%s\nwant\n%s", Canonical(d), Canonical(want))
	}
	if len(left) != 0 {
		t.Errorf("something is left for the caller: %v", left)
	}
	if m.HasUnknown() {
		t.Error("HasUnknown with every value known")
	}
	if ps := Validate(d, Identity); len(ps) != 0 {
		t.Errorf("Validate: %v", ps)
	}
}

func TestDecodeHCLPrincipals(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // the document, or "" when diagnostics are expected
		diag       string // in the first diagnostic's summary
	}{
		{"types merge", `
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
    principals {
      type        = "AWS"
      identifiers = ["123456789012"]
    }
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }`, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"],"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`, ""},
		{"everyone", `
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }`, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}`, ""},
		{"everyone stands alone", `
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["123456789012"]
    }
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }`, "", "Principal \"*\" stands alone"},
		{"everyone takes star", `
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "*"
      identifiers = ["123456789012"]
    }
  }`, "", "Invalid identifiers for principal type \"*\""},
		{"not_principals", `
  statement {
    actions = ["sts:AssumeRole"]
    not_principals {
      type        = "AWS"
      identifiers = ["123456789012"]
    }
  }`, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]}`, ""},
		{"missing identifiers", `
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type = "AWS"
    }
  }`, "", "Missing required argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _, _, diags := decodeSrc(t, "policy \"p\" {"+tt.body+"\n}\n", Trust)
			if tt.want == "" {
				if len(diags) == 0 || !strings.Contains(diags[0].Summary, tt.diag) {
					t.Fatalf("diagnostics %v, want %q", diags, tt.diag)
				}
				return
			}
			if diags.HasErrors() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if want := MustParse(tt.want); !Equal(d, want) {
				t.Errorf("decoded\n%s\nwant\n%s", Canonical(d), Canonical(want))
			}
		})
	}
}

// TestDecodeHCLDiagnostics checks that wrong types are diagnostics at the
// offending expression ("LINE:COL" of its start), never panics.
func TestDecodeHCLDiagnostics(t *testing.T) {
	tests := []struct {
		name, stmt string
		summary    string
		at         string
	}{
		{"number for effect", `effect = 1`, "Incorrect value type", "3:14"},
		{"list for sid", `sid = ["a"]`, "Incorrect value type", "3:11"},
		{"string for actions", `actions = "s3:GetObject"`, "Incorrect value type", "3:15"},
		{"list of lists", `actions = ["s3:GetObject", ["s3:PutObject"]]`, "Incorrect value type", "3:32"},
		{"list of lists from a local", `actions = local.nested`, "Incorrect value type", "3:15"},
		{"number in actions", `actions = ["s3:GetObject", 3]`, "Incorrect value type", "3:32"},
		{"null element", `actions = ["s3:GetObject", null]`, "Null list element", "3:32"},
		{"unknown attribute", `action = ["s3:GetObject"]`, "Unsupported argument", "3:5"},
		{"unknown block", `principal {}`, "Unsupported block type", "3:5"},
		{"undeclared reference", `actions = local.missing`, "Unsupported attribute", "3:20"},
		{"NUL", `sid = "a\u0000b"`, "Invalid character", "3:11"},
		{"null test", "condition {\n  test = null\n  variable = \"aws:username\"\n  values = [\"a\"]\n}", "Null value", "4:10"},
		{"unknown warning code", `ignore_warnings = ["allow-al"]`, "Unknown warning code", "3:24"},
		{"warning code of another kind", `ignore_warnings = ["allow-all", "open-trust"]`, "Unknown warning code", "3:37"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "policy \"p\" {\n  statement {\n    " + tt.stmt + "\n  }\n}\n"
			_, _, _, diags := decodeSrc(t, src, Identity)
			if len(diags) == 0 {
				t.Fatal("no diagnostic")
			}
			d := diags[0]
			at := fmt.Sprintf("%d:%d", d.Subject.Start.Line, d.Subject.Start.Column)
			if d.Summary != tt.summary || at != tt.at || d.Severity != hcl.DiagError {
				t.Errorf("got %q at %s, want %q at %s (%v)", d.Summary, at, tt.summary, tt.at, diags)
			}
		})
	}
}

// TestDecodeHCLUnknown checks that unknown values pass Validate silently
// and are flagged.
func TestDecodeHCLUnknown(t *testing.T) {
	src := `
policy "p" {
  statement {
    actions   = var.actions
    resources = ["arn:aws:iam::${account.id}:role/app", "arn:aws:s3:::b"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = [account.id]
    }
  }
  statement {
    effect    = account.id
    sid       = account.id
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
`
	d, m, _, diags := decodeSrc(t, src, Identity)
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	if !m.HasUnknown() {
		t.Error("HasUnknown is false")
	}
	if ps := Validate(d, Identity); len(ps) != 0 {
		t.Errorf("Validate reports unknown values: %v", ps)
	}
}

func TestDecodeHCLJSONSyntax(t *testing.T) {
	src := `{"policy": {"p": {"statement": [{"actions": ["s3:GetObject", "s3:Fly"], "resources": ["*"]}]}}}`
	d, m, _, diags := decodeSrc(t, src, Identity)
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	ps := Validate(d, Identity)
	if len(ps) != 1 || ps[0].Path != "Statement[0].Action[1]" {
		t.Fatalf("Validate: %v", ps)
	}
	r, _ := m.Range(ps[0].Path)
	if got := src[r.Start.Byte:r.End.Byte]; got != `"s3:Fly"` {
		t.Errorf("the problem points at %q, want the element", got)
	}
}

// TestDecodeHCLLeavesTheRest checks that what is neither the caller's nor
// a statement is left for the caller to report.
func TestDecodeHCLLeavesTheRest(t *testing.T) {
	_, _, left, diags := decodeSrc(t, `
policy "p" {
  descripton = "x"
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statment {}
}
`, Identity)
	if diags.HasErrors() {
		t.Fatalf("DecodeHCL reported the caller's business: %v", diags)
	}
	var got []string
	for _, d := range left {
		got = append(got, fmt.Sprintf("%s %d:%d", d.Summary, d.Subject.Start.Line, d.Subject.Start.Column))
	}
	if strings.Join(got, "|") != "Unsupported argument 3:3|Unsupported block type 8:3" {
		t.Errorf("left for the caller: %q", got)
	}
}

// TestDecodeHCLNoCascade checks that a block the decoder rejected does
// not make Validate report its absence as well.
func TestDecodeHCLNoCascade(t *testing.T) {
	src := `
policy "p" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type = "*"
    }
    condition {
      test     = null
      variable = "aws:PrincipalOrgID"
      values   = ["o-1"]
    }
  }
}
`
	d, _, _, diags := decodeSrc(t, src, Trust)
	if len(diags) != 2 {
		t.Fatalf("want the missing identifiers and the null test, got %v", diags)
	}
	if ps := Validate(d, Trust); len(ps) != 0 {
		t.Errorf("Validate adds to the diagnostics: %v", ps)
	}
}
