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
	"unicode/utf8"

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
	s, err := Open(context.Background(), out, "yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	name := s.Assign([]string{letter}, nil)[letter]
	rec := testRecord(letter, strings.Repeat("a", 64))
	data, _ := record.EncodeYAML(rec)
	if err := s.Write(name, data, rec); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A temporary file left by a killed run (its process is gone), and
	// files of the user's that look temporary.
	stale := ".letters-tmp-1073741823-k3x9"
	users := []string{".draft.tmp", ".letter.yaml.tmp123", "notes.tmp"}
	for _, f := range append(users, stale) {
		if err := os.WriteFile(filepath.Join(out, f), []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	again, err := Open(context.Background(), out, "yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	for _, f := range users {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the user's %s was removed: %v", f, err)
		}
	}
	if !again.UpToDate(name, letter, strings.Repeat("a", 64)) {
		t.Error("record written by the last run is not up to date")
	}
	if again.UpToDate(name, letter, strings.Repeat("b", 64)) {
		t.Error("record is up to date for a letter whose bytes changed")
	}
	if _, err := os.Stat(filepath.Join(out, stale)); !os.IsNotExist(err) {
		t.Error("temporary file of a killed run was not removed")
	}
	if got := again.Orphans(); len(got) != 0 {
		t.Errorf("orphans %v while the letter exists", got)
	}
	os.Remove(letter)
	if got := again.Orphans(); len(got) != 1 || got[0] != name {
		t.Errorf("orphans %v, want [%s] once the letter is gone", got, name)
	}
	if _, err := os.Stat(filepath.Join(out, name)); err != nil {
		t.Errorf("orphaned record was touched: %v", err)
	}
}

func TestAssignUniqueNames(t *testing.T) {
	s, _ := openWith(t, "yaml")
	files := s.Assign([]string{"a/rochdale.txt", "b/rochdale.pdf", "a/rochdale.txt"}, nil)
	a, b := files["a/rochdale.txt"], files["b/rochdale.pdf"]
	if a != "rochdale.yaml" || b != "rochdale-"+shortHash("b/rochdale.pdf")+".yaml" {
		t.Errorf("names %q and %q: want rochdale.yaml and a suffixed name", a, b)
	}
}

