package policy

import "testing"

// TestEqual is the table of documents that mean the same to IAM, or not.
// Each row is checked both ways, through Key, and through Canonical: the
// canonical JSON of each side parses back to a document Equal to it.
func TestEqual(t *testing.T) {
	const v = `"Version":"2012-10-17",`
	tests := []struct {
		name  string
		a, b  string
		equal bool
	}{
		// Formatting and JSON's own freedoms.
		{"key order", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			`{"Statement":[{"Resource":"*","Action":"s3:GetObject","Effect":"Allow"}],"Version":"2012-10-17"}`, true},
		{"white space", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ {\n\t\"Effect\" : \"Allow\",\n \"Action\":\"s3:GetObject\", \"Resource\":\"*\" } ]\n}\n", true},
		{"statement object vs list", `{` + v + `"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, true},
		{"action string vs one-element list", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}`, true},
		{"resource string vs one-element list", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*"]}]}`, true},

		// Value lists are sets.
		{"action order", `{` + v + `"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"*"}]}`, true},
		{"duplicate actions", `{` + v + `"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:GetObject"],"Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, true},
		{"resource order", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::a","arn:aws:s3:::b"]}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::a","arn:aws:s3:::b"]}]}`, true},
		{"NotAction order and case", `{` + v + `"Statement":[{"Effect":"Deny","NotAction":["iam:*","sts:GetCallerIdentity"],"Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Deny","NotAction":["STS:getcalleridentity","IAM:*"],"Resource":"*"}]}`, true},
		{"NotResource order", `{` + v + `"Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::a","arn:aws:s3:::b"]}]}`,
			`{` + v + `"Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::b","arn:aws:s3:::a"]}]}`, true},
		{"statement order", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, true},
		{"duplicate statements", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, true},

		// Case: IAM folds action names and condition keys, not resources,
		// condition values or operator names.
		{"action case", `{` + v + `"Statement":[{"Effect":"Allow","Action":"S3:GETOBJECT","Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, true},
		{"resource case", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::Bucket/*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}`, false},
		{"condition key case", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"AWS:SOURCEIP":"203.0.113.0/24"}}}]}`, true},
		{"condition keys differing in case merge", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","AWS:UserName":"b"}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":["b","a"]}}}]}`, true},
		{"condition value case", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"Alice"}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"alice"}}}]}`, false},
		{"condition operator case", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a"}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"stringequals":{"aws:username":"a"}}}]}`, false},

		// Conditions.
		{"condition value order", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":["a","b"]}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":["b","a","a"]}}}]}`, true},
		{"condition boolean vs string", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":true}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":["true"]}}}]}`, true},
		{"several keys and operators in another order", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","s3:prefix":["x","y"]},"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"StringEquals":{"s3:prefix":["y","x"],"aws:username":"a"}}}]}`, true},
		{"several keys, one value differs", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","s3:prefix":["x","y"]}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","s3:prefix":["x","z"]}}}]}`, false},
		{"set prefix", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":"a"}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"a"}}}]}`, false},
		{"IfExists", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a"}}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:username":"a"}}}]}`, false},
		{"empty condition vs none", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{}}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, true},

		// Principals.
		{"bare account id vs root ARN", `{` + v + `"Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Action":"sts:AssumeRole"}]}`, true},
		{"another account", `{` + v + `"Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole"}]}`, false},
		{"star vs AWS star", `{` + v + `"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`, true},
		{"star vs Service star", `{` + v + `"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Principal":{"Service":"*"},"Action":"sts:AssumeRole"}]}`, false},
		{"principal identifiers and types in another order", `{` + v + `"Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"],"AWS":"arn:aws:iam::123456789012:role/a"},"Action":"sts:AssumeRole"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/a"],"Service":["lambda.amazonaws.com","ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}]}`, true},
		{"principal type", `{` + v + `"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Principal":{"Federated":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, false},
		{"Principal vs NotPrincipal", `{` + v + `"Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`,
			`{` + v + `"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`, false},

		// Elements and their Not forms.
		{"Action vs NotAction", `{` + v + `"Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}`, false},
		{"Resource vs NotResource", `{` + v + `"Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::a"}]}`,
			`{` + v + `"Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::a"}]}`, false},
		{"empty action list vs none", `{` + v + `"Statement":[{"Effect":"Deny","Action":[],"Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Deny","Resource":"*"}]}`, false},
		{"one more action", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`, false},
		{"effect", `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`, false},
		{"sid", `{` + v + `"Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			`{` + v + `"Statement":[{"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, false},

		// Version.
		{"version absent vs 2008-10-17", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			`{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, true},
		{"version absent vs 2012-10-17", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, false},
	}
	if len(tests) < 30 {
		t.Fatalf("the table has %d pairs, want at least 30", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := MustParse(tt.a), MustParse(tt.b)
			if got := Equal(a, b); got != tt.equal {
				t.Errorf("Equal(a, b) = %v, want %v\na: %s\nb: %s", got, tt.equal, Canonical(a), Canonical(b))
			}
			if got := Equal(b, a); got != tt.equal {
				t.Errorf("Equal(b, a) = %v, want %v", got, tt.equal)
			}
			if got := Key(a) == Key(b); got != tt.equal {
				t.Errorf("Key(a) == Key(b) is %v, want %v\n%s\n%s", got, tt.equal, Key(a), Key(b))
			}
			for _, d := range []*Document{a, b} {
				back, err := ParseJSON(Canonical(d))
				if err != nil {
					t.Fatalf("canonical JSON does not parse: %v\n%s", err, Canonical(d))
				}
				if !Equal(back, d) {
					t.Errorf("canonical JSON parses to another document:\n%s\n%s", Canonical(d), Canonical(back))
				}
			}
		})
	}
}

func TestEqualNil(t *testing.T) {
	d := MustParse(`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	for _, tt := range []struct {
		a, b *Document
		want bool
	}{{nil, nil, true}, {d, nil, false}, {nil, d, false}, {d, d.Clone(), true}} {
		if got := Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%v, %v) = %v, want %v", tt.a != nil, tt.b != nil, got, tt.want)
		}
	}
}

// TestCanonical pins the canonical form: what iamc sends to AWS.
func TestCanonical(t *testing.T) {
	d := MustParse(`{
	  "Id": "x",
	  "Statement": [{
	    "Condition": {"StringEquals": {"s3:prefix": ["b", "a", "b"], "aws:UserName": "u"}, "Bool": {"aws:SecureTransport": true}},
	    "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::a"],
	    "Action": ["s3:PutObject", "S3:GetObject", "s3:getobject"],
	    "Effect": "Allow",
	    "Sid": "S1"
	  }, {
	    "Effect": "Allow",
	    "Principal": {"AWS": ["123456789012", "arn:aws:iam::123456789012:role/r"], "Service": "ec2.amazonaws.com"},
	    "Action": "sts:AssumeRole"
	  }],
	  "Version": "2012-10-17"
	}`)
	want := `{"Version":"2012-10-17","Id":"x","Statement":[` +
		`{"Sid":"S1","Effect":"Allow","Action":["S3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::a","arn:aws:s3:::b/*"],` +
		`"Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:UserName":"u","s3:prefix":["a","b"]}}},` +
		`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/r","arn:aws:iam::123456789012:root"],"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	if got := CanonicalString(d); got != want {
		t.Errorf("Canonical:\n got %s\nwant %s", got, want)
	}
	// Canonical is stable under its own parse.
	if got := CanonicalString(MustParse(want)); got != want {
		t.Errorf("Canonical of the canonical form:\n got %s\nwant %s", got, want)
	}
	// Canonical does not change the document it writes.
	if d.Statements[0].Action[0] != "s3:PutObject" {
		t.Errorf("Canonical reordered the document's own actions: %v", d.Statements[0].Action)
	}
}
