package analyse

import "math"

// The confidence of a status. The sentence model's probabilities say how
// likely each sentence is to judge a theme; a status's raw probability
// (rawConfidence) combines them as if the sentences were independent.
// That figure ranks statuses fairly but is not what a researcher needs:
// the chance that the coders who labelled the development set give the
// theme the same status. The
// calibration maps a few facts about the status to that chance with a
// logistic regression fitted to the development set's out-of-fold
// statuses against the coders' (see TestTrainModel), and carried in
// model.bin as Model.Calibration.

// The inputs of the calibration, in the order of Model.Calibration's
// weights after its bias.
const (
	// calRaw is the log-odds of rawConfidence.
	calRaw = iota
	// calNegMargin and calPosMargin are how far, in log-odds, the
	// sentence likeliest to judge the theme badly (well) stands from the
	// threshold, on either side: a status that turns on a sentence near
	// the threshold is less sure than one whose sentences are clear.
	calNegMargin
	calPosMargin
	// calConcern, calStrength and calMixed are 1 for a status of that
	// kind: the statuses are not equally hard (absent, the fourth, has
	// no input).
	calConcern
	calStrength
	calMixed
	// calInputs is the number of inputs.
	calInputs
)

// logitBound keeps the log-odds of a probability finite: probabilities
// are read as at least 1e-6 and at most 1 - 1e-6.
const logitBound = 1e-6

// logit is the log-odds of p, bounded by logitBound.
func logit(p float64) float64 {
	p = min(max(p, logitBound), 1-logitBound)
	return math.Log(p / (1 - p))
}

// calibrationInputs returns the inputs of the calibration for the status
// st of the theme at index k of the model, given a letter's scores.
func (m *Model) calibrationInputs(scores [][]senScore, k int, st Status) [calInputs]float64 {
	var x [calInputs]float64
	x[calRaw] = logit(rawConfidence(scores, k, st))
	var maxNeg, maxPos float64
	for _, row := range scores {
		maxNeg, maxPos = max(maxNeg, row[k].neg), max(maxPos, row[k].pos)
	}
	x[calNegMargin] = math.Abs(logit(maxNeg) - logit(m.Threshold))
	x[calPosMargin] = math.Abs(logit(maxPos) - logit(m.Threshold))
	switch st {
	case StatusConcern:
		x[calConcern] = 1
	case StatusStrength:
		x[calStrength] = 1
	case StatusMixed:
		x[calMixed] = 1
	}
	return x
}

// calibrate returns the calibrated probability of inputs x under the
// weights w (bias first).
func calibrate(w []float64, x [calInputs]float64) float64 {
	z := w[0]
	for i, v := range x {
		z += w[i+1] * v
	}
	return sigmoid(z)
}

// statusConfidence is the model's confidence in the status st of the
// theme at index k: the calibrated chance that a coder agrees, or, for a
// model without a calibration, rawConfidence; rounded by roundConfidence.
func (m *Model) statusConfidence(scores [][]senScore, k int, st Status) float64 {
	if len(m.Calibration) != calInputs+1 {
		return roundConfidence(rawConfidence(scores, k, st))
	}
	return roundConfidence(calibrate(m.Calibration, m.calibrationInputs(scores, k, st)))
}

// roundConfidence keeps two decimals of a confidence: every output shows
// it so, and a bound on it (themes --below, diff's brackets) compares
// the figure the user reads. A calibrated chance is not known closer.
func roundConfidence(p float64) float64 { return math.Round(p*100) / 100 }

// rawConfidence is the probability of a status for the theme at index k
// of the model: the letter judges the theme badly when any sentence does
// (1 - the product of the sentences' chances not to), well likewise, and
// the status's probability is that of its combination of the two.
func rawConfidence(scores [][]senScore, k int, st Status) float64 {
	noNeg, noPos := 1.0, 1.0
	for _, row := range scores {
		noNeg *= 1 - row[k].neg
		noPos *= 1 - row[k].pos
	}
	switch st {
	case StatusConcern:
		return (1 - noNeg) * noPos
	case StatusStrength:
		return noNeg * (1 - noPos)
	case StatusMixed:
		return (1 - noNeg) * (1 - noPos)
	}
	return noNeg * noPos
}
