package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/validate"
)

// TestParseExceptions checks the form of an ignore file: each bad line is
// refused with its line and the reason.
func TestParseExceptions(t *testing.T) {
	tests := []struct {
		name, text, err string
	}{
		{"comments and blank lines", "# known\n\nrecords/a.yaml visit-dates # misprint\n", ""},
		{"a pointer", "records/a.yaml visit-dates /visit/dates\n", ""},
		{"wildcards", "records/*/dudley_*.yaml duplicate-source\n", ""},
		{"one field", "records/a.yaml\n", "ignore:1: want PATH RULE [POINTER], found 1 fields"},
		{"four fields", "a.yaml date /x y\n", "ignore:1: want PATH RULE [POINTER], found 4 fields"},
		{"unknown rule", "# x\na.yaml visit-date\n", `ignore:2: unknown rule "visit-date" (rules: read, yaml, schema`},
		{"pointer without slash", "a.yaml date letter/date\n", `ignore:1: pointer "letter/date" does not start with /`},
		{"bad pattern", "[a.yaml date\n", `ignore:1: path "[a.yaml": syntax error in pattern`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := validate.ParseExceptions("ignore", t.TempDir(), strings.NewReader(tt.text))
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
				t.Errorf("error %v, want %q", err, tt.err)
			}
		})
	}
}

// TestExceptionsAccept checks which problems an exception accepts: its
// rule, in the files its path names (relative to the ignore file's
// folder), at its pointer and below.
func TestExceptionsAccept(t *testing.T) {
	v := newValidator(t)
	const record = "../testdata/invalid/visit-date-after-letter.yaml"
	tests := []struct {
		name    string
		text    string
		ignored int
	}{
		{"the file and rule", "invalid/visit-date-after-letter.yaml visit-dates\n", 1},
		{"a wildcard", "invalid/visit-*.yaml visit-dates\n", 1},
		{"the pointer's parent", "invalid/visit-date-after-letter.yaml visit-dates /visit/dates\n", 1},
		{"another rule", "invalid/visit-date-after-letter.yaml date\n", 0},
		{"another field", "invalid/visit-date-after-letter.yaml visit-dates /letter/date\n", 0},
		{"another file", "invalid/date-month.yaml visit-dates\n", 0},
		{"a path from another folder", "visit-date-after-letter.yaml visit-dates\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := validate.ParseExceptions("ignore", "../testdata", strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			rep := v.Check([]string{record}, validate.Options{Exceptions: ex})
			if len(rep.Ignored) != tt.ignored || len(rep.Problems) != 1-tt.ignored {
				t.Fatalf("%d ignored, %d problems; want %d ignored of 1", len(rep.Ignored), len(rep.Problems), tt.ignored)
			}
			if tt.ignored == 1 && (rep.Ignored[0].Exception != "ignore:1" || rep.Invalid != 0 || len(rep.UnusedExceptions) != 0) {
				t.Errorf("ignored %+v, %d invalid, unused %v; want exception ignore:1, none invalid, none unused", rep.Ignored[0], rep.Invalid, rep.UnusedExceptions)
			}
			if tt.ignored == 0 && len(rep.UnusedExceptions) != 1 {
				t.Errorf("unused exceptions %v, want ignore:1", rep.UnusedExceptions)
			}
		})
	}
}

// TestExplainedByWarnings checks that a problem becomes a warning only
// when the record's own warnings name its rule and a field it compared;
// --strict (Options.Strict) makes it a problem again.
func TestExplainedByWarnings(t *testing.T) {
	v := newValidator(t)
	src, err := os.ReadFile("../testdata/invalid/visit-date-after-letter.yaml") // visit.dates[1] after letter.date
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		warnings string
		explains bool
	}{
		{"the letter date", "[{line: 8, message: misprint, field: /letter/date, rule: visit-dates}]", true},
		{"the visit dates", "[{line: 20, message: misprint, field: /visit/dates, rule: visit-dates}]", true},
		{"the very date", "[{line: 20, message: misprint, field: /visit/dates/1, rule: visit-dates}]", true},
		{"another visit date", "[{line: 20, message: misprint, field: /visit/dates/0, rule: visit-dates}]", false},
		{"a field without a rule", "[{line: 8, message: misprint, field: /letter/date}]", false},
		{"another field", "[{line: 8, message: misprint, field: /visit/inspectors, rule: visit-dates}]", false},
		{"no warnings", "[]", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "r.yaml")
			rec := strings.Replace(string(src), "warnings: []", "warnings: "+tt.warnings, 1)
			if err := os.WriteFile(path, []byte(rec), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, strict := range []bool{false, true} {
				rep := v.Check([]string{path}, validate.Options{Strict: strict})
				warned := tt.explains && !strict
				if len(rep.Problems) != 1-btoi(warned) || len(rep.Warnings) != btoi(warned) || rep.OK() != warned {
					t.Errorf("strict %v: problems:\n%swarnings:\n%s want a warning: %v", strict, lines(rep.Problems), lines(rep.Warnings), warned)
				}
			}
		})
	}
}

// btoi returns 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
