package cmd

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ofsted-letters/letters/internal/corpus"
	"github.com/ofsted-letters/letters/record"
)

// TestKilledRunLeavesWholeRecords kills `letters parse --out-dir` mid-way,
// with SIGKILL so that nothing can tidy up, checks that every record
// present is whole, then runs again and checks that the second run
// finishes the job: every letter has its record and the index lists them.
func TestKilledRunLeavesWholeRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	sources, _ := filepath.Glob("../testdata/letters/*.txt")
	const copies = 600
	for i := range copies {
		data, err := os.ReadFile(sources[i%len(sources)])
		if err != nil {
			t.Fatal(err)
		}
		// A distinct letter each time: a trailing line changes the hash.
		data = append(data, fmt.Sprintf("\n%d\n", i)...)
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("letter-%04d.txt", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func() *exec.Cmd {
		c := exec.Command(os.Args[0], "parse", in, "--out-dir", out, "--jobs", "1", "--quiet")
		c.Env = append(os.Environ(), "LETTERS_RUN_MAIN=1")
		return c
	}

	first := run()
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once some records are there, well before all are.
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if n, _ := filepath.Glob(filepath.Join(out, "*.yaml")); len(n) >= 50 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	written, _ := filepath.Glob(filepath.Join(out, "*.yaml"))
	if len(written) == 0 || len(written) >= copies {
		t.Fatalf("%d records when killed: want some but not all %d", len(written), copies)
	}
	for _, w := range written {
		recs, err := record.ReadFile(w)
		if err != nil || len(recs) != 1 || len(recs[0].Findings) == 0 {
			t.Fatalf("%s is not a whole record after the kill: %v", w, err)
		}
	}

	second := run()
	var stderr bytes.Buffer
	second.Stderr = &stderr
	if err := second.Run(); err != nil {
		t.Fatalf("second run: %v\n%s", err, stderr.String())
	}
	all, _ := filepath.Glob(filepath.Join(out, "*.yaml"))
	if len(all) != copies {
		t.Errorf("%d records after the second run, want %d", len(all), copies)
	}
	temps, _ := filepath.Glob(filepath.Join(out, ".*"))
	if len(temps) > 0 {
		t.Errorf("temporary files left: %v", temps)
	}
	index, err := os.ReadFile(filepath.Join(out, corpus.IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(string(index), "\n"); rows != copies+1 {
		t.Errorf("index has %d lines, want %d", rows, copies+1)
	}
}
