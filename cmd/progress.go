package cmd

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a progress bar on a terminal; elsewhere it does nothing.
type progress struct {
	bar *progressbar.ProgressBar // nil when there is no bar
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
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("letters"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)}
}

// add counts one input done; failed is the number of failures so far.
func (p progress) add(failed int) {
	if p.bar == nil {
		return
	}
	if failed > 0 {
		p.bar.Describe(fmt.Sprintf("parsing (%d failed)", failed))
	}
	p.bar.Add(1)
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
