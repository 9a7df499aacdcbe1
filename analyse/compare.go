package analyse

import (
	"cmp"
	"slices"
)

// A Trajectory is the story of every theme across the visits of one local
// authority, oldest visit first.
type Trajectory struct {
	// AuthorityKey and Authority name the authority; when the visits
	// compared belong to several authorities (letters diff A B on letters
	// of two authorities), AuthorityKey lists their keys joined by "+".
	AuthorityKey string `yaml:"authority_key" json:"authority_key"`
	Authority    string `yaml:"authority" json:"authority"`
	// Visits are the letters compared, ordered by visit date.
	Visits []Visit `yaml:"visits" json:"visits"`
	// Themes has one entry per codebook theme, in codebook order.
	Themes []ThemeTrack `yaml:"themes" json:"themes"`
}

// A ThemeTrack is one theme across the visits of a Trajectory.
type ThemeTrack struct {
	Theme string `yaml:"theme" json:"theme"`
	// Statuses holds the theme's status in each visit, in visit order.
	Statuses []Status `yaml:"statuses" json:"statuses"`
	// Negatives and Positives hold, per visit, the counts of sentences
	// that judge the theme badly and well (see ThemeStatus).
	Negatives []int `yaml:"negatives" json:"negatives"`
	Positives []int `yaml:"positives" json:"positives"`
	// Steps holds the outcome at each visit after the first: Steps[i] is
	// the outcome from the latest earlier visit that judged the theme (or
	// the visit before, when none did) to visit i+1.
	Steps []Outcome `yaml:"steps" json:"steps"`
	// Overall is the outcome from the first visit to the last.
	Overall Outcome `yaml:"overall" json:"overall"`
	// Evidence holds, per visit, the sentences that name the theme.
	Evidence [][]Evidence `yaml:"evidence" json:"evidence"`
}

// Compare compares two letters, older first whatever the order given
// (by visit date, then letter date, then source).
func Compare(a, b *Profile) Trajectory {
	return track([]*Profile{a, b})
}

// Track groups profiles by local authority and returns one Trajectory per
// authority, ordered by authority key, each with its visits in date order.
// A letter without an authority key is grouped under its authority name.
func Track(profiles []*Profile) []Trajectory {
	groups := map[string][]*Profile{}
	for _, p := range profiles {
		k := p.AuthorityKey
		if k == "" {
			k = p.Authority
		}
		groups[k] = append(groups[k], p)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]Trajectory, 0, len(keys))
	for _, k := range keys {
		out = append(out, track(groups[k]))
	}
	return out
}

// byVisit orders profiles oldest first.
func byVisit(a, b *Profile) int {
	return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.LetterDate, b.LetterDate), cmp.Compare(a.Source, b.Source))
}

// track builds the trajectory of a set of profiles, whatever their
// authorities. Themes are those of the first profile's codebook order,
// then any others, in order of appearance.
func track(profiles []*Profile) Trajectory {
	ps := slices.Clone(profiles)
	slices.SortStableFunc(ps, byVisit)
	var tr Trajectory
	var keys, names []string
	for _, p := range ps {
		tr.Visits = append(tr.Visits, p.Visit)
		k := cmp.Or(p.AuthorityKey, p.Authority)
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
			names = append(names, p.Authority)
		}
	}
	tr.AuthorityKey = joinPlus(keys)
	tr.Authority = joinPlus(names)
	var ids []string
	for _, p := range ps {
		for _, ts := range p.Themes {
			if !slices.Contains(ids, ts.Theme) {
				ids = append(ids, ts.Theme)
			}
		}
	}
	for _, id := range ids {
		tt := ThemeTrack{Theme: id}
		for _, p := range ps {
			st, ev, neg, pos := StatusAbsent, []Evidence(nil), 0, 0
			if ts := p.theme(id); ts != nil {
				st, ev, neg, pos = ts.Status, ts.Evidence, ts.Negatives, ts.Positives
			}
			tt.Statuses = append(tt.Statuses, st)
			tt.Negatives = append(tt.Negatives, neg)
			tt.Positives = append(tt.Positives, pos)
			tt.Evidence = append(tt.Evidence, ev)
		}
		last := tt.Statuses[0]
		for _, st := range tt.Statuses[1:] {
			tt.Steps = append(tt.Steps, CompareStatus(last, st))
			if st != StatusAbsent {
				last = st
			}
		}
		tt.Overall = CompareStatus(tt.Statuses[0], tt.Statuses[len(tt.Statuses)-1])
		tr.Themes = append(tr.Themes, tt)
	}
	return tr
}

func joinPlus(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += "+"
		}
		out += s
	}
	return out
}

// Theme returns the track of theme id, or nil.
func (tr *Trajectory) Theme(id string) *ThemeTrack {
	for i := range tr.Themes {
		if tr.Themes[i].Theme == id {
			return &tr.Themes[i]
		}
	}
	return nil
}
