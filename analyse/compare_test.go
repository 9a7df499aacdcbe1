package analyse

import (
	"fmt"
	"slices"
	"testing"
)

// TestTrackFirstToLast checks what a theme's overall outcome says when
// the visits between the first and the last judge it otherwise: the
// overall compares the first visit with the last and nothing between
// (themes.md's outcomes are of two letters), and the steps are what show
// a concern raised between them (README.md, "Statuses and outcomes");
// each step names the visit it starts from (StepsFrom).
func TestTrackFirstToLast(t *testing.T) {
	// A visit's counts of negative and positive sentences for the theme.
	type counts struct{ neg, pos int }
	absent, concern, strength := counts{}, counts{2, 0}, counts{0, 3}
	cases := []struct {
		name    string
		visits  []counts
		steps   []Outcome
		from    []int
		overall Outcome
	}{
		{"a concern at a visit between two that do not mention the theme",
			[]counts{absent, concern, absent}, []Outcome{OutcomeNew, OutcomeNotRevisited}, []int{0, 1}, OutcomeAbsent},
		{"a concern raised and resolved between two strengths",
			[]counts{strength, concern, strength}, []Outcome{OutcomeNew, OutcomeResolved}, []int{0, 1}, OutcomeSustained},
		{"a concern between a strength and a visit that does not mention the theme",
			[]counts{strength, concern, absent}, []Outcome{OutcomeNew, OutcomeNotRevisited}, []int{0, 1}, OutcomeNotRevisited},
		{"a visit that does not judge the theme is passed over by the steps",
			[]counts{concern, absent, concern}, []Outcome{OutcomeNotRevisited, OutcomeRecurring}, []int{0, 0}, OutcomeRecurring},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var ps []*Profile
			for i, v := range tc.visits {
				p := &Profile{Visit: Visit{AuthorityKey: "k", Date: fmt.Sprintf("202%d-01-01", i)}}
				p.Themes = []ThemeStatus{{Theme: "x", Status: statusOf(v.neg, v.pos), Negatives: v.neg, Positives: v.pos}}
				ps = append(ps, p)
			}
			tt := Track(ps)[0].Themes[0]
			if !slices.Equal(tt.Steps, tc.steps) || tt.Overall != tc.overall {
				t.Errorf("statuses %v: steps %v, overall %s; want steps %v, overall %s", tt.Statuses, tt.Steps, tt.Overall, tc.steps, tc.overall)
			}
			if !slices.Equal(tt.StepsFrom, tc.from) {
				t.Errorf("statuses %v: steps from visits %v, want %v", tt.Statuses, tt.StepsFrom, tc.from)
			}
		})
	}
}
