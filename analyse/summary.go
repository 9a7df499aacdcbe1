package analyse

import (
	"cmp"
	"slices"
)

// A Tally counts what became of the concerns of one or more theme
// tracks. A concern is a visit where the theme counts as a concern
// (concern, or mixed under the concern rule) and that another visit of
// the authority follows. Each concern is counted once, by its fate at the
// next visit that judges the theme (the first later visit where the theme
// is not absent): Recurring or Resolved there, NotRevisited only when no
// later visit judges it. The steps of ThemeTrack.Steps say more: a step
// compares a visit with the latest earlier visit that judged the theme,
// so a concern followed by visits that do not judge the theme starts
// several steps (not-revisited, then the outcome at the visit that judges
// it), and the Tally counts only the last of them.
type Tally struct {
	// Steps counts the steps from one visit to the next that the tally
	// covers: the visits of each authority less one, once per authority
	// (not once per theme).
	Steps int `yaml:"steps" json:"steps"`
	// Concerns counts the concerns followed by another visit:
	// Recurring + Resolved + NotRevisited.
	Concerns int `yaml:"concerns_followed" json:"concerns_followed"`
	// Recurring counts the concerns that the next visit judging the theme
	// judges a concern again.
	Recurring int `yaml:"recurring" json:"recurring"`
	// Resolved counts the concerns that the next visit judging the theme
	// judges only as strengths (or, under a concern share, as a mixed
	// theme that does not count as a concern).
	Resolved int `yaml:"resolved" json:"resolved"`
	// NotRevisited counts the concerns that no later visit judges. Unlike
	// the outcome not-revisited of a step, it leaves out a concern that a
	// later visit than the next judges, and strengths.
	NotRevisited int `yaml:"not_revisited" json:"not_revisited"`
	// New counts the steps whose outcome is new: a concern where the
	// latest judgement was none or a strength. Each is a different visit.
	New int `yaml:"new" json:"new"`
}

// add counts step i of tt: its concern, when it starts from one and is
// the concern's last step (the next visit judges the theme, or no visit
// follows), and a new concern. It leaves Steps alone.
func (t *Tally) add(tt *ThemeTrack, i int) {
	if tt.Concern[tt.From(i)] && tt.Settles(i) {
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
	// AuthoritiesConcerned counts the authorities where the theme is a
	// concern at some visit followed by another visit (Tally.Concerns > 0
	// for them).
	AuthoritiesConcerned int `yaml:"authorities_concerned" json:"authorities_concerned"`
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
	// LACode, ONSCode and Region are the authority's codes and region,
	// those of its first visit that has them; left out when the key
	// matches no authority.
	LACode    string `yaml:"la_code,omitempty" json:"la_code,omitempty"`
	ONSCode   string `yaml:"ons_code,omitempty" json:"ons_code,omitempty"`
	Region    string `yaml:"region,omitempty" json:"region,omitempty"`
	Authority string `yaml:"authority" json:"authority"`
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
	Revisited      int `yaml:"revisited_authorities" json:"revisited_authorities"`
	// RevisitedRecurring counts the authorities of Revisited where some
	// concern recurs at least once.
	RevisitedRecurring int `yaml:"revisited_recurring" json:"revisited_recurring"`
	// Tally counts the concerns of every theme of every trajectory; its
	// Steps counts each step from one visit to the next once, whatever
	// the number of themes.
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
	var z Summariser
	for i := range trs {
		z.Add(&trs[i])
	}
	return z.Summary()
}

// A Summariser counts the steps of trajectories added one at a time, so
// that a large corpus is summarised without holding every trajectory:
// Add them in the order Summarise takes them, then call Summary. The
// zero value is ready to use.
type Summariser struct {
	s       Summary
	n       int // trajectories added
	byTheme map[string]*ThemeSummary
	order   []string // themes in order of appearance
}

// Add counts the steps of the themes of tr.
func (z *Summariser) Add(tr *Trajectory) {
	s := &z.s
	if z.byTheme == nil {
		z.byTheme = map[string]*ThemeSummary{}
	}
	if z.n == 0 {
		s.ConcernShare = tr.ConcernShare
	}
	z.n++
	byTheme := z.byTheme
	s.Letters += len(tr.Visits)
	s.AuthorityCount++
	if len(tr.Visits) > 1 {
		s.Revisited++
	}
	as := AuthoritySummary{AuthorityKey: tr.AuthorityKey, Authority: tr.Authority, Visits: len(tr.Visits), RecurringThemes: []string{}}
	if i := slices.IndexFunc(tr.Visits, func(v Visit) bool { return v.LACode != "" || v.ONSCode != "" || v.Region != "" }); i >= 0 {
		as.LACode, as.ONSCode, as.Region = tr.Visits[i].LACode, tr.Visits[i].ONSCode, tr.Visits[i].Region
	}
	for ti := range tr.Themes {
		tt := &tr.Themes[ti]
		ts, ok := byTheme[tt.Theme]
		if !ok {
			ts = &ThemeSummary{Theme: tt.Theme}
			byTheme[tt.Theme] = ts
			z.order = append(z.order, tt.Theme)
		}
		for k, st := range tt.Statuses {
			ts.Letters.add(st, k < len(tt.Concern) && tt.Concern[k])
		}
		one := Tally{Steps: len(tt.Steps)}
		for i := range tt.Steps {
			one.add(tt, i)
		}
		ts.Tally.plus(one)
		as.Tally.plus(one)
		s.Tally.plus(one)
		if one.Concerns > 0 {
			ts.AuthoritiesConcerned++
		}
		if one.Recurring > 0 {
			ts.AuthoritiesRecurring++
			as.RecurringThemes = append(as.RecurringThemes, tt.Theme)
		}
		if n := len(tt.Concern); n > 0 && tt.Concern[n-1] {
			as.Latest++
		}
	}
	as.Steps = max(len(tr.Visits)-1, 0)
	if as.Recurring > 0 {
		s.RevisitedRecurring++
	}
	s.Authorities = append(s.Authorities, as)
}

// Summary returns the summary of the trajectories added.
func (z *Summariser) Summary() Summary {
	s := z.s
	s.Themes = nil
	s.Authorities = slices.Clone(s.Authorities)
	s.Steps = s.Letters - s.AuthorityCount
	for _, id := range z.order {
		s.Themes = append(s.Themes, *z.byTheme[id])
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

// Settles reports whether step i of the track is the last step that
// starts from visit From(i): the next visit, i+1, judges the theme, or it
// is the last visit. A concern's fate is the outcome of that step.
func (tt *ThemeTrack) Settles(i int) bool {
	return i+1 == len(tt.Statuses)-1 || tt.Statuses[i+1] != StatusAbsent
}

// StepFrom returns the status that step i of the track starts from, the
// status at visit From(i). Under AnyNegative, Steps[i] is
// CompareStatus(StepFrom(i), Statuses[i+1]).
func (tt *ThemeTrack) StepFrom(i int) Status { return tt.Statuses[tt.From(i)] }
