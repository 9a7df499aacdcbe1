package cmd

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/analyse"
)

var update = flag.Bool("update", false, "rewrite cmd/testdata/golden/*, and README.md's corpus figures (TestReadmeCorpus)")

const (
	liv17 = "../testdata/letters/liverpool-2017-07-monitoring.txt"
	liv24 = "../testdata/letters/liverpool-2024-07-monitoring.txt"
	liv25 = "../testdata/letters/liverpool-2025-09-monitoring.txt"
)

// run calls Main and returns its exit code, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// parseInto parses letters into records in dir with parse --out-dir,
// and fails the test unless it succeeds.
func parseInto(t *testing.T, dir string, letters ...string) {
	t.Helper()
	if code, _, errs := run(t, "", append([]string{"parse", "--out-dir", dir}, letters...)...); code != exitOK {
		t.Fatalf("parse: exit %d: %s", code, errs)
	}
}

// recordFiles returns the record files (*.yaml) in dir, and fails the
// test unless there are want of them.
func recordFiles(t *testing.T, dir string, want int) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(names) != want {
		t.Fatalf("records in %s: %v, %v; want %d", dir, names, err, want)
	}
	return names
}

// TestReportGolden checks the output of themes and diff, one golden file
// per case; -update rewrites them for review.
func TestReportGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"diff-2024-2025.txt", []string{"diff", liv24, liv25}},
		{"diff-2024-2025-evidence.txt", []string{"diff", "--evidence", liv24, liv25}},
		{"diff-2024-2025.yaml", []string{"diff", "-o", "yaml", liv24, liv25}},
		{"diff-2024-2025.json", []string{"diff", "-o", "json", liv24, liv25}},
		{"diff-series.txt", []string{"diff", "--authority", "liverpool", liv25, liv17, liv24}},
		{"diff-series.md", []string{"diff", "-o", "markdown", "--evidence", liv17, liv24, liv25}},
		{"diff-series.csv", []string{"diff", "-o", "csv", liv17, liv24, liv25}},
		{"themes-2025.txt", []string{"themes", liv25}},
		{"diff-series-share.txt", []string{"diff", "--concern-share", "0.5", liv17, liv24, liv25}},
		{"themes-since.md", []string{"themes", "-o", "markdown", "--since", "2024-01-01", "--kind", "monitoring-visit", liv17, liv24, liv25}},
		{"themes-2025-evidence.md", []string{"themes", "-o", "markdown", "--evidence", liv25}},
		{"themes-2024.csv", []string{"themes", "-o", "csv", liv24}},
		{"summary.txt", []string{"summary", "../testdata/letters", "../render/testdata/series"}},
		{"summary-share.md", []string{"summary", "-o", "markdown", "--concern-share", "0.5", "--since", "2018-01-01", "../testdata/letters", "../render/testdata/series"}},
		{"summary-sorted.txt", []string{"summary", "--sort", "recurring", "--concern-share", "0.5", "../testdata/letters", "../render/testdata/series"}},
		{"summary.csv", []string{"summary", "-o", "csv", "../testdata/letters", "../render/testdata/series"}},
		{"summary.json", []string{"summary", "-o", "json", liv17, liv24, liv25}},
		{"themes-2024-evidence.csv", []string{"themes", "-o", "csv", "--evidence", liv24}},
		{"themes-series.csv", append([]string{"themes", "-o", "csv"}, series...)},
		{"diff-series-focused.csv", append([]string{"diff", "-o", "csv", "--concern-share", "0.5"}, series...)},
		{"themes-2024.yaml", []string{"themes", "-o", "yaml", liv24}},
		// a JTAI and a focused visit of one authority: the outcomes across kinds marked
		{"diff-kinds.md", []string{"diff", "-o", "markdown", "../testdata/pdf/derby_2019-05-08.jtai.pdf", "../testdata/letters/derby_2023-11-29.layout.txt",
			"../testdata/pdf/hampshire_2017-02-01.jtai.pdf", "../testdata/pdf/hampshire_2018-11-05.pdf"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, "", c.args...)
			if code != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, errs)
			}
			if strings.Contains(out, "\x1b[") {
				t.Errorf("colour codes in output that is not a terminal")
			}
			golden := filepath.Join("testdata", "golden", c.name)
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), out); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
			_, again, _ := run(t, "", c.args...)
			if again != out {
				t.Errorf("a second run gives different output")
			}
		})
	}
}

