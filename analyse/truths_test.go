package analyse

import (
	"strings"
	"testing"
)

// TestLiverpoolTruths checks the findings about the shared Liverpool
// letters that the issue names, with the sentences that prove them.
func TestLiverpoolTruths(t *testing.T) {
	cb := mustBuiltin(t)
	p17 := cb.Profile(mustRecord(t, "testdata/letters/liverpool-2017-07-monitoring.txt"))
	p24 := cb.Profile(mustRecord(t, "testdata/letters/liverpool-2024-07-monitoring.txt"))
	p25 := cb.Profile(mustRecord(t, "testdata/letters/liverpool-2025-09-monitoring.txt"))
	cases := []struct {
		name     string
		a, b     *Profile
		theme    string
		want     Outcome
		evidence []string // fragments that must be among the evidence, earlier letter first
	}{
		{"supervision recurs 2024 to 2025", p24, p25, ThemeSupervisionOversight, OutcomeRecurring,
			[]string{"the quality of supervision is generally not strong", "do not always help social workers to reflect"}},
		{"placement sufficiency not revisited in 2025", p24, p25, ThemePlacementSufficiency, OutcomeNotRevisited,
			[]string{"lack of sufficiency of appropriate placements"}},
		{"domestic abuse new in 2025", p24, p25, ThemeDomesticAbuse, OutcomeNew,
			[]string{"The complexities of domestic abuse"}},
		{"assessment quality recurs 2017 to 2025", p17, p25, ThemeAssessmentQuality, OutcomeRecurring,
			[]string{"assessments are not analytical enough", "still not consistently strong"}},
		{"order of arguments does not matter", p25, p24, ThemeSupervisionOversight, OutcomeRecurring, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := Compare(c.a, c.b)
			tt := tr.Theme(c.theme)
			if tt == nil {
				t.Fatalf("no track for %s", c.theme)
			}
			if tt.Overall != c.want {
				t.Errorf("%s: %s -> %s gives %s, want %s", c.theme, tt.Statuses[0], tt.Statuses[1], tt.Overall, c.want)
			}
			var all []string
			for _, ev := range tt.Evidence {
				for _, e := range ev {
					all = append(all, e.Text)
				}
			}
			joined := strings.Join(all, "\n")
			for _, frag := range c.evidence {
				if !strings.Contains(joined, frag) {
					t.Errorf("evidence lacks %q; have:\n%s", frag, joined)
				}
			}
		})
	}
}
