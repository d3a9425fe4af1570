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

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", 3, 0},
		{"abc", "", 5, 3},
		{"", "abc", 5, 3},
		{"GetObject", "getobject", 3, 0},
		{"GetObject", "GetObjects", 3, 1},
		{"GetObject", "GetObjcet", 3, 1}, // one transposition
		{"CreateUser", "CreateUsr", 3, 1},
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 1, 2}, // stops early: limit+1
		{"ca", "abc", 5, 3},         // optimal string alignment, not full Damerau
		{"abcdefgh", "hgfedcba", 2, 3},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
	long := "AmazonSageMakerFullAccessWithAVeryLongNameIndeedThatExceedsSixtyFourBytes"
	if got := distance(long, long+"x", 3); got != 1 {
		t.Errorf("distance of long names = %d, want 1", got)
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("GetObject", "GetObjcet")
	f.Add("", "abc")
	f.Fuzz(func(t *testing.T, a, b string) {
		full := distance(a, b, len(a)+len(b))
		if full != distance(b, a, len(a)+len(b)) {
			t.Fatalf("distance(%q, %q) is not symmetric", a, b)
		}
		if full > max(len(a), len(b)) || full < abs(len(a)-len(b)) {
			t.Fatalf("distance(%q, %q) = %d out of bounds", a, b, full)
		}
		for limit := 0; limit < 4; limit++ {
			if got, want := distance(a, b, limit), min(full, limit+1); got != want {
				t.Fatalf("distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
			}
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// FuzzLookups feeds arbitrary names to every function that takes user
// input: none panics, and their answers agree with each other.
func FuzzLookups(f *testing.F) {
	for _, s := range []string{"s3:GetObject", "S3:get*", "s4:GetObjects", "*", "deeplens:*", "AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", ":", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		canonical, ok := LookupAction(s)
		matches := MatchActions(s)
		if ok && (len(matches) != 1 || matches[0] != canonical) {
			t.Fatalf("LookupAction(%q) = %q but MatchActions gives %v", s, canonical, matches)
		}
		if MatchesAnyAction(s) != (matches != nil) {
			t.Fatalf("MatchesAnyAction(%q) disagrees with MatchActions", s)
		}
		if _, found := Action(s); found != ok {
			t.Fatalf("Action(%q) disagrees with LookupAction", s)
		}
		if sug := SuggestAction(s); sug != "" && MatchActions(sug) == nil {
			t.Fatalf("SuggestAction(%q) = %q, which matches nothing", s, sug)
		}
		if sug := SuggestService(s); sug != "" && !HasService(sug) {
			t.Fatalf("SuggestService(%q) = %q, unknown", s, sug)
		}
		IsLegacyAction(s)
		if sug := SuggestManagedPolicy(s); sug != "" {
			if _, ok := ManagedPolicyARN(sug); !ok {
				t.Fatalf("SuggestManagedPolicy(%q) = %q, unknown", s, sug)
			}
		}
		if p, ok := ManagedPolicyByARN(s); ok && p.ARN != s {
			t.Fatalf("ManagedPolicyByARN(%q) = %s", s, p.ARN)
		}
	})
}
