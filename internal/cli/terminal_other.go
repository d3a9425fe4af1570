//go:build !(linux || darwin)

package cli

import "os"

// fileWidth is 0 (unknown) where iamc does not ask the terminal.
func fileWidth(f *os.File) int { return 0 }
