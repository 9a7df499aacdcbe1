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

// defaultGCPercent is Go's own target for the collector (GOGC=100).
const defaultGCPercent = 100

// batchMemoryLimit is the soft limit of the heap (GOMEMLIMIT) that goes
// with batchGCPercent in parse: a heap that nears it is collected sooner,
// so that the fourfold headroom never makes a large peak of a small live
// heap.
const batchMemoryLimit = 160 << 20

// validateMemoryLimit is the soft limit that goes with batchGCPercent in
// validate, which holds a few facts of each record (its SHA-256, its
// authority, visit number and dates, and where they stand: some 350
// bytes) beside the files in flight, whose YAML nodes make the live heap
// 3-13 MB at moments: the more collections a run makes, the likelier one
// of them lets the heap grow to five times a high moment of it. Measured
// over 10,000 records: under 160 MiB, peaks of 71-96 MB; under 40 MiB,
// 47 MB for about the same CPU (32 MiB: 39 MB for about a third more).
// Since the facts are compact and compared without a copy of them all
// (validate.across), under 36 MiB: 38-39 MB for the CPU of 40 MiB (2.6-2.7
// s against 2.4-3.3 s at load 8); over 1,000 records 26-34 MB, the peak
// varying with the moment of the collections.
const validateMemoryLimit = 36 << 20

// analysisMemoryLimit is the soft limit that goes with batchGCPercent in
// the analysis commands once they analyse a letter (a cold run, or a
// letter new or changed), whose letters in flight hold their sentences:
// under it, the fourfold headroom of a small corpus stays, and a large
// one is collected more often instead of growing the peak fivefold.
// Measured on diff over 10,000 records, warm: 48 MiB costs no CPU
// against 160 MiB and peaks at 56 MB instead of 78.
const analysisMemoryLimit = 48 << 20

// headsMemoryLimit is the soft limit of diff, themes, summary and report
// while they analyse no letter, every one read from the cache's index.
// diff, summary and report hold a letter by reference then (some 200
// bytes with its file's path and index row: analyser.hold), themes its
// profile without themes: a live heap of about 3 MB (diff) and 7 MB
// (themes) over 10,000 records, 1 MB over 1,000, which the fourfold
// headroom would let grow to five times that. Measured warm over
// 10,000 records (December 2026, paired runs, load 11): diff 26-27 MB
// and 1.25-1.3 s of CPU under 22 MiB, 33-34 MB and 1.3-2.1 s under the
// 28 MiB this was when each letter held its profile (live heap 7-11 MB);
// themes 27-29 MB; over 1,000 records 20 MB (diff) and 25 MB (themes),
// the limit barely reached. A cold run under it collected without end
// (10,000 records: 128 s of CPU against 48), hence analysisMemoryLimit.
const headsMemoryLimit = 22 << 20

// pageMemoryLimit is the soft limit under which report writes its page
// or site at Go's default target, once the letters are read (and
// analysed: it replaces analysisMemoryLimit then). What stays live is
// each letter held by reference (analyser.hold), the layout's figures of
// each authority and one authority's profiles and evidence at a time:
// 7-8 MB over 10,000 records (the layout 3 MB of it). Measured on report
// --out-dir over 10,000 records, warm, load 4-6, paired runs (CPU
// user+sys): 32 MiB, 33-35 MB and 6.7-7.6 s; 26 MiB, 31 MB and 7.6 s;
// 24 MiB, 29-30 MB and 7.5-7.9 s; 22 MiB, 27 MB and 8.5-8.7 s. Over 1,000
// records 19-21 MB and 0.9-1.0 s whichever. Before letters were held by
// reference (live 19-23 MB), 28 MiB cost a third more CPU than 32.
// report --out, which holds its page whole, adds maxPageBytes to it: under
// 22 MiB alone, the page of 400 records (18 MB) took a third more CPU
// than under 32 MiB. A page that holds its evidence without the cache
// (--no-cache) writes with Go's default.
const pageMemoryLimit = 22 << 20

// tuneGC sets the collector's target for a batch command, unless the user
// chose one with the GOGC environment variable, with the soft limit
// limit unless GOMEMLIMIT is set (limitOurs), and returns a function that
// puts back the ones before.
func tuneGC(percent int, limit int64) (restore func()) {
	if !percentOurs() {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	if !limitOurs() {
		return func() { debug.SetGCPercent(old) }
	}
	oldLimit := debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(old)
		debug.SetMemoryLimit(oldLimit)
	}
}

// percentOurs reports whether tuneGC sets the collector's target: the
// user did not set GOGC.
func percentOurs() bool {
	_, set := os.LookupEnv("GOGC")
	return !set
}

// limitOurs reports whether tuneGC sets the soft limit: the user set
// neither GOGC nor GOMEMLIMIT.
func limitOurs() bool {
	_, set := os.LookupEnv("GOMEMLIMIT")
	return percentOurs() && !set
}
