package lang

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"

	"github.com/iamc/iamc/internal/regularfile"
)

// sourceDir is a configuration directory from which files are read only
// when they lie inside it once symbolic links are resolved: neither a
// configuration file nor file() can make iamc read /proc/self/environ,
// /etc/shadow or ../../secret, and so neither can show it in a message.
type sourceDir struct {
	dir  string // as given
	abs  string // absolute
	real string // absolute, symbolic links resolved
	err  error  // why dir cannot be resolved

	mu    sync.Mutex
	files map[string]fileRead // by the path as file() was given it
}

// fileRead is the outcome of one read of a file.
type fileRead struct {
	data []byte
	err  error
}

func newSourceDir(dir string) *sourceDir {
	s := &sourceDir{dir: dir, files: map[string]fileRead{}}
	s.abs, s.err = filepath.Abs(dir)
	if s.err == nil {
		s.real, s.err = filepath.EvalSymlinks(s.abs)
	}
	return s
}

// errOutside marks a path that resolves outside the configuration
// directory.
var errOutside = errors.New("outside the configuration directory")

// resolve returns the real path of name, which is relative to the
// directory (or absolute), when it lies inside the directory. A path
// that leaves the directory as written is refused before anything is
// looked up, so that not even whether it exists is told.
func (s *sourceDir) resolve(name string) (string, error) {
	if s.err != nil {
		return "", s.err
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(s.abs, p)
	}
	p = filepath.Clean(p)
	if !within(s.abs, p) && !within(s.real, p) {
		return "", errOutside
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", err
	}
	if !within(s.real, real) {
		return "", fmt.Errorf("%w: its symbolic links lead to %s", errOutside, real)
	}
	return real, nil
}

// within reports whether path is dir or inside it; both are clean
// absolute paths, or both relative to the same place.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// read returns the content of name, a file inside the directory, of at
// most limit bytes; the error says why not, never what the file holds.
func (s *sourceDir) read(name string, limit int64) ([]byte, error) {
	real, err := s.resolve(name)
	if err != nil {
		return nil, err
	}
	data, err := regularfile.Read(real, limit)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			// Name the file as it was given, not by its resolved path.
			return nil, pe.Err
		}
		return nil, err
	}
	return data, nil
}

// readOnce is read for file(): each path is read once per load, however
// many times a for_each calls file() with it, and every call sees the
// same content.
func (s *sourceDir) readOnce(name string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.files[name]; ok {
		return r.data, r.err
	}
	data, err := s.read(name, MaxReadFileSize)
	s.files[name] = fileRead{data, err}
	return data, err
}

// describe turns an error of read into the end of a sentence about the
// path as it was written.
func describe(err error) string {
	var nr *regularfile.NotRegularError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "does not exist (paths are relative to the configuration directory)"
	case errors.Is(err, errOutside):
		return "is " + err.Error() + "; iamc reads only regular files inside it, so that a configuration cannot make it read, or show, anything else"
	case errors.As(err, &nr):
		return "is " + nr.Kind + ", not a regular file"
	case errors.Is(err, regularfile.ErrTooLarge):
		return "is " + err.Error()
	case errors.Is(err, fs.ErrPermission):
		return "cannot be read: permission denied"
	}
	return "cannot be read: " + err.Error()
}

// readConfigFile reads one configuration file of the directory.
func (s *sourceDir) readConfigFile(name string) ([]byte, error) {
	return s.read(name, MaxConfigFileSize)
}

// ReadConfigFile reads the configuration file name (a base name) of dir
// as Load does: a regular file inside dir once symbolic links are
// resolved, of at most MaxConfigFileSize bytes. For iamc fmt.
func ReadConfigFile(dir, name string) ([]byte, error) {
	data, err := newSourceDir(dir).readConfigFile(name)
	if err != nil {
		return nil, fmt.Errorf("%s %s", filepath.Join(dir, name), describe(err))
	}
	return data, nil
}
