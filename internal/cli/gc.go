package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// TuneGC sets the collector as iamc runs it (Main calls it; so do the
// benchmarks, to measure iamc as it runs). It trades memory for time:
// iamc is a short-lived batch process whose live heap is largest while
// it compiles (the configuration's syntax tree, about twenty bytes per
// byte of HCL, until lang.Load returns), so the collector runs when the
// heap has grown to four times what was live (GOGC=300) rather than
// twice. No memory limit is set: near one the collector runs almost
// continuously, and a run takes twice as long as without. GOGC and
// GOMEMLIMIT, when set, win.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
}

// compileHeapLimit is the soft limit on the heap while a configuration
// compiles with the collector off: the collector runs only when the heap
// reaches it, so that a configuration of the size of the large generated
// organisation (3 MB of HCL, about 130 MiB live at its peak) is compiled
// with two collections, and its plan peaks below 300 MB.
const compileHeapLimit = 256 << 20

// compiling turns the collector off while a configuration is parsed and
// compiled, and returns the function that turns it back on. Nearly all
// of what compiling allocates stays live until it returns (the syntax
// tree), so collecting during it finds little to free: on the large
// generated org it costs a fifth of the run. A soft limit bounds the
// heap all the same (compileHeapLimit). GOGC and GOMEMLIMIT, when set,
// win. One configuration compiles at a time: a run over several
// accounts, which compiles them side by side, leaves the collector on
// (configFlags). A configuration whose live heap nears the limit
// compiles with the collector on (compileGC).
func compiling() (restore func()) { return compilingUnder(compileHeapLimit) }

// compilingUnder is compiling with the given soft limit.
func compilingUnder(heapLimit int64) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	c := &compileGC{heapLimit: heapLimit}
	c.gogc = debug.SetGCPercent(-1)
	c.limit = debug.SetMemoryLimit(heapLimit)
	afterEachGC(func() bool { return c.collected(liveHeap()) })
	return c.turnOn
}

// compileGC is the collector's state while a configuration compiles:
// off, under heapLimit, until turnOn restores the settings it found.
//
// Under a limit the collector runs whenever the heap reaches it, so once
// what is live nears the limit it runs again and again, each time after
// a little allocation: the generated organisation of 13 MB, four times
// the large one, compiled on three times the CPU it takes with the
// collector on (GOGC=300), and one of 6 MB on half as much again. So a
// collection that finds more than half the limit live turns the
// collector back on for the rest of the compile, without the limit.
type compileGC struct {
	heapLimit int64
	gogc      int   // restored by turnOn
	limit     int64 // restored by turnOn
	mu        sync.Mutex
	on        bool
}

// collected is told what a collection found live; it reports whether
// the collector is still off, to be told of the next one.
func (c *compileGC) collected(live uint64) bool {
	if live > uint64(c.heapLimit)/2 {
		c.turnOn()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.on
}

// turnOn restores the collector's settings, once.
func (c *compileGC) turnOn() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.on {
		c.on = true
		debug.SetMemoryLimit(c.limit)
		debug.SetGCPercent(c.gogc)
	}
}

// gcSentinel is an object that nothing refers to, whose cleanup thus
// runs after the next collection.
type gcSentinel struct{ _ *byte }

// afterEachGC calls f after each collection, on the runtime's cleanup
// goroutine, until f reports false.
func afterEachGC(f func() bool) {
	runtime.AddCleanup(new(gcSentinel), func(struct{}) {
		if f() {
			afterEachGC(f)
		}
	}, struct{}{})
}

// liveHeap is what the last collection found live on the heap.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// collectCompiled collects once a configuration is compiled: its syntax
// tree has just become garbage, most of the heap, and the live heap is
// at its smallest, so that this collection is cheap and planning starts
// from a small heap rather than on top of the tree.
func collectCompiled() { runtime.GC() }
