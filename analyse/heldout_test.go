package analyse

import (
	"flag"
	"fmt"
	"testing"
)

// unseenFlag names a labelled folder for TestScoreUnseen (make score-unseen).
var unseenFlag = flag.String("unseen", "", "TestScoreUnseen: score the shipped analyser on this labelled folder (laid out as testdata/dev)")

// TestScoreUnseen scores the shipped analyser and the rules alone on a
// newly labelled folder, before it joins any set: the clean figure of
// letters that nothing was tuned or trained on (make score-unseen
// DIR=...). Score a folder once, then join it or keep it held out.
func TestScoreUnseen(t *testing.T) {
	if *unseenFlag == "" {
		t.Skip("no -unseen folder")
	}
	shipped, rules, coders := folderScores(t, *unseenFlag)
	logScores(t, []string{"unseen: shipped (rules + model)", "unseen: rules alone"}, []*devScore{shipped, rules})
	logConfidence(t, "unseen: shipped", shipped.confidence)
	fs := scoredFolders[*unseenFlag] // filled by folderScores
	logInterval(t, "unseen: shipped", fs.letters, fs.profiles)
	tot := shipped.total()
	t.Logf("unseen: labelled sentences %d, outside the findings %d, unmatched %d", tot.labelled, tot.outside, tot.unmatched)
	t.Logf("unseen: coder A vs coder B: status agreement %.3f, kappa %.3f, outcomes %.3f", coders.agreement(), coders.kappa(), ratio(coders.outcomeOK, coders.outcomeN))
}

// logBeside prints the totals of the development set's scorings and the
// held-out set's, one row each, so the out-of-fold figure can be read
// against letters labelled after the model was built.
func logBeside(t *testing.T, devRules, devOOF, heldShipped, heldRules *devScore, devCoders, heldCoders *tally) {
	t.Logf("%-48s %s", "totals", scoreHeader)
	dev := fmt.Sprintf("dev set (%d letters)", devOOF.letters())
	held := fmt.Sprintf("held out (%d letters)", heldShipped.letters())
	for _, r := range []struct {
		name string
		s    *devScore
	}{
		{dev + ": rules alone", devRules},
		{dev + ": rules + model, out of fold", devOOF},
		{held + ": shipped", heldShipped},
		{held + ": rules alone", heldRules},
	} {
		t.Logf("%-48s %s", r.name, r.s.total().row())
	}
	for _, c := range []struct {
		name string
		t    *tally
	}{{"dev set: coder A vs coder B", devCoders}, {"held out: coder A vs coder B", heldCoders}} {
		t.Logf("%-48s %5.3f %6.3f %35s %5.3f", c.name, c.t.agreement(), c.t.kappa(), "", ratio(c.t.outcomeOK, c.t.outcomeN))
	}
}

// Floors under which TestAccuracyHeldOut fails: the figures of the model
// trained on 50 letters (agreement 0.836, kappa 0.757, concern P and R
// 0.850, sentence F1 0.767, polarity 0.903, outcomes 0.829) less two
// standard errors of each on this set's counts (152 cells, 60 gold
// concerns or mixed, 76 outcomes, about 880 sentences). The set is small:
// one cell is 0.7 points, and retraining the model on the same letters
// with another order of examples moves it by 2 to 3 cells, so a floor a
// point under the shipped figure failed changes that were better on the
// out-of-fold cells of the development set (950 of its 50 letters then,
// 19 a letter), at random, and invited choosing changes by their score
// here. These floors catch a real regression (the rules alone score
// 0.796); the out-of-fold floors of TestAccuracyDevSet guard the rest.
// Never tune or train on these letters.
const (
	floorHeldAgreement = 0.77
	floorHeldKappa     = 0.66
	floorHeldConcernP  = 0.75
	floorHeldConcernR  = 0.75
	floorHeldSentF1    = 0.73
	floorHeldPolarity  = 0.88
	floorHeldOutcomes  = 0.74
)

