package cmd

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/internal/profilecache"
)

// TestProfileCacheLettersHeld checks the outputs whose letters diff,
// summary and report hold by reference and read back when their
// authority is written (analyser.hold) against --no-cache, stdout and
// stderr byte for byte: over two folders of records, one of them a
// stream (letters past the first of their file) with a letter of the
// other folder's visit under another SHA-256 (set aside), under
// --authority, a date filter, two named records and records on stdin;
// cold, warm, with the folders' indexes damaged, with the index alone,
// and after a record of the stream is edited.
func TestProfileCacheLettersHeld(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	parseInto(t, a, liverpool...)
	code, stream, errs := run(t, "", append([]string{"parse"}, series...)...)
	if code != exitOK {
		t.Fatalf("parse: exit %d: %s", code, errs)
	}
	named := recordFiles(t, a, 3)
	// The 2024 letter again under another SHA-256: the same visit, set
	// aside whether it is read or held.
	again, err := os.ReadFile(named[1])
	if err != nil {
		t.Fatal(err)
	}
	sha := regexp.MustCompile(`(?m)^(  sha256: )[0-9a-f]`)
	if !sha.Match(again) {
		t.Fatal("the record has no source.sha256 to change")
	}
	again = sha.ReplaceAll(again, []byte("${1}x"))
	if err := os.MkdirAll(b, 0o755); err != nil {
		t.Fatal(err)
	}
	streamFile := filepath.Join(b, "stream.yaml")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(streamFile, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(stream + "---\n" + string(again))
	type command struct {
		stdin string
		args  []string
	}
	commands := []command{
		{"", []string{"diff", "-o", "json", a, b}},
		{"", []string{"diff", b, a}},
		{"", []string{"diff", "--authority", "barking-and-dagenham", "-o", "json", a, b}},
		{"", []string{"diff", "--authority", "liverpool", "--evidence", a, b}},
		{"", []string{"diff", "--since", "2021-01-01", "-o", "csv", a, b}},
		{"", []string{"diff", "-o", "yaml", named[2], named[0]}},
		{"", []string{"summary", a, b}},
		{"", []string{"report", "--out", "-", a, b}},
		{stream, []string{"diff", "-o", "json", "-", a}},
	}
	want := map[int][2]string{}
	uncached := func() {
		t.Helper()
		for i, c := range commands {
			code, out, errs := run(t, c.stdin, append(c.args, "--no-cache")...)
			if code != exitOK || out == "" {
				t.Fatalf("%v --no-cache: exit %d: %s", c.args, code, errs)
			}
			want[i] = [2]string{out, errs}
		}
		if !strings.Contains(want[0][1], "set aside: same visit as") {
			t.Fatalf("no letter set aside; the test shows nothing: %s", want[0][1])
		}
	}
	check := func(when string) {
		t.Helper()
		for i, c := range commands {
			code, out, errs := run(t, c.stdin, c.args...)
			if code != exitOK {
				t.Fatalf("%s: %v: exit %d: %s", when, c.args, code, errs)
			}
			if out != want[i][0] {
				t.Errorf("%s: %v: stdout differs from --no-cache", when, c.args)
			}
			if errs != want[i][1] {
				t.Errorf("%s: %v: stderr differs from --no-cache:\n%s\nwant:\n%s", when, c.args, errs, want[i][1])
			}
		}
	}
	// each calls f on each file of the caches of a and b whose name
	// satisfies keep.
	each := func(keep func(name string) bool, f func(path string) error) {
		t.Helper()
		for _, dir := range []string{a, b} {
			err := filepath.WalkDir(filepath.Join(dir, profilecache.Dir), func(path string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && keep(d.Name()) {
					err = f(path)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	isIndex := func(name string) bool { return name == "index" }
	uncached()
	check("cold")
	check("warm")
	n := 0
	each(isIndex, func(path string) error { n++; return os.WriteFile(path, []byte("not an index"), 0o644) })
	if n == 0 {
		t.Fatal("no index to damage")
	}
	check("index damaged")
	check("index written again")
	each(func(name string) bool { return strings.HasSuffix(name, ".gob") }, os.Remove)
	check("index only")
	write(strings.Replace(stream, "authority_key: barking-and-dagenham", "authority_key: barking-edited", 1) + "---\n" + string(again))
	uncached()
	check("edited")
}
