package spell

import (
	"testing"
	"unicode/utf8"
)

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
		{"café", "cafe", 3, 1},   // runes, not bytes, once one is not ASCII
		{"CAFÉ", "café", 3, 0},   // and without regard to case
		{"naïve", "naive", 0, 1}, // limit 0
		{"été", "ete", 5, 2},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
	long := "AmazonSageMakerFullAccessWithAVeryLongNameIndeedThatExceedsSixtyFourBytes"
	if got := Distance(long, long+"x", 3); got != 1 {
		t.Errorf("Distance of long names = %d, want 1", got)
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("GetObject", "GetObjcet")
	f.Add("", "abc")
	f.Add("café", "CAFE")
	f.Fuzz(func(t *testing.T, a, b string) {
		la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
		full := Distance(a, b, la+lb)
		if full != Distance(b, a, la+lb) {
			t.Fatalf("Distance(%q, %q) is not symmetric", a, b)
		}
		if full > max(la, lb) || full < abs(la-lb) {
			t.Fatalf("Distance(%q, %q) = %d out of bounds", a, b, full)
		}
		for limit := 0; limit < 4; limit++ {
			if got, want := Distance(a, b, limit), min(full, limit+1); got != want {
				t.Fatalf("Distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
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

func TestClosest(t *testing.T) {
	tests := []struct {
		name       string
		word       string
		candidates []string
		limit      Limit
		want       string
	}{
		{"near", "gruops", []string{"users", "groups"}, Fixed(2), "groups"},
		{"too far", "abc", []string{"xyz"}, Fixed(2), ""},
		{"case wins over nearer", "Roles", []string{"role", "ROLES"}, Fixed(2), "ROLES"},
		{"case wins even if later", "Policy", []string{"polic", "policy"}, Fixed(2), "policy"},
		{"identical", "users", []string{"user", "users"}, Fixed(2), "users"},
		{"ties go to the first", "ab", []string{"ax", "xb"}, Fixed(2), "ax"},
		{"nearer beats first", "abcd", []string{"abxx", "abcx"}, Fixed(2), "abcx"},
		{"empty word", "", []string{"a"}, Fixed(2), ""},
		{"quarter of a short word is 1", "s4", []string{"s3"}, QuarterOfWord, "s3"},
		{"quarter of a short word is not 2", "ab", []string{"xy"}, QuarterOfWord, ""},
		{"quarter of 12 is 3", "GetObjectzzz", []string{"GetObject"}, QuarterOfWord, "GetObject"},
		{"third of a candidate", "Alow", []string{"Allow", "Deny"}, ThirdOfCandidate, "Allow"},
		{"third of a short candidate is 1", "Dna", []string{"Deny"}, ThirdOfCandidate, ""},
		{"non-ASCII by runes", "rôle", []string{"role"}, Fixed(1), "role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ClosestString(tt.word, tt.candidates, tt.limit); got != tt.want {
				t.Errorf("ClosestString(%q, %q) = %q, want %q", tt.word, tt.candidates, got, tt.want)
			}
		})
	}
}

func TestDidYouMean(t *testing.T) {
	if got := DidYouMean(""); got != "" {
		t.Errorf("DidYouMean(\"\") = %q", got)
	}
	if got, want := DidYouMean(`a"b`), ` Did you mean "a\"b"?`; got != want {
		t.Errorf("DidYouMean = %q, want %q", got, want)
	}
}