// TestDiffOrder checks that diff puts the older visit first whatever the
// order of its arguments.
func TestDiffOrder(t *testing.T) {
	_, ab, _ := run(t, "", "diff", liv24, liv25)
	_, ba, _ := run(t, "", "diff", liv25, liv24)
	if ab != ba {
		t.Errorf("diff A B and diff B A differ:\n%s\n---\n%s", ab, ba)
	}
}

// TestDiffRecordsSameAsLetters checks that records from letters parse,
// as files or as a stream on stdin, give the same answer as the letters.
func TestDiffRecordsSameAsLetters(t *testing.T) {
	dir := t.TempDir()
	parseInto(t, dir, liv17, liv24, liv25)
	_, stream, _ := run(t, "", "parse", liv17, liv24, liv25)
	for _, format := range []string{"yaml", "csv"} {
		_, fromLetters, _ := run(t, "", "diff", "-o", format, liv17, liv24, liv25)
		code, fromDir, errs := run(t, "", "diff", "-o", format, dir)
		if code != exitOK {
			t.Fatalf("diff of records: exit %d: %s", code, errs)
		}
		code, fromStdin, errs := run(t, stream, "diff", "-o", format, "-")
		if code != exitOK {
			t.Fatalf("diff of a record stream: exit %d: %s", code, errs)
		}
		if diff := cmp.Diff(fromLetters, fromDir); diff != "" {
			t.Errorf("-o %s: records in a folder differ from letters (-letters +records):\n%s", format, diff)
		}
		if diff := cmp.Diff(fromLetters, fromStdin); diff != "" {
			t.Errorf("-o %s: record stream differs from letters (-letters +stream):\n%s", format, diff)
		}
	}
	// A letter given twice, as itself and as its record, counts once.
	code, _, errs := run(t, "", "diff", liv24, liv25, filepath.Join(dir, "liverpool-2025-09-monitoring.yaml"))
	if code != exitOK || !strings.Contains(errs, "same letter") {
		t.Errorf("exit %d, stderr %q: want 0 and a note that the letter was read once", code, errs)
	}
}

// TestDiffTwoAuthorities checks diff A B on letters of two authorities,
// as README.md documents it: the two are compared, the table names both
// authorities, a line on stderr says so, and the exit code is 0, since
// the comparison asked for was made.
func TestDiffTwoAuthorities(t *testing.T) {
	rochdale := "../testdata/letters/rochdale_2019-02-01.txt"
	code, out, errs := run(t, "", "diff", liv25, rochdale)
	if code != exitOK {
		t.Errorf("exit %d, want %d", code, exitOK)
	}
	if want := "letters: diff: comparing letters of two authorities (liverpool, rochdale)\n"; errs != want {
		t.Errorf("stderr %q, want %q", errs, want)
	}
	if !strings.Contains(out, "(rochdale+liverpool)\n") {
		t.Errorf("the table does not name both authorities, older visit first:\n%s", out)
	}
}

