package analyse

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "Plans are clear. Reviews are timely.", []string{"Plans are clear.", "Reviews are timely."}},
		{"acronym in brackets ends a sentence", "Advice is sought from the designated officer (LADO). Referrals are prompt.",
			[]string{"Advice is sought from the designated officer (LADO).", "Referrals are prompt."}},
		{"e.g. and i.e. do not", "Some tools, e.g. Signs of Safety, are used. Others, i.e. audits, are not.",
			[]string{"Some tools, e.g. Signs of Safety, are used.", "Others, i.e. audits, are not."}},
		{"Section 47 and s.47", "Section 47 enquiries are timely. Strategy meetings under s.47 are prompt.",
			[]string{"Section 47 enquiries are timely.", "Strategy meetings under s.47 are prompt."}},
		{"titles", "Mr. Smith and Dr. Jones met. They agreed.", []string{"Mr. Smith and Dr. Jones met.", "They agreed."}},
		{"initials", "The inspector was J. Smith HMI. She wrote.", []string{"The inspector was J. Smith HMI.", "She wrote."}},
		{"quotes stay with their sentence", "Pathways at the ‘front door’. Referrals are ‘timely.’ Plans are ‘good’ now.",
			[]string{"Pathways at the ‘front door’.", "Referrals are ‘timely.’", "Plans are ‘good’ now."}},
		{"double quotes", `He said "it works." Then it did.`, []string{`He said "it works."`, "Then it did."}},
		{"numbered paragraph", "1. Leadership and management is strong. It improves.", []string{"Leadership and management is strong.", "It improves."}},
		{"lettered item", "(a) Plans are clear.", []string{"Plans are clear."}},
		{"bullet without a verb", "◼ The quality of case supervision", []string{"The quality of case supervision"}},
		{"bullet mark", "• Response to contacts and referrals.", []string{"Response to contacts and referrals."}},
		{"a lower-case word after a stop continues", "Support etc. is given to families.", []string{"Support etc. is given to families."}},
		{"decimal numbers", "Caseloads fell by 2.5 cases. Good.", []string{"Caseloads fell by 2.5 cases.", "Good."}},
		{"question", "Is this good? Yes.", []string{"Is this good?", "Yes."}},
		{"year then sentence", "It was judged inadequate in 2023. Since then, it improved.", []string{"It was judged inadequate in 2023.", "Since then, it improved."}},
		{"whitespace normalised", "  Plans   are\nclear.  ", []string{"Plans are clear."}},
		{"empty", "   ", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, Sentences(c.in)); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", c.in, diff)
			}
		})
	}
}

// FuzzSentences checks that splitting loses no words, makes no empty
// sentences and is idempotent on each sentence it returns.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{"Plans are clear. Reviews are timely.", "(LADO). Next", "e.g. X. Y", "1. A. B.", "◼ x", "‘a.’ B", "Mr. A. B. C."} {
		f.Add(s)
	}
	for _, lf := range loadLabels(f) {
		for _, s := range lf.Sentences[:3] {
			f.Add(s.Text)
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			return
		}
		got := Sentences(in)
		for _, s := range got {
			if strings.TrimSpace(s) == "" {
				t.Fatalf("empty sentence from %q", in)
			}
		}
		// The sentences hold the input's text, less a paragraph marker at
		// its start; a space may be missing between two of them in the
		// input ("adulthood.However"), so white space is not compared.
		joined := strings.Join(strings.Fields(strings.Join(got, "")), "")
		norm := strings.Join(strings.Fields(in), "")
		if !strings.HasSuffix(norm, joined) {
			t.Fatalf("words lost or changed: %q -> %q", in, got)
		}
	})
}
