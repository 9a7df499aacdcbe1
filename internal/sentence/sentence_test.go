package sentence

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSplit checks Split on normalised text; Paragraph, which also drops
// markers and normalises, is tested through analyse.Sentences.
func TestSplit(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"The inspectors were Mr J. Smith and Dr Jones. They met e.g. social workers. Section 47 enquiries (s.47) were timely. “Good work.” Then more.",
			[]string{"The inspectors were Mr J. Smith and Dr Jones.", "They met e.g. social workers.", "Section 47 enquiries (s.47) were timely.", "“Good work.”", "Then more."}},
		{"1. Leadership is strong. It improves.", []string{"1.", "Leadership is strong.", "It improves."}}, // no marker dropped
		{"The visit took place in Sept. 2024 and found progress.", []string{"The visit took place in Sept. 2024 and found progress."}},
		{"Referrals are prompt (LADO). Plans are clear.", []string{"Referrals are prompt (LADO).", "Plans are clear."}},
		{"Support is in place as the young person moves to adulthood.However, for a few care leavers, it is not clear. Then more.",
			[]string{"Support is in place as the young person moves to adulthood.", "However, for a few care leavers, it is not clear.", "Then more."}}, // a space missing after the stop
		{"Guidance is at www.gov.uk/Guidance and from john.Smith@example.org, e.g.The code.",
			[]string{"Guidance is at www.gov.uk/Guidance and from john.Smith@example.org, e.g.The code."}}, // addresses and short parts run on
		{"", nil},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, Split(c.in)); diff != "" {
			t.Errorf("Split(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}
