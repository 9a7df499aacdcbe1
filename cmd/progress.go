package cmd

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// rateAfter is how long a run goes before the progress bar shows a rate
// and the time left: before it, a few letters done in a few milliseconds
// give a rate that means nothing (the first letter alone gave 100,000
// letters a second).
const rateAfter = time.Second

// progress shows a progress bar on a terminal; elsewhere it does nothing.
type progress struct {
	bar   *progressbar.ProgressBar // nil when there is no bar
	start time.Time
	total int
	done  *int
}

// newProgress returns a progress bar for total inputs on w, if w is a
// terminal and quiet is false.
func newProgress(w io.Writer, total int, quiet bool) progress {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) || total < 2 {
		return progress{}
	}
	return progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("parsing"),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	), start: time.Now(), total: total, done: new(int)}
}

// add counts one input done; failed is the number of failures so far.
func (p progress) add(failed int) {
	if p.bar == nil {
		return
	}
	*p.done++
	p.bar.Describe(describeProgress(*p.done, p.total, failed, time.Since(p.start)))
	p.bar.Add(1)
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

// clear removes the bar from the line before a message is printed.
func (p progress) clear() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

// finish removes the bar at the end of the run.
func (p progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
