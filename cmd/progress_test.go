package cmd

import (
	"strings"
	"testing"
	"time"
)

func TestDescribeProgress(t *testing.T) {
	tests := []struct {
		done, total, failed int
		elapsed             time.Duration
		want                string
	}{
		// The first letter done in 10 µs: no rate yet (it would be 100,000/s).
		{1, 14, 0, 10 * time.Microsecond, "parsing"},
		{1, 14, 2, 500 * time.Millisecond, "parsing (2 failed)"},
		{10, 344, 0, 2 * time.Second, "parsing (5.0 letters/s, 1m7s left)"},
		{344, 344, 1, 4 * time.Second, "parsing (86.0 letters/s, 0s left, 1 failed)"},
	}
	for _, tt := range tests {
		if got := describeProgress(tt.done, tt.total, tt.failed, tt.elapsed); got != tt.want {
			t.Errorf("describeProgress(%d, %d, %d, %v) = %q, want %q", tt.done, tt.total, tt.failed, tt.elapsed, got, tt.want)
		}
	}
}

func TestBarLine(t *testing.T) {
	tests := []struct {
		words       string
		done, total int
		cols        int
		want        string
	}{
		{"parsing", 6, 14, 0, "parsing  42% |█████████████████                       | (6/14)"},
		{"parsing", 14, 14, 80, "parsing 100% |████████████████████████████████████████| (14/14)"},
		{"parsing", 1, 344, 80, "parsing   0% |                                        | (1/344)"},
		// Too wide for the terminal: the bar goes, then the words are cut.
		{"parsing (86.0 letters/s, 0s left, 1 failed)", 10, 344, 80, "parsing (86.0 letters/s, 0s left, 1 failed)   2% (10/344)"},
		{"parsing (86.0 letters/s, 0s left, 1 failed)", 10, 344, 20, "parsing (86.0 lette"},
	}
	for _, tt := range tests {
		if got := barLine(tt.words, tt.done, tt.total, tt.cols); got != tt.want {
			t.Errorf("barLine(%q, %d, %d, %d) =\n%q, want\n%q", tt.words, tt.done, tt.total, tt.cols, got, tt.want)
		}
	}
}

// TestBarDraws holds what the bar writes: drawn at the first input, not
// again within redrawEvery, a longer line overwritten whole, cleared to a
// blank line before a message and drawn again at the next input, drawn at
// the last input, and cleared once at the end.
func TestBarDraws(t *testing.T) {
	var out strings.Builder
	start := time.Unix(0, 0)
	b := &bar{w: &out, start: start, total: 5}
	p := progress{b}
	cells := func(n int) string { return strings.Repeat("█", n) + strings.Repeat(" ", barCells-n) }
	check := func(what, want string) {
		t.Helper()
		if got := out.String(); got != want {
			t.Errorf("%s: wrote\n%q, want\n%q", what, got, want)
		}
		out.Reset()
	}
	blank := func(n int) string { return "\r" + strings.Repeat(" ", n) + "\r" }
	b.add(1, start.Add(10*time.Millisecond))
	check("first input", "\rparsing (1 failed)  20% |"+cells(8)+"| (1/5)") // 72 wide
	b.add(1, start.Add(50*time.Millisecond))
	check("within redrawEvery", "")
	b.add(0, start.Add(200*time.Millisecond))
	check("shorter line", "\rparsing  60% |"+cells(24)+"| (3/5)"+strings.Repeat(" ", 11))
	p.clear()
	check("clear", blank(61))
	b.add(0, start.Add(210*time.Millisecond))
	check("after a clear", "\rparsing  80% |"+cells(32)+"| (4/5)")
	b.add(0, start.Add(220*time.Millisecond))
	check("last input", "\rparsing 100% |"+cells(40)+"| (5/5)")
	p.finish()
	p.clear()
	check("finish, clear", blank(61))
}

// TestNoBar holds that there is no bar on a stream that is not a
// terminal, and that its methods then write nothing.
func TestNoBar(t *testing.T) {
	var out strings.Builder
	p := newProgress(&out, 10, false)
	p.add(0)
	p.clear()
	p.finish()
	if p.b != nil || out.Len() != 0 {
		t.Errorf("progress on a strings.Builder: bar %v, wrote %q", p.b, out.String())
	}
}
