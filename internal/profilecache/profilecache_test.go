package profilecache

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
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

// filled returns a value of type T whose every field, nested structs and
// slices included, holds a value other than zero, made from seed: a
// field added to T without a place in the head's encoding then shows.
func filled[T any](seed string) T {
	var v T
	fill(reflect.ValueOf(&v).Elem(), seed)
	return v
}

func fill(v reflect.Value, seed string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(seed + "-" + v.Type().Name())
	case reflect.Int:
		v.SetInt(int64(len(seed)) + 7)
	case reflect.Float64:
		v.SetFloat(float64(len(seed)) + 0.1234567890123)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), seed+"."+v.Type().Field(i).Name)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fill(s.Index(0), seed+"[0]")
		fill(s.Index(1), seed+"[1]")
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), seed)
		v.Set(p)
	}
}

// TestHeadKeepsEveryField checks that a head gives back every field of a
// profile but the sentences and evidence, and of a record what it says
// it keeps, whether its themes are packed (they are the codebook's) or
// named, and whether the profile names the letter as its record does.
func TestHeadKeepsEveryField(t *testing.T) {
	full := filled[record.Record]("r")
	rec := &record.Record{
		Schema: full.Schema,
		Source: full.Source,
		Letter: record.Letter{Date: full.Letter.Date, Kind: full.Letter.Kind},
		Visit:  full.Visit,
	}
	rec.Visit.Inspectors, rec.Visit.Since, rec.Visit.Inspectorates = nil, nil, nil
	named := filled[analyse.Profile]("p")
	named.Sentences = nil
	for k := range named.Themes {
		named.Themes[k].Evidence = nil
	}
	packed := named
	packed.Visit = analyse.VisitOf(&full)
	packed.Themes = []analyse.ThemeStatus{
		{Theme: "a", Status: analyse.StatusMixed, Negatives: 300, Positives: 2, Concern: true, Confidence: 0.25},
		{Theme: "b", Status: analyse.StatusAbsent, Examined: true},
	}
	ids := []string{"a", "b"}
	for _, p := range []analyse.Profile{named, packed} {
		b := appendHead(nil, Entry{Record: &full, Profile: &p}, ids)
		h := headReader{b: b, names: newNames()}
		got, err := h.decodeHead(ids)
		if err != nil || len(h.b) != 0 {
			t.Fatalf("decodeHead: %v, %d bytes left", err, len(h.b))
		}
		if diff := cmp.Diff(&p, got.Profile); diff != "" {
			t.Errorf("profile (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(rec, got.Record); diff != "" {
			t.Errorf("record (-want +got):\n%s", diff)
		}
		// Every cut of the bytes fails to decode, and never panics.
		for n := range len(b) {
			h := headReader{b: b[:n], names: newNames()}
			if _, err := h.decodeHead(ids); err == nil {
				t.Fatalf("a head cut to %d of %d bytes decoded", n, len(b))
			}
		}
	}
}

// TestIndex checks that the heads of a folder's record files are served
// from one index file once a run has flushed them, that only the record
// bytes they were made from find them, that a damaged index is ignored,
// and that a run over most of the folder leaves out the files it did
// not read while a run over a few keeps them.
func TestIndex(t *testing.T) {
	dir := t.TempDir()
	fp := Fingerprint([]byte("program"))
	e := sample()
	sums := make([][sha256.Size]byte, 4)
	files := make([]string, 4)
	c := New(fp)
	for i := range sums {
		files[i] = filepath.Join(dir, string(rune('a'+i))+".yaml")
		sums[i] = sha256.Sum256([]byte(files[i]))
		if err := c.Store(files[i], sums[i], []Entry{e, e}); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := New(fp).Heads(files[0], sums[0]); ok {
		t.Fatal("heads served before any index was written")
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(c.folder(files[0]), indexName)
	written, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Heads(files[2], sums[2]); !ok {
		t.Error("the index that Flush wrote is not served after it")
	}
	c.Close()
	if _, ok := c.Heads(files[2], sums[2]); ok {
		t.Error("heads served after Close")
	}
	want := *e.Profile
	want.Sentences = nil
	want.Themes = slices.Clone(want.Themes)
	want.Themes[0].Evidence = nil
	got, ok := New(fp).Heads(files[1], sums[1])
	if !ok || len(got) != 2 {
		t.Fatalf("Heads = %v, %v", got, ok)
	}
	if diff := cmp.Diff(&want, got[1].Profile); diff != "" {
		t.Errorf("profile from the index (-want +got):\n%s", diff)
	}
	if _, ok := New(fp).Heads(files[1], sha256.Sum256([]byte("changed"))); ok {
		t.Error("heads served for other bytes")
	}
	if _, ok := New(Fingerprint([]byte("program 2"))).Heads(files[1], sums[1]); ok {
		t.Error("heads served to another analyser")
	}
	// A run that reads every file of the folder again writes nothing.
	c = New(fp)
	for i := range files {
		c.Heads(files[i], sums[i])
	}
	if err := os.Remove(index); err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(index); err == nil {
		t.Error("an unchanged index was written again")
	}
	if err := os.WriteFile(index, written, 0o644); err != nil {
		t.Fatal(err)
	}
	// A run over one file keeps the others.
	c = New(fp)
	c.Heads(files[0], sums[0])
	other := sha256.Sum256([]byte("a new record"))
	if err := c.Store(files[1], other, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, s := range append(sums, other) {
		if _, ok := New(fp).Heads(files[0], s); !ok {
			t.Errorf("a run over two files dropped %x from the index", s[:4])
		}
	}
	// A run over three of the five leaves the other two out.
	c = New(fp)
	for _, s := range []([sha256.Size]byte){sums[0], sums[2], other} {
		c.Heads(files[0], s)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, ok := New(fp).Heads(files[0], sums[1]); ok {
		t.Error("a run over most of the folder kept a file it did not read")
	}
	if _, ok := New(fp).Heads(files[0], other); !ok {
		t.Error("a run over most of the folder dropped a file it read")
	}
	// A damaged index is ignored whole.
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	for _, damage := range []func([]byte) []byte{
		func(b []byte) []byte { b[len(b)/2] ^= 1; return b },
		func(b []byte) []byte { return b[:len(b)-1] },
		func(b []byte) []byte { return b[:3] },
	} {
		if err := os.WriteFile(index, damage(slices.Clone(data)), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ok := New(fp).Heads(files[0], other); ok {
			t.Error("a damaged index was read")
		}
	}
}

// TestIndexTableChecked checks that an index whose checksum holds but
// whose table does not (a row's heads past the end of the file) is
// ignored whole rather than read.
func TestIndexTableChecked(t *testing.T) {
	dir := t.TempDir()
	fp := Fingerprint([]byte("program"))
	c := New(fp)
	files := []string{filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")}
	sums := [][sha256.Size]byte{sha256.Sum256([]byte("a")), sha256.Sum256([]byte("b"))}
	for i := range files {
		if err := c.Store(files[i], sums[i], []Entry{sample()}); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(c.folder(files[0]), indexName)
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	// The first row's heads, made longer than the file.
	b := slices.Clone(data[:len(data)-sha256.Size])
	binary.LittleEndian.PutUint32(b[len(indexMagic)+countSize+sha256.Size+4:], 1<<30)
	sum := sha256.Sum256(b)
	if err := os.WriteFile(index, append(b, sum[:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range files {
		if _, ok := New(fp).Heads(files[i], sums[i]); ok {
			t.Errorf("%s: served from an index whose table is damaged", files[i])
		}
	}
}

// TestFlushRemovesStaleTemporaries checks that a run writing an index
// removes the temporary files a killed run left in the cache's folder,
// and nothing else.
func TestFlushRemovesStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	c := New(Fingerprint([]byte("program")))
	file := filepath.Join(dir, "a.yaml")
	if err := c.Store(file, sha256.Sum256([]byte("a")), []Entry{sample()}); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(c.folder(file), ".letters-tmp-1073741823-k3x9") // no process has that id
	live := filepath.Join(c.folder(file), fmt.Sprintf(".letters-tmp-%d-k3x9", os.Getpid()))
	for _, p := range []string{stale, live} {
		if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a killed run's temporary file is still there: %v", err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a running process's temporary file was removed: %v", err)
	}
}
