package pdftext

import (
	"bytes"
	"context"
	"flag"
	"github.com/ofsted-letters/letters/internal/wordorder"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
)

// corpusDir is the folder of real focused-visit letters shared with the
// project's developers; tests that need it skip without it.
var corpusDir = flag.String("corpus", "../../../shared/corpus/focused-visits", "folder of real PDF letters for the corpus tests and benchmarks")

func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(*corpusDir, "*.pdf"))
	if len(files) == 0 {
		tb.Skipf("no corpus at %s (it is shared data, not part of the repository)", *corpusDir)
	}
	return files
}

// TestCorpus reads every letter of the shared corpus: none may fail, and
// none may hold a replacement character.
func TestCorpus(t *testing.T) {
	files := corpusFiles(t)
	var failed, replaced int
	var most Counts
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
			failed++
			continue
		}
		most = maxCounts(most, doc.Counts)
		for _, p := range doc.Pages {
			for _, l := range p.Lines {
				if strings.ContainsRune(l.Text, '\uFFFD') {
					t.Errorf("%s: page %d: replacement character in %q", filepath.Base(path), p.Number, l.Text)
					replaced++
				}
			}
		}
	}
	t.Logf("%d letters, %d failed, %d lines with U+FFFD", len(files), failed, replaced)
	t.Logf("largest counts: %+v", most)
	checkMargins(t, most)
}

// maxCounts returns the larger of each count of a and b.
func maxCounts(a, b Counts) Counts {
	return Counts{
		Objects: max(a.Objects, b.Objects), LongestArray: max(a.LongestArray, b.LongestArray),
		LibraryBytes: max(a.LibraryBytes, b.LibraryBytes), Streams: max(a.Streams, b.Streams),
		LargestStream: max(a.LargestStream, b.LargestStream), StreamBytes: max(a.StreamBytes, b.StreamBytes),
		Ops: max(a.Ops, b.Ops), Glyphs: max(a.Glyphs, b.Glyphs), Chunks: max(a.Chunks, b.Chunks),
	}
}

// checkMargins fails when a real letter comes within a factor of
// limitMargin of a default limit.
func checkMargins(t *testing.T, most Counts) {
	t.Helper()
	d := DefaultLimits
	for _, c := range []struct {
		what       string
		got, limit int64
	}{
		{"objects", most.Objects, d.MaxObjects},
		{"longest array", most.LongestArray, d.MaxArray},
		{"library bytes", most.LibraryBytes, d.MaxLibraryBytes},
		{"streams", most.Streams, d.MaxStreams},
		{"largest stream", most.LargestStream, d.MaxStreamSize},
		{"stream bytes", most.StreamBytes, d.MaxStreamBytes},
		{"operators", most.Ops, d.MaxOps},
		{"glyphs", most.Glyphs, d.MaxGlyphs},
		{"chunks", most.Chunks, d.MaxChunks},
	} {
		if c.got*limitMargin > c.limit {
			t.Errorf("a real letter reaches %d %s, within %d times the limit of %d", c.got, c.what, limitMargin, c.limit)
		}
	}
}

// limitMargin is how many times the largest count of a real letter each
// default limit must be at least.
const limitMargin = 4

// TestCorpusWordAgreement measures how many of the words pdftotext reads
// from each letter this package reads too, in order. Target: 99.5%.
func TestCorpusWordAgreement(t *testing.T) {
	if testing.Short() {
		t.Skip("long: runs pdftotext on the corpus the first time")
	}
	files := corpusFiles(t)
	type result struct {
		name           string
		matched, total int
	}
	results := make([]result, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	skipped := false
	for i, path := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			data, err := os.ReadFile(path)
			if err != nil {
				t.Error(err)
				return
			}
			ref, ok, err := pdftotextWords(path, data)
			if !ok {
				mu.Lock()
				skipped = true
				mu.Unlock()
				return
			}
			if err != nil {
				t.Errorf("%s: pdftotext: %v", path, err)
				return
			}
			doc, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
			if err != nil {
				t.Errorf("%s: %v", path, err)
				return
			}
			results[i] = result{filepath.Base(path), wordorder.Common(ref, docWords(doc)), len(ref)}
		}()
	}
	wg.Wait()
	if skipped {
		t.Skip("pdftotext is not installed")
	}
	var matched, total int
	for _, r := range results {
		matched += r.matched
		total += r.total
	}
	sort.Slice(results, func(i, j int) bool {
		return float64(results[i].matched)/float64(max(results[i].total, 1)) < float64(results[j].matched)/float64(max(results[j].total, 1))
	})
	for _, r := range results[:min(10, len(results))] {
		t.Logf("lowest: %s %d/%d = %.2f%%", r.name, r.matched, r.total, 100*float64(r.matched)/float64(max(r.total, 1)))
	}
	share := 100 * float64(matched) / float64(max(total, 1))
	t.Logf("word agreement with pdftotext: %d of %d words = %.3f%%", matched, total, share)
	if share < 99.5 {
		t.Errorf("word agreement %.3f%% is below 99.5%%", share)
	}
}
