package parse_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/parse"
)

// withBody returns a real letter with extra put on the lines before its
// sign-off, and the line (from 1) where extra starts.
func withBody(t testing.TB, extra string) ([]byte, int) {
	t.Helper()
	data, err := os.ReadFile("../testdata/letters/liverpool-2025-09-monitoring.txt")
	if err != nil {
		t.Fatal(err)
	}
	letter := string(data)
	at := strings.Index(letter, "\nYours sincerely") + 1
	line := strings.Count(letter[:at], "\n") + 1
	return []byte(letter[:at] + extra + "\n" + letter[at:]), line
}

// TestLimits checks that a text past a limit is refused as not a letter,
// at the line where it passes the limit, and that a letter well past
// what real letters reach but within the limits still parses.
func TestLimits(t *testing.T) {
	for _, tt := range []struct {
		name  string
		extra string
		line  func(start int) (lo, hi int) // where the error may be; nil: the letter parses
		want  string
	}{
		{
			name:  "one-line paragraphs past the lines",
			extra: strings.Repeat("a\n\n", parse.MaxLines/2),
			line:  func(int) (int, int) { return parse.MaxLines + 1, parse.MaxLines + 1 },
			want:  fmt.Sprintf("over %d lines", parse.MaxLines),
		},
		{
			name:  "one line past the words",
			extra: strings.Repeat("word ", parse.MaxWords+1) + "\n",
			line:  func(start int) (int, int) { return start, start },
			want:  fmt.Sprintf("over %d words", parse.MaxWords),
		},
		{
			name:  "one word past the bytes",
			extra: "x\n" + strings.Repeat("x", parse.MaxTextBytes) + "\n",
			line:  func(start int) (int, int) { return start + 1, start + 1 },
			want:  fmt.Sprintf("over %d MiB of text", parse.MaxTextBytes>>20),
		},
		{
			name:  "paragraphs",
			extra: strings.Repeat("Inspectors met leaders.\n\n", parse.MaxParagraphs+1),
			// The paragraph past the limit: the letter has a few before.
			line: func(start int) (int, int) { return start, start + 2*parse.MaxParagraphs },
			want: fmt.Sprintf("over %d paragraphs", parse.MaxParagraphs),
		},
		{
			name:  "long but within the limits",
			extra: strings.Repeat("Inspectors met leaders and social workers.\n\n", parse.MaxParagraphs-100),
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, start := withBody(t, tt.extra)
			rec, err := parse.Bytes(context.Background(), "big.txt", data)
			if tt.line == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if n := len(rec.Findings); n < parse.MaxParagraphs-100 {
					t.Errorf("%d findings, want at least %d", n, parse.MaxParagraphs-100)
				}
				return
			}
			var pe *parse.Error
			if !errors.As(err, &pe) || !errors.Is(err, parse.ErrNotALetter) {
				t.Fatalf("got %v, want a refusal as not a letter", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%q does not say %q", err, tt.want)
			}
			if lo, hi := tt.line(start); pe.Line < lo || pe.Line > hi {
				t.Errorf("refused at line %d, want %d to %d", pe.Line, lo, hi)
			}
		})
	}
}

// TestCancelled checks that parsing stops with the context's error.
func TestCancelled(t *testing.T) {
	data, _ := withBody(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := parse.Bytes(ctx, "letter.txt", data)
	var pe *parse.Error
	if !errors.Is(err, context.Canceled) || !errors.As(err, &pe) || pe.File != "letter.txt" {
		t.Errorf("got %v, want context.Canceled naming the file", err)
	}
}

// BenchmarkRefuse measures how long refusing the hostile texts of issue
// 16 takes, and what it allocates: a 6 MB letter of 2,000,000 one-line
// paragraphs and a 60 MB letter of long paragraphs (each took minutes and
// gigabytes before the limits).
func BenchmarkRefuse(b *testing.B) {
	for _, bb := range []struct {
		name  string
		extra func() string
	}{
		{"6MB-2M-paragraphs", func() string { return strings.Repeat("a\n\n", 2_000_000) }},
		{"60MB-long-paragraphs", func() string { return strings.Repeat(strings.Repeat("word ", 2000)+"\n\n", 6000) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			data, _ := withBody(b, bb.extra())
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parse.Bytes(context.Background(), "big.txt", data); !errors.Is(err, parse.ErrNotALetter) {
					b.Fatalf("not refused: %v", err)
				}
			}
		})
	}
}

// BenchmarkReadDevZero reads /dev/zero as an input: it stops one byte
// past parse.MaxInput.
func BenchmarkReadDevZero(b *testing.B) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		b.Skip("no /dev/zero")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse.ReadFile(context.Background(), "/dev/zero"); !errors.Is(err, parse.ErrTooLarge) {
			b.Fatalf("got %v, want ErrTooLarge", err)
		}
	}
}
