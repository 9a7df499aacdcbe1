package cmd

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchFolder returns a folder of text letters: the shared corpus as
// -layout text when LETTERS_BENCH_DIR names one, else testdata/letters.
func benchFolder(b *testing.B) string {
	if dir := os.Getenv("LETTERS_BENCH_DIR"); dir != "" {
		return dir
	}
	return "../testdata/letters"
}

// BenchmarkParseFolder parses a folder of letters into a fresh record
// folder: a cold run.
func BenchmarkParseFolder(b *testing.B) {
	in := benchFolder(b)
	n, _ := filepath.Glob(filepath.Join(in, "*"))
	s := streams{out: io.Discard, err: io.Discard}
	for b.Loop() {
		out := b.TempDir()
		if err := runParse(context.Background(), parseOptions{outDir: out, format: "yaml", quiet: true, timeout: 1e12}, []string{in}, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(n))*float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}

// BenchmarkParseFolderIncremental re-runs parse over a record folder that
// is up to date: every letter is hashed and skipped.
func BenchmarkParseFolderIncremental(b *testing.B) {
	in := benchFolder(b)
	out := b.TempDir()
	s := streams{out: io.Discard, err: io.Discard}
	opts := parseOptions{outDir: out, format: "yaml", quiet: true, timeout: 1e12}
	if err := runParse(context.Background(), opts, []string{in}, s); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := runParse(context.Background(), opts, []string{in}, s); err != nil {
			b.Fatal(err)
		}
	}
}
