package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ofsted-letters/letters/record"
)

func TestEachKeepsInputOrder(t *testing.T) {
	var inputs []string
	for i := range 200 {
		inputs = append(inputs, fmt.Sprint(i))
	}
	var running, most atomic.Int32
	task := func(in string) Result {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		// Later inputs finish first, so order must be restored.
		time.Sleep(time.Duration(len(in)%3) * time.Millisecond)
		running.Add(-1)
		return Result{Input: in}
	}
	var got []string
	err := Each(context.Background(), len(inputs), 4, func(i int) Result { return task(inputs[i]) }, func(_ int, r Result) error {
		got = append(got, r.Input)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != strings.Join(inputs, ",") {
		t.Errorf("results out of input order: %v", got[:20])
	}
	if most.Load() > 4 {
		t.Errorf("%d tasks ran at once, want at most 4", most.Load())
	}
}

func TestEachStopsWhenCancelled(t *testing.T) {
	inputs := make([]string, 1000)
	ctx, cancel := context.WithCancel(context.Background())
	var started atomic.Int32
	task := func(in string) Result {
		if started.Add(1) == 10 {
			cancel()
		}
		return Result{Input: in}
	}
	emitted := 0
	err := Each(ctx, len(inputs), 2, func(i int) Result { return task(inputs[i]) }, func(int, Result) error { emitted++; return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if int(started.Load()) >= len(inputs) || emitted != int(started.Load()) {
		t.Errorf("started %d, emitted %d of %d: want a stop soon after cancel, every started input emitted", started.Load(), emitted, len(inputs))
	}
}

func TestEachStopsOnEmitError(t *testing.T) {
	boom := errors.New("disk full")
	n := 0
	err := Each(context.Background(), 100, 3, func(int) Result { return Result{} },
		func(int, Result) error {
			n++
			if n == 5 {
				return boom
			}
			return nil
		})
	if !errors.Is(err, boom) || n != 5 {
		t.Errorf("err = %v after %d emits, want %v after 5", err, n, boom)
	}
}

func testRecord(path, sha string) *record.Record {
	return &record.Record{Schema: record.SchemaVersion, Source: record.Source{Path: path, SHA256: sha, Format: record.FormatText}}
}

func TestStoreIncremental(t *testing.T) {
	dir := t.TempDir()
	letter := filepath.Join(dir, "letter.txt")
	if err := os.WriteFile(letter, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "records")
	s, err := Open(out, "yaml")
	if err != nil {
		t.Fatal(err)
	}
	name := s.FileFor(letter)
	rec := testRecord(letter, strings.Repeat("a", 64))
	data, _ := record.EncodeYAML(rec)
	if err := s.Write(name, data, rec); err != nil {
		t.Fatal(err)
	}
	// A temporary file left by a killed run.
	if err := os.WriteFile(filepath.Join(out, ".letter.yaml.tmp123"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}

	again, err := Open(out, "yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !again.UpToDate(name, strings.Repeat("a", 64)) {
		t.Error("record written by the last run is not up to date")
	}
	if again.UpToDate(name, strings.Repeat("b", 64)) {
		t.Error("record is up to date for a letter whose bytes changed")
	}
	if _, err := os.Stat(filepath.Join(out, ".letter.yaml.tmp123")); !os.IsNotExist(err) {
		t.Error("temporary file of a killed run was not removed")
	}
	if got := again.Orphans(nil); len(got) != 0 {
		t.Errorf("orphans %v while the letter exists", got)
	}
	os.Remove(letter)
	if got := again.Orphans(nil); len(got) != 1 || got[0] != name {
		t.Errorf("orphans %v, want [%s] once the letter is gone", got, name)
	}
	if _, err := os.Stat(filepath.Join(out, name)); err != nil {
		t.Errorf("orphaned record was touched: %v", err)
	}
}

func TestFileForUniqueNames(t *testing.T) {
	s := &Store{ext: ".yaml", taken: map[string]string{}}
	a := s.FileFor("a/rochdale.txt")
	b := s.FileFor("b/rochdale.pdf")
	if a != "rochdale.yaml" || b == a || !strings.HasPrefix(b, "rochdale-") {
		t.Errorf("names %q and %q: want rochdale.yaml and a suffixed name", a, b)
	}
	if again := s.FileFor("a/rochdale.txt"); again != a {
		t.Errorf("the same input got a second name %q", again)
	}
}

func TestIndex(t *testing.T) {
	dir := t.TempDir()
	ix := ReadIndex(dir)
	rec := testRecord("l/b.txt", strings.Repeat("b", 64))
	rec.Visit = record.Visit{AuthorityKey: "liverpool", Dates: []string{"2025-09-23", "2025-09-24"}, Number: 6, Inspectors: []string{"A B", "C D"}}
	rec.Improvements = []string{"x", "y"}
	ix.Set(IndexRow("b.yaml", rec))
	ix.Set(IndexRow("a.yaml", testRecord("l/a.txt", strings.Repeat("a", 64))))
	ix.Set(IndexRow("gone.yaml", testRecord("l/gone.txt", strings.Repeat("c", 64))))
	ix.Keep([]string{"a.yaml", "b.yaml"})
	if err := ix.Write(dir); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(IndexHeader, ",") + "\n" +
		"a.yaml,l/a.txt," + strings.Repeat("a", 64) + ",text,,,,,,,,0,0,0,0\n" +
		"b.yaml,l/b.txt," + strings.Repeat("b", 64) + ",text,,liverpool,,,2025-09-23,6,A B; C D,0,2,0,0\n"
	if string(data) != want {
		t.Errorf("index.csv:\n%s\nwant:\n%s", data, want)
	}
	back := ReadIndex(dir)
	if _, ok := back.Row("b.yaml", strings.Repeat("b", 64)); !ok {
		t.Error("index read back lacks b.yaml")
	}
	if _, ok := back.Row("b.yaml", strings.Repeat("x", 64)); ok {
		t.Error("index row matched a different letter")
	}
}
