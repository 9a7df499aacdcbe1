package cmd

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
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
