package analyse

import (
	"math"
	"slices"
	"testing"
)

// How far the figures could move on other letters of the same kind: the
// development set's and a held-out set's letters are a sample of the
// authorities' letters, drawn by authority (an authority's letters share
// its writers and its services), so the figures are resampled by
// authority, as the folds are drawn.

// bootstrapDraws is how many resamples of the authorities scoreInterval
// draws.
const bootstrapDraws = 2000

// intervalSeed seeds the resampling: the same letters give the same
// interval.
const intervalSeed = 0x5851f42d4c957f2d

// authorityTallies returns the tally of each authority's letters in ps,
// the profiles of dev's letters, in the order the authorities first
// appear.
func authorityTallies(dev []devLetter, ps []*Profile) []*tally {
	var order []string
	groups := map[string][]int{}
	for i, dl := range dev {
		if _, ok := groups[dl.authority]; !ok {
			order = append(order, dl.authority)
		}
		groups[dl.authority] = append(groups[dl.authority], i)
	}
	out := make([]*tally, 0, len(order))
	for _, a := range order {
		var sub []devLetter
		var sp []*Profile
		for _, i := range groups[a] {
			sub, sp = append(sub, dev[i]), append(sp, ps[i])
		}
		out = append(out, scoreProfiles(sub, sp).total())
	}
	return out
}

// minAuthorities is the fewest authorities scoreInterval resamples: with
// fewer, the draws repeat the same few letters and say little.
const minAuthorities = 10

// fields returns the figures of a tally in the order of scoreRow, NaN for
// a figure with nothing to count (no concern predicted, no pair of
// letters).
func (t *tally) fields() [7]float64 {
	r := t.row()
	f := [7]float64{r.agreement, r.kappa, r.concernP, r.concernR, r.sentenceF1, r.polarity, r.outcomes}
	for k, n := range [7]int{t.cells(), t.cells(), t.ctp + t.cfp, t.ctp + t.cfn, t.stp + t.sfp + t.sfn, t.stp, t.outcomeN} {
		if n == 0 {
			f[k] = math.NaN()
		}
	}
	return f
}

// rowOf is the inverse of fields.
func rowOf(f [7]float64) scoreRow {
	return scoreRow{f[0], f[1], f[2], f[3], f[4], f[5], f[6]}
}

// scoreInterval returns, for each figure, the 2.5th and 97.5th
// percentiles over bootstrapDraws resamples of ts (one tally per
// authority, drawn with replacement): a 95% interval. A figure that some
// draw cannot count (see fields) is NaN, as are all with fewer than
// minAuthorities tallies.
func scoreInterval(ts []*tally) (lo, hi scoreRow) {
	if len(ts) < minAuthorities {
		nan := math.NaN()
		lo = scoreRow{nan, nan, nan, nan, nan, nan, nan}
		return lo, lo
	}
	var draws [7][]float64
	rng := xorshift(intervalSeed)
	for range bootstrapDraws {
		var sum tally
		for range ts {
			sum.plus(ts[rng.next()%uint64(len(ts))])
		}
		for k, v := range sum.fields() {
			draws[k] = append(draws[k], v)
		}
	}
	var l, h [7]float64
	for k := range draws {
		slices.Sort(draws[k]) // NaNs first
		if math.IsNaN(draws[k][0]) {
			l[k], h[k] = math.NaN(), math.NaN()
			continue
		}
		l[k] = draws[k][bootstrapDraws*25/1000]
		h[k] = draws[k][bootstrapDraws*975/1000-1]
	}
	return rowOf(l), rowOf(h)
}

// logInterval prints the 95% interval of each figure of what, the
// profiles ps of dev's letters, resampled by authority.
func logInterval(t *testing.T, what string, dev []devLetter, ps []*Profile) {
	t.Helper()
	ts := authorityTallies(dev, ps)
	if len(ts) < minAuthorities {
		t.Logf("%s: no interval: the letters of %d %s, fewer than %d", what, len(ts), plural(len(ts), "authority", "authorities"), minAuthorities)
		return
	}
	lo, hi := scoreInterval(ts)
	t.Logf("%s: 95%% interval, %d resamples of the %d authorities (-: a draw had nothing to count):", what, bootstrapDraws, len(ts))
	t.Logf("%-22s %s", "  from", lo.String())
	t.Logf("%-22s %s", "  to", hi.String())
}

// TestScoreInterval checks the resampling on made-up tallies: authorities
// that all score alike leave no room; unlike ones spread the interval
// around the pooled figure; the same tallies give the same interval; a
// figure no draw can count (outcomes, with no pair of letters) and too
// few authorities give none.
func TestScoreInterval(t *testing.T) {
	same := func(agree, wrong int) *tally {
		var u tally
		for range agree {
			u.cell(StatusConcern, StatusConcern)
		}
		for range wrong {
			u.cell(StatusStrength, StatusMixed)
		}
		return &u
	}
	alike := make([]*tally, minAuthorities)
	for k := range alike {
		alike[k] = same(18, 2)
	}
	lo, hi := scoreInterval(alike)
	if lo.agreement != 0.9 || hi.agreement != 0.9 {
		t.Errorf("alike authorities: interval %.3f to %.3f, want 0.900 to 0.900", lo.agreement, hi.agreement)
	}
	var ts []*tally
	for k := range minAuthorities {
		ts = append(ts, same(19-2*k, 2*k))
	}
	var pooled tally
	for _, u := range ts {
		pooled.plus(u)
	}
	lo, hi = scoreInterval(ts)
	if p := pooled.agreement(); !(lo.agreement < p && p < hi.agreement) || lo.agreement < 0 || hi.agreement > 1 {
		t.Errorf("unlike authorities: interval %.3f to %.3f, pooled %.3f: want the pooled figure inside", lo.agreement, hi.agreement, p)
	}
	if lo2, hi2 := scoreInterval(ts); lo2.String() != lo.String() || hi2.String() != hi.String() {
		t.Errorf("the same tallies gave %v to %v, then %v to %v", lo, hi, lo2, hi2)
	}
	if !math.IsNaN(lo.outcomes) || !math.IsNaN(hi.outcomes) {
		t.Errorf("no pair of letters: outcomes interval %v to %v, want none (NaN)", lo.outcomes, hi.outcomes)
	}
	if lo, _ := scoreInterval(ts[:minAuthorities-1]); !math.IsNaN(lo.agreement) {
		t.Errorf("%d authorities: interval from %.3f, want none (NaN)", minAuthorities-1, lo.agreement)
	}
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
