package parse_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// jtaiCorpus is the folder of joint targeted area inspection letters that
// TestJTAICorpus reads; point it at held-back letters to score them.
var jtaiCorpus = flag.String("jtai", "../../shared/corpus/jtai", "folder of joint targeted area inspection letters (PDF) for TestJTAICorpus")

// minSignatories is how many inspectorates sign every JTAI letter:
// Ofsted, the Care Quality Commission and the constabulary inspectorate.
const minSignatories = 3

// jtaiProblems returns what a JTAI record lacks of what every JTAI letter
// prints, one word each.
func jtaiProblems(rec *record.Record) []string {
	var out []string
	add := func(ok bool, what string) {
		if !ok {
			out = append(out, what)
		}
	}
	v := rec.Visit
	add(rec.Letter.Kind == record.KindJTAI, "kind")
	add(rec.Letter.Date != "", "date")
	add(v.LocalAuthority != "" && v.LACode != "", "area")
	add(len(v.Dates) >= 1 && (rec.Letter.Date == "" || v.Dates[len(v.Dates)-1] < rec.Letter.Date), "inspection-dates")
	add(strings.HasPrefix(v.Focus, "the multi-agency "), "subject")
	add(slices.Contains(v.Inspectorates, record.InspectorateOfsted) && slices.Contains(v.Inspectorates, record.InspectorateCQC), "inspectorates")
	add(len(rec.Letter.Recipients) >= 3, "recipients")
	signed := len(rec.Signoff.Signatories) >= minSignatories
	for _, s := range rec.Signoff.Signatories {
		signed = signed && s.Title != "" && s.Inspectorate != ""
	}
	add(signed, "signatories")
	kinds := map[string]bool{}
	for _, s := range rec.Sections {
		kinds[s.Kind] = true
	}
	add(kinds[record.SectionImprovements], "improvements-section")
	add(kinds[record.SectionNextSteps], "next-steps-section")
	add(kinds[record.SectionStrengths] || kinds[record.SectionFindings], "strengths-or-findings-section")
	add(len(rec.Improvements) > 0, "improvements")
	return out
}

// TestJTAICorpus parses every PDF of the JTAI folder and checks that each
// gives a joint targeted area inspection record with the letter date, the
// area (known to the lookup of authority codes), the inspection dates
// before the letter date, the subject, Ofsted and the CQC among the
// inspectorates, at least three recipients, three or more signatories
// each with a title and an inspectorate, and sections of improvements,
// strengths or main findings, and next steps. It skips where the folder
// does not exist (a clone without ../shared).
func TestJTAICorpus(t *testing.T) {
	pdfs, _ := filepath.Glob(filepath.Join(*jtaiCorpus, "*.pdf"))
	if len(pdfs) == 0 {
		if _, err := os.Stat(*jtaiCorpus); err != nil {
			t.Skipf("no JTAI corpus at %s", *jtaiCorpus)
		}
		t.Fatalf("no PDFs in %s", *jtaiCorpus)
	}
	failed := 0
	for _, path := range pdfs {
		rec, err := parse.File(context.Background(), path)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
			failed++
			continue
		}
		if p := jtaiProblems(rec); len(p) > 0 {
			t.Errorf("%s: lacks %s", filepath.Base(path), strings.Join(p, ", "))
			failed++
		}
	}
	t.Logf("%d JTAI letters, %d complete", len(pdfs), len(pdfs)-failed)
}
