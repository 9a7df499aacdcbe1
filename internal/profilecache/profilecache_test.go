package profilecache

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/record"
)

func sample() Entry {
	rec := &record.Record{
		Schema:       1,
		Source:       record.Source{Path: "a.pdf", SHA256: "ab", Format: record.FormatPDF},
		Letter:       record.Letter{Date: "2024-01-02", Kind: record.KindFocused, Title: "left out"},
		Visit:        record.Visit{AuthorityKey: "a", Dates: []string{"2023-12-01"}},
		AreasCovered: []string{"front door"},
		Sections:     []record.Section{{Heading: "left out"}},
	}
	p := &analyse.Profile{
		Visit:     analyse.VisitOf(rec),
		Themes:    []analyse.ThemeStatus{{Theme: "t", Status: analyse.StatusConcern, Negatives: 1, Evidence: []analyse.Evidence{{Text: "Bad.", Polarity: analyse.Negative}}}},
		Sentences: []analyse.Sentence{{Text: "left out"}},
	}
	return Entry{Record: rec, Profile: p}
}

func TestStoreLoad(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	sum := sha256.Sum256([]byte("record"))
	c := New(Fingerprint([]byte("program"), []byte("codebook")))
	if _, ok := c.Load(file, sum, true); ok {
		t.Fatal("an empty cache served an entry")
	}
	e := sample()
	if err := c.Store(file, sum, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, Dir, ".gitignore")); err != nil || string(data) != gitignore {
		t.Errorf("the cache's .gitignore: %q, %v", data, err)
	}
	got, ok := c.Load(file, sum, true)
	if !ok || len(got) != 1 {
		t.Fatalf("Load = %v, %v", got, ok)
	}
	wantP := *e.Profile
	wantP.Sentences = nil
	if diff := cmp.Diff(&wantP, got[0].Profile); diff != "" {
		t.Errorf("profile (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Slim(e.Record), got[0].Record); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	if e.Profile.Sentences == nil || e.Profile.Themes[0].Evidence == nil {
		t.Error("Store changed the profile it was given")
	}
	// Without evidence, the statuses and counts alone.
	got, ok = c.Load(file, sum, false)
	wantP.Themes = slices.Clone(wantP.Themes)
	wantP.Themes[0].Evidence = nil
	if !ok || len(got) != 1 {
		t.Fatalf("Load without evidence = %v, %v", got, ok)
	}
	if diff := cmp.Diff(&wantP, got[0].Profile); diff != "" {
		t.Errorf("profile without evidence (-want +got):\n%s", diff)
	}
	// Another record, or another analyser, finds nothing.
	if _, ok := c.Load(file, sha256.Sum256([]byte("other")), true); ok {
		t.Error("another record's bytes were served")
	}
	if _, ok := New(Fingerprint([]byte("program"), []byte("codebook 2"))).Load(file, sum, true); ok {
		t.Error("another codebook's profile was served")
	}
	// A damaged entry is absent.
	if err := os.WriteFile(c.name(file, sum), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Load(file, sum, true); ok {
		t.Error("a damaged entry was served")
	}
}

func TestFingerprintSeparatesParts(t *testing.T) {
	if Fingerprint([]byte("ab"), []byte("c")) == Fingerprint([]byte("a"), []byte("bc")) {
		t.Error("parts split differently share a fingerprint")
	}
}

func TestStoreInAFolderThatCannotBeWritten(t *testing.T) {
	file := filepath.Join(t.TempDir(), "missing", "a.yaml") // its folder does not exist
	if err := os.WriteFile(filepath.Dir(filepath.Dir(file))+"/missing", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c := New(Fingerprint([]byte("p")))
	if err := c.Store(file, sha256.Sum256(nil), []Entry{sample()}); err == nil {
		t.Error("Store into a folder that is a file succeeded")
	}
}
