package validate_test

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/record"
	"github.com/ofsted-letters/letters/validate"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/*.golden")

// newValidator returns a Validator or stops the test.
func newValidator(t testing.TB) *validate.Validator {
	t.Helper()
	v, err := validate.New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return v
}

// mustGlob returns the files matching pattern, and fails when there are none.
func mustGlob(t testing.TB, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no files match %s: %v", pattern, err)
	}
	return files
}

// lines renders problems one a line, with the file's base name and the rule.
func lines(ps []validate.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		p.File = filepath.Base(p.File)
		fmt.Fprintf(&b, "%s [%s]\n", p, p.Rule)
	}
	return b.String()
}

// TestInvalidGolden checks every broken record in testdata/invalid against
// the exact problems expected of it, so that a change that weakens a rule
// or blurs a message fails. Run with -update to rewrite the golden files,
// then review the diff.
func TestInvalidGolden(t *testing.T) {
	v := newValidator(t)
	for _, in := range mustGlob(t, "../testdata/invalid/*.yaml") {
		name := strings.TrimSuffix(filepath.Base(in), ".yaml")
		t.Run(name, func(t *testing.T) {
			rep := v.Check([]string{in}, validate.Options{})
			got := lines(rep.Problems)
			if got == "" {
				t.Fatalf("%s: a broken record passed", in)
			}
			golden := strings.TrimSuffix(in, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestEveryRuleHasACase checks that each rule but "read" (which needs an
// unreadable file, see TestReadProblem) is broken by some file in
// testdata/invalid.
func TestEveryRuleHasACase(t *testing.T) {
	v := newValidator(t)
	rep := v.Check([]string{"../testdata/invalid"}, validate.Options{})
	seen := map[string]bool{validate.RuleRead: true}
	for _, p := range rep.Problems {
		seen[p.Rule] = true
	}
	if diff := cmp.Diff(validate.Rules(), slices.Sorted(maps.Keys(seen)), cmp.Transformer("sort", func(s []string) []string {
		return slices.Sorted(slices.Values(s))
	})); diff != "" {
		t.Errorf("rules without a case in testdata/invalid (-rules +seen):\n%s", diff)
	}
}

// TestValidRecords checks that the records in testdata/valid pass.
func TestValidRecords(t *testing.T) {
	v := newValidator(t)
	for _, in := range mustGlob(t, "../testdata/valid/*.yaml") {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		if ps := v.File(in, src); len(ps) > 0 {
			t.Errorf("%s: valid record has problems:\n%s", in, lines(ps))
		}
	}
}

// TestFiles checks how paths expand into files.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.yaml", "a.yml", "c.YAML", "notes.txt", "sub/d.yaml", ".git/e.yaml", "sub/.hidden/f.yaml"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rel := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, filepath.Join(dir, n))
		}
		return out
	}
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{"folder: yaml files in lexical order, hidden folders left out", rel("."), rel("a.yml", "b.yaml", "c.YAML", "sub/d.yaml")},
		{"a file named is read whatever its extension", rel("notes.txt"), rel("notes.txt")},
		{"a file named twice is read once", append(rel("sub/d.yaml"), rel("sub")...), rel("sub/d.yaml")},
		{"standard input", []string{"-"}, []string{"-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := validate.Files(tt.paths)
			if len(errs) > 0 {
				t.Fatal(errs[0])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Files(%q) (-want +got):\n%s", tt.paths, diff)
			}
		})
	}
}

// TestCheckMissingPath checks that a path that does not exist is a
// problem of its own, as an unreadable file is, and that the other paths
// are still checked.
func TestCheckMissingPath(t *testing.T) {
	v := newValidator(t)
	valid, _ := validate.Files([]string{"../testdata/valid"})
	rep := v.Check([]string{"../testdata/no-such-folder", "../testdata/valid"}, validate.Options{})
	if len(rep.Problems) != 1 || rep.Problems[0].File != "../testdata/no-such-folder" || rep.Problems[0].Rule != validate.RuleRead || !strings.HasPrefix(rep.Problems[0].Message, "cannot read: ") {
		t.Errorf("problems: %v; want one, that ../testdata/no-such-folder cannot be read", rep.Problems)
	}
	if rep.OK() || rep.Files != len(valid)+1 || rep.Records < len(valid) || rep.BadFiles != 1 || rep.Invalid != 0 {
		t.Errorf("report: %d files, %d records, %d bad files, %d invalid; want the %d valid files checked and the missing one bad", rep.Files, rep.Records, rep.BadFiles, rep.Invalid, len(valid))
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestReadProblem checks that an unreadable input is a problem of its own
// and the rest of the run goes on.
func TestReadProblem(t *testing.T) {
	v := newValidator(t)
	rep := v.Check([]string{"-", "../testdata/valid/minimal.yaml"}, validate.Options{Stdin: failingReader{}})
	want := []validate.Problem{{File: "-", Rule: validate.RuleRead, Message: "cannot read: broken pipe"}}
	if diff := cmp.Diff(want, rep.Problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if rep.Files != 2 || rep.Records != 1 || rep.BadFiles != 1 || rep.Invalid != 0 {
		t.Errorf("counts = %+v, want 2 files, 1 record, 1 bad file, 0 invalid", rep)
	}
}

// TestAcrossFiles checks the rules that compare records when the records
// are in different files: the first file named stands, the later one gets
// the problem, whatever the number of workers.
func TestAcrossFiles(t *testing.T) {
	v := newValidator(t)
	src, err := os.ReadFile("../testdata/valid/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	for _, f := range []string{a, b} {
		if err := os.WriteFile(f, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, workers := range []int{1, 4} {
		for _, order := range [][]string{{a, b}, {b, a}} {
			rep := v.Check(order, validate.Options{Workers: workers})
			want := fmt.Sprintf("%s:5:11: source.sha256: 2c26b46b68ff… is also the source of the record at %s:5:11: keep one record per letter", order[1], order[0])
			if len(rep.Problems) != 1 || rep.Problems[0].String() != want {
				t.Errorf("workers %d, order %v: problems\n%s\nwant\n%s", workers, order, lines(rep.Problems), want)
			}
			if rep.Invalid != 1 || rep.Records != 2 {
				t.Errorf("counts = %+v, want 1 of 2 records invalid", rep)
			}
		}
	}
}

// TestDeterministic checks that many workers give the same report as one.
func TestDeterministic(t *testing.T) {
	v := newValidator(t)
	one := v.Check([]string{"../testdata"}, validate.Options{Workers: 1})
	many := v.Check([]string{"../testdata"}, validate.Options{Workers: 8})
	if diff := cmp.Diff(one, many); diff != "" {
		t.Errorf("1 worker vs 8 (-one +many):\n%s", diff)
	}
}

// TestHostileYAML checks inputs that could hang or crash a validator.
func TestHostileYAML(t *testing.T) {
	v := newValidator(t)
	src, err := os.ReadFile("../testdata/valid/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	minimal := string(src)
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'k'; c++ {
		prev := string(c - 1)
		laughs += fmt.Sprintf("%c: &%c [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", c, c, prev, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	tests := []struct {
		name, src, want string
	}{
		{"alias expansion", laughs, fmt.Sprintf("x.yaml:1:1: record: YAML aliases expand to more than %d nodes [yaml]\n", record.MaxNodes)},
		{"infinite number", strings.Replace(minimal, "number: 3", "number: .inf", 1), "x.yaml:23:11: visit.number: .inf is not a number a record can hold [yaml]\n"},
		// The analysis commands read whole numbers into 64 bits: one past
		// them would pass validate and fail every later run.
		{"integer past 64 bits", strings.Replace(minimal, "number: 3", "number: 99999999999999999999", 1), "x.yaml:23:11: visit.number: 99999999999999999999 is not a number a record can hold [yaml]\n"},
		{"empty document", "---\n", "x.yaml:2:1: empty document: expected a record [yaml]\n"},
		{"not a mapping", "- a\n- b\n", "x.yaml:1:1: not a letters record: a list, not a record's fields [read]\n"},
		{"text", "Council welcomes Ofsted visit\n\nThe council said\n", "x.yaml:1:1: not a letters record: text (\"Council welcomes Ofsted visit…\"), not a record's fields [read]\n"},
		// A record that opens with another field than schema (moved,
		// or left out) is still told where its YAML breaks.
		{"a record without its schema line, not YAML", "source:\n  path: a.pdf: b\n", "x.yaml:2:3: not valid YAML: mapping values are not allowed in this context [yaml]\n"},
		{"text with a colon, not YAML", "Council welcomes: Ofsted: visit\n", "x.yaml:1:1: not a letters record: text that is not YAML (mapping values are not allowed in this context) [read]\n"},
		{"a record, then not a mapping", minimal + "---\n- a\n", "x.yaml:46:1: document 2: record: expected a mapping, found a list [schema]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lines(v.File("x.yaml", []byte(tt.src)))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzFile checks the validator on untrusted YAML: it never panics, every
// problem has a file, a known rule and a message, and a second run gives
// the same problems.
func FuzzFile(f *testing.F) {
	for _, pattern := range []string{"../testdata/valid/*.yaml", "../testdata/invalid/*.yaml"} {
		for _, p := range mustGlob(f, pattern) {
			src, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	v := newValidator(f)
	rules := validate.Rules()
	f.Fuzz(func(t *testing.T, src []byte) {
		ps := v.File("fuzz.yaml", src)
		for _, p := range ps {
			if p.File != "fuzz.yaml" || !slices.Contains(rules, p.Rule) || p.Message == "" || p.Line < 0 || p.Column < 0 {
				t.Fatalf("bad problem %+v", p)
			}
			_ = p.String()
		}
		if again := v.File("fuzz.yaml", src); !slices.Equal(ps, again) {
			t.Fatalf("same input, different problems:\n%s\n%s", lines(ps), lines(again))
		}
	})
}

// TestVisitNumbers checks when two records of one authority with one
// visit number conflict: only when they count from the same judgement or
// event and give different dates.
func TestVisitNumbers(t *testing.T) {
	v := newValidator(t)
	src, err := os.ReadFile("../testdata/valid/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// record returns the minimal record with its own hash, a since month
	// ("" for none) and two visit days.
	record := func(hash, since, day1, day2 string) string {
		r := strings.Replace(string(src), "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", strings.Repeat(hash, 64), 1)
		r = strings.Replace(r, `"2024-07-08"`, `"`+day1+`"`, 1)
		r = strings.Replace(r, `"2024-07-09"`, `"`+day2+`"`, 1)
		if since != "" {
			r = strings.Replace(r, "  number: 3\n", "  number: 3\n  since:\n    judgement: inadequate\n    month: \""+since+"\"\n", 1)
		}
		return "---\n" + r
	}
	tests := []struct {
		name   string
		stream string
		rules  []string
	}{
		{"same episode, same dates (one letter as PDF and as text)",
			record("a", "2023-05", "2024-07-08", "2024-07-09") + record("b", "2023-05", "2024-07-08", "2024-07-09"), []string{validate.RuleSameVisit}},
		{"same episode, other dates",
			record("a", "2023-05", "2024-07-08", "2024-07-09") + record("b", "2023-05", "2024-07-15", "2024-07-16"), []string{validate.RuleVisitConflict}},
		{"another episode: numbers start again",
			record("a", "2016-06", "2024-07-08", "2024-07-09") + record("b", "2023-05", "2024-07-15", "2024-07-16"), nil},
		{"no episode named: not compared",
			record("a", "", "2024-07-08", "2024-07-09") + record("b", "", "2024-07-15", "2024-07-16"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := v.Check([]string{"-"}, validate.Options{Stdin: strings.NewReader(tt.stream)})
			var rules []string
			for _, p := range rep.Problems {
				rules = append(rules, p.Rule)
			}
			if diff := cmp.Diff(tt.rules, rules); diff != "" {
				t.Errorf("rules broken (-want +got):\n%s\n%s", diff, lines(rep.Problems))
			}
		})
	}
}