func TestDiffErrors(t *testing.T) {
	news := "../testdata/notletters/not-a-letter-news-2024.txt"
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("format: 1\nthemes:\n  - id: x\n    terms: [a$b]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	folder := t.TempDir()
	missing := filepath.Join(folder, "nope.yaml")
	cases := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
		wantOut    bool // some report is still written
	}{
		{"no arguments", []string{"diff"}, exitUsage, "diff: give at least one file", false},
		{"bad output format", []string{"diff", "-o", "xml", liv24, liv25}, exitUsage, "-o must be one of", false},
		{"unknown flag", []string{"diff", "--colour", liv24, liv25}, exitUsage, "unknown flag", false},
		{"missing file", []string{"diff", liv24, liv25, "nope.txt"}, exitFailed, "letters: diff: nope.txt: no such file or directory\n", true},
		{"not a letter", []string{"diff", liv24, liv25, news}, exitFailed, "not-a-letter-news-2024.txt", true},
		{"one letter", []string{"diff", liv24}, exitFailed, "need at least two letters", false},
		{"unknown authority", []string{"diff", "--authority", "croydon", liv24, liv25}, exitFailed, `no letter of authority "croydon"`, false},
		{"bad codebook", []string{"diff", "--codebook", bad, liv24, liv25}, exitFailed, "bad.yaml:4:", false},
		{"missing codebook", []string{"diff", "--codebook", missing, liv24, liv25}, exitFailed, "letters: " + missing + ": no such file or directory\n", false},
		{"codebook is a folder", []string{"diff", "--codebook", folder, liv24, liv25}, exitFailed, "letters: " + folder + ": is a folder, not a codebook file\n", false},
		{"themes without files", []string{"themes"}, exitUsage, "themes: give at least one file", false},
		{"themes --list with files", []string{"themes", "--list", liv24}, exitUsage, "--list prints the codebook and takes no paths", false},
		{"themes --list with --below", []string{"themes", "--list", "--below", "0.5"}, exitUsage, "--list prints the codebook (YAML) and takes no --below", false},
		{"themes --list with -o", []string{"themes", "--list", "-o", "json"}, exitUsage, "--list prints the codebook (YAML) and takes no --output", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, "", c.args...)
			if code != c.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.wantCode, errs)
			}
			if !strings.Contains(errs, c.wantStderr) {
				t.Errorf("stderr %q lacks %q", errs, c.wantStderr)
			}
			if c.wantOut != (out != "") {
				t.Errorf("stdout %q: want output %v", out, c.wantOut)
			}
			for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
				if c.wantCode == exitFailed && !strings.HasPrefix(line, "letters: ") {
					t.Errorf("stderr line %q does not start with \"letters: \"", line)
				}
			}
		})
	}
}

