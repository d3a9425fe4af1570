package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGCSetsNoMemoryLimit: iamc sets GOGC but no memory limit, near
// which the collector would run almost continuously; the environment's
// GOGC and GOMEMLIMIT win.
func TestTuneGCSetsNoMemoryLimit(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	TuneGC()
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Errorf("memory limit %d, want none", limit)
	}
	if gogc := debug.SetGCPercent(100); gogc != 300 {
		t.Errorf("GOGC %d, want 300", gogc)
	}
	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	TuneGC()
	if gogc := debug.SetGCPercent(150); gogc != 150 {
		t.Errorf("GOGC %d with GOGC=150 in the environment", gogc)
	}
}

// TestCompilingTurnsTheCollectorOffAndBackOn: while a configuration
// compiles the collector is off under a soft limit; afterwards the
// settings are what they were; the environment's GOGC wins.
func TestCompilingTurnsTheCollectorOffAndBackOn(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(300))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restore := compiling()
	if gogc := debug.SetGCPercent(-1); gogc != -1 {
		t.Errorf("GOGC %d while compiling, want off (-1)", gogc)
	}
	if limit := debug.SetMemoryLimit(-1); limit != compileHeapLimit {
		t.Errorf("memory limit %d while compiling, want %d", limit, compileHeapLimit)
	}
	restore()
	if gogc := debug.SetGCPercent(300); gogc != 300 {
		t.Errorf("GOGC %d after compiling, want 300", gogc)
	}
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Errorf("memory limit %d after compiling, want none", limit)
	}
	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	compiling()()
	if gogc := debug.SetGCPercent(150); gogc != 150 {
		t.Errorf("GOGC %d with GOGC=150 in the environment", gogc)
	}
}
