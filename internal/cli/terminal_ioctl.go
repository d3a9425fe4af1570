//go:build linux || darwin

package cli

import (
	"os"
	"syscall"
	"unsafe"
)

// fileWidth asks the terminal f for its width in columns; 0 when it is
// not a terminal.
func fileWidth(f *os.File) int {
	var ws struct{ rows, cols, x, y uint16 }
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), uintptr(syscall.TIOCGWINSZ), uintptr(unsafe.Pointer(&ws))); errno != 0 {
		return 0
	}
	return int(ws.cols)
}
