//go:build !unix

package memory

import (
	"fmt"
	"os"
	"time"
)

// acquire fails: state files are locked with flock, which this platform
// does not have. An account in memory only (New, FromModel) works.
func acquire(path string, shared bool, timeout time.Duration) (*os.File, error) {
	return nil, fmt.Errorf("locking the state file %s: file locking is not supported on this platform", path)
}

func release(f *os.File) {}
