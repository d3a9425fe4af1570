package regularfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("hello"), 0o644)
	big := filepath.Join(dir, "big")
	os.WriteFile(big, []byte(strings.Repeat("x", 2048)), 0o644)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	os.Symlink(small, link)

	tests := []struct {
		path  string
		limit int64
		want  string
		err   error
		msg   string
	}{
		{small, 5, "hello", nil, ""},
		{link, 100, "hello", nil, ""},
		{big, 1024, "", ErrTooLarge, "it is 2 KiB, and the limit is 1 KiB"},
		{fifo, 1024, "", ErrNotRegular, "a named pipe"},
		{dir, 1024, "", ErrNotRegular, "a directory"},
		{"/dev/zero", 1024, "", ErrNotRegular, "a character device"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			done := make(chan struct{})
			var got []byte
			var err error
			go func() {
				got, err = Read(tt.path, tt.limit)
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Read blocked")
			}
			if tt.err == nil {
				if err != nil || string(got) != tt.want {
					t.Fatalf("Read = %q, %v", got, err)
				}
				return
			}
			if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), tt.path) {
				t.Fatalf("Read error = %v, want %v with %q and the path", err, tt.err, tt.msg)
			}
		})
	}
}

// A file that says it is empty, as those under /proc do, is still read
// only up to the limit.
func TestReadStopsAtLimitWhateverTheSize(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	_, err := Read("/proc/self/status", 16)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "more than 16 bytes") {
		t.Fatalf("Read error = %v", err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 12: "12 bytes", 1024: "1 KiB", 1536: "1.5 KiB", 4 << 20: "4 MiB", 256 << 20: "256 MiB", 1 << 30: "1 GiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
