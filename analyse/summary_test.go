package analyse

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// visitsOf returns profiles of authority key, one per visit, where theme
// id has the given statuses in order.
func visitsOf(key string, themes map[string][]Status) []*Profile {
	n := 0
	for _, sts := range themes {
		n = max(n, len(sts))
	}
	ids := make([]string, 0, len(themes))
	for id := range themes {
		ids = append(ids, id)
	}
	slices.Sort(ids) // keeps the themes' order, and so Summary.Themes, fixed
	var ps []*Profile
	for k := range n {
		p := &Profile{Visit: Visit{AuthorityKey: key, Authority: key, Date: "2020-01-0" + string(rune('1'+k))}}
		for _, id := range ids {
			p.Themes = append(p.Themes, ThemeStatus{Theme: id, Status: themes[id][k]})
		}
		ps = append(ps, p)
	}
	return ps
}

func TestSummarise(t *testing.T) {
	const c, m, s, a = StatusConcern, StatusMixed, StatusStrength, StatusAbsent
	var ps []*Profile
	ps = append(ps, visitsOf("north", map[string][]Status{
		"x": {c, m, s, s}, // recurring, resolved, sustained
		"y": {c, a, a, c}, // one concern (v1) recurring at v4 (steps: not revisited twice, then recurring)
		"z": {s, a, c, c}, // a strength not revisited (no concern), new, recurring
	})...)
	ps = append(ps, visitsOf("south", map[string][]Status{
		"x": {a, c}, // new
		"y": {m, s}, // resolved
		"z": {s, s}, // sustained
	})...)
	ps = append(ps, visitsOf("west", map[string][]Status{
		"x": {c}, // one visit: no step
		"y": {a},
		"z": {c},
	})...)
	// north's codes come from its second visit (its first has none, as a
	// record written before records carried them); west has none at all.
	ps[1].LACode, ps[1].ONSCode, ps[1].Region = "341", "E08000012", "North West"
	ps[4].LACode, ps[5].LACode = "999", "999"
	got := Summarise(Track(ps))
	want := Summary{
		Letters:            4 + 2 + 1,
		AuthorityCount:     3,
		Revisited:          2,
		RevisitedRecurring: 1,
		Tally:              Tally{Steps: 3 + 1, Concerns: 2 + 2 + 1, Recurring: 1 + 1 + 1, Resolved: 1 + 1, New: 1 + 1},
		Themes: []ThemeSummary{
			{Theme: "x", Letters: StatusCount{Concern: 3, Mixed: 1, Strength: 2, Absent: 1, Counted: 4},
				Tally: Tally{Steps: 4, Concerns: 2, Recurring: 1, Resolved: 1, New: 1}, AuthoritiesConcerned: 1, AuthoritiesRecurring: 1},
			{Theme: "y", Letters: StatusCount{Concern: 2, Mixed: 1, Strength: 1, Absent: 3, Counted: 3},
				Tally: Tally{Steps: 4, Concerns: 2, Recurring: 1, Resolved: 1}, AuthoritiesConcerned: 2, AuthoritiesRecurring: 1},
			{Theme: "z", Letters: StatusCount{Concern: 3, Strength: 3, Absent: 1, Counted: 3},
				Tally: Tally{Steps: 4, Concerns: 1, Recurring: 1, New: 1}, AuthoritiesConcerned: 1, AuthoritiesRecurring: 1},
		},
		Authorities: []AuthoritySummary{
			{AuthorityKey: "north", LACode: "341", ONSCode: "E08000012", Region: "North West", Authority: "north", Visits: 4, RecurringThemes: []string{"x", "y", "z"}, Latest: 2,
				Tally: Tally{Steps: 3, Concerns: 4, Recurring: 3, Resolved: 1, New: 1}},
			{AuthorityKey: "south", LACode: "999", Authority: "south", Visits: 2, RecurringThemes: []string{}, Latest: 1,
				Tally: Tally{Steps: 1, Concerns: 1, Resolved: 1, New: 1}},
			{AuthorityKey: "west", Authority: "west", Visits: 1, RecurringThemes: []string{}, Latest: 2},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarise mismatch (-want +got):\n%s", diff)
	}
}

// TestTallyCountsAConcernOnce checks that a concern followed by visits
// that do not judge its theme is counted once, by its fate at the next
// visit that judges the theme, or as not revisited when none does.
func TestTallyCountsAConcernOnce(t *testing.T) {
	const c, m, s, a = StatusConcern, StatusMixed, StatusStrength, StatusAbsent
	tests := []struct {
		name     string
		statuses []Status
		want     Tally
	}{
		{"concern, absent, concern", []Status{c, a, c}, Tally{Steps: 2, Concerns: 1, Recurring: 1}},
		{"concern, absent, absent", []Status{c, a, a}, Tally{Steps: 2, Concerns: 1, NotRevisited: 1}},
		{"concern, absent, strength", []Status{c, a, s}, Tally{Steps: 2, Concerns: 1, Resolved: 1}},
		{"mixed, absent, absent, mixed", []Status{m, a, a, m}, Tally{Steps: 3, Concerns: 1, Recurring: 1}},
		{"concern, absent, concern, absent", []Status{c, a, c, a}, Tally{Steps: 3, Concerns: 2, Recurring: 1, NotRevisited: 1}},
		{"concern, concern, absent", []Status{c, c, a}, Tally{Steps: 2, Concerns: 2, Recurring: 1, NotRevisited: 1}},
		{"concern, absent", []Status{c, a}, Tally{Steps: 1, Concerns: 1, NotRevisited: 1}},
		{"absent, concern, absent, concern", []Status{a, c, a, c}, Tally{Steps: 3, Concerns: 1, Recurring: 1, New: 1}},
		{"strength, absent, concern", []Status{s, a, c}, Tally{Steps: 2, New: 1}},
		{"concern alone", []Status{c}, Tally{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Summarise(Track(visitsOf("la", map[string][]Status{"x": tc.statuses})))
			if diff := cmp.Diff(tc.want, s.Tally); diff != "" {
				t.Errorf("tally of %v (-want +got):\n%s", tc.statuses, diff)
			}
			if diff := cmp.Diff(tc.want, s.Themes[0].Tally); diff != "" {
				t.Errorf("theme tally of %v (-want +got):\n%s", tc.statuses, diff)
			}
		})
	}
}

// TestSummariseOrder checks that ties in recurring steps go to the
// authority with more recurring themes, then to the lower key.
func TestSummariseOrder(t *testing.T) {
	const c, s = StatusConcern, StatusStrength
	var ps []*Profile
	ps = append(ps, visitsOf("b", map[string][]Status{"x": {c, c}, "y": {c, c}})...)
	ps = append(ps, visitsOf("a", map[string][]Status{"x": {c, c, c}, "y": {s, s, s}})...)
	ps = append(ps, visitsOf("c", map[string][]Status{"x": {c, c, c}, "y": {s, s, s}})...)
	ps = append(ps, visitsOf("d", map[string][]Status{"x": {s, s}})...)
	var got []string
	for _, as := range Summarise(Track(ps)).Authorities {
		got = append(got, as.AuthorityKey)
	}
	if want := []string{"b", "a", "c", "d"}; !cmp.Equal(want, got) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// TestStepFrom checks that every step of real trajectories compares the
// status that StepFrom names with the next visit's.
func TestStepFrom(t *testing.T) {
	cb := mustBuiltin(t)
	paths, err := filepath.Glob("testdata/letters/*.txt")
	if err != nil || len(paths) < 3 {
		t.Fatalf("too few letters: %v", err)
	}
	var ps []*Profile
	for _, p := range paths {
		pr := cb.Profile(mustRecord(t, p))
		pr.AuthorityKey = "all" // one long series, whatever the authority
		ps = append(ps, pr)
	}
	steps := 0
	for _, tr := range Track(ps) {
		for _, tt := range tr.Themes {
			for i, o := range tt.Steps {
				steps++
				if got := CompareStatus(tt.StepFrom(i), tt.Statuses[i+1]); got != o {
					t.Errorf("%s step %d: CompareStatus(StepFrom) = %s, Steps = %s (statuses %v)", tt.Theme, i, got, o, tt.Statuses)
				}
			}
		}
	}
	if steps == 0 {
		t.Fatal("no steps compared")
	}
}
