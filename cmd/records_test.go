package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/record"
)

// TestRecordFormatsRoundTrip checks that every format letters parse
// writes (a record folder of YAML or of JSON, a YAML stream, JSON Lines)
// is read back by validate, which finds it valid, and by diff, which
// answers as it does from the letters themselves.
func TestRecordFormatsRoundTrip(t *testing.T) {
	letters := []string{liv17, liv24, liv25}
	_, want, errs := run(t, "", append([]string{"diff", "-o", "yaml"}, letters...)...)
	if want == "" {
		t.Fatalf("diff of the letters wrote nothing: %s", errs)
	}
	tmp := t.TempDir()
	stream := func(name string, args ...string) string {
		code, out, errs := run(t, "", append(append([]string{"parse"}, args...), letters...)...)
		if code != exitOK {
			t.Fatalf("parse %v: exit %d: %s", args, code, errs)
		}
		path := filepath.Join(tmp, name)
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	folder := func(name string, args ...string) string {
		dir := filepath.Join(tmp, name)
		code, _, errs := run(t, "", append(append([]string{"parse", "--out-dir", dir}, args...), letters...)...)
		if code != exitOK {
			t.Fatalf("parse --out-dir %v: exit %d: %s", args, code, errs)
		}
		return dir
	}
	cases := []struct{ name, path string }{
		{"YAML records", folder("yaml")},
		{"YAML stream", stream("stream.yaml")},
		{"JSON records", folder("json", "-o", "json")},
		{"JSON Lines", stream("stream.jsonl", "-o", "json")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, "", "validate", c.path)
			if code != exitOK {
				t.Errorf("validate: exit %d:\n%s%s", code, out, errs)
			}
			if want := "3 records in "; len(out) < len(want) || out[:len(want)] != want {
				t.Errorf("validate: %q, want 3 records", out)
			}
			code, got, errs := run(t, "", "diff", "-o", "yaml", c.path)
			if code != exitOK {
				t.Fatalf("diff: exit %d: %s", code, errs)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diff of the records differs from diff of the letters (-letters +records):\n%s", diff)
			}
		})
	}
}

// TestRecordBounds checks that themes, diff and report refuse a hostile
// record, from a file or from stdin, in one line that names it once.
func TestRecordBounds(t *testing.T) {
	alias := "schema: 1\nfindings: &a [*a]\n"
	big := "schema: 1\nfindings:\n  - " + strings.Repeat("x", record.MaxSize) + "\n"
	path := filepath.Join(t.TempDir(), "alias.yaml")
	if err := os.WriteFile(path, []byte(alias), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, stdin string
		args        []string
		stderr      string
	}{
		{"alias in a file", "", []string{"diff", liv24, path}, "letters: diff: " + path + ":1: record 1: YAML aliases expand to more than"},
		{"alias on stdin", alias, []string{"themes", "-"}, "letters: themes: -:1: record 1: YAML aliases expand to more than"},
		{"too large on stdin", big, []string{"diff", liv24, liv25, "-"}, "letters: diff: -:3: record 1: record larger than 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := run(t, c.stdin, c.args...)
			if code != exitFailed || !strings.HasPrefix(errs, c.stderr) || strings.Count(errs, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want %d and one line starting %q", code, errs, exitFailed, c.stderr)
			}
		})
	}
}
