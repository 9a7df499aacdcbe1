package analyse

import "testing"

func TestConcernRule(t *testing.T) {
	const c, m, s, a = StatusConcern, StatusMixed, StatusStrength, StatusAbsent
	cases := []struct {
		name     string
		share    float64
		st       Status
		neg, pos int
		want     bool
	}{
		{"any negative: a concern", 0, c, 3, 0, true},
		{"any negative: one negative beside eighteen positives", 0, m, 1, 18, true},
		{"any negative: a strength", 0, s, 0, 4, false},
		{"any negative: absent", 0, a, 0, 0, false},
		{"half: one beside eighteen is not a concern", 0.5, m, 1, 18, false},
		{"half: five beside five is", 0.5, m, 5, 5, true},
		{"half: a concern stays one", 0.5, c, 1, 0, true},
		{"half: a mixed status without counts counts", 0.5, m, 0, 0, true},
		{"all: mixed is never a concern", 1, m, 9, 1, false},
		{"all: a concern is", 1, c, 1, 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewConcernRule(tc.share)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.IsConcern(tc.st, tc.neg, tc.pos); got != tc.want {
				t.Errorf("IsConcern(%s, %d, %d) under share %v = %v, want %v", tc.st, tc.neg, tc.pos, tc.share, got, tc.want)
			}
		})
	}
	for _, bad := range []float64{-0.1, 1.5} {
		if _, err := NewConcernRule(bad); err == nil {
			t.Errorf("NewConcernRule(%v): no error", bad)
		}
	}
}

// TestConcernRuleOutcomes checks that the rule decides the outcomes: a
// theme mostly praised at both visits recurs under any-negative and is
// sustained under a share of one half.
func TestConcernRuleOutcomes(t *testing.T) {
	visit := func(date string, neg, pos int) *Profile {
		p := &Profile{Visit: Visit{AuthorityKey: "k", Date: date}}
		p.Themes = []ThemeStatus{{Theme: "x", Status: statusOf(neg, pos), Negatives: neg, Positives: pos}}
		return p
	}
	ps := []*Profile{visit("2020-01-01", 1, 18), visit("2021-01-01", 0, 0), visit("2022-01-01", 6, 2)}
	cases := []struct {
		share   float64
		steps   []Outcome
		overall Outcome
		concern []bool
	}{
		{0, []Outcome{OutcomeNotRevisited, OutcomeRecurring}, OutcomeRecurring, []bool{true, false, true}},
		{0.5, []Outcome{OutcomeNotRevisited, OutcomeNew}, OutcomeNew, []bool{false, false, true}},
		{1, []Outcome{OutcomeNotRevisited, OutcomeSustained}, OutcomeSustained, []bool{false, false, false}},
	}
	for _, tc := range cases {
		trs := ConcernRule{Share: tc.share}.Track(ps)
		tt := trs[0].Themes[0]
		if trs[0].ConcernShare != tc.share {
			t.Errorf("share %v: trajectory says %v", tc.share, trs[0].ConcernShare)
		}
		for i, o := range tc.steps {
			if tt.Steps[i] != o {
				t.Errorf("share %v: step %d = %s, want %s", tc.share, i+1, tt.Steps[i], o)
			}
			if tt.Concern[i] != tc.concern[i] {
				t.Errorf("share %v: visit %d concern = %v, want %v", tc.share, i+1, tt.Concern[i], tc.concern[i])
			}
		}
		if tt.Overall != tc.overall {
			t.Errorf("share %v: overall = %s, want %s", tc.share, tt.Overall, tc.overall)
		}
	}
}
