package record_test

import (
	"os"
	"path/filepath"
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
		{"both", []string{dir}, record.ListOptions{}, []string{"a.pdf", "b.txt", "c.yaml", "d.json", "e.jsonl", "f.yml", "out/i.yaml", "sub/g.txt", "sub/h.yaml"}},
		{"letters, skipping the output folder", []string{dir}, record.ListOptions{Want: record.Letters, Skip: filepath.Join(dir, "out")}, []string{"a.pdf", "b.txt", "sub/g.txt"}},
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

// TestIsRecordFile checks that records are told from letters by their
// extension, or else by their content.
func TestIsRecordFile(t *testing.T) {
	dir := t.TempDir()
	for name, tt := range map[string]struct {
		data string
		want bool
	}{
		"rec.yaml":       {"anything", true},
		"rec.txt":        {"# a record\nschema: 1\n", true},
		"stream":         {"---\nschema: 1\n", true},
		"lines.txt":      {"\n{\"schema\": 1}\n", true},
		"letter.txt":     {"Ofsted\nPiccadilly Gate\n\nDear Jenny\n", false},
		"letter.pdf":     {"%PDF-1.7\n", false},
		"does-not-exist": {"", false},
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
