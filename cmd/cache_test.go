package cmd

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/profilecache"
)

// TestProfileCacheSameOutput checks that the profiles cached beside
// records change no output: every analysis command answers byte for byte
// as with --no-cache, on the run that fills the cache, on the runs that
// read it, after its entries are damaged, and under another codebook,
// which must not be served the built-in codebook's profiles.
func TestProfileCacheSameOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "records")
	parseInto(t, dir, liv17, liv24, liv25)
	ext := filepath.Join(t.TempDir(), "ext.yaml")
	if err := os.WriteFile(ext, []byte("format: 1\nthemes:\n  - id: neglect\n    terms: [neglect*, drift]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"themes", "-o", "json"},
		{"themes"},
		{"themes", "-o", "csv", "--evidence"},
		{"themes", "-o", "markdown", "--evidence"},
		{"diff"},
		{"diff", "-o", "markdown"},
		{"summary"},
		{"diff", "-o", "json"},
		{"diff", "--evidence"},
		{"diff", "-o", "csv", "--codebook", ext},
		{"themes", "-o", "yaml", "--codebook", ext},
		{"themes", "--below", "0.8", "-o", "csv", "--evidence", "--codebook", ext},
		{"themes", "--below", "0.8", "--evidence"},
		{"summary", "-o", "json"},
		{"report", "--out", "-"},
	}
	uncached := map[string]string{}
	runUncached := func() {
		t.Helper()
		for _, c := range commands {
			code, out, errs := run(t, "", append(append(c, "--no-cache"), dir)...)
			if code != exitOK || out == "" {
				t.Fatalf("%v --no-cache: exit %d: %s", c, code, errs)
			}
			uncached[strings.Join(c, " ")] = out
		}
	}
	runUncached()
	if entries(t, dir) != 0 {
		t.Fatalf("--no-cache wrote to the cache")
	}
	check := func(when string) {
		t.Helper()
		for _, c := range commands {
			code, out, errs := run(t, "", append(c, dir)...)
			if code != exitOK {
				t.Fatalf("%s: %v: exit %d: %s", when, c, code, errs)
			}
			if want := uncached[strings.Join(c, " ")]; out != want {
				t.Errorf("%s: %v differs from its output with --no-cache", when, c)
			}
		}
	}
	check("cold")
	if n := entries(t, dir); n != 2*3 { // three records, two codebooks
		t.Fatalf("the cache holds %d entries, want 6", n)
	}
	check("warm")
	// A damaged entry is analysed again.
	err := filepath.WalkDir(filepath.Join(dir, profilecache.Dir), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.WriteFile(path, []byte("not an entry"), 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	check("damaged")
	// The index alone: the outputs that show no sentence read it, the
	// others analyse their letters again.
	err = filepath.WalkDir(filepath.Join(dir, profilecache.Dir), func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".gob") {
			err = os.Remove(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][]string{{"diff"}, {"summary"}, {"themes"}} {
		code, out, errs := run(t, "", append(c, dir)...)
		if code != exitOK || out != uncached[strings.Join(c, " ")] {
			t.Fatalf("index only: %v: exit %d, output differs from --no-cache: %s", c, code, errs)
		}
	}
	if n := entries(t, dir); n != 0 {
		t.Fatalf("outputs that show no sentence analysed %d record files again instead of reading the index", n)
	}
	check("index only")
	// The folder may be deleted at any time.
	if err := os.RemoveAll(filepath.Join(dir, profilecache.Dir)); err != nil {
		t.Fatal(err)
	}
	check("deleted")
	// A record changed by hand is analysed again, never served the
	// profile or head of its old bytes.
	recs := recordFiles(t, dir, 3)
	data, err := os.ReadFile(recs[1])
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "authority_key: liverpool", "authority_key: liverpool-edited", 1)
	if edited == string(data) {
		t.Fatal("the record has no authority_key to edit")
	}
	if err := os.WriteFile(recs[1], []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	runUncached()
	check("edited")
}

// entries counts the entries of the profile cache beside the records of
// dir (its .gitignore and indexes aside).
func entries(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(filepath.Join(dir, profilecache.Dir), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(d.Name(), ".gob") {
			n++
		}
		if os.IsNotExist(err) {
			return nil
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEvidenceReadBack checks that an output printing evidence one letter
// at a time gets each letter's sentences back as they were, from a stream
// of records, whether the cache still holds them when they are printed or
// its folder was deleted in between (the letters are then analysed again).
func TestEvidenceReadBack(t *testing.T) {
	dir := t.TempDir()
	code, stream, errs := run(t, "", "parse", liv17, liv24, liv25)
	if code != exitOK {
		t.Fatalf("parse: exit %d: %s", code, errs)
	}
	path := filepath.Join(dir, "records.yaml")
	if err := os.WriteFile(path, []byte(stream), 0o644); err != nil {
		t.Fatal(err)
	}
	cb, err := loadCodebook("")
	if err != nil {
		t.Fatal(err)
	}
	read := func(noCache, later bool) (*analyser, []*analyse.Profile) {
		t.Helper()
		an, err := newAnalyser(cb, noCache, false, true)
		if err != nil {
			t.Fatal(err)
		}
		if later {
			an.setLater()
		}
		_, profs, err := an.readFile(context.Background(), path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(profs) != 3 {
			t.Fatalf("read %d profiles, want 3", len(profs))
		}
		return an, profs
	}
	_, want := read(true, false)
	for _, when := range []string{"cold", "warm", "deleted"} {
		an, got := read(false, true)
		if !an.later {
			t.Fatal("setLater left the evidence in memory with the cache in use")
		}
		for _, p := range got {
			for _, ts := range p.Themes {
				if ts.Evidence != nil {
					t.Fatalf("%s: %s: %s kept its evidence in memory", when, p.Source, ts.Theme)
				}
			}
		}
		if when == "deleted" {
			if err := os.RemoveAll(filepath.Join(dir, profilecache.Dir)); err != nil {
				t.Fatal(err)
			}
		}
		for i, p := range got {
			if err := (loader{an: an}).Profile(p); err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if !reflect.DeepEqual(p.Themes, want[i].Themes) {
				t.Errorf("%s: %s: the evidence read back differs from the letter's analysis", when, p.Source)
			}
		}
	}
}

// TestReadRecordsSum checks that the records a cache entry is made from
// and the SHA-256 that keys it come from one read of the file: the sum
// is the file's, records and all, and trailing bytes count.
func TestReadRecordsSum(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "liverpool-2024-07-monitoring.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tail := range []string{"", "# a comment after the record\n"} {
		path := filepath.Join(t.TempDir(), "r.yaml")
		if err := os.WriteFile(path, append(slices.Clone(data), tail...), 0o644); err != nil {
			t.Fatal(err)
		}
		recs, sum, err := readRecords(path)
		if err != nil || len(recs) != 1 {
			t.Fatalf("tail %q: %d records, %v", tail, len(recs), err)
		}
		if want, _ := profilecache.Sum(path); sum != want {
			t.Errorf("tail %q: sum %x, the file's is %x", tail, sum, want)
		}
	}
}

// TestProfileCacheModelOff: a codebook in mode: replace turns the
// sentence model off, even when its themes are the built-in ones (the
// output of themes --list, loaded back): its letters must not be served
// the profiles the built-in codebook and its model made.
func TestProfileCacheModelOff(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "records")
	parseInto(t, dir, liv17, liv24)
	cb, err := analyse.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	book, err := cb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	listed := filepath.Join(t.TempDir(), "listed.yaml")
	if err := os.WriteFile(listed, book, 0o644); err != nil {
		t.Fatal(err)
	}
	_, builtin, _ := run(t, "", "themes", "-o", "csv", dir) // fills the cache
	_, want, errs := run(t, "", "themes", "-o", "csv", "--no-cache", "--codebook", listed, dir)
	if want == "" || want == builtin {
		t.Fatalf("the model off changes nothing here; the test shows nothing: %s", errs)
	}
	for _, when := range []string{"cold", "warm"} {
		if _, got, _ := run(t, "", "themes", "-o", "csv", "--codebook", listed, dir); got != want {
			t.Errorf("%s: themes --codebook (mode: replace) differs from its output with --no-cache", when)
		}
	}
}
