package wildcard

import (
	"regexp"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*", "", true},
		{"*", "s3:GetObject", true},
		{"s3:*", "s3:GetObject", true},
		{"s3:*", "S3:GetObject", true},
		{"S3:GETOBJECT", "s3:GetObject", true},
		{"s3:Get*", "s3:GetObject", true},
		{"s3:Get*", "s3:Get", true},
		{"s3:Get*", "s3:PutObject", false},
		{"s3:*Object", "s3:GetObject", true},
		{"s3:*Object", "s3:GetObjectAcl", false},
		{"s3:*Object*", "s3:GetObjectAcl", true},
		{"s3:GetObjec?", "s3:GetObject", true},
		{"s3:GetObjec?", "s3:GetObjec", false},
		{"s3:?", "s3:", false},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXcYb", false},
		{"a**b", "ab", true},
		{"*a", "bbbbba", true},
		{"*a", "bbbbbab", false},
		{"", "", true},
		{"", "a", false},
		{"a", "", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"GetObject", "getobject", 0},
		{"DescribeDashboard", "DescribeDBInstances", -1},
		{"a", "ab", -1},
		{"B", "a", 1},
		{"", "", 0},
	}
	for _, tt := range tests {
		if got := Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// FuzzMatch compares Match with a regular expression built from the
// pattern, on ASCII input.
func FuzzMatch(f *testing.F) {
	f.Add("s3:Get*", "s3:GetObject")
	f.Add("a*b?c", "aXXbYc")
	f.Fuzz(func(t *testing.T, pattern, name string) {
		if !ascii(pattern) || !ascii(name) {
			return
		}
		var re strings.Builder
		re.WriteString("(?is)^")
		for i := 0; i < len(pattern); i++ {
			switch c := pattern[i]; c {
			case '*':
				re.WriteString(".*")
			case '?':
				re.WriteString(".")
			default:
				re.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
		re.WriteString("$")
		want := regexp.MustCompile(re.String()).MatchString(name)
		if got := Match(pattern, name); got != want {
			t.Fatalf("Match(%q, %q) = %v, the regexp says %v", pattern, name, got, want)
		}
	})
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
