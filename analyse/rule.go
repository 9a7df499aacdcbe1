package analyse

import (
	"fmt"
	"math"
	"strconv"
)

// A ConcernRule says when a theme's status counts as a concern for the
// outcomes (recurring, resolved, new, not-revisited) and the counts built
// on them. A concern always counts and a strength or absence never does;
// the rule decides for a mixed status.
type ConcernRule struct {
	// Share is the least share of the sentences judging a theme that must
	// be negative for a mixed status to count as a concern, from 0 to 1.
	// 0, the default, counts any negative sentence (themes.md): a mixed
	// theme is a concern. 0.5 counts a mixed theme as a concern when at
	// least half of its judging sentences are negative; otherwise it
	// counts as a strength.
	Share float64 `yaml:"concern_share" json:"concern_share"`
}

// AnyNegative is the rule of themes.md: any negative sentence makes a
// theme a concern, alone or beside strengths.
var AnyNegative = ConcernRule{}

// NewConcernRule returns the rule for a share of negatives, or an error
// when share is not between 0 and 1.
func NewConcernRule(share float64) (ConcernRule, error) {
	if err := checkShare("concern share", share, true); err != nil {
		return ConcernRule{}, err
	}
	return ConcernRule{Share: share}, nil
}

// checkShare returns an error, naming the value what, unless v is a share
// between 0 and 1: 0 itself only when zero is set. It refuses NaN.
func checkShare(what string, v float64, zero bool) error {
	switch {
	case v > 0 && v <= 1, zero && v == 0:
		return nil
	case zero:
		return fmt.Errorf("%s must be between 0 and 1, not %v", what, v)
	}
	return fmt.Errorf("%s must be above 0 and at most 1, not %v", what, v)
}

// IsConcern reports whether a status resting on neg negative and pos
// positive sentences counts as a concern under the rule. A mixed status
// without counts (neg+pos == 0) counts as a concern.
func (r ConcernRule) IsConcern(st Status, neg, pos int) bool {
	switch st {
	case StatusConcern:
		return true
	case StatusMixed:
		return r.Share == 0 || neg+pos == 0 || float64(neg) >= r.Share*float64(neg+pos)
	}
	return false
}

// counted returns the status that the outcomes see: concern when the
// status counts as a concern, strength when it is judged but does not,
// absent otherwise.
func (r ConcernRule) counted(st Status, neg, pos int) Status {
	switch {
	case st == StatusAbsent:
		return StatusAbsent
	case r.IsConcern(st, neg, pos):
		return StatusConcern
	}
	return StatusStrength
}

// String says the rule in words, for the header of an output.
func (r ConcernRule) String() string {
	if r.Share == 0 {
		return "a theme with any negative sentence counts as a concern (concern share 0, themes.md)"
	}
	return fmt.Sprintf("a mixed theme counts as a concern when at least %s%% of its judging sentences are negative (concern share %s)",
		r.PercentText(), r.ShareText())
}

// PercentText is the share as a percentage ("57" for 0.57), rounded to
// a millionth so that the float's last bits do not show
// ("56.99999999999999").
func (r ConcernRule) PercentText() string {
	return strconv.FormatFloat(math.Round(100*r.Share*1e6)/1e6, 'f', -1, 64)
}

// ShareText is the share as a table or CSV writes it ("0", "0.5").
func (r ConcernRule) ShareText() string { return strconv.FormatFloat(r.Share, 'f', -1, 64) }

// Mark sets the concern share of p and, for every theme, whether its
// status counts as a concern under the rule.
func (r ConcernRule) Mark(p *Profile) {
	p.ConcernShare = r.Share
	for i := range p.Themes {
		ts := &p.Themes[i]
		ts.Concern = r.IsConcern(ts.Status, ts.Negatives, ts.Positives)
	}
}
