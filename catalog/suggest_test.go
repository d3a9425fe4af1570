package catalog

import "testing"

func TestSuggestAction(t *testing.T) {
	tests := []struct{ name, want string }{
		{"s3:GetObjects", "s3:GetObject"},
		{"s3:GetObjcet", "s3:GetObject"},
		{"s3:getobject", "s3:GetObject"},
		{"iam:CreateUsr", "iam:CreateUser"},
		{"IAM:createusr", "iam:CreateUser"},
		{"ec2:DescribeInstance", "ec2:DescribeInstances"},
		{"s4:GetObject", "s3:GetObject"},
		{"S4:GetObjects", "s3:GetObject"},
		{"lamda:InvokeFunction", "lambda:InvokeFunction"},
		{"iam:AssumeRole", "sts:AssumeRole"},
		{"ec2:CreateBucket", "s3:CreateBucket"},
		{"s4:Get*", "s3:Get*"},
		{"s3:Get*", ""},
		{"s3:Nothing*", ""},
		{"s3:XyzzyPlughQuux", ""},
		{"foo:bar", ""},
		{"nothing", ""},
		{"", ""},
		{"s3:", ""},
		{":GetObject", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SuggestAction(tt.name); got != tt.want {
				t.Errorf("SuggestAction(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestSuggestService(t *testing.T) {
	tests := []struct{ prefix, want string }{
		{"s3", "s3"},
		{"S3", "s3"},
		{"s4", "s3"},
		{"IAM", "iam"},
		{"lamda", "lambda"},
		{"dynamodbb", "dynamodb"},
		{"cloudwatc", "cloudwatch"},
		{"xyzzyplugh", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			if got := SuggestService(tt.prefix); got != tt.want {
				t.Errorf("SuggestService(%q) = %q, want %q", tt.prefix, got, tt.want)
			}
		})
	}
}
