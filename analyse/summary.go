package analyse

import (
	"cmp"
	"slices"
)

// A Tally counts the steps of one or more theme tracks: what became of a
// theme from one visit to the next. A step is one entry of
// ThemeTrack.Steps; it compares a visit with the latest earlier visit
// that judged the theme, as Track does.
type Tally struct {
	// Steps counts every step, whatever its outcome.
	Steps int `yaml:"steps" json:"steps"`
	// Concerns counts the steps that start from a concern (concern or
	// mixed): Recurring + Resolved + NotRevisited.
	Concerns int `yaml:"concerns" json:"concerns"`
	// Recurring counts the concerns that the next visit judges a concern
	// again.
	Recurring int `yaml:"recurring" json:"recurring"`
	// Resolved counts the concerns that the next visit judges only as
	// strengths.
	Resolved int `yaml:"resolved" json:"resolved"`
	// NotRevisited counts the concerns that the next visit does not judge.
	// Unlike the outcome not-revisited, it leaves out strengths that the
	// next visit does not judge.
	NotRevisited int `yaml:"not_revisited" json:"not_revisited"`
	// New counts the steps whose outcome is new: a concern where the
	// latest judgement was none or a strength.
	New int `yaml:"new" json:"new"`
}

// add counts step i of tt.
func (t *Tally) add(tt *ThemeTrack, i int) {
	t.Steps++
	if tt.Concern[tt.From(i)] {
		t.Concerns++
		switch tt.Steps[i] {
		case OutcomeRecurring:
			t.Recurring++
		case OutcomeResolved:
			t.Resolved++
		case OutcomeNotRevisited:
			t.NotRevisited++
		}
	}
	if tt.Steps[i] == OutcomeNew {
		t.New++
	}
}

// A ThemeSummary is what became of one theme across the authorities of a
// Summary.
type ThemeSummary struct {
	Theme string `yaml:"theme" json:"theme"`
	// Letters counts the theme's status in every letter: how many letters
	// judge it a concern, mixed, a strength, or not at all.
	Letters StatusCount `yaml:"letters" json:"letters"`
	Tally   `yaml:",inline" json:",inline"`
	// Authorities counts the authorities where the theme is a concern at
	// some visit followed by another visit (Tally.Concerns > 0 for them).
	Authorities int `yaml:"authorities" json:"authorities"`
	// AuthoritiesRecurring counts the authorities where the theme recurs
	// at least once (Tally.Recurring > 0 for them).
	AuthoritiesRecurring int `yaml:"authorities_recurring" json:"authorities_recurring"`
}

// A StatusCount counts letters by a theme's status in them.
type StatusCount struct {
	Concern  int `yaml:"concern" json:"concern"`
	Mixed    int `yaml:"mixed" json:"mixed"`
	Strength int `yaml:"strength" json:"strength"`
	Absent   int `yaml:"absent" json:"absent"`
	// Counted counts the letters where the status counts as a concern
	// under the concern rule: Concern + Mixed under any negative, fewer
	// with a concern share.
	Counted int `yaml:"counted_as_concern" json:"counted_as_concern"`
}

// add counts one letter's status.
func (c *StatusCount) add(st Status, concern bool) {
	switch st {
	case StatusConcern:
		c.Concern++
	case StatusMixed:
		c.Mixed++
	case StatusStrength:
		c.Strength++
	default:
		c.Absent++
	}
	if concern {
		c.Counted++
	}
}

// An AuthoritySummary is what became of the themes of one authority.
type AuthoritySummary struct {
	AuthorityKey string `yaml:"authority_key" json:"authority_key"`
	Authority    string `yaml:"authority" json:"authority"`
	// Visits counts the authority's letters.
	Visits int `yaml:"visits" json:"visits"`
	Tally  `yaml:",inline" json:",inline"`
	// RecurringThemes are the themes with at least one recurring step, in
	// the order of the trajectory's themes.
	RecurringThemes []string `yaml:"recurring_themes" json:"recurring_themes"`
	// Latest counts the themes that the latest visit judges a concern.
	Latest int `yaml:"latest_concerns" json:"latest_concerns"`
}

