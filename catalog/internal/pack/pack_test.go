package pack

import (
	"bytes"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	blocks := [][]byte{[]byte("header\n"), nil, []byte(strings.Repeat("abc", 10000)), []byte("x")}
	data, err := Encode("TESTPACK", blocks)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Encode("TESTPACK", blocks)
	if !bytes.Equal(data, again) {
		t.Error("Encode is not deterministic")
	}
	c, err := Open("TESTPACK", data)
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != len(blocks) {
		t.Fatalf("Len = %d", c.Len())
	}
	for i, b := range blocks {
		got, err := c.Block(i)
		if err != nil || got != string(b) {
			t.Errorf("Block(%d) = %.20q, %v", i, got, err)
		}
	}
	if _, err := c.Block(len(blocks)); err == nil {
		t.Error("Block past the end gives no error")
	}
	if _, err := Encode("SHORT", blocks); err == nil {
		t.Error("Encode takes a short magic")
	}
}

func TestOpenErrors(t *testing.T) {
	good, _ := Encode("TESTPACK", [][]byte{[]byte("hello, hello, hello")})
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"other magic", append([]byte("OTHERMAG"), good[8:]...)},
		{"no count", []byte("TESTPACK")},
		{"truncated table", good[:9]},
		{"truncated block", good[:len(good)-1]},
		{"trailing data", append(append([]byte(nil), good...), 0)},
	}
	for _, tt := range tests {
		if _, err := Open("TESTPACK", tt.data); err == nil {
			t.Errorf("%s: Open gives no error", tt.name)
		}
	}
	// A block whose recorded length is wrong fails on reading.
	bad := append([]byte(nil), good...)
	bad[10]++ // the uncompressed length of block 0
	if c, err := Open("TESTPACK", bad); err == nil {
		if _, err := c.Block(0); err == nil {
			t.Error("a wrong uncompressed length goes unnoticed")
		}
	}
}

func FuzzOpen(f *testing.F) {
	good, _ := Encode("TESTPACK", [][]byte{[]byte("header"), []byte("body body body")})
	f.Add(good)
	f.Add([]byte("TESTPACK\x01\x05\x05hello"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Open("TESTPACK", data)
		if err != nil {
			return
		}
		for i := 0; i < c.Len(); i++ {
			c.Block(i)
		}
	})
}
