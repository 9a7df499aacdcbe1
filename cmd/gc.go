package cmd

import (
	"os"
	"runtime/debug"
)

// batchGCPercent is the garbage collector's target (GOGC) of the batch
// commands whose memory is flat however many files they read: a collection when
// the heap has grown by four times what is live, not by once. Measured on
// parse -j 1 over the 344-letter corpus: 0.80× the CPU of the default
// (100) for about 18 MB more peak memory (README: Speed); validate over
// 10,000 records: 0.7× the CPU of the default (3.1 s against 4.5 s) for
// about 50 MB more (some 95 MB against 44 MB). The analysis commands use
// it when their output shows no evidence (analyser.tuneGC).
const batchGCPercent = 400

// batchMemoryLimit is the soft limit of the heap (GOMEMLIMIT) that goes
// with batchGCPercent: a heap that nears it is collected sooner, so that
// the fourfold headroom never makes a large peak of a small live heap.
const batchMemoryLimit = 160 << 20

// tuneGC sets the collector's target for a batch command, unless the user
// chose one with the GOGC environment variable, with batchMemoryLimit
// unless GOMEMLIMIT is set, and returns a function
// that puts back the one before.
func tuneGC(percent int) (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return func() { debug.SetGCPercent(old) }
	}
	oldLimit := debug.SetMemoryLimit(batchMemoryLimit)
	return func() {
		debug.SetGCPercent(old)
		debug.SetMemoryLimit(oldLimit)
	}
}
