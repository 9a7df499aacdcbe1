package render

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/record"
)

// kindsTimelines returns two authorities' trajectories: "a" has a focused
// visit, a JTAI and a focused visit, the JTAI silent on planning; "b" two
// focused visits.
func kindsTimelines() []analyse.Trajectory {
	letter := func(key, kind, date string, st analyse.Status, neg, pos int) *analyse.Profile {
		return &analyse.Profile{
			Visit:  analyse.Visit{Source: key + "-" + date, Authority: key, AuthorityKey: key, Kind: kind, Date: date, LetterDate: date},
			Themes: []analyse.ThemeStatus{{Theme: "planning", Status: st, Negatives: neg, Positives: pos}},
		}
	}
	return analyse.Track([]*analyse.Profile{
		letter("a", record.KindFocused, "2020-01-01", analyse.StatusMixed, 2, 3),
		letter("a", record.KindJTAI, "2021-01-01", analyse.StatusAbsent, 0, 0),
		letter("a", record.KindFocused, "2022-01-01", analyse.StatusConcern, 4, 0),
		letter("b", record.KindFocused, "2020-01-01", analyse.StatusMixed, 1, 1),
		letter("b", record.KindFocused, "2022-01-01", analyse.StatusStrength, 0, 2),
	})
}

// TestSummariserKinds checks the steps that summary counts by the kinds
// of their two letters: a JTAI between two focused visits makes two
// steps across kinds, and two focused visits one within a kind.
func TestSummariserKinds(t *testing.T) {
	var z Summariser
	trs := kindsTimelines()
	for i := range trs {
		z.Add(&trs[i])
	}
	s := z.Summary()
	if s.Steps != 3 || s.StepsAcrossKinds != 2 {
		t.Errorf("steps %d, across kinds %d; want 3 and 2", s.Steps, s.StepsAcrossKinds)
	}
	want := []KindSteps{
		{record.KindFocused, record.KindFocused, 1},
		{record.KindFocused, record.KindJTAI, 1},
		{record.KindJTAI, record.KindFocused, 1},
	}
	if !reflect.DeepEqual(s.StepsByKinds, want) {
		t.Errorf("steps by kinds %v, want %v", s.StepsByKinds, want)
	}
	var b bytes.Buffer
	if err := Summary(&b, s, nil, Options{Format: FormatTable}); err != nil {
		t.Fatal(err)
	}
	line := "Steps between letters of different kinds: 2 of 3 (1 focused-visit to joint-targeted-area-inspection, 1 joint-targeted-area-inspection to focused-visit), whose scope differs; --kind keeps one kind.\n"
	if !strings.Contains(b.String(), line) {
		t.Errorf("summary's headline lacks %q:\n%s", line, b.String())
	}
}

// TestDiffMarksKinds checks that diff's table marks an outcome between
// letters of different kinds, following the step's own two letters: at
// the third letter of "a", planning (not judged by the JTAI) is compared
// with the first focused visit, within a kind, and left unmarked.
func TestDiffMarksKinds(t *testing.T) {
	var b bytes.Buffer
	if err := Trajectories(&b, kindsTimelines(), Options{Format: FormatTable}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"\n  " + acrossKindsNote + "\n",
		"\nplanning  mixed -2 +3  not-revisited*  absent      recurring  concern -4  recurring\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff's table lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, acrossKindsNote); n != 1 {
		t.Errorf("the note on kinds %d times, want once (authority a alone):\n%s", n, out)
	}
}

// TestOccasions checks the words before a report's dates: a joint
// targeted area inspection is an inspection, any other letter a visit.
func TestOccasions(t *testing.T) {
	cases := []struct {
		name           string
		n, inspections int
		want           string
	}{
		{"one visit", 1, 0, "a visit"},
		{"one inspection", 1, 1, "an inspection"},
		{"visits", 3, 0, "visits"},
		{"inspections", 2, 2, "inspections"},
		{"a JTAI between focused visits", 3, 1, "visits and an inspection"},
		{"one of each", 2, 1, "a visit and an inspection"},
		{"a corpus", 392, 48, "visits and inspections"},
		{"a visit among inspections", 3, 2, "a visit and inspections"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := occasions(c.n, c.inspections); got != c.want {
				t.Errorf("occasions(%d, %d) = %q, want %q", c.n, c.inspections, got, c.want)
			}
		})
	}
}
