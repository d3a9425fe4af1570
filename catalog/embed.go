package catalog

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// The generated files; catalog/gen writes them (see doc.go).
var (
	//go:embed data/actions.bin
	actionsBin []byte
	//go:embed data/managed.bin
	managedBin []byte
	//go:embed data/legacy-actions.txt
	legacyTxt string
	//go:embed data/versions.json
	versionsJSON []byte
)

// Magics of the two containers; catalog/gen writes the same.
const (
	actionsMagic = "IAMCACT1"
	managedMagic = "IAMCMPL1"
)

// corrupt reports embedded data that does not decode. The data is
// generated and tested, so this is a broken invariant, not bad input.
func corrupt(what string, err error) {
	panic(fmt.Sprintf("catalog: embedded %s is corrupt: %v", what, err))
}

// lines is a cursor over the lines of a decoded block; the strings it
// hands out share the block's memory.
type lines struct{ s string }

func (l *lines) next() (string, bool) {
	if l.s == "" {
		return "", false
	}
	i := strings.IndexByte(l.s, '\n')
	if i < 0 {
		line := l.s
		l.s = ""
		return line, true
	}
	line := l.s[:i]
	l.s = l.s[i+1:]
	return line, true
}

// field cuts the next tab-separated field off *line.
func field(line *string) string {
	f, rest, _ := strings.Cut(*line, "\t")
	*line = rest
	return f
}

// atoi parses a small non-negative decimal.
func atoi(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad number %q", s)
	}
	return n, nil
}
