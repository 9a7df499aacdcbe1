package analyse

import (
	"math"
	"testing"
)

// TestRuleLogits is the specification of the rules' polarity as a prior
// on the polarity heads (ruleLogit): the side the rules name gains, the
// other loses, a neutral or absent mark changes nothing, and heads sure
// enough of the other side outweigh the rules. The last case fails where
// the rules decided the polarity outright (the heads held at 0.9 or more
// on their side, 0.1 or less on the other).
func TestRuleLogits(t *testing.T) {
	cases := []struct {
		name       string
		mark       Polarity
		ln, lp     float64 // the heads' logits before the prior
		negW, posW bool    // the sentence reads negative, positive (probability over 0.5)
	}{
		{"no mark, the heads decide", "-", 2, -2, true, false},
		{"neutral mark, the heads decide", Neutral, -2, 2, false, true},
		{"negative mark, undecided heads", Negative, 0, 0, true, false},
		{"positive mark, undecided heads", Positive, 0, 0, false, true},
		{"mixed mark, undecided heads", Mixed, 0, 0, true, true},
		{"negative mark, heads sure it is a strength", Negative, -3, 3, false, true},
		{"positive mark, heads sure it is a shortfall", Positive, 3, -3, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ln, lp := ruleLogits(c.mark, c.ln, c.lp)
			if neg, pos := sigmoid(ln) > 0.5, sigmoid(lp) > 0.5; neg != c.negW || pos != c.posW {
				t.Errorf("ruleLogits(%q, %g, %g) = %g, %g: negative %v, positive %v; want %v, %v",
					c.mark, c.ln, c.lp, ln, lp, neg, pos, c.negW, c.posW)
			}
			// The prior moves each logit by ruleLogit at most.
			if d := max(math.Abs(ln-c.ln), math.Abs(lp-c.lp)); d > ruleLogit {
				t.Errorf("ruleLogits(%q, %g, %g) moves a logit by %g, more than ruleLogit %g", c.mark, c.ln, c.lp, d, ruleLogit)
			}
		})
	}
}
