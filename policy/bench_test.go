package policy

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// benchDoc is a typical customer policy: five statements, a condition.
const benchDoc = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]},
    {"Sid": "Write", "Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::data/${aws:username}/*"},
    {"Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
     "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/app/*"},
    {"Sid": "Describe", "Effect": "Allow", "Action": ["ec2:Describe*", "cloudwatch:Get*"], "Resource": "*",
     "Condition": {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}, "Bool": {"aws:SecureTransport": "true"}}},
    {"Sid": "NoIAM", "Effect": "Deny", "Action": "iam:*", "Resource": "*"}
  ]
}`

func BenchmarkParseJSON(b *testing.B) {
	data := []byte(benchDoc)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCanonical(b *testing.B) {
	d := MustParse(benchDoc)
	for b.Loop() {
		Canonical(d)
	}
}

func BenchmarkKey(b *testing.B) {
	d := MustParse(benchDoc)
	for b.Loop() {
		Key(d)
	}
}

func BenchmarkEqual(b *testing.B) {
	x, y := MustParse(benchDoc), MustParse(benchDoc)
	for b.Loop() {
		if !Equal(x, y) {
			b.Fatal("not equal")
		}
	}
}

func BenchmarkSize(b *testing.B) {
	d := MustParse(benchDoc)
	for b.Loop() {
		Size(d)
	}
}

func BenchmarkValidate(b *testing.B) {
	d := MustParse(benchDoc)
	if ps := Validate(d, Identity); len(ps) != 0 {
		b.Fatal(ps)
	}
	for b.Loop() {
		Validate(d, Identity)
	}
}

func BenchmarkDecodeHCL(b *testing.B) {
	src := []byte(`
statement {
  sid       = "Read"
  actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"]
  resources = [local.bucket, "${local.bucket}/*"]
}
statement {
  sid       = "Describe"
  actions   = ["ec2:Describe*", "cloudwatch:Get*"]
  resources = ["*"]
  condition {
    test     = "StringEquals"
    variable = "aws:RequestedRegion"
    values   = ["us-east-1", "eu-west-1"]
  }
}
statement {
  effect    = "Deny"
  actions   = ["iam:*"]
  resources = ["*"]
}
`)
	f, diags := hclsyntax.ParseConfig(src, "bench.iam.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	ctx := testContext()
	for b.Loop() {
		if _, _, _, diags := DecodeHCL(f.Body, ctx, Identity); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkDiff(b *testing.B) {
	x := MustParse(benchDoc)
	y := x.Clone()
	y.Statements[2].Action = append(y.Statements[2].Action, "logs:DescribeLogStreams")
	for b.Loop() {
		Diff(x, y)
	}
}
