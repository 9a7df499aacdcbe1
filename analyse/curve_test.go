package analyse

import (
	"flag"
	"math"
	"slices"
	"testing"
)

// curveFlag runs TestLearningCurve (make accuracy-curve).
var curveFlag = flag.Bool("curve", false, "TestLearningCurve: score the model out of fold trained on a share of each fold's training authorities")

// curveShares are the shares of each fold's training authorities that
// TestLearningCurve trains on, and curveSeeds the seeds it draws them
// (and the order of the examples) with.
var (
	curveShares = []float64{0.4, 0.6, 0.8, 1}
	curveSeeds  = []uint64{1, 2, 3}
)

// sampleAuthorities returns a sample func for crossValidate that keeps a
// share of a fold's training authorities, both letters of each, drawn by
// seed and the fold.
func sampleAuthorities(dev []devLetter, share float64, seed uint64) func(int, []int) []int {
	return func(fold int, train []int) []int {
		var auths []string
		for _, i := range train {
			if !slices.Contains(auths, dev[i].authority) {
				auths = append(auths, dev[i].authority)
			}
		}
		rng := xorshift(seed*0x9e3779b97f4a7c15 + uint64(fold) + 1)
		for i := len(auths) - 1; i > 0; i-- {
			j := int(rng.next() % uint64(i+1))
			auths[i], auths[j] = auths[j], auths[i]
		}
		keep := auths[:int(math.Round(share*float64(len(auths))))]
		var out []int
		for _, i := range train {
			if slices.Contains(keep, dev[i].authority) {
				out = append(out, i)
			}
		}
		return out
	}
}

// TestLearningCurve scores the model out of fold, as TestAccuracyDevSet
// does, with each fold's model trained on a random share of the other
// folds' authorities (curveShares), once per seed of curveSeeds, which
// draws the authorities and the order of the examples; the rules alone are
// the share 0. It logs the mean and range over the seeds, and the slope of
// the mean figures against log2 of the training letters: what a doubling
// of the labelled letters is worth if the curve goes on as it is.
func TestLearningCurve(t *testing.T) {
	if !*curveFlag {
		t.Skip("give -curve")
	}
	dev := loadDev(t)
	cb := mustBuiltin(t)
	cb.setModel(nil)
	df := featurize(t, dev, defaultParams)
	folds := foldsOf(dev, devFolds)
	t.Logf("share letters  %s  (out of fold; mean over %d seeds, agreement range)", scoreHeader, len(curveSeeds))
	t.Logf("%5.1f %7.1f  %s  (rules alone)", 0.0, 0.0, scoreProfiles(dev, profileAll(cb, dev)).total().row())
	var xs []float64
	var rows []scoreRow
	for _, share := range curveShares {
		var mean scoreRow
		lo, hi, letters := 1.0, 0.0, 0
		for _, seed := range curveSeeds {
			prm := defaultParams
			prm.seed = seed
			sample := sampleAuthorities(dev, share, seed)
			counted := func(f int, train []int) []int {
				kept := sample(f, train)
				letters += len(kept)
				return kept
			}
			oof := make([]*Profile, len(dev))
			crossValidate(t, dev, df, everyLetter(dev), folds, prm, counted, oof)
			r := scoreProfiles(dev, oof).total().row()
			mean.add(r, 1/float64(len(curveSeeds)))
			lo, hi = min(lo, r.agreement), max(hi, r.agreement)
		}
		n := float64(letters) / float64(devFolds*len(curveSeeds))
		t.Logf("%5.1f %7.1f  %s  (%.3f to %.3f)", share, n, mean, lo, hi)
		xs, rows = append(xs, math.Log2(n)), append(rows, mean)
	}
	for _, fig := range []struct {
		name string
		of   func(scoreRow) float64
	}{
		{"status agreement", func(r scoreRow) float64 { return r.agreement }},
		{"kappa", func(r scoreRow) float64 { return r.kappa }},
		{"concern recall", func(r scoreRow) float64 { return r.concernR }},
		{"sentence theme F1", func(r scoreRow) float64 { return r.sentenceF1 }},
	} {
		var ys []float64
		for _, r := range rows {
			ys = append(ys, fig.of(r))
		}
		t.Logf("%s per doubling of the training letters (least squares over the shares): %+.3f", fig.name, slope(xs, ys))
	}
}

// add adds r, weighted by w, to each figure of s.
func (s *scoreRow) add(r scoreRow, w float64) {
	s.agreement += w * r.agreement
	s.kappa += w * r.kappa
	s.concernP += w * r.concernP
	s.concernR += w * r.concernR
	s.sentenceF1 += w * r.sentenceF1
	s.polarity += w * r.polarity
	s.outcomes += w * r.outcomes
}

// slope is the least-squares slope of ys against xs.
func slope(xs, ys []float64) float64 {
	var mx, my float64
	for i := range xs {
		mx += xs[i] / float64(len(xs))
		my += ys[i] / float64(len(ys))
	}
	var num, den float64
	for i := range xs {
		num += (xs[i] - mx) * (ys[i] - my)
		den += (xs[i] - mx) * (xs[i] - mx)
	}
	return num / den
}
