package analyse

import "strconv"

// A ConfidenceBound picks the statuses to check by hand: those whose
// Confidence is below it, which the labelling coders are the least
// likely to give too, and those with none (a theme the sentence model does not
// judge, such as one a researcher's codebook adds: its confidence is
// unknown). The zero bound picks every status.
type ConfidenceBound float64

// NewConfidenceBound returns the bound conf, or an error when conf is not
// above 0 and at most 1.
func NewConfidenceBound(conf float64) (ConfidenceBound, error) {
	if err := checkShare("confidence bound", conf, false); err != nil {
		return 0, err
	}
	return ConfidenceBound(conf), nil
}

// Picks reports whether the bound picks a status whose confidence is c
// (two decimals, as every output shows it; see ThemeStatus): c is below
// the bound, or c is 0, no confidence. This is the one place that decides
// a status with no confidence: the bound picks it, because nothing says
// the coders would agree with it (a theme the sentence model does not
// judge). An output that writes the confidence beside a picked status
// has no figure to write for it.
func (b ConfidenceBound) Picks(c float64) bool {
	return b == 0 || c == 0 || c < float64(b)
}

// Keep leaves p with the themes that the bound picks, in codebook order.
// A profile left with none holds an empty list, not nil (JSON writes []
// as YAML does). The themes p held are not changed: another profile may
// share them.
func (b ConfidenceBound) Keep(p *Profile) {
	if b == 0 || p.Themes == nil {
		return
	}
	kept := make([]ThemeStatus, 0, len(p.Themes))
	for _, ts := range p.Themes {
		if b.Picks(ts.Confidence) {
			kept = append(kept, ts)
		}
	}
	p.Themes = kept
}

// String says which statuses the bound picks, for the header of an
// output; "" for the zero bound, which picks all.
func (b ConfidenceBound) String() string {
	if b == 0 {
		return ""
	}
	return "confidence below " + b.Text() + ", or none (a theme the model does not judge)"
}

// Text is the bound as a flag takes it ("0.8").
func (b ConfidenceBound) Text() string { return strconv.FormatFloat(float64(b), 'f', -1, 64) }
