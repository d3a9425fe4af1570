// Package atomicfile writes files so that a reader, or a crash, sees either
// the old content or the new, whole: write to a temporary file beside the
// target, sync it, rename it over the target, sync the directory. Used for
// state files, plan files and credentials files.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write replaces path's content with data, atomically, with the given mode.
// A symbolic link is followed: the file it points to is replaced, not the
// link. A path that is not a regular file (/dev/null, a named pipe) is
// written to in place, never replaced.
func Write(path string, data []byte, mode os.FileMode) error {
	if info, err := os.Lstat(path); err == nil {
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			target, err := filepath.EvalSymlinks(path)
			if err != nil {
				return err
			}
			return Write(target, data, mode)
		case !info.Mode().IsRegular():
			return writeInPlace(path, data)
		}
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op once renamed
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// writeInPlace writes to a file that is not a regular file.
func writeInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
