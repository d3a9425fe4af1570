package policy

import (
	"strings"
	"testing"
)

// TestSourceMapProblems decodes statements with errors and checks that
// each problem Validate reports leads back to the text it is about.
func TestSourceMapProblems(t *testing.T) {
	src := `
policy "p" {
  statement {
    sid       = "read-all"
    effect    = "allow"
    actions   = ["s3:GetObject", "s3:GetObjects"]
    resources = concat(["arn:aws:s3:::b"], ["bucket"])
    condition {
      test     = "StringLikeX"
      variable = "s3:prefix"
      values   = ["a"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:username"
      values   = ["a"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:username"
      values   = ["$${aws:username"]
    }
    principals {
      type        = "AWS"
      identifiers = ["123456789012"]
    }
  }
  statement {
    effect = "Allow"
  }
}
`
	d, m, _, diags := decodeSrc(t, src, Identity)
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := []struct{ path, code, text string }{
		{"Statement[0].Sid", "invalid-sid", `"read-all"`},
		{"Statement[0].Effect", "invalid-effect", `"allow"`},
		{"Statement[0].Principal", "unsupported-principal", `principals`},
		{"Statement[0].Action[1]", "unknown-action", `"s3:GetObjects"`},
		{"Statement[0].Resource[1]", "invalid-arn", `concat(["arn:aws:s3:::b"], ["bucket"])`},
		{"Statement[0].Condition.StringEquals.aws:username[1]", "invalid-variable", `"$${aws:username"`},
		{"Statement[0].Condition.StringLikeX", "invalid-condition-operator", `"StringLikeX"`},
		{"Statement[1]", "missing-action", `statement`},
		{"Statement[1]", "missing-resource", `statement`},
	}
	ps := Validate(d, Identity)
	if len(ps) != len(want) {
		t.Fatalf("Validate: %v", ps)
	}
	for i, w := range want {
		p := ps[i]
		if p.Path != w.path || p.Code != w.code {
			t.Errorf("problem %d: %s %s, want %s %s", i, p.Path, p.Code, w.path, w.code)
			continue
		}
		r, ok := m.Range(p.Path)
		if !ok {
			t.Errorf("%s: no range", p.Path)
			continue
		}
		if got := src[r.Start.Byte:r.End.Byte]; got != w.text {
			t.Errorf("%s points at %q, want %q", p.Path, got, w.text)
		}
	}
}

// TestSourceMapRange checks the longest-prefix rule on recorded paths.
func TestSourceMapRange(t *testing.T) {
	src := `
policy "p" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com", "lambda.amazonaws.com"]
    }
    principals {
      type        = "Service"
      identifiers = local.read
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["x"]
    }
    ignore_warnings = ["open-trust"]
  }
}
`
	_, m, _, diags := decodeSrc(t, src, Trust)
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	for _, tt := range []struct{ path, text string }{
		{"Statement[0]", "statement"},
		{"Statement[0].Action", `["sts:AssumeRole"]`},
		{"Statement[0].Action[0]", `"sts:AssumeRole"`},
		{"Statement[0].Action[7]", `["sts:AssumeRole"]`},
		{"Statement[0].Resource[0]", "statement"},
		{"Statement[0].Principal", "principals"},
		{"Statement[0].Principal.Service", `"Service"`},
		{"Statement[0].Principal.Service[1]", `"lambda.amazonaws.com"`},
		{"Statement[0].Principal.Service[3]", `local.read`},
		{"Statement[0].Principal.AWS[0]", "principals"},
		{"Statement[0].NotPrincipal", "statement"},
		{"Statement[0].Condition", "statement"},
		{"Statement[0].Condition.StringEquals", `"StringEquals"`},
		{"Statement[0].Condition.StringEquals.sts:ExternalId", `"sts:ExternalId"`},
		{"Statement[0].Condition.StringEquals.sts:ExternalId[0]", `"x"`},
		{"Statement[0].Condition.StringEquals.aws:username[0]", `"StringEquals"`},
		{"Statement[0].Condition.Bool", "statement"},
		{"Statement[1]", ""},
		{"Statement[x]", ""},
		{"Version", ""},
		{"", ""},
	} {
		r, ok := m.Range(tt.path)
		if !ok {
			t.Errorf("%q: no range", tt.path)
			continue
		}
		if got := src[r.Start.Byte:r.End.Byte]; got != tt.text {
			t.Errorf("Range(%q) = %q, want %q", tt.path, got, tt.text)
		}
	}
	if !m.Suppressed(0, "open-trust") || m.Suppressed(0, "allow-all") || m.Suppressed(1, "open-trust") || m.Suppressed(-1, "open-trust") {
		t.Error("Suppressed does not follow ignore_warnings")
	}
	var none *SourceMap
	if _, ok := none.Range("Statement[0]"); ok || none.Suppressed(0, "allow-all") || none.HasUnknown() {
		t.Error("a nil SourceMap answers")
	}
	if !strings.HasPrefix(src[m.body.Start.Byte:], "{\n  statement") {
		t.Errorf("the document's range starts at %q, want the policy body", src[m.body.Start.Byte:][:12])
	}
}
