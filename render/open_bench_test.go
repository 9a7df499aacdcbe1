package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkReportOpen opens pages in headless Chromium at a laptop's
// size and reports how long each takes, from the request to its load
// event and a first frame painted after it (ms/open): the figure the
// README gives as "opens in". LETTERS_OPEN_PAGES names the pages, a
// space-separated list of files (a pattern such as site/*.html is
// expanded); without it, the page of every test letter is opened.
//
//	LETTERS_OPEN_PAGES='/tmp/site/index.html' go test ./render -run '^$' -bench ReportOpen -benchtime 3x
func BenchmarkReportOpen(b *testing.B) {
	if raceEnabled {
		b.Skip("opening times under -race say nothing")
	}
	var pages []string
	for _, pat := range strings.Fields(os.Getenv("LETTERS_OPEN_PAGES")) {
		m, err := filepath.Glob(pat)
		if err != nil || len(m) == 0 {
			b.Fatalf("LETTERS_OPEN_PAGES: %s names no file", pat)
		}
		pages = append(pages, m...)
	}
	if len(pages) == 0 {
		path := filepath.Join(b.TempDir(), "corpus.html")
		if err := os.WriteFile(path, renderReport(b, append([]string{"../testdata/letters"}, series[1:]...)...), 0o644); err != nil {
			b.Fatal(err)
		}
		pages = []string{path}
	}
	br := startBrowser(b, laptopWidth, laptopHeight)
	for _, page := range pages {
		abs, err := filepath.Abs(page)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(page), func(b *testing.B) {
			br.t = b
			var total time.Duration
			for b.Loop() {
				br.open("about:blank")
				start := time.Now()
				br.open("file://" + filepath.ToSlash(abs))
				// A frame painted: the first screen is there to read.
				br.do("Runtime.evaluate", map[string]any{"expression": `new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 0); }); })`, "awaitPromise": true}, nil)
				total += time.Since(start)
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/open")
		})
	}
}
