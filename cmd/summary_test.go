package cmd

import (
	"encoding/csv"
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
		recurringIn := map[string]bool{} // theme/authority
		for _, r := range readCSV(t, append([]string{"diff", "-o", "csv"}, inputs...)...) {
			if r["span"] != spanStepName {
				continue
			}
			count(r["theme"], "steps")
			if r["from_concern"] == "true" {
				count(r["theme"], "concerns_followed")
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
				"recurring", "resolved", "not_revisited", "new", "authorities_recurring"} {
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

// spanStepName is the span of a step row of diff -o csv.
const spanStepName = "step"
