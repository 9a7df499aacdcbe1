package parse_test

import (
	"bytes"
	"context"
	"flag"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/ofsted-letters/letters/parse"
)

var corpus = flag.String("corpus", "", "folder of PDF letters to check through pdftotext (make corpus uses ../shared/corpus/focused-visits)")

// TestCorpusText runs every PDF of a corpus through pdftotext, in default
// and -layout modes, and checks that each parses into a record with a
// letter date, a local authority, visit dates, inspectors and findings.
// It runs only when -corpus names a folder, and needs pdftotext.
func TestCorpusText(t *testing.T) {
	if *corpus == "" {
		t.Skip("no -corpus folder given: run `make corpus` where ../shared/corpus/focused-visits exists")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (Debian: poppler-utils)")
	}
	pdfs, err := filepath.Glob(filepath.Join(*corpus, "*.pdf"))
	if err != nil || len(pdfs) == 0 {
		t.Fatalf("no PDFs in %s: %v", *corpus, err)
	}
	for _, mode := range [][]string{{}, {"-layout"}} {
		name := "default"
		if len(mode) > 0 {
			name = "layout"
		}
		t.Run(name, func(t *testing.T) {
			var (
				mu      sync.Mutex
				missing = map[string][]string{}
				wg      sync.WaitGroup
				sem     = make(chan struct{}, runtime.NumCPU())
			)
			for _, pdf := range pdfs {
				wg.Add(1)
				sem <- struct{}{}
				go func() {
					defer wg.Done()
					defer func() { <-sem }()
					text, err := exec.Command("pdftotext", append(mode, pdf, "-")...).Output()
					if err != nil {
						t.Errorf("pdftotext %s: %v", pdf, err)
						return
					}
					rec, err := parse.Text(context.Background(), pdf, bytes.NewReader(text))
					mu.Lock()
					defer mu.Unlock()
					if err != nil {
						missing["record"] = append(missing["record"], err.Error())
						return
					}
					base := filepath.Base(pdf)
					for _, field := range missingFields(rec) {
						missing[field] = append(missing[field], base)
					}
				}()
			}
			wg.Wait()
			t.Logf("%d letters (pdftotext %s)", len(pdfs), name)
			for _, field := range append([]string{"record"}, completenessFields...) {
				t.Logf("  without %s: %d %v", field, len(missing[field]), missing[field])
			}
			// Two letters in the shared corpus print no date at all
			// (cambridgeshire_2025-08-29, north-somerset_2025-11-06); any
			// other gap is a regression.
			if len(missing["record"])+len(missing["local authority"])+len(missing["visit dates"])+len(missing["inspectors"])+len(missing["findings"]) > 0 || len(missing["letter date"]) > 2 {
				t.Errorf("corpus letters with gaps (see log)")
			}
		})
	}
}