// A folderScore is what folderScores returns for one folder.
type folderScore struct {
	shipped, rules *devScore
	coders         *tally
	// letters are the folder's labelled letters and profiles the shipped
	// analyser's profiles of them, for logInterval.
	letters  []devLetter
	profiles []*Profile
}

// scoredFolders holds the folders scored by this test binary:
// TestAccuracyDevSet prints the first held-out set's scores beside its own
// and TestAccuracyHeldOut checks them, and make accuracy runs both. The
// tests that score a folder do not run in parallel.
var scoredFolders = map[string]folderScore{}

// folderScores scores the shipped analyser and the rules alone on the
// labelled letters of dir (laid out as testdata/dev), and coder A against
// coder B there, once for each dir in a run (see scoredFolders).
func folderScores(t testing.TB, dir string) (shipped, rules *devScore, coders *tally) {
	t.Helper()
	if s, ok := scoredFolders[dir]; ok {
		return s.shipped, s.rules, s.coders
	}
	held := loadLabelled(t, dir)
	cb := mustBuiltin(t)
	ps := profileAll(cb, held)
	shipped = scoreProfiles(held, ps)
	cb.setModel(nil)
	rules = scoreProfiles(held, profileAll(cb, held))
	coders = coderAgreement(held)
	scoredFolders[dir] = folderScore{shipped, rules, coders, held, ps}
	return shipped, rules, coders
}

// Floors under which TestAccuracyHeldOut fails on the second held-out
// set (testdata/heldout2, 190 cells, 54 gold concerns or mixed, 95
// outcomes): the figures of the analyser at the end of the session that
// labelled it (agreement 0.832, kappa 0.753, concern P 0.758, R 0.926,
// sentence F1 0.780, polarity 0.926, outcomes 0.800), less about two
// standard errors of each on these counts, as for the first set.
const (
	floorHeld2Agreement = 0.77
	floorHeld2Kappa     = 0.66
	floorHeld2ConcernP  = 0.64
	floorHeld2ConcernR  = 0.85
	floorHeld2SentF1    = 0.72
	floorHeld2Polarity  = 0.89
	floorHeld2Outcomes  = 0.71
)

// heldOutSets are the held-out sets with their floors.
var heldOutSets = []struct {
	name, dir string
	floors    scoreRow
}{
	{"held out", heldoutDir, scoreRow{
		agreement:  floorHeldAgreement,
		kappa:      floorHeldKappa,
		concernP:   floorHeldConcernP,
		concernR:   floorHeldConcernR,
		sentenceF1: floorHeldSentF1,
		polarity:   floorHeldPolarity,
		outcomes:   floorHeldOutcomes,
	}},
	{"held out 2", heldout2Dir, scoreRow{
		agreement:  floorHeld2Agreement,
		kappa:      floorHeld2Kappa,
		concernP:   floorHeld2ConcernP,
		concernR:   floorHeld2ConcernR,
		sentenceF1: floorHeld2SentF1,
		polarity:   floorHeld2Polarity,
		outcomes:   floorHeld2Outcomes,
	}},
}

// TestAccuracyHeldOut scores the analyser on each held-out set: the 8
// letters labelled after the model was first built, and the 10 of the
// second set (make accuracy prints them, and TestAccuracyDevSet prints
// the first's totals beside the development set's out of fold figures).
// It fails when the shipped analyser falls below a set's floors.
func TestAccuracyHeldOut(t *testing.T) {
	for _, set := range heldOutSets {
		shipped, rules, coders := folderScores(t, set.dir)
		logScores(t, []string{set.name + ": shipped (rules + model)", set.name + ": rules alone"}, []*devScore{shipped, rules})
		tot := shipped.total()
		t.Logf("%s: labelled sentences %d, outside the findings %d, unmatched %d", set.name, tot.labelled, tot.outside, tot.unmatched)
		t.Logf("%s: coder A vs coder B: status agreement %.3f, kappa %.3f, outcomes %.3f", set.name, coders.agreement(), coders.kappa(), ratio(coders.outcomeOK, coders.outcomeN))
		logConfidence(t, set.name+": shipped", shipped.confidence)
		checkFloors(t, set.name, tot, set.floors)
	}
}
