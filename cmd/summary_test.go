package cmd

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
)

// readCSV runs letters with args and returns its CSV output as maps from
// column to value.
func readCSV(t *testing.T, args ...string) []map[string]string {
	t.Helper()
	code, out, errs := run(t, "", args...)
	if code != exitOK {
		t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

// TestSummaryAgreesWithTables checks every count of letters summary -o
// csv against the tidy tables of themes and diff for the same letters,
// counted here: letters by status from themes, steps by outcome from the
// step rows of diff.
func TestSummaryAgreesWithTables(t *testing.T) {
	for _, share := range []string{"0", "0.5"} {
		inputs := []string{"--concern-share", share, "../testdata/letters", "../render/testdata/series"}
		want := map[string]map[string]int{} // theme: column: count
		count := func(theme, col string) {
			if want[theme] == nil {
				want[theme] = map[string]int{}
			}
			want[theme][col]++
		}
		for _, r := range readCSV(t, append([]string{"themes", "-o", "csv"}, inputs...)...) {
			count(r["theme"], r["status"])
			if r["concern"] == "true" {
				count(r["theme"], "counted_as_concern")
			}
		}
		// A concern is counted once, by the last step that starts from
		// its visit: a step whose outcome is not-revisited counts only if
		// no later step of the same authority and theme starts from the
		// same visit.
		steps := readCSV(t, append([]string{"diff", "-o", "csv"}, inputs...)...)
		recurringIn, concernedIn := map[string]bool{}, map[string]bool{} // theme/authority
		for i, r := range steps {
			if r["span"] != spanStepName {
				continue
			}
			count(r["theme"], "steps")
			if r["from_concern"] == "true" && (r["outcome"] != "not-revisited" || !laterStepFrom(steps, i)) {
				count(r["theme"], "concerns_followed")
				if !concernedIn[r["theme"]+"/"+r["authority_key"]] {
					concernedIn[r["theme"]+"/"+r["authority_key"]] = true
					count(r["theme"], "authorities_concerned")
				}
				switch r["outcome"] {
				case "recurring", "resolved", "not-revisited":
					count(r["theme"], strings.ReplaceAll(r["outcome"], "-", "_"))
				}
			}
			if r["outcome"] == "new" {
				count(r["theme"], "new")
			}
			if r["outcome"] == "recurring" && !recurringIn[r["theme"]+"/"+r["authority_key"]] {
				recurringIn[r["theme"]+"/"+r["authority_key"]] = true
				count(r["theme"], "authorities_recurring")
			}
		}
		rows := readCSV(t, append([]string{"summary", "-o", "csv"}, inputs...)...)
		if len(rows) != len(want) {
			t.Fatalf("share %s: summary has %d themes, the tables %d", share, len(rows), len(want))
		}
		for _, r := range rows {
			for _, col := range []string{"concern", "mixed", "strength", "absent", "counted_as_concern", "steps", "concerns_followed",
				"recurring", "resolved", "not_revisited", "new", "authorities_concerned", "authorities_recurring"} {
				if got, _ := strconv.Atoi(r[col]); got != want[r["theme"]][col] {
					t.Errorf("share %s, %s %s: summary %d, tables %d", share, r["theme"], col, got, want[r["theme"]][col])
				}
			}
			if r["concern_share"] != share {
				t.Errorf("concern_share %q, want %q", r["concern_share"], share)
			}
		}
	}
}

// laterStepFrom reports whether a step row after rows[i] has the same
// authority and theme as rows[i] and starts from the same visit.
func laterStepFrom(rows []map[string]string, i int) bool {
	r := rows[i]
	for _, o := range rows[i+1:] {
		if o["span"] == spanStepName && o["authority_key"] == r["authority_key"] && o["theme"] == r["theme"] &&
			o["from_visit"] == r["from_visit"] {
			return true
		}
	}
	return false
}

// spanStepName is the span of a step row of diff -o csv.
const spanStepName = "step"

// TestCodesFilledForOldRecords checks that a record written before
// records carried the authority's codes gets them from the lookup when
// themes reads it, and that it still validates.
func TestCodesFilledForOldRecords(t *testing.T) {
	code, rec, errs := run(t, "", "parse", liv24)
	if code != exitOK {
		t.Fatalf("parse: exit %d: %s", code, errs)
	}
	var old []string
	for _, line := range strings.Split(rec, "\n") {
		if f := strings.TrimSpace(line); strings.HasPrefix(f, "la_code:") || strings.HasPrefix(f, "ons_code:") || strings.HasPrefix(f, "region:") {
			continue
		}
		old = append(old, line)
	}
	if len(old) != strings.Count(rec, "\n")+1-3 {
		t.Fatalf("the record had no codes to take out")
	}
	path := t.TempDir() + "/old.yaml"
	if err := os.WriteFile(path, []byte(strings.Join(old, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "", "validate", path); code != exitOK {
		t.Errorf("a record without codes does not validate: %s%s", out, errs)
	}
	rows := readCSV(t, "themes", "-o", "csv", path)
	if len(rows) == 0 || rows[0]["la_code"] != "341" || rows[0]["ons_code"] != "E08000012" || rows[0]["region"] != "North West" {
		t.Errorf("codes of an old record: %v", rows[0])
	}
}

// TestSummaryAgreesWithReport checks that the corpus section of letters
// report shows, per theme, the counts of letters summary for the same
// letters (one computation, two outputs).
func TestSummaryAgreesWithReport(t *testing.T) {
	inputs := []string{"--concern-share", "0.5", "../testdata/letters", "../render/testdata/series"}
	page := string(renderReport(t, inputs...))
	table := page[strings.Index(page, `id="theme-table"`):]
	table = table[:strings.Index(table, "</table>")]
	cols := map[string]string{"letters-concern": "counted_as_concern", "concerns": "concerns_followed", "recurring": "recurring",
		"resolved": "resolved", "not-revisited": "not_revisited", "new": "new",
		"authorities": "authorities_concerned", "authorities-recurring": "authorities_recurring"}
	rows := readCSV(t, append([]string{"summary", "-o", "csv"}, inputs...)...)
	for _, r := range rows {
		i := strings.Index(table, `<tr data-theme="`+r["theme"]+`">`)
		if i < 0 {
			t.Fatalf("the page's corpus table has no row for %s", r["theme"])
		}
		row := table[i:]
		row = row[:strings.Index(row, "</tr>")]
		for col, csvCol := range cols {
			want := `data-col="` + col + `" data-value="` + r[csvCol] + `"`
			if !strings.Contains(row, want) {
				t.Errorf("%s: the page lacks %s (summary's %s)", r["theme"], want, csvCol)
			}
		}
	}
}