// TestThemesList checks that --list prints a codebook that loads back.
func TestThemesList(t *testing.T) {
	code, out, errs := run(t, "", "themes", "--list")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	cb, err := analyse.LoadCodebook("listed.yaml", strings.NewReader(out))
	if err != nil {
		t.Fatalf("listed codebook does not load: %v", err)
	}
	for _, id := range analyse.CoreThemes() {
		if !cb.Has(id) {
			t.Errorf("listed codebook lacks %s", id)
		}
	}
	// An extending codebook shows up in the listing.
	ext := filepath.Join(t.TempDir(), "ext.yaml")
	if err := os.WriteFile(ext, []byte("format: 1\nthemes:\n  - id: neglect\n    terms: [neglect*]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ = run(t, "", "themes", "--list", "--codebook", ext)
	if !strings.Contains(out, "id: neglect") || !strings.Contains(out, "id: lado") {
		t.Errorf("listing with --codebook lacks the added or the built-in themes")
	}
}

func TestUseColor(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if useColor(f, false) {
		t.Errorf("colour for a regular file")
	}
	if useColor(&bytes.Buffer{}, false) {
		t.Errorf("colour for a buffer")
	}
	t.Setenv("NO_COLOR", "1")
	if useColor(os.Stdout, false) {
		t.Errorf("colour despite NO_COLOR")
	}
}

// TestJSONEmptyLists checks that an authority with one visit has no steps
// and no recurring themes, and a visit that does not judge a theme no
// evidence, as [] in JSON, as in YAML, not null: a script's loop over them
// must not meet a null.
func TestJSONEmptyLists(t *testing.T) {
	rochdale := "../testdata/letters/rochdale_2019-02-01.txt"
	for _, c := range []struct{ command, field string }{{"diff", `"steps":`}, {"diff", `"evidence":`}, {"summary", `"recurring_themes":`}} {
		code, out, errs := run(t, "", c.command, "-o", "json", liv24, liv25, rochdale)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", c.command, code, errs)
		}
		if !strings.Contains(out, c.field+"[") || strings.Contains(out, c.field+"null") || strings.Contains(out, "[null") || strings.Contains(out, ",null") {
			t.Errorf("%s -o json: want %s[...] and never a null", c.command, c.field)
		}
	}
}

// TestDiffConfidences checks that diff carries each visit's status
// confidence, the one themes gives the same letter, in a list parallel
// to the statuses, and leaves it out for a theme the model does not
// judge (one a codebook adds), as themes does.
func TestDiffConfidences(t *testing.T) {
	ext := filepath.Join(t.TempDir(), "ext.yaml")
	if err := os.WriteFile(ext, []byte("format: 1\nthemes:\n  - id: neglect\n    terms: [neglect*]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// want[theme][k] is the confidence of the theme at visit k, as
	// themes -o json gives it (0: no field).
	want := map[string][]float64{}
	for _, letter := range []string{liv24, liv25} {
		code, out, errs := run(t, "", "themes", "-o", "json", "--codebook", ext, letter)
		if code != exitOK {
			t.Fatalf("themes: exit %d: %s", code, errs)
		}
		var p analyse.Profile
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatal(err)
		}
		for _, ts := range p.Themes {
			want[ts.Theme] = append(want[ts.Theme], ts.Confidence)
		}
	}
	if c := want["neglect"]; len(c) != 2 || c[0] != 0 || c[1] != 0 {
		t.Fatalf("themes gives the added theme confidences %v, want none", c)
	}
	code, out, errs := run(t, "", "diff", "-o", "json", "--codebook", ext, liv24, liv25)
	if code != exitOK {
		t.Fatalf("diff: exit %d: %s", code, errs)
	}
	var tr struct {
		Themes []map[string]json.RawMessage `json:"themes"`
	}
	if err := json.Unmarshal([]byte(out), &tr); err != nil {
		t.Fatal(err)
	}
	if len(tr.Themes) != len(want) {
		t.Fatalf("diff has %d themes, themes %d", len(tr.Themes), len(want))
	}
	for _, tt := range tr.Themes {
		var id string
		if err := json.Unmarshal(tt["theme"], &id); err != nil {
			t.Fatal(err)
		}
		raw, has := tt["confidences"]
		if id == "neglect" {
			if has {
				t.Errorf("neglect, a theme the model does not judge, has confidences %s; want no field", raw)
			}
			continue
		}
		var got []float64
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatalf("%s: confidences %s: %v", id, raw, err)
		}
		if diff := cmp.Diff(want[id], got); diff != "" {
			t.Errorf("%s: diff's confidences differ from themes' (-themes +diff):\n%s", id, diff)
		}
	}
	// CSV: each row's from_confidence and to_confidence are the cells
	// of themes -o csv for the same letter and theme (empty for neglect).
	cells := map[[2]string]string{} // file and theme: confidence
	for _, row := range readCSV(t, "themes", "-o", "csv", "--codebook", ext, liv24, liv25) {
		cells[[2]string{row["file"], row["theme"]}] = row["confidence"]
	}
	rows := readCSV(t, "diff", "-o", "csv", "--codebook", ext, liv24, liv25)
	if len(rows) != 2*len(want) { // two letters: a step and first to last
		t.Fatalf("diff -o csv has %d rows, want two a theme (%d)", len(rows), 2*len(want))
	}
	for _, row := range rows {
		for _, end := range []string{"from", "to"} {
			got, ok := row[end+"_confidence"]
			if w := cells[[2]string{row[end+"_file"], row["theme"]}]; !ok || got != w {
				t.Errorf("%s: %s_confidence %q, want %q as themes gives it", row["theme"], end, got, w)
			}
		}
	}
}
