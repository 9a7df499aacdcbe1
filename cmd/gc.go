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
// with batchGCPercent in parse: a heap that nears it is collected sooner,
// so that the fourfold headroom never makes a large peak of a small live
// heap.
const batchMemoryLimit = 160 << 20

// analysisMemoryLimit is the soft limit that goes with batchGCPercent in
// the analysis commands, whose live heap grows with the corpus by about
// 2 KB a letter while they read it (names, dates, packed themes, the
// folder's index): under it, the fourfold headroom of a small corpus
// stays, and a large one is collected more often instead of growing the
// peak fivefold. Measured on diff over 10,000 records, warm: 48 MiB
// costs no CPU against 160 MiB and peaks at 56 MB instead of 78; 32 MiB
// peaks at 43 MB but costs 1.7x the CPU (the live heap nears it).
const analysisMemoryLimit = 48 << 20

// tuneGC sets the collector's target for a batch command, unless the user
// chose one with the GOGC environment variable, with the soft limit
// limit unless GOMEMLIMIT is set, and returns a function that puts back
// the ones before.
func tuneGC(percent int, limit int64) (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return func() { debug.SetGCPercent(old) }
	}
	oldLimit := debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(old)
		debug.SetMemoryLimit(oldLimit)
	}
}
