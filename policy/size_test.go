package policy

import "testing"

func TestSizeOfJSON(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{`{"a": "b"}`, 9},
		{"{\n\t\"a\" :\r\n \"b\"\v\f}", 9},
		{`"ünï ☃"`, 6},
		{"\u00a0x\u2003", 1}, // no-break and em spaces are white space
	} {
		if got := SizeOfJSON(tt.in); got != tt.want {
			t.Errorf("SizeOfJSON(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestSize(t *testing.T) {
	d := MustParse(`{
	  "Version": "2012-10-17",
	  "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]
	}`)
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}
	if got := Size(d); got != 96 {
		t.Errorf("Size = %d, want 96", got)
	}
	if got := SizeOfJSON(Pretty(d)); got != Size(d) {
		t.Errorf("Pretty adds %d characters that are not white space", got-Size(d))
	}
	if got := SizeOfJSON(CanonicalString(d)); got != Size(d) {
		t.Errorf("SizeOfJSON(Canonical) = %d, Size = %d", got, Size(d))
	}
}
