// Package regularfile reads files that iamc did not write and must not
// trust: configuration files, files named by file(), variable files, state
// files, plan files, credentials files. Each is read only when it is a
// regular file no larger than a limit the caller states, checked before
// the content is read, so that a named pipe, a device or /dev/zero neither
// hangs iamc nor fills its memory. Imported by lang, apply, provider/memory
// and the CLI; it imports nothing of iamc's.
package regularfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular is wrapped by the error of a path that is not a regular
// file (a directory, a named pipe, a device, a socket).
var ErrNotRegular = errors.New("not a regular file")

// NotRegularError says what a path that is not a regular file is.
type NotRegularError struct {
	Kind string // "a named pipe", as Kind names it
}

func (e *NotRegularError) Error() string { return "not a regular file (" + e.Kind + ")" }

// Is makes errors.Is(err, ErrNotRegular) hold.
func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// ErrTooLarge is wrapped by the error of a file over its limit.
var ErrTooLarge = errors.New("larger than its limit")

// Read returns the content of the regular file at path (symbolic links
// followed), refusing anything else, and a file of more than limit bytes.
// The file is opened without blocking, so that opening a named pipe does
// not wait for a writer; its size is checked before it is read, and the
// read stops after limit bytes whatever the size said (files under /proc
// say 0).
func Read(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := Check(path, info, limit); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(path, -1, limit)
	}
	return data, nil
}

// Check refuses what is not a regular file of at most limit bytes.
func Check(path string, info fs.FileInfo, limit int64) error {
	if !info.Mode().IsRegular() {
		return &fs.PathError{Op: "read", Path: path, Err: &NotRegularError{Kind: Kind(info.Mode())}}
	}
	if info.Size() > limit {
		return tooLarge(path, info.Size(), limit)
	}
	return nil
}

// Kind names the type of a file mode: "a directory", "a named pipe".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

func tooLarge(path string, size, limit int64) error {
	if size < 0 {
		return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it holds more than %s", ErrTooLarge, Size(limit))}
	}
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it is %s, and the limit is %s", ErrTooLarge, Size(size), Size(limit))}
}

// Size renders a byte count as people read it: "4 MiB", "1.5 KiB", "12 bytes".
func Size(n int64) string {
	const unit = 1024
	if n < unit {
		if n == 1 {
			return "1 byte"
		}
		return fmt.Sprintf("%d bytes", n)
	}
	suffixes := []string{"KiB", "MiB", "GiB", "TiB"}
	v := float64(n) / unit
	i := 0
	for v >= unit && i < len(suffixes)-1 {
		v /= unit
		i++
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), suffixes[i])
	}
	return fmt.Sprintf("%.1f %s", v, suffixes[i])
}
