package english

import (
	"slices"
	"testing"
)

func TestJoin(t *testing.T) {
	tests := []struct {
		items        []string
		join, quoted string
	}{
		{nil, "", ""},
		{[]string{"a"}, "a", `"a"`},
		{[]string{"a", "b"}, "a and b", `"a" and "b"`},
		{[]string{"a", "b", "c"}, "a, b and c", `"a", "b" and "c"`},
		{[]string{`x"y`, "é"}, `x"y and é`, `"x\"y" and "é"`},
	}
	for _, tt := range tests {
		if got := Join(tt.items); got != tt.join {
			t.Errorf("Join(%q) = %q, want %q", tt.items, got, tt.join)
		}
		if got := JoinQuoted(tt.items); got != tt.quoted {
			t.Errorf("JoinQuoted(%q) = %q, want %q", tt.items, got, tt.quoted)
		}
	}
}

func TestCapitalize(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		"the user":       "The user",
		"The user":       "The user",
		`"x" is taken`:   `"x" is taken`,
		"élan":           "élan", // only ASCII letters
		"a":              "A",
		"zebra crossing": "Zebra crossing",
	} {
		if got := Capitalize(in); got != want {
			t.Errorf("Capitalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		noun string
		want string
	}{
		{1, "access key", "1 access key"},
		{2, "access key", "2 access keys"},
		{0, "policy", "0 policies"},
		{3, "policy", "3 policies"},
		{2, "address", "2 addresses"},
		{2, "user", "2 users"},
	}
	for _, tt := range tests {
		if got := Count(tt.n, tt.noun); got != tt.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
	if got, want := AppendCount(AppendCount([]string{"x"}, 0, "user"), 2, "group"), []string{"x", "2 groups"}; !slices.Equal(got, want) {
		t.Errorf("AppendCount = %q, want %q", got, want)
	}
	if got := CountOf(1, "managed policy", "managed policies"); got != "1 managed policy" {
		t.Errorf("CountOf(1) = %q", got)
	}
	if got := CountOf(0, "managed policy", "managed policies"); got != "0 managed policies" {
		t.Errorf("CountOf(0) = %q", got)
	}
}
