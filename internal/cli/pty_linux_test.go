package cli

import (
	"bytes"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// openPTY opens a pseudo-terminal (posix_openpt, unlockpt, ptsname) and
// sets its size to cols columns.
func openPTY(t *testing.T, cols int) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	ioctl := func(f *os.File, req uintptr, arg unsafe.Pointer) {
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
			t.Fatalf("ioctl %#x: %v", req, errno)
		}
	}
	var unlock int32
	ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock))
	var n uint32
	ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n))
	slave, err = os.OpenFile("/dev/pts/"+itoaPlain(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		t.Fatal(err)
	}
	ws := struct{ rows, cols, x, y uint16 }{rows: 24, cols: uint16(cols)}
	ioctl(slave, syscall.TIOCSWINSZ, unsafe.Pointer(&ws))
	return master, slave
}

func itoaPlain(n int) string { return strings.ReplaceAll(thousands(n), ",", "") }

// TestApplyOnAPseudoTerminal: with stdout a real terminal, apply draws
// one live line in place, cut to the terminal's width, keeps no line per
// done step, and ends with the final line and the summary.
func TestApplyOnAPseudoTerminal(t *testing.T) {
	master, slave := openPTY(t, 50)
	defer master.Close()
	var screenBytes bytes.Buffer
	read := make(chan struct{})
	go func() {
		io.Copy(&screenBytes, master) // ends with EIO once the slave is closed
		close(read)
	}()
	if !isTerminal(slave) {
		t.Fatal("the pseudo-terminal is not seen as a terminal")
	}
	if w := terminalWidth(slave); w != 50 {
		t.Fatalf("terminal width %d, want 50", w)
	}
	code := applyUsers(t, 200, Streams{Stdout: slave, Stderr: slave, StdoutIsTerminal: func() bool { return isTerminal(slave) }})
	slave.Close()
	<-read
	out := screenBytes.String()
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	kept, live := screen(out)
	text := strings.Join(kept, "\n")
	if strings.Contains(text, "[1/200]") || live != "" {
		t.Errorf("step lines or a live line left:\n%s\n%q", text, live)
	}
	for _, want := range []string{"Applied 200/200 steps, ", "Apply complete: 200 created"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q on the terminal:\n%s", want, text)
		}
	}
	drawn := 0
	for _, part := range strings.Split(out, "\r") {
		if line, ok := strings.CutSuffix(part, "\x1b[K"); ok && strings.HasPrefix(line, "Applying") {
			drawn++
			if len(line) > 49 {
				t.Errorf("live line wider than the terminal: %q", line)
			}
		}
	}
	if drawn == 0 {
		t.Errorf("no live line was drawn:\n%q", out)
	}
}
