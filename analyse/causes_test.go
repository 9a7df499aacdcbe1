package analyse

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The out-of-fold errors by cause: for every status cell the analyser
// gets wrong, the sentences that make it wrong, sorted by where the rules
// find the theme. It tells the errors of paragraph context (the theme
// named before the sentence, not in it) from those of the sentence itself.

// Where the rules find a theme, for a sentence that judges it.
const (
	causeNamed    = "the rules name the theme in it"
	causePrev     = "named in the sentence before"
	causeOpening  = "named in the paragraph's opening sentence"
	causeEarlier  = "named earlier in the paragraph"
	causeOthers   = "it names other themes only"
	causeNoTheme  = "it names no theme"
	causeOtherPol = "gold: it judges the theme the other way"
	causeOtherTh  = "gold: it judges another theme"
	causeNothing  = "gold: it judges no theme"
)

// sentenceCause says where the rules find theme for sentence i of lc.
func sentenceCause(lc *letterContext, i int, theme string) string {
	s := &lc.sens[i]
	if markOf(s, theme) != "-" {
		return causeNamed
	}
	start := i
	for start > 0 && lc.sens[start-1].para == s.para {
		start--
	}
	named := func(j int) bool { return markOf(&lc.sens[j], theme) != "-" }
	switch {
	case i > start && named(i-1):
		return causePrev
	case i > start && named(start):
		return causeOpening
	case slices.ContainsFunc(lc.sens[start:i], func(o senContext) bool { return markOf(&o, theme) != "-" }):
		return causeEarlier
	case len(s.rule.Themes) > 0:
		return causeOthers
	}
	return causeNoTheme
}

// causeTally counts, per direction of error, the wrong cells and the
// sentences behind them by cause.
type causeTally struct {
	cells     map[string]int
	sentences map[string]map[string]int
}

// add counts the wrong cells of one letter: p is the analyser's profile,
// lc the rules' reading of the letter.
func (c *causeTally) add(dl devLetter, p *Profile, lc *letterContext) {
	labels, _, _ := sentenceLabels(p, dl.gold)
	for _, id := range CoreThemes() {
		gold, got := dl.gold.Themes[id].Status, p.Status(id)
		if gold == got {
			continue
		}
		for _, d := range []struct {
			bit  int
			name string
		}{{1, "negative"}, {2, "positive"}} {
			goldHas, gotHas := hasBit(gold, d.bit), hasBit(got, d.bit)
			if goldHas == gotHas {
				continue
			}
			dir := "spurious " + d.name
			if goldHas {
				dir = "missed " + d.name
			}
			c.cells[dir]++
			for i, sen := range p.Sentences {
				g, a := labels[i][id]&d.bit != 0, markBits(sen, id)&d.bit != 0
				switch {
				case goldHas && g && !a:
					c.count(dir, sentenceCause(lc, i, id))
				case !goldHas && a && !g:
					c.count(dir, spuriousCause(labels[i], id))
				}
			}
		}
	}
}

func (c *causeTally) count(dir, cause string) {
	if c.sentences[dir] == nil {
		c.sentences[dir] = map[string]int{}
	}
	c.sentences[dir][cause]++
}

// spuriousCause says what the gold makes of a sentence the analyser
// wrongly reads as judging theme id.
func spuriousCause(labels map[string]int, id string) string {
	switch {
	case labels[id] != 0:
		return causeOtherPol
	case slices.ContainsFunc(CoreThemes(), func(o string) bool { return labels[o] != 0 }):
		return causeOtherTh
	}
	return causeNothing
}

// hasBit reports whether a status holds negative (bit 1) or positive
// (bit 2) judgements.
func hasBit(st Status, bit int) bool {
	switch st {
	case StatusMixed:
		return true
	case StatusConcern:
		return bit == 1
	case StatusStrength:
		return bit == 2
	}
	return false
}

// markBits are the bits of the analyser's polarity for theme id in a sentence.
func markBits(s Sentence, id string) int {
	for _, m := range s.Themes {
		if m.Theme == id {
			return polarityBits(m.Polarity)
		}
	}
	return 0
}

// logCauses prints the out-of-fold errors by cause.
func logCauses(t *testing.T, dev []devLetter, df *devFeatures, ps []*Profile) {
	c := causeTally{cells: map[string]int{}, sentences: map[string]map[string]int{}}
	for i, dl := range dev {
		c.add(dl, ps[i], df.contexts[i])
	}
	dirs := []string{"missed negative", "spurious negative", "missed positive", "spurious positive"}
	t.Log("wrong cells by direction, and the sentences behind them by where the rules find the theme:")
	for _, dir := range dirs {
		var parts []string
		for _, cause := range []string{causeNamed, causePrev, causeOpening, causeEarlier, causeOthers, causeNoTheme, causeOtherPol, causeOtherTh, causeNothing} {
			if n := c.sentences[dir][cause]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", cause, n))
			}
		}
		t.Logf("  %-17s %3d cells: %s", dir, c.cells[dir], strings.Join(parts, "; "))
	}
}
