package record_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/record"
)

// TestList checks which files a command reads from its arguments.
func TestList(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"b.txt", "a.pdf", "c.yaml", "d.json", "e.jsonl", "f.yml", "index.csv", ".hidden.txt",
		".git/x.yaml", "sub/g.txt", "sub/h.yaml", "out/i.yaml",
		"corpus.qdpx", "site/index.html", "site/liverpool.html", "page.htm", // what export and report write
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "b.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	rel := func(files []string) []string {
		var out []string
		for _, f := range files {
			r, _ := filepath.Rel(dir, f)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	tests := []struct {
		name string
		args []string
		opts record.ListOptions
		want []string
	}{
		{"both", []string{dir}, record.ListOptions{}, []string{"a.pdf", "b.txt", "c.yaml", "d.json", "e.jsonl", "f.yml", "link.txt", "out/i.yaml", "sub/g.txt", "sub/h.yaml"}},
		{"letters, skipping the output folder", []string{dir}, record.ListOptions{Want: record.Letters, Skip: filepath.Join(dir, "out")}, []string{"a.pdf", "b.txt", "link.txt", "sub/g.txt"}},
		{"records", []string{dir}, record.ListOptions{Want: record.Records}, []string{"c.yaml", "d.json", "e.jsonl", "f.yml", "out/i.yaml", "sub/h.yaml"}},
		{"a file as given, whatever its name", []string{filepath.Join(dir, "index.csv"), filepath.Join(dir, ".hidden.txt")}, record.ListOptions{Want: record.Records}, []string{"index.csv", ".hidden.txt"}},
		{"twice", []string{filepath.Join(dir, "c.yaml"), filepath.Join(dir, "sub/../c.yaml")}, record.ListOptions{}, []string{"c.yaml", "c.yaml"}},
		{"twice, unique", []string{filepath.Join(dir, "c.yaml"), filepath.Join(dir, "sub/../c.yaml")}, record.ListOptions{Unique: true}, []string{"c.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, errs := record.List(tt.args, tt.opts)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if diff := cmp.Diff(tt.want, rel(files)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	files, errs := record.List([]string{"-", filepath.Join(dir, "nope.txt"), filepath.Join(dir, "b.txt")}, record.ListOptions{})
	if len(errs) != 1 || !strings.HasSuffix(errs[0].Path, "nope.txt") || len(files) != 2 || files[0] != "-" {
		t.Errorf("files %q, errors %v: want stdin and b.txt, and an error for nope.txt", files, errs)
	}
}

// TestListLinksAndSpecialFiles checks that a walk follows links to
// files and folders, once each and without looping, and names every file
// it passes over that a user may not expect it to: broken links, FIFOs,
// spreadsheets, archives, word processors' documents (a Mac's package
// folder, such as draft.pages, whole) and images.
func TestListLinksAndSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	letters := filepath.Join(dir, "letters")
	for _, name := range []string{"letters/a.txt", "letters/sub/b.txt", "letters/list.xlsx", "letters/old.zip", "letters/x.tsv", "letters/notes.docx", "letters/scan.PNG", "letters/draft.pages/index.xml", "letters/draft.pages/preview.jpg", "elsewhere/c.pdf", "elsewhere/d.txt"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"letters/c.pdf":      "../elsewhere/c.pdf", // a file elsewhere
		"letters/more":       "../elsewhere",       // a folder elsewhere
		"letters/sub/loop":   "..",                 // back up: a loop
		"letters/again":      "sub",                // a folder walked anyway
		"letters/gone.txt":   "nowhere.txt",        // broken
		"letters/more-again": "../elsewhere",       // the same folder twice
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	fifo := filepath.Join(letters, "pipe.txt")
	if err := mkfifo(fifo); err != nil {
		t.Logf("no FIFO: %v", err)
		fifo = ""
	}
	var skipped []string
	opts := record.ListOptions{Skipped: func(path, reason string) {
		r, _ := filepath.Rel(dir, path)
		skipped = append(skipped, filepath.ToSlash(r)+": "+reason)
	}}
	files, errs := record.List([]string{letters}, opts)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	var got []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		got = append(got, filepath.ToSlash(r))
	}
	// The folder's own tree first, then the folders that links lead to.
	want := []string{"letters/a.txt", "letters/c.pdf", "letters/sub/b.txt", "letters/more/c.pdf", "letters/more/d.txt"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	wantSkipped := []string{
		"letters/again: a link to a folder already read",
		"letters/gone.txt: a broken link",
		"letters/list.xlsx: a spreadsheet, not a letter or record",
		"letters/more-again: a link to a folder already read",
		"letters/draft.pages: a word processor's document: save it as PDF or text to read it",
		"letters/notes.docx: a word processor's document: save it as PDF or text to read it",
		"letters/scan.PNG: an image: letters reads PDF and text, not scans",
		"letters/old.zip: an archive: unpack it to read the letters in it",
		"letters/sub/loop: a link to a folder already read",
		"letters/x.tsv: a spreadsheet, not a letter or record",
	}
	if fifo != "" {
		wantSkipped = append(wantSkipped, "letters/pipe.txt: not a regular file (a FIFO, device or socket)")
	}
	slices.Sort(skipped)
	slices.Sort(wantSkipped)
	if diff := cmp.Diff(wantSkipped, skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}

	// A folder named through a link is walked.
	files, errs = record.List([]string{filepath.Join(letters, "more")}, record.ListOptions{})
	if len(errs) > 0 || len(files) != 2 {
		t.Errorf("a linked folder as argument: files %q, errors %v; want its 2 files", files, errs)
	}
}

// TestIsRecordFile checks that records are told from letters by their
// extension, or else by their content.
func TestIsRecordFile(t *testing.T) {
	dir := t.TempDir()
	for name, tt := range map[string]struct {
		data string
		want bool
	}{
		"rec.yaml":        {"anything", true},
		"rec.txt":         {"# a record\nschema: 1\n", true},
		"stream":          {"---\nschema: 1\n", true},
		"lines.txt":       {"\n{\"schema\": 1}\n", true},
		"letter.txt":      {"Ofsted\nPiccadilly Gate\n\nDear Jenny\n", false},
		"front-matter.md": {"---\ntitle: Focused visit to Derby\n---\n\nDear Mr Smith\n", false},
		"letter.pdf":      {"%PDF-1.7\n", false},
		"does-not-exist":  {"", false},
	} {
		path := filepath.Join(dir, name)
		if name != "does-not-exist" {
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := record.IsRecordFile(path); got != tt.want {
			t.Errorf("%s: %v, want %v", name, got, tt.want)
		}
	}
}
