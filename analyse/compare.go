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
	// ConcernShare is the share of the ConcernRule that decided the
	// outcomes (0: any negative sentence).
	ConcernShare float64 `yaml:"concern_share" json:"concern_share"`
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
	// Confidences holds, per visit, the confidence of its status (see
	// ThemeStatus.Confidence): 0 for a visit whose status the model does
	// not judge, and nil, left out of YAML and JSON, when it judges none
	// of them (a theme a codebook adds), as a profile leaves out its
	// confidence.
	Confidences []float64 `yaml:"confidences,omitempty" json:"confidences,omitempty"`
	// Concern holds, per visit, whether the status counts as a concern
	// under the trajectory's ConcernRule; the outcomes rest on it.
	Concern []bool `yaml:"concern" json:"concern"`
	// Steps holds the outcome at each visit after the first: Steps[i] is
	// the outcome from the latest earlier visit that judged the theme (or
	// the visit before, when none did) to visit i+1.
	Steps []Outcome `yaml:"steps" json:"steps"`
	// StepsFrom holds, for each step, the visit it starts from (counting
	// from 0; see From): Steps[i] compares visit StepsFrom[i] with visit
	// i+1, so that a reader of YAML or JSON can tell a step that passes
	// over a visit, or that crosses kinds of letter, without redoing the
	// rule.
	StepsFrom []int `yaml:"steps_from" json:"steps_from"`
	// Overall is the outcome from the first visit to the last.
	Overall Outcome `yaml:"overall" json:"overall"`
	// Evidence holds, per visit, the sentences that name the theme.
	Evidence [][]Evidence `yaml:"evidence" json:"evidence"`
}

// Compare compares two letters, older first whatever the order given
// (by visit date, then letter date, then source), under the rule of
// themes.md (AnyNegative).
func Compare(a, b *Profile) Trajectory { return AnyNegative.Compare(a, b) }

// Compare compares two letters as the function Compare does, under r.
func (r ConcernRule) Compare(a, b *Profile) Trajectory {
	return r.track([]*Profile{a, b})
}

// Track groups profiles by local authority as the method Track does,
// under the rule of themes.md (AnyNegative).
func Track(profiles []*Profile) []Trajectory { return AnyNegative.Track(profiles) }

// Track groups profiles by local authority and returns one Trajectory per
// authority, ordered by authority key, each with its visits in date order,
// its outcomes decided under r. A letter without an authority key is
// grouped under its authority name.
func (r ConcernRule) Track(profiles []*Profile) []Trajectory {
	groups := Groups(profiles)
	out := make([]Trajectory, 0, len(groups))
	for _, g := range groups {
		out = append(out, r.track(g))
	}
	return out
}

// Groups groups profiles by local authority as Track does, ordered by
// authority key, each group in the order of profiles; it reads no
// theme. Track makes one Trajectory of each group, and TrackOne makes
// it of one.
func Groups(profiles []*Profile) [][]*Profile {
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
	out := make([][]*Profile, 0, len(keys))
	for _, k := range keys {
		out = append(out, groups[k])
	}
	return out
}

// TrackOne returns the Trajectory of one group of Groups under r, the
// one Track returns for it; the visits are ordered by date.
func (r ConcernRule) TrackOne(group []*Profile) Trajectory { return r.track(group) }

// byVisit orders profiles oldest first.
func byVisit(a, b *Profile) int {
	return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.LetterDate, b.LetterDate), cmp.Compare(a.Source, b.Source))
}

// track builds the trajectory of a set of profiles, whatever their
// authorities. Themes are those of the first profile's codebook order,
// then any others, in order of appearance.
func (r ConcernRule) track(profiles []*Profile) Trajectory {
	ps := slices.Clone(profiles)
	slices.SortStableFunc(ps, byVisit)
	tr := Trajectory{ConcernShare: r.Share}
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
		tt := ThemeTrack{Theme: id, Steps: []Outcome{}, StepsFrom: []int{}} // JSON writes no step as [], as YAML does, not null
		for _, p := range ps {
			st, ev, neg, pos, conf := StatusAbsent, []Evidence(nil), 0, 0, 0.0
			if ts := p.theme(id); ts != nil {
				st, ev, neg, pos, conf = ts.Status, ts.Evidence, ts.Negatives, ts.Positives, ts.Confidence
			}
			tt.Statuses = append(tt.Statuses, st)
			tt.Negatives = append(tt.Negatives, neg)
			tt.Positives = append(tt.Positives, pos)
			tt.Confidences = append(tt.Confidences, conf)
			tt.Concern = append(tt.Concern, r.IsConcern(st, neg, pos))
			tt.Evidence = append(tt.Evidence, ev)
		}
		if !slices.ContainsFunc(tt.Confidences, func(c float64) bool { return c != 0 }) {
			tt.Confidences = nil
		}
		counted := func(k int) Status { return r.counted(tt.Statuses[k], tt.Negatives[k], tt.Positives[k]) }
		for i := range len(tt.Statuses) - 1 {
			tt.Steps = append(tt.Steps, CompareStatus(counted(tt.From(i)), counted(i+1)))
			tt.StepsFrom = append(tt.StepsFrom, tt.From(i))
		}
		tt.Overall = CompareStatus(counted(0), counted(len(tt.Statuses)-1))
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

// Confidence returns the confidence of the status at visit k (counting
// from 0), or 0 when the model does not judge it.
func (tt *ThemeTrack) Confidence(k int) float64 {
	if tt.Confidences == nil {
		return 0
	}
	return tt.Confidences[k]
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
