package render

import (
	"os"
	"strings"
	"testing"
)

// TestCSVColumnsDocumented checks that README.md documents every column
// of the tidy tables, each in the first cell of a row of a column table
// ("| `from_confidence`, `to_confidence` | ..."): a column added to a
// table must be added to its documentation too.
func TestCSVColumnsDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		first, _, ok := strings.Cut(strings.TrimPrefix(line, "| "), " | ")
		if !ok || !strings.HasPrefix(line, "| `") {
			continue
		}
		for _, name := range strings.Split(first, ", ") {
			documented[strings.Trim(name, "`")] = true
		}
	}
	tables := []struct {
		command string
		columns []string
	}{{"themes", profileColumns}, {"themes --evidence", evidenceColumns}, {"diff", trajectoryColumnsCSV}, {"summary", summaryColumns}}
	for _, tb := range tables {
		for _, c := range tb.columns {
			if !documented[c] {
				t.Errorf("README.md does not document the column %s of %s -o csv", c, tb.command)
			}
		}
	}
}
