package analyse

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/record"
)

// A labelFile is the hand labelling of one letter in testdata/labels.
type labelFile struct {
	Letter    string            `yaml:"letter"`
	HeldOut   bool              `yaml:"held_out"`
	Sentences []labelSentence   `yaml:"sentences"`
	Statuses  map[string]Status `yaml:"statuses"`
}

type labelSentence struct {
	Text          string              `yaml:"text"`
	Polarity      Polarity            `yaml:"polarity"`
	Themes        []string            `yaml:"themes"`
	ThemePolarity map[string]Polarity `yaml:"theme_polarity"`
}

func loadLabels(t testing.TB) []labelFile {
	t.Helper()
	paths, err := filepath.Glob("testdata/labels/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no label files: %v", err)
	}
	var out []labelFile
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var lf labelFile
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&lf); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, lf)
	}
	return out
}

// matchKey reduces a sentence to its letters, so that labels match the
// analyser's sentences whatever the extraction did to spaces, digits
// (page numbers) and punctuation.
func matchKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// scores accumulates the accuracy figures.
type scores struct {
	tp, fp, fn        map[string]int
	polOK, polN       int
	statusOK, statusN int
	matched, labelled int
	statusMisses      []string
}

func newScores() *scores {
	return &scores{tp: map[string]int{}, fp: map[string]int{}, fn: map[string]int{}}
}

func (s *scores) add(cb *Codebook, lf labelFile, p *Profile, verbose func(string)) {
	got := map[string]Sentence{}
	for _, sen := range p.Sentences {
		got[matchKey(sen.Text)] = sen
	}
	for _, ls := range lf.Sentences {
		s.labelled++
		sen, ok := got[matchKey(ls.Text)]
		if !ok {
			verbose(fmt.Sprintf("%s: unmatched label %q", lf.Letter, ls.Text))
			continue
		}
		s.matched++
		s.polN++
		if sen.Polarity == ls.Polarity {
			s.polOK++
		} else {
			verbose(fmt.Sprintf("%s: polarity %s, want %s: %s", lf.Letter, sen.Polarity, ls.Polarity, ls.Text))
		}
		gotThemes := sen.ThemeIDs()
		for _, id := range CoreThemes() {
			g, w := slices.Contains(gotThemes, id), slices.Contains(ls.Themes, id)
			switch {
			case g && w:
				s.tp[id]++
			case g:
				s.fp[id]++
				verbose(fmt.Sprintf("%s: extra %s: %s", lf.Letter, id, ls.Text))
			case w:
				s.fn[id]++
				verbose(fmt.Sprintf("%s: missed %s: %s", lf.Letter, id, ls.Text))
			}
		}
	}
	for _, id := range CoreThemes() {
		want, ok := lf.Statuses[id]
		if !ok {
			continue
		}
		s.statusN++
		if got := p.Status(id); got == want {
			s.statusOK++
		} else {
			s.statusMisses = append(s.statusMisses, fmt.Sprintf("%s %s: got %s, want %s", lf.Letter, id, got, want))
		}
	}
}

func (s *scores) themeF1() (p, r, f float64) {
	var tp, fp, fn int
	for _, id := range CoreThemes() {
		tp += s.tp[id]
		fp += s.fp[id]
		fn += s.fn[id]
	}
	return prf(tp, fp, fn)
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s *scores) report(t *testing.T, name string) {
	p, r, f := s.themeF1()
	t.Logf("%s: %d/%d labelled sentences matched", name, s.matched, s.labelled)
	t.Logf("%s: theme precision %.3f recall %.3f F1 %.3f (micro, over core themes)", name, p, r, f)
	t.Logf("%s: polarity accuracy %.3f (%d/%d)", name, ratio(s.polOK, s.polN), s.polOK, s.polN)
	t.Logf("%s: status agreement %.3f (%d/%d)", name, ratio(s.statusOK, s.statusN), s.statusOK, s.statusN)
}

// Floors under which TestAccuracy fails: the figures reached when the
// codebook was last tuned, less a small margin. Raise them as the
// analyser improves; never lower them to let a change through.
const (
	floorThemeF1  = 0.80
	floorPolarity = 0.93
	floorStatus   = 0.88
)

// TestAccuracy scores the rules alone against the hand labels of
// testdata/labels: per-theme precision and recall, polarity accuracy and
// status agreement, separately for the tuning letters and the held-out
// ones. Run with -v to see the figures.
func TestAccuracy(t *testing.T) {
	cb := mustBuiltin(t)
	cb.setModel(nil) // the rules alone: these letters tuned them
	tune, held := newScores(), newScores()
	verbose := func(string) {}
	if os.Getenv("ACCURACY_DETAIL") != "" {
		verbose = func(s string) { t.Log(s) }
	}
	for _, lf := range loadLabels(t) {
		rec := mustRecord(t, filepath.Join("testdata", "letters", lf.Letter))
		p := cb.Profile(rec)
		one := newScores()
		one.add(cb, lf, p, func(string) {})
		_, _, f := one.themeF1()
		t.Logf("%-45s held out %-5v theme F1 %.3f, polarity %.3f, status %.3f", lf.Letter, lf.HeldOut, f, ratio(one.polOK, one.polN), ratio(one.statusOK, one.statusN))
		if lf.HeldOut {
			held.add(cb, lf, p, verbose)
		} else {
			tune.add(cb, lf, p, verbose)
		}
	}
	for _, sc := range []*scores{tune, held} {
		for _, m := range sc.statusMisses {
			verbose("status " + m)
		}
	}
	tune.report(t, "tuning")
	held.report(t, "held-out")
	all := newScores()
	for _, sc := range []*scores{tune, held} {
		for _, id := range CoreThemes() {
			all.tp[id] += sc.tp[id]
			all.fp[id] += sc.fp[id]
			all.fn[id] += sc.fn[id]
		}
		all.polOK += sc.polOK
		all.polN += sc.polN
		all.statusOK += sc.statusOK
		all.statusN += sc.statusN
		all.matched += sc.matched
		all.labelled += sc.labelled
	}
	t.Log("per theme (all letters): precision recall F1 support")
	for _, id := range CoreThemes() {
		p, r, f := prf(all.tp[id], all.fp[id], all.fn[id])
		t.Logf("  %-22s %.2f %.2f %.2f %3d", id, p, r, f, all.tp[id]+all.fn[id])
	}
	all.report(t, "all")
	if all.matched < all.labelled*95/100 {
		t.Errorf("only %d of %d labelled sentences found in the analyser's output", all.matched, all.labelled)
	}
	if _, _, f := all.themeF1(); f < floorThemeF1 {
		t.Errorf("theme F1 %.3f below the floor %.2f", f, floorThemeF1)
	}
	if a := ratio(all.polOK, all.polN); a < floorPolarity {
		t.Errorf("polarity accuracy %.3f below the floor %.2f", a, floorPolarity)
	}
	if a := ratio(all.statusOK, all.statusN); a < floorStatus {
		t.Errorf("status agreement %.3f below the floor %.2f", a, floorStatus)
	}
}

func mustBuiltin(t testing.TB) *Codebook {
	t.Helper()
	cb, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

var _ = record.SchemaVersion
