package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/render"
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
	parseInto(t, records, liverpool...)
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
		{"no --out", append([]string{"report"}, liverpool...), exitUsage, "--out or --out-dir is required", false},
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

// readSite returns the files of a site's folder by name.
func readSite(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = data
	}
	return out
}

// TestReportSite checks --out-dir from the command line: one page per
// authority and an index whose figures are those of letters summary; the
// same bytes with the profile cache cold, warm and unused; the user's
// other files left alone and a page of the same name replaced.
func TestReportSite(t *testing.T) {
	dir := t.TempDir()
	records := filepath.Join(dir, "records")
	parseInto(t, records, append(liverpool, series...)...)
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := map[string]string{"notes.txt": "my notes", "croydon.html": "a page of an earlier run", "liverpool.html": "to be replaced"}
	for name, text := range mine {
		if err := os.WriteFile(filepath.Join(site, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	report := func(out string, extra ...string) map[string][]byte {
		t.Helper()
		code, stdout, errs := run(t, "", append([]string{"report", records, "--out-dir", out}, extra...)...)
		if code != exitOK || stdout != "" || errs != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q: want 0 and silence", code, stdout, errs)
		}
		return readSite(t, out)
	}
	cold := report(site)
	for name, text := range mine {
		if got := string(cold[name]); name != "liverpool.html" && got != text {
			t.Errorf("%s: the user's file was changed to %q", name, got)
		}
	}
	if !strings.HasPrefix(string(cold["liverpool.html"]), "<!DOCTYPE html>") {
		t.Errorf("liverpool.html was not replaced by Liverpool's page")
	}
	delete(cold, "notes.txt")
	delete(cold, "croydon.html")
	if len(cold) != 3 || cold["index.html"] == nil || cold["barking-and-dagenham.html"] == nil {
		t.Errorf("the site holds %d pages, want index.html, liverpool.html and barking-and-dagenham.html", len(cold))
	}
	warm := report(filepath.Join(dir, "warm"))
	uncached := report(filepath.Join(dir, "uncached"), "--no-cache")
	for name, page := range cold {
		if !bytes.Equal(page, warm[name]) || !bytes.Equal(page, uncached[name]) {
			t.Errorf("%s: the profile cache cold, warm and unused give different pages", name)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(records, ".letters-cache")); len(entries) == 0 {
		t.Fatal("no profile cache written: the test compares nothing")
	}

	// The index's figures are those of letters summary.
	code, out, errs := run(t, "", "summary", "-o", "json", records)
	if code != exitOK {
		t.Fatalf("summary: %s", errs)
	}
	var sum analyse.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	index := string(cold["index.html"])
	for _, as := range sum.Authorities {
		_, row, ok := strings.Cut(index, `<tr data-key="`+as.AuthorityKey+`">`)
		if !ok {
			t.Errorf("the index has no row for %s", as.AuthorityKey)
			continue
		}
		row, _, _ = strings.Cut(row, "</tr>")
		for col, want := range map[string]int{"letters": as.Visits, "concerns": as.Concerns, "recurring": as.Recurring, "resolved": as.Resolved,
			"not-revisited": as.NotRevisited, "new": as.New, "latest": as.Latest, "themes": len(as.RecurringThemes)} {
			if cell := fmt.Sprintf(`data-col="%s" data-value="%d"`, col, want); !strings.Contains(row, cell) {
				t.Errorf("%s: the index's %s is not %d as summary says", as.AuthorityKey, col, want)
			}
		}
		if !strings.Contains(row, `href="`+as.AuthorityKey+`.html"`) {
			t.Errorf("%s: the index's row does not link to its page", as.AuthorityKey)
		}
	}
	if len(sum.Authorities) != 2 {
		t.Errorf("summary has %d authorities, want 2", len(sum.Authorities))
	}
}

// TestReportPageBudget checks what --out does with a page over its
// budget: a usage error that says to use --out-dir and counts the
// letters, and nothing written; from letters parsed now (no cache) and
// from records whose profiles the cache holds (their trajectories are
// made as the page is written).
func TestReportPageBudget(t *testing.T) {
	dir := t.TempDir()
	records := filepath.Join(dir, "records")
	parseInto(t, records, liv17, liv24, liv25)
	if code, _, errs := run(t, "", "themes", records); code != exitOK { // fills the cache
		t.Fatalf("themes: exit %d: %s", code, errs)
	}
	for _, in := range []struct {
		name  string
		opts  analysisOptions
		input []string
	}{
		{"letters, no cache", analysisOptions{noCache: true, timeout: defaultTimeout}, liverpool},
		{"records, cached", analysisOptions{timeout: defaultTimeout}, []string{records}},
	} {
		t.Run(in.name, func(t *testing.T) { checkPageBudget(t, filepath.Join(dir, "page.html"), in.opts, in.input) })
	}
}

// checkPageBudget writes the page of the Liverpool letters read from
// input within its size and one byte under it.
func checkPageBudget(t *testing.T, page string, opts analysisOptions, input []string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	s := streams{in: strings.NewReader(""), out: &stdout, err: &stderr}
	compare := func() comparison {
		res, err := compareLazily(context.Background(), "report", opts, "", false, evidencePage, input, s)
		if err != nil {
			t.Fatalf("%v: %s", err, stderr.String())
		}
		t.Cleanup(res.close)
		return res
	}
	var whole bytes.Buffer
	if err := render.Page(&whole, compare().Comparison, ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		max  int
		fits bool
	}{{whole.Len(), true}, {whole.Len() - 1, false}} {
		res := compare()
		err := writePage(context.Background(), page, res.Comparison, res.letters, "", c.max, s)
		var usage *usageError
		switch {
		case c.fits && err != nil:
			t.Errorf("a page of %d bytes within a budget of %d: %v", whole.Len(), c.max, err)
		case !c.fits && (!errors.As(err, &usage) || !strings.Contains(err.Error(), "--out-dir")):
			t.Errorf("a page over its budget: %v, want a usage error that points to --out-dir", err)
		case !c.fits && !strings.Contains(err.Error(), fmt.Sprintf("the page of %d letters of 1 authority ", len(liverpool))):
			t.Errorf("a page over its budget: %v, want it to count the %d letters", err, len(liverpool))
		}
		_, serr := os.Stat(page)
		if c.fits != (serr == nil) {
			t.Errorf("budget %d: page written %v, want %v", c.max, serr == nil, c.fits)
		}
		os.Remove(page)
	}
}

// TestCount checks the counts that messages give, such as report's
// "the page of 2 letters of 3 authorities would pass ...".
func TestCount(t *testing.T) {
	for _, c := range []struct {
		n          int
		noun, want string
	}{
		{1, "letter", "1 letter"},
		{2, "letter", "2 letters"},
		{0, "record", "0 records"},
		{1, "authority", "1 authority"},
		{3, "authority", "3 authorities"},
		{2, "day", "2 days"},
	} {
		if got := count(c.n, c.noun); got != c.want {
			t.Errorf("count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}
