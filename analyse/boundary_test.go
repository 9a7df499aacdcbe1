package analyse

import (
	"slices"
	"testing"

	"github.com/ofsted-letters/letters/record"
)

// TestBoundaries is the specification of the boundary rules of themes.md
// ("Boundaries between themes"): where a sentence could go to two themes,
// which one it goes to. The sentences are made up; each case names the
// rule it stands for.
func TestBoundaries(t *testing.T) {
	cb := mustBuiltin(t)
	cases := []struct {
		rule, in   string
		want, not_ []string
	}{
		{"a family group conference names the theme it serves: finding family carers is permanence",
			"Family group conferences help to identify carers in the wider family.",
			[]string{ThemePermanence}, []string{ThemeEarlyHelp}},
		{"a family group conference names the theme it serves: family support is early help",
			"Family group conferences are part of the family support offered to families.",
			[]string{ThemeEarlyHelp}, []string{ThemePermanence}},
		{"assessments of connected carers are permanence, not assessment-quality",
			"Assessments of relatives as connected carers are thorough.",
			[]string{ThemePermanence}, []string{ThemeAssessmentQuality}},
		{"regulation 24 assessments of family carers are permanence",
			"Regulation 24 assessments are completed quickly.",
			[]string{ThemePermanence}, []string{ThemeAssessmentQuality}},
		{"viability assessments are permanence",
			"Viability assessments are completed promptly.",
			[]string{ThemePermanence}, []string{ThemeAssessmentQuality}},
		{"a child's pre-birth assessment is assessment-quality",
			"Pre-birth assessments are thorough.",
			[]string{ThemeAssessmentQuality}, nil},
		{"care leavers' pathway assessments are care-leavers",
			"Pathway assessments are thorough.",
			[]string{ThemeCareLeavers}, []string{ThemeAssessmentQuality}},
		{"the decision to bring a child into care is not the front door's",
			"The threshold for bringing children into care is applied well.",
			nil, []string{ThemeFrontDoor}},
		{"decisions to accommodate are not the front door's",
			"Decisions to accommodate children are appropriate.",
			nil, []string{ThemeFrontDoor}},
		{"stepping down to early help is the front door's",
			"Decisions to step cases down to early help are timely.",
			[]string{ThemeFrontDoor}, nil},
		{"care leavers' plans are pathway plans (care-leavers), not planning",
			"Care leavers' plans are up to date and written with them.",
			[]string{ThemeCareLeavers}, []string{ThemePlanning}},
		{"a safety plan made in a section 47 enquiry is strategy-s47, not planning",
			"Safety plans agreed during section 47 enquiries are clear.",
			[]string{ThemeStrategyS47}, []string{ThemePlanning}},
		{"a safety plan for domestic abuse is domestic-abuse as well",
			"Safety plans for children living with domestic abuse are clear.",
			[]string{ThemeDomesticAbuse}, nil},
		{"a corporate parenting partnership is leadership-governance, not partnership",
			"The corporate parenting partnership provides strong challenge to leaders.",
			[]string{ThemeLeadershipGovernance}, []string{ThemePartnership}},
		{"finding an emergency placement is placement-sufficiency",
			"Emergency placements are found quickly out of hours.",
			[]string{ThemePlacementSufficiency}, nil},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			got := cb.Judge(c.in).ThemeIDs()
			for _, id := range c.want {
				if !slices.Contains(got, id) {
					t.Errorf("Judge(%q) themes %v, want %s among them", c.in, got, id)
				}
			}
			for _, id := range c.not_ {
				if slices.Contains(got, id) {
					t.Errorf("Judge(%q) themes %v, want no %s", c.in, got, id)
				}
			}
		})
	}
}

// TestYieldFocus checks that a theme gives way to the focus of a focused
// visit only when the focus names a single theme (themes.md: assessments in
// a visit about care leavers are pathway assessments; in a broad visit
// they stay assessments).
func TestYieldFocus(t *testing.T) {
	cb := mustBuiltin(t)
	cases := []struct{ focus, want string }{
		{"Inspectors looked at the local authority’s arrangements for care leavers.", ThemeCareLeavers},
		{"This visit looked at the quality and impact of key decision-making across help and protection, children in care and services for care leavers, together with the impact of leadership on service development.", ""},
		{"", ""},
	}
	for _, c := range cases {
		rec := &record.Record{Visit: record.Visit{Focus: c.focus}}
		if got := cb.yieldFocus(rec); got != c.want {
			t.Errorf("yieldFocus(%q) = %q, want %q", c.focus, got, c.want)
		}
	}
}
