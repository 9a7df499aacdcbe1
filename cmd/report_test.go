package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The letters of the report tests: Liverpool's three monitoring visits,
// and Barking and Dagenham's four focused visits (the page itself is
// tested in package render).
var (
	liverpool = []string{liv17, liv24, liv25}
	series    = []string{"../testdata/letters/barking-and-dagenham_2018-04-03.layout.txt",
		"../render/testdata/series/barking-and-dagenham_2021-07-15.layout.txt",
		"../render/testdata/series/barking-and-dagenham_2022-06-10.layout.txt",
		"../render/testdata/series/barking-and-dagenham_2025-04-29.layout.txt"}
)

// renderReport runs letters report on args and returns the page.
func renderReport(t *testing.T, args ...string) []byte {
	t.Helper()
	code, out, errs := run(t, "", append([]string{"report", "--out", "-"}, args...)...)
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	return []byte(out)
}

// TestReportCommand checks the command line: the file written, the same
// page from records as from letters, and the exit codes.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "liverpool.html")
	code, stdout, errs := run(t, "", append([]string{"report", "--out", out}, liverpool...)...)
	if code != exitOK || stdout != "" || errs != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q: want 0 and silence", code, stdout, errs)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written, renderReport(t, liverpool...)) {
		t.Errorf("--out FILE and --out - write different pages")
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("the page is not readable by others: %v %v", info.Mode(), err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	records := filepath.Join(dir, "records")
	if code, _, errs := run(t, "", append([]string{"parse", "--out-dir", records}, liverpool...)...); code != exitOK {
		t.Fatalf("parse: %s", errs)
	}
	if !bytes.Equal(renderReport(t, records), written) {
		t.Errorf("the page from records differs from the page from letters")
	}

	news := "../testdata/notletters/not-a-letter-news-2024.txt"
	cases := []struct {
		name     string
		args     []string
		wantCode int
		stderr   string
		page     bool // a page is still written
	}{
		{"no --out", append([]string{"report"}, liverpool...), exitUsage, "--out is required", false},
		{"no inputs", []string{"report", "--out", "-"}, exitUsage, "report: give at least one file", false},
		{"a bad input", []string{"report", "--out", "-", liv24, news, liv25}, exitFailed, "letters: report: " + news, true},
		{"one letter", []string{"report", "--out", "-", liv24}, exitFailed, "need at least two letters", false},
		{"unknown authority", append([]string{"report", "--out", "-", "--authority", "croydon"}, liverpool...), exitFailed, `no letter of authority "croydon"`, false},
		{"no such folder", append([]string{"report", "--out", filepath.Join(dir, "none", "x.html")}, liverpool...), exitUsage, "letters: --out: " + filepath.Join(dir, "none", "x.html") + ": no folder ", false},
		{"a folder", append([]string{"report", "--out", dir}, liverpool...), exitUsage, "letters: --out: " + dir + ": is a folder, not a file", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, errs := run(t, "", c.args...)
			if code != c.wantCode || !strings.Contains(errs, c.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, c.wantCode, c.stderr)
			}
			if c.page != strings.HasPrefix(stdout, "<!DOCTYPE html>") {
				t.Errorf("page written: %v, want %v", !c.page, c.page)
			}
		})
	}
	// --title and --authority.
	page := string(renderReport(t, append([]string{"--title", "Liverpool & partners", "--authority", "liverpool"}, append(liverpool, series...)...)...))
	if !strings.Contains(page, "<title>Liverpool &amp; partners</title>") || strings.Contains(page, "Barking") {
		t.Errorf("--title or --authority not applied")
	}
}

// TestReportNeighboursFlag checks that --neighbours shows an authority
// beside its ten statistical neighbours from the embedded lookup, and
// that the page has no such table without it.
func TestReportNeighboursFlag(t *testing.T) {
	with := string(renderReport(t, append([]string{"--neighbours"}, liverpool...)...))
	for _, want := range []string{"Beside its statistical neighbours", "Knowsley", "340", "Blackpool", "no letter in this report"} {
		if !strings.Contains(with, want) {
			t.Errorf("--neighbours: the page lacks %q", want)
		}
	}
	if strings.Count(with, "no letter in this report") != 10 {
		t.Errorf("%d neighbours without letters, want Liverpool's 10", strings.Count(with, "no letter in this report"))
	}
	if without := string(renderReport(t, liverpool...)); strings.Contains(without, "statistical neighbours") {
		t.Errorf("a table of neighbours without --neighbours")
	}
}