// openWith opens a store in a new folder holding the given records, each
// written as a record of format "yaml" or "json" by file name.
func openWith(t *testing.T, format string, recs ...*record.Record) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	for _, rec := range recs {
		name := rec.Letter.Title // the test's file name for it
		rec.Letter.Title = ""
		var data []byte
		if strings.HasSuffix(name, ".json") {
			data, _ = record.EncodeJSON(rec)
		} else {
			data, _ = record.EncodeYAML(rec)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(context.Background(), dir, format, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// named returns a test record of the letter at path with bytes sha, to be
// kept in the record file name (see openWith).
func named(name, path, sha string) *record.Record {
	rec := testRecord(path, strings.Repeat(sha, 64))
	rec.Letter.Title = name
	return rec
}

// TestAssignKeepsOtherLetters: a record in the folder is given only to
// the letter it came from (same path, or same bytes), whatever the order
// of the inputs and whichever run wrote it; a new letter with the same
// base name gets a name of its own.
func TestAssignKeepsOtherLetters(t *testing.T) {
	digests := map[string]string{"a/x.txt": strings.Repeat("a", 64), "b/x.txt": strings.Repeat("b", 64), "c/x.txt": strings.Repeat("a", 64)}
	digest := func(in string) string { return digests[in] }
	bName := "x-" + shortHash("b/x.txt") + ".yaml"
	tests := []struct {
		name   string
		recs   []*record.Record
		inputs []string
		want   map[string]string
	}{
		{"a new letter with a taken name", []*record.Record{named("x.yaml", "a/x.txt", "a")},
			[]string{"b/x.txt"}, map[string]string{"b/x.txt": bName}},
		{"the other order of an earlier run", []*record.Record{named("x.yaml", "a/x.txt", "a"), named(bName, "b/x.txt", "b")},
			[]string{"b/x.txt", "a/x.txt"}, map[string]string{"a/x.txt": "x.yaml", "b/x.txt": bName}},
		{"the same bytes from elsewhere", []*record.Record{named("x.yaml", "a/x.txt", "a")},
			[]string{"c/x.txt"}, map[string]string{"c/x.txt": "x.yaml"}},
		{"a letter whose bytes changed", []*record.Record{named("x.yaml", "b/x.txt", "z")},
			[]string{"b/x.txt"}, map[string]string{"b/x.txt": "x.yaml"}},
		{"stdin is not a path", []*record.Record{named("stdin.yaml", "-", "b")},
			[]string{"-"}, map[string]string{"-": "stdin-" + shortHash("-") + ".yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openWith(t, "yaml", tt.recs...)
			got := s.Assign(tt.inputs, digest)
			for in, want := range tt.want {
				if got[in] != want {
					t.Errorf("%s got %q, want %q", in, got[in], want)
				}
			}
		})
	}
}

// TestAssignAcrossFormats: a run in one format replaces the record of the
// same letter in the other format once its own is written, and never a
// file that is not a record.
func TestAssignAcrossFormats(t *testing.T) {
	s, dir := openWith(t, "yaml", named("x.json", "a/x.txt", "a"))
	if err := os.WriteFile(filepath.Join(dir, "y.yaml"), []byte("my notes: not a record\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(context.Background(), dir, "yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	files := s.Assign([]string{"a/x.txt", "a/y.txt"}, nil)
	if files["a/x.txt"] != "x.yaml" || files["a/y.txt"] != "y-"+shortHash("a/y.txt")+".yaml" {
		t.Fatalf("names %v: want x.yaml, and y.yaml left alone", files)
	}
	if s.UpToDate("x.yaml", "a/x.txt", strings.Repeat("a", 64)) {
		t.Error("a record in the other format is up to date")
	}
	rec := testRecord("a/x.txt", strings.Repeat("a", 64))
	data, _ := record.EncodeYAML(rec)
	if err := s.Write("x.yaml", data, rec); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.json")); !os.IsNotExist(err) {
		t.Errorf("x.json is still there beside x.yaml: %v", err)
	}
	if got := s.Files(); strings.Join(got, ",") != "x.yaml" {
		t.Errorf("records %v, want [x.yaml]", got)
	}
}

func TestIndex(t *testing.T) {
	dir := t.TempDir()
	ix := ReadIndex(dir)
	rec := testRecord("l/b.txt", strings.Repeat("b", 64))
	rec.Visit = record.Visit{AuthorityKey: "liverpool", LACode: "341", ONSCode: "E08000012", Region: "North West", Dates: []string{"2025-09-23", "2025-09-24"}, Number: 6, Inspectors: []string{"A B", "C D"}}
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
		"a.yaml,l/a.txt," + strings.Repeat("a", 64) + ",text,,,,,,,,,,,0,0,0,0\n" +
		"b.yaml,l/b.txt," + strings.Repeat("b", 64) + ",text,,liverpool,341,E08000012,North West,,,2025-09-23,6,A B; C D,0,2,0,0\n"
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

func TestStem(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes
	tests := []struct{ input, want string }{
		{"letters/liverpool-2025.pdf", "liverpool-2025"},
		{"-", "stdin"},
		{"..", "letter"},
		{"a/..hidden.txt", "hidden"},
		{"a/evil\n..x.txt", "evil_..x"},
		{"tab\there.txt", "tab_here"},
		{`back\slash.txt`, "back_slash"},
		{".txt", "letter"},
		{long + ".txt", strings.Repeat("é", 100) + "-" + shortHash(long+".txt")},
		{long[:299] + ".txt", strings.Repeat("é", 100) + "-" + shortHash(long[:299]+".txt")},
	}
	for _, tt := range tests {
		got := Stem(tt.input)
		if got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.input, got, tt.want)
		}
		if strings.ContainsAny(got, "/\\\n") || strings.HasPrefix(got, ".") || len(got) > maxStem+9 || !utf8.ValidString(got) {
			t.Errorf("Stem(%q) = %q: not a safe record name", tt.input, got)
		}
	}
	if Stem("a/"+long+"x.txt") == Stem("a/"+long+"y.txt") {
		t.Error("two long names that differ past the cut share a stem")
	}
}

// TestLockWaits: a second Open of a folder waits for the first to close,
// saying so once; cancelling the wait gives up.
func TestLockWaits(t *testing.T) {
	dir := t.TempDir()
	first, err := Open(context.Background(), dir, "yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	opened := make(chan *Store)
	go func() {
		s, err := Open(context.Background(), dir, "yaml", func() { close(waiting) })
		if err != nil {
			t.Error(err)
		}
		opened <- s
	}()
	<-waiting
	select {
	case <-opened:
		t.Fatal("a second run opened a folder another run holds")
	default:
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, dir, "yaml", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled wait: %v, want context.Canceled", err)
	}

	first.Close()
	second := <-opened
	if second == nil {
		t.Fatal("no store")
	}
	second.Close()
}

func TestIndexNeutralisesFormulas(t *testing.T) {
	dir := t.TempDir()
	rec := testRecord("-", strings.Repeat("a", 64))
	rec.Visit.LocalAuthority = `=HYPERLINK("http://evil.example", "Liverpool") City Council`
	ix := ReadIndex(dir)
	ix.Set(IndexRow("-stdin.yaml", rec))
	if err := ix.Write(dir); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, IndexFile))
	if !strings.Contains(string(data), `"'=HYPERLINK(""http://evil.example""`) || !strings.Contains(string(data), "\n'-stdin.yaml,'-,") {
		t.Errorf("formula cells not neutralised:\n%s", data)
	}
	back := ReadIndex(dir)
	if _, ok := back.Row("-stdin.yaml", strings.Repeat("a", 64)); !ok {
		t.Error("a neutralised row is not found again by its record file")
	}
	back.Keep([]string{"-stdin.yaml"})
	if err := back.Write(dir); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, IndexFile)); string(again) != string(data) {
		t.Errorf("index changed on a rewrite:\n%s\nwas\n%s", again, data)
	}
}