// A Summary counts, across the trajectories of several authorities, how
// often a concern recurs at the next visit, is resolved or is not
// revisited.
type Summary struct {
	// ConcernShare is the share of the concern rule of the trajectories
	// (0: any negative sentence).
	ConcernShare float64 `yaml:"concern_share" json:"concern_share"`
	// Letters counts the visits of every trajectory.
	Letters int `yaml:"letters" json:"letters"`
	// AuthorityCount counts the authorities; Revisited those with two
	// visits or more, whose steps the tallies count.
	AuthorityCount int `yaml:"authority_count" json:"authority_count"`
	Revisited      int `yaml:"revisited" json:"revisited"`
	// RevisitedRecurring counts the authorities of Revisited where some
	// concern recurs at least once.
	RevisitedRecurring int `yaml:"revisited_recurring" json:"revisited_recurring"`
	// Tally counts the steps of every theme of every trajectory.
	Tally `yaml:",inline" json:",inline"`
	// Themes has one entry per theme, in the order of the trajectories'
	// themes (codebook order).
	Themes []ThemeSummary `yaml:"themes" json:"themes"`
	// Authorities has one entry per trajectory, the most recurring
	// concerns first: by Recurring, then by the number of RecurringThemes,
	// both descending, then by AuthorityKey.
	Authorities []AuthoritySummary `yaml:"authorities" json:"authorities"`
}

// Summarise counts the steps of every theme of trs.
func Summarise(trs []Trajectory) Summary {
	var s Summary
	byTheme := map[string]*ThemeSummary{}
	var order []string
	for i, tr := range trs {
		if i == 0 {
			s.ConcernShare = tr.ConcernShare
		}
		s.Letters += len(tr.Visits)
		s.AuthorityCount++
		if len(tr.Visits) > 1 {
			s.Revisited++
		}
		as := AuthoritySummary{AuthorityKey: tr.AuthorityKey, Authority: tr.Authority, Visits: len(tr.Visits)}
		for ti := range tr.Themes {
			tt := &tr.Themes[ti]
			ts, ok := byTheme[tt.Theme]
			if !ok {
				ts = &ThemeSummary{Theme: tt.Theme}
				byTheme[tt.Theme] = ts
				order = append(order, tt.Theme)
			}
			for k, st := range tt.Statuses {
				ts.Letters.add(st, k < len(tt.Concern) && tt.Concern[k])
			}
			var one Tally
			for i := range tt.Steps {
				one.add(tt, i)
			}
			ts.Tally.plus(one)
			as.Tally.plus(one)
			s.Tally.plus(one)
			if one.Concerns > 0 {
				ts.Authorities++
			}
			if one.Recurring > 0 {
				ts.AuthoritiesRecurring++
				as.RecurringThemes = append(as.RecurringThemes, tt.Theme)
			}
			if n := len(tt.Concern); n > 0 && tt.Concern[n-1] {
				as.Latest++
			}
		}
		if as.Recurring > 0 {
			s.RevisitedRecurring++
		}
		s.Authorities = append(s.Authorities, as)
	}
	for _, id := range order {
		s.Themes = append(s.Themes, *byTheme[id])
	}
	slices.SortStableFunc(s.Authorities, func(a, b AuthoritySummary) int {
		return cmp.Or(cmp.Compare(b.Recurring, a.Recurring), cmp.Compare(len(b.RecurringThemes), len(a.RecurringThemes)),
			cmp.Compare(a.AuthorityKey, b.AuthorityKey))
	})
	return s
}

func (t *Tally) plus(u Tally) {
	t.Steps += u.Steps
	t.Concerns += u.Concerns
	t.Recurring += u.Recurring
	t.Resolved += u.Resolved
	t.NotRevisited += u.NotRevisited
	t.New += u.New
}

// From returns the visit (counting from 0) that step i of the track
// starts from: the latest visit up to visit i that judged the theme, or
// visit i when none did. Step i compares visit From(i) with visit i+1.
func (tt *ThemeTrack) From(i int) int {
	for k := i; k >= 0; k-- {
		if tt.Statuses[k] != StatusAbsent {
			return k
		}
	}
	return i
}

// StepFrom returns the status that step i of the track starts from, the
// status at visit From(i). Under AnyNegative, Steps[i] is
// CompareStatus(StepFrom(i), Statuses[i+1]).
func (tt *ThemeTrack) StepFrom(i int) Status { return tt.Statuses[tt.From(i)] }
