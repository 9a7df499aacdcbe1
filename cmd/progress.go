package cmd

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
)

// rateAfter is how long a run goes before the progress bar shows a rate
// and the time left: before it, a few letters done in a few milliseconds
// give a rate that means nothing (the first letter alone gave 100,000
// letters a second).
const rateAfter = time.Second

// redrawEvery is the least time between two drawings of the bar, so that
// a run of small letters does not spend its time writing to the terminal.
const redrawEvery = 100 * time.Millisecond

// barCells is the number of cells of the bar between its two |.
const barCells = 40

// progress shows a progress bar on a terminal; elsewhere it does nothing.
// The bar is drawn here rather than by a library: the one letters used
// linked net/http and the TLS stack, 4 ms of CPU at every start of every
// command (README: Start-up).
type progress struct {
	b *bar // nil when there is no bar
}

// A bar is the state of a progress bar on a terminal.
type bar struct {
	w     io.Writer
	cols  int // the terminal's width; 0 if unknown
	start time.Time
	drawn time.Time // when the bar was last drawn
	total int
	done  int
	shown int // the width of the bar on the line; 0 when it is not shown
}

// newProgress returns a progress bar for total inputs on w, if w is a
// terminal and quiet is false.
func newProgress(w io.Writer, total int, quiet bool) progress {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) || total < 2 {
		return progress{}
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		cols = 0
	}
	return progress{&bar{w: w, cols: cols, start: time.Now(), total: total}}
}

// add counts one input done; failed is the number of failures so far.
func (p progress) add(failed int) {
	if p.b != nil {
		p.b.add(failed, time.Now())
	}
}

// add counts one input done at now and draws the bar, unless it was
// drawn less than redrawEvery ago; the last input always draws it.
func (b *bar) add(failed int, now time.Time) {
	b.done++
	if b.shown > 0 && b.done < b.total && now.Sub(b.drawn) < redrawEvery {
		return
	}
	line := barLine(describeProgress(b.done, b.total, failed, now.Sub(b.start)), b.done, b.total, b.cols)
	width := utf8.RuneCountInString(line)
	// Spaces over what is left of a longer line drawn before.
	pad := strings.Repeat(" ", max(b.shown-width, 0))
	io.WriteString(b.w, "\r"+line+pad)
	b.shown, b.drawn = width, now
}

// barLine returns the bar's line: the words, the percentage done, the
// bar and the count, as in "parsing  42% |████████      | (6/14)". On a
// terminal cols wide, the bar's cells go first and the words are cut if
// the line would still not fit, so that it never wraps.
func barLine(words string, done, total, cols int) string {
	pct := done * 100 / total
	filled := done * barCells / total
	line := fmt.Sprintf("%s %3d%% |%s%s| (%d/%d)", words, pct,
		strings.Repeat("█", filled), strings.Repeat(" ", barCells-filled), done, total)
	if cols <= 0 || utf8.RuneCountInString(line) < cols {
		return line
	}
	line = fmt.Sprintf("%s %3d%% (%d/%d)", words, pct, done, total)
	if r := []rune(line); len(r) >= cols {
		line = string(r[:max(cols-1, 0)])
	}
	return line
}

// describeProgress returns the bar's words after done of total letters
// in elapsed wall time: the rate, from the letters done and the time
// they took, and the time left at that rate, once rateAfter has passed;
// and the failures so far.
func describeProgress(done, total, failed int, elapsed time.Duration) string {
	var parts []string
	if elapsed >= rateAfter && done > 0 {
		rate := float64(done) / elapsed.Seconds()
		left := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
		parts = append(parts, fmt.Sprintf("%.1f letters/s, %s left", rate, left))
	}
	if failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", failed))
	}
	if len(parts) == 0 {
		return "parsing"
	}
	return "parsing (" + strings.Join(parts, ", ") + ")"
}

// clear removes the bar from the line before a message is printed; the
// next input done draws it again.
func (p progress) clear() {
	if p.b == nil || p.b.shown == 0 {
		return
	}
	io.WriteString(p.b.w, "\r"+strings.Repeat(" ", p.b.shown)+"\r")
	p.b.shown = 0
}

// finish removes the bar at the end of the run.
func (p progress) finish() { p.clear() }
