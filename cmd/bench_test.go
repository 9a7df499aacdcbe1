package cmd

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// BenchmarkParseHostileText runs `letters parse` on the hostile text
// letters of issue 16, made from a real letter: 2,000,000 one-line
// paragraphs (6 MB) and 6,000 paragraphs of 2,000 words (60 MB). Each is
// refused as not a letter; B/op is what reading and refusing it cost
// (they took minutes and gigabytes before the limits).
func BenchmarkParseHostileText(b *testing.B) {
	letter, err := os.ReadFile("../testdata/letters/liverpool-2025-09-monitoring.txt")
	if err != nil {
		b.Fatal(err)
	}
	at := bytes.Index(letter, []byte("\nYours sincerely")) + 1
	for _, bb := range []struct {
		name  string
		extra []byte
	}{
		{"6MB-2M-paragraphs", bytes.Repeat([]byte("a\n\n"), 2_000_000)},
		{"60MB-long-paragraphs", bytes.Repeat(append(bytes.Repeat([]byte("word "), 2000), "\n\n"...), 6000)},
	} {
		b.Run(bb.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "letter.txt")
			data := slices.Concat(letter[:at], bb.extra, letter[at:])
			if err := os.WriteFile(path, data, 0o644); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			s := streams{in: strings.NewReader(""), out: io.Discard, err: io.Discard}
			for b.Loop() {
				if err := runParse(context.Background(), parseOptions{format: "yaml", quiet: true, timeout: defaultTimeout}, []string{path}, s); !errors.Is(err, errSomeFailed) {
					b.Fatalf("not refused: %v", err)
				}
			}
		})
	}
}

// BenchmarkReportSite writes the site of a folder of records (report
// --out-dir), the profile cache warm: LETTERS_BENCH_RECORDS names the
// folder (such as one of scripts/synth-records.sh); without it, the
// records of the test letters.
func BenchmarkReportSite(b *testing.B) {
	records := os.Getenv("LETTERS_BENCH_RECORDS")
	s := streams{in: strings.NewReader(""), out: io.Discard, err: io.Discard}
	if records == "" {
		records = b.TempDir()
		if err := runParse(context.Background(), parseOptions{outDir: records, format: "yaml", quiet: true, timeout: 1e12}, []string{"../testdata/letters"}, s); err != nil {
			b.Fatal(err)
		}
	}
	opts := htmlReportOptions{analysisOptions: analysisOptions{timeout: defaultTimeout}}
	opts.outDir = b.TempDir()
	if err := runReport(context.Background(), opts, []string{records}, s); err != nil { // warms the cache
		b.Fatal(err)
	}
	for b.Loop() {
		if err := runReport(context.Background(), opts, []string{records}, s); err != nil {
			b.Fatal(err)
		}
	}
}
