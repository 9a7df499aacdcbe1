package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/record"
)

// TestReadOnceNotAnalysed checks that a letter given again (the same
// bytes under another name, after the letter itself) is neither parsed
// nor analysed again once the letter has been read, and is reported as
// read once: only the first copy is analysed and kept, on stdin too.
func TestReadOnceNotAnalysed(t *testing.T) {
	data, err := os.ReadFile(liv24)
	if err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(t.TempDir(), "again.txt")
	if err := os.WriteFile(again, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cb, err := loadCodebook("")
	if err != nil {
		t.Fatal(err)
	}
	an, err := newAnalyser(cb, true, false, false)
	if err != nil {
		t.Fatal(err)
	}
	var analysed atomic.Int32
	an.analysing = func() { analysed.Add(1) }

	// The copy, read after the letter, is neither parsed nor analysed.
	var once readOnce
	recs, _, err := an.readFile(context.Background(), liv24, nil)
	if err != nil {
		t.Fatal(err)
	}
	once.gave(0, recs)
	copies, profs, err := an.readFile(context.Background(), again, func(sum string) bool { return once.before(1, sum) })
	if err != nil {
		t.Fatal(err)
	}
	if n := analysed.Load(); n != 1 || len(copies) != 1 || copies[0].Source.SHA256 != recs[0].Source.SHA256 || copies[0].Letter.Date != "" || profs[0] != nil {
		t.Fatalf("the copy: %d letters analysed, records %+v, want 1 and one record with the letter's sum alone", n, copies)
	}
	// On stdin, after the letter, it is neither parsed nor analysed.
	piped, profs, err := an.readLetter(context.Background(), "-", data, func(sum string) bool { return once.before(1, sum) })
	if n := analysed.Load(); err != nil || n != 1 || len(piped) != 1 || piped[0].Source.SHA256 != recs[0].Source.SHA256 || piped[0].Letter.Date != "" || profs[0] != nil {
		t.Fatalf("the letter on stdin: %d letters analysed, records %+v, %v, want 1 and one record with the letter's sum alone", n, piped, err)
	}

	// Before the letter, it is read.
	if copies, _, err := an.readFile(context.Background(), again, func(sum string) bool { return once.before(0, sum) }); err != nil || copies[0].Letter.Date == "" {
		t.Errorf("a copy read before the letter: %v, %v", copies, err)
	}

	// Whichever is read first, the letter is kept and the copy said to
	// be read once, the letter on stdin too.
	for _, args := range [][]string{{liv24, again}, {liv24, liv25, again}, {"-", again}, {liv24, "-"}} {
		first, last := args[0], args[len(args)-1]
		var kept []string
		var stderr bytes.Buffer
		failed, err := readInputs(context.Background(), "diff", args, time.Minute, outputFile{}, an, bytes.NewReader(data), &stderr, func(rec *record.Record, _ *analyse.Profile) {
			kept = append(kept, rec.Source.Path)
		})
		if err != nil || failed {
			t.Fatalf("%v: failed %v, %v", args, failed, err)
		}
		if len(kept) != len(args)-1 || kept[0] != first {
			t.Errorf("%v: kept %v", args, kept)
		}
		if !strings.Contains(stderr.String(), last+": same letter as "+first+"; read once") {
			t.Errorf("%v: stderr %q", args, stderr.String())
		}
	}
}
