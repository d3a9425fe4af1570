package cli_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
)

// mkfifo makes a named pipe: mkfifo NAME
func mkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo NAME")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}

// genRepeat writes PREFIX, then PIECE N times, then SUFFIX to a file;
// the strings are Go-quoted, so that \n can be written:
//
//	gen-repeat FILE N PIECE [PREFIX [SUFFIX]]
func genRepeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 || len(args) > 5 {
		ts.Fatalf("usage: gen-repeat FILE N PIECE [PREFIX [SUFFIX]]")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	unq := func(s string) string {
		u, err := strconv.Unquote(`"` + s + `"`)
		ts.Check(err)
		return u
	}
	var b strings.Builder
	if len(args) > 3 {
		b.WriteString(unq(args[3]))
	}
	b.WriteString(strings.Repeat(unq(args[2]), n))
	if len(args) > 4 {
		b.WriteString(unq(args[4]))
	}
	ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(args[0])), 0o755))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o644))
}
