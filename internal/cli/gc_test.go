package cli

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// TestTuneGCSetsNoMemoryLimit: iamc sets GOGC but no memory limit, near
// which the collector would run almost continuously; the environment's
// GOGC and GOMEMLIMIT win.
func TestTuneGCSetsNoMemoryLimit(t *testing.T) {
	settleGC(t, 100)
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
	settleGC(t, 300)
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

// TestCompileGCTurnsOnAtHalfTheLimit: while the live heap is at most
// half the compile's limit the collector stays off; past it, the limit
// would have the collector run after less and less allocation, so the
// settings from before the compile come back at once, for good.
func TestCompileGCTurnsOnAtHalfTheLimit(t *testing.T) {
	settleGC(t, 300)
	c := &compileGC{heapLimit: 256 << 20, gogc: 300, limit: math.MaxInt64}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(c.heapLimit)
	if !c.collected(128 << 20) {
		t.Fatal("the collector is back on with half the limit live")
	}
	if gogc, limit := gcSettings(); gogc != -1 || limit != c.heapLimit {
		t.Fatalf("GOGC %d, limit %d with half the limit live, want off under %d", gogc, limit, c.heapLimit)
	}
	if c.collected(128<<20 + 1) {
		t.Fatal("the collector is still off with more than half the limit live")
	}
	if gogc, limit := gcSettings(); gogc != 300 || limit != math.MaxInt64 {
		t.Fatalf("GOGC %d, limit %d past half the limit, want 300 and none", gogc, limit)
	}
	debug.SetGCPercent(150)
	c.turnOn() // the end of the compile: the settings are restored once
	if gogc, _ := gcSettings(); gogc != 150 {
		t.Errorf("GOGC %d after the compile ended, want 150 as set since", gogc)
	}
}

// TestCompilingTurnsTheCollectorOnNearTheLimit: a collection during the
// compile that finds more than half the limit live turns the collector
// back on, without the limit, before the compile ends.
func TestCompilingTurnsTheCollectorOnNearTheLimit(t *testing.T) {
	settleGC(t, 300)
	runtime.GC()
	heapLimit := int64(liveHeap()) + 64<<20
	restore := compilingUnder(heapLimit)
	defer restore()
	live := make([][]byte, 0, 48)
	for range 48 { // 48 MiB more live: past half the limit
		live = append(live, make([]byte, 1<<20))
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for {
		gogc, limit := gcSettings()
		if gogc == 300 && limit == math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GOGC %d, limit %d with %d MiB live under a limit of %d MiB, want 300 and none", gogc, limit, liveHeap()>>20, heapLimit>>20)
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
}

// gcSettings reads GOGC and the memory limit without setting them.
func gcSettings() (gogc int, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

// settleGC starts a test from GOGC=gogc, no memory limit, and neither
// GOGC nor GOMEMLIMIT in the environment; the collector's settings from
// before come back at its end.
func settleGC(t *testing.T, gogc int) {
	t.Helper()
	prevGOGC := debug.SetGCPercent(gogc)
	prevLimit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(prevGOGC)
		debug.SetMemoryLimit(prevLimit)
	})
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
}
