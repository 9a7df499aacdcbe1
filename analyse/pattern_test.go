package analyse

import (
	"strings"
	"testing"
)

// TestPatternGaps is the specification of "...": up to maxGap words, the
// fewest that let the rest match, never across punctuation, with many
// gaps as with one.
func TestPatternGaps(t *testing.T) {
	twelve := "a" + strings.Repeat(" ... a", 12)
	cases := []struct {
		pattern, text string
		want          string // the words matched; "" for no match
	}{
		{"not ... timely", "plans are not timely", "not timely"},
		{"not ... timely", "plans are not always timely", "not always timely"},
		{"not ... timely", "not one two three four timely", "not one two three four timely"},
		{"not ... timely", "not one two three four five timely", ""},
		{"not ... timely", "not always, timely", ""},
		{"a ... b ... c", "a x b y y c", "a x b y y c"},
		{"a ... b ... c", "a b b c", "a b b c"},
		{"a ... b ... c", "a x b y y y y y c", ""},
		// Twelve gaps: the shortest match from the first word.
		{twelve, strings.Repeat("a ", 13), strings.TrimSpace(strings.Repeat("a ", 13))},
		{twelve, strings.Repeat("a x ", 13), strings.TrimSpace(strings.Repeat("a x ", 12)) + " a"},
		// Twelve gaps that cannot match: every way of filling the gaps
		// fails, which took exponential time.
		{twelve + " b", strings.Repeat("a ", 60), ""},
	}
	for _, c := range cases {
		p, err := compilePattern(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		toks := tokenize(c.text)
		ix := newPatternIndex([]pattern{p})
		got := ""
		if ms := ix.find(toks); len(ms) > 0 {
			var words []string
			for _, tk := range toks[ms[0].start:ms[0].end] {
				words = append(words, tk.text)
			}
			got = strings.Join(words, " ")
		}
		if got != c.want {
			t.Errorf("%q in %q: matched %q, want %q", c.pattern, c.text, got, c.want)
		}
	}
}

// BenchmarkPatternTwelveGaps matches a phrase of twelve gaps that fails
// at every word of a long sentence: 16 s a letter when gaps were tried
// every way.
func BenchmarkPatternTwelveGaps(b *testing.B) {
	p, err := compilePattern("a" + strings.Repeat(" ... a", 12) + " b")
	if err != nil {
		b.Fatal(err)
	}
	ix := newPatternIndex([]pattern{p})
	toks := tokenize(strings.Repeat("a ", 200))
	for b.Loop() {
		if len(ix.find(toks)) != 0 {
			b.Fatal("matched")
		}
	}
}
