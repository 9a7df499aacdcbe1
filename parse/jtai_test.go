package parse_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// jtaiBody is the body of a short old-format JTAI letter, written for the
// tests in the words of the real letters; a sign-off follows it.
const jtaiBody = `1 February 2017

Steve Crocker, Director of Children’s Services, Hampshire County Council
Olivia Pinkney QPM, Chief Constable of Hampshire Constabulary
Derek Benson, Chair of Hampshire LSCB

Dear local partnership

Joint targeted area inspection of the multi-agency response to abuse and neglect in Hampshire

Between 5 and 9 December 2016, Ofsted, the Care Quality Commission (CQC), HMI Constabulary (HMIC) and HMI Probation (HMI Prob) undertook a joint inspection of the multi-agency response to abuse and neglect in Hampshire.

Key strengths

• Senior leaders in Hampshire ensure that there is good planning.

Areas for improvement

• Partners need to ensure that there is greater consistency of frontline practice.

Next steps

The local authority should prepare a written statement of proposed action.

Yours sincerely

`

// parseJTAIText parses letter, a JTAI letter's text such as jtaiBody,
// signed off by Ofsted's national director.
func parseJTAIText(t *testing.T, letter string) *record.Record {
	t.Helper()
	rec, err := parse.Text(context.Background(), "jtai.txt", strings.NewReader(letter+"Eleanor Schooling\nNational Director, Social Care\n"))
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestJTAISignoffText reads the old two-column sign-off from text: the
// cells one per line, row by row (pdftotext without -layout), and the two
// columns side by side (-layout).
func TestJTAISignoffText(t *testing.T) {
	want := []record.Signatory{
		{Name: "Eleanor Schooling", Title: "National Director, Social Care", Inspectorate: record.InspectorateOfsted},
		{Name: "Ursula Gallagher", Title: "Deputy Chief Inspector", Inspectorate: record.InspectorateCQC},
		{Name: "Wendy Williams", Title: "Her Majesty’s Inspector of Constabulary", Inspectorate: record.InspectorateHMIC},
		{Name: "Alan MacDonald", Title: "Assistant Chief Inspector", Inspectorate: record.InspectorateProbation},
	}
	tests := []struct {
		name, signoff string
	}{
		{"one cell a line", `Ofsted
Care Quality Commission
Eleanor Schooling
Ursula Gallagher
National Director, Social Care
Deputy Chief Inspector
HMI Constabulary
HMI Probation
Wendy Williams
Alan MacDonald
Her Majesty’s Inspector of Constabulary
Assistant Chief Inspector
`},
		{"headings run together", `Ofsted Care Quality Commission
Eleanor Schooling
Ursula Gallagher
National Director, Social Care
Deputy Chief Inspector
HMI Constabulary HMI Probation
Wendy Williams
Alan MacDonald
Her Majesty’s Inspector of Constabulary
Assistant Chief Inspector
`},
		{"layout", `  Ofsted                                       Care Quality Commission
                                               Ursula Gallagher
  Eleanor Schooling                            Deputy Chief Inspector
  National Director, Social Care

  HMI Constabulary                             HMI Probation
  Wendy Williams                               Alan MacDonald
  Her Majesty’s Inspector of Constabulary      Assistant Chief Inspector
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := parse.Text(context.Background(), "jtai.txt", strings.NewReader(jtaiBody+tt.signoff))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Letter.Kind != record.KindJTAI {
				t.Fatalf("kind %q", rec.Letter.Kind)
			}
			if diff := cmp.Diff(want, rec.Signoff.Signatories); diff != "" {
				t.Errorf("signatories (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJTAIFacts checks the facts of the short letter above read from text.
func TestJTAIFacts(t *testing.T) {
	rec := parseJTAIText(t, jtaiBody)
	v := rec.Visit
	got := []string{rec.Letter.Date, v.LocalAuthority, v.AuthorityKey, v.Dates[0], v.Dates[len(v.Dates)-1], v.Focus, strings.Join(v.Inspectorates, ",")}
	want := []string{"2017-02-01", "Hampshire", "hampshire", "2016-12-05", "2016-12-09", "the multi-agency response to abuse and neglect", "Ofsted,CQC,HMIC,HMI Probation"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
	var kinds []string
	for _, s := range rec.Sections {
		kinds = append(kinds, s.Kind)
	}
	if diff := cmp.Diff([]string{"introduction", "strengths", "improvements", "next-steps"}, kinds); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	if len(rec.Strengths) != 1 || len(rec.Improvements) != 1 || len(rec.Letter.Recipients) != 3 {
		t.Errorf("strengths %d, improvements %d, recipients %d; want 1, 1, 3", len(rec.Strengths), len(rec.Improvements), len(rec.Letter.Recipients))
	}
}

// jtaiNewFormat is a short new-format JTAI letter, written for the tests
// in the form of Bedford's of 2023.
const jtaiNewFormat = `31 March 2023

Martin Purbrick, Director of Children’s Services, Bedford Borough Council
Trevor Rodenhurst, Chief Constable, Bedfordshire Police
Maggie Atkinson, Independent Scrutineer

Dear Bedford Borough Safeguarding Children Partnership

Joint targeted area inspection of Bedford

This letter summarises the findings of the joint targeted area inspection (JTAI) of the multi-agency response to identification of initial need and risk in Bedford borough Council for children and families who need help.

This inspection took place from 6 to 10 February 2023. It was carried out by inspectors from Ofsted, the Care Quality Commission (CQC) and His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS).

Headline findings

Children and their families benefit from a comprehensive range of universal services.

What needs to improve?

• The quality and timeliness of information-sharing between all professionals.

Strengths

• The majority of early help support is provided to children and their families promptly.

Main findings

Children and their families are able to access a wide range of effective services.

Next steps

We have determined that Bedford Borough Council is the principal authority.

Yours sincerely

Yvette Stanley
National Director Regulation and Social Care, Ofsted

Dr Sean O’Kelly BSc MB ChB MSc DCH FRCA
Chief Inspector of Hospitals and Interim Chief Inspector of Primary
Medical Services, Care Quality Commission

Wendy Williams, CBE, His Majesty’s Inspector of Constabulary and Fire & Rescue Services
`

// TestJTAINewFormatText reads a short new-format JTAI letter from text:
// the area in the title, the subject in the first sentence, the dates in
// the second, and signatories one below the other, one of them with name
// and title on one line.
func TestJTAINewFormatText(t *testing.T) {
	letter := jtaiNewFormat
	rec, err := parse.Text(context.Background(), "jtai.txt", strings.NewReader(letter))
	if err != nil {
		t.Fatal(err)
	}
	v := rec.Visit
	got := []string{string(rec.Letter.Kind), v.LocalAuthority, v.AuthorityKey, v.Dates[0], v.Dates[len(v.Dates)-1], v.Focus, strings.Join(v.Inspectorates, ",")}
	want := []string{record.KindJTAI, "Bedford", "bedford", "2023-02-06", "2023-02-10",
		"the multi-agency response to identification of initial need and risk for children and families who need help", "Ofsted,CQC,HMICFRS"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
	wantSigs := []record.Signatory{
		{Name: "Yvette Stanley", Title: "National Director Regulation and Social Care, Ofsted", Inspectorate: record.InspectorateOfsted},
		{Name: "Sean O’Kelly", Title: "Chief Inspector of Hospitals and Interim Chief Inspector of Primary Medical Services, Care Quality Commission", Inspectorate: record.InspectorateCQC},
		{Name: "Wendy Williams", Title: "His Majesty’s Inspector of Constabulary and Fire & Rescue Services", Inspectorate: record.InspectorateHMICFRS},
	}
	if diff := cmp.Diff(wantSigs, rec.Signoff.Signatories); diff != "" {
		t.Errorf("signatories (-want +got):\n%s", diff)
	}
	var kinds []string
	for _, s := range rec.Sections {
		kinds = append(kinds, s.Kind)
	}
	if diff := cmp.Diff([]string{"introduction", "headline", "improvements", "strengths", "findings", "next-steps"}, kinds); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

// TestEndsAtSignoff parses letters whose text stops at "Yours sincerely",
// with no newline after it: each is read, with one warning at the
// sign-off's line that no signatory follows.
func TestEndsAtSignoff(t *testing.T) {
	seeds, _ := filepath.Glob("../testdata/letters/*.txt")
	inputs := map[string]string{"jtai": strings.TrimRight(jtaiBody, "\n")}
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		at := strings.LastIndex(text, "Yours sincerely")
		if at < 0 {
			continue
		}
		inputs[filepath.Base(p)] = text[:at+len("Yours sincerely")]
	}
	if len(inputs) < 3 {
		t.Fatalf("only %d letters with a sign-off in ../testdata/letters", len(inputs)-1)
	}
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			rec, err := parse.Text(context.Background(), name, strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			lastLine := strings.Count(text, "\n") + 1
			for _, w := range rec.Warnings {
				if w.Message == "no signatory after the sign-off" {
					if w.Line != lastLine {
						t.Errorf("warning on line %d, want the sign-off's line %d", w.Line, lastLine)
					}
					return
				}
			}
			t.Errorf("no warning that the signatory is missing: %v", rec.Warnings)
		})
	}
}

// TestSplitAddressee checks how one addressee's line of a JTAI letter is
// split into name, role and organisation, on lines of the corpus's
// letters: the commas of a list of places ("A, B and C Body") and of a
// bracket do not end the role or the organisation.
func TestSplitAddressee(t *testing.T) {
	tests := []struct {
		line string
		want record.Addressee
	}{
		{"Steve Crocker, Director of Children’s Services, Hampshire County Council",
			record.Addressee{Name: "Steve Crocker", Role: "Director of Children’s Services", Organisation: "Hampshire County Council"}},
		// the list's first item ends the role, after its job
		{"Gill Findlay, Director of Nursing Durham Dales, Easington and Sedgefield CCG and Durham CCG",
			record.Addressee{Name: "Gill Findlay", Role: "Director of Nursing", Organisation: "Durham Dales, Easington and Sedgefield CCG and Durham CCG"}},
		// the list's first items are parts of their own
		{"Suki Binning, Chief Executive, Kent, Surrey and Sussex Community Rehabilitation Company",
			record.Addressee{Name: "Suki Binning", Role: "Chief Executive", Organisation: "Kent, Surrey and Sussex Community Rehabilitation Company"}},
		{"John Wiseman, Probation Director, Bristol, Gloucestershire, Somerset and Wiltshire Community Rehabilitation Company",
			record.Addressee{Name: "John Wiseman", Role: "Probation Director", Organisation: "Bristol, Gloucestershire, Somerset and Wiltshire Community Rehabilitation Company"}},
		// the list is what the role is of: one role
		{"James Jolly, Head of Hounslow, Richmond & Kingston Probation Service",
			record.Addressee{Name: "James Jolly", Role: "Head of Hounslow, Richmond & Kingston Probation Service"}},
		// a bracket is one part
		{"Richard Temple, Assistant Chief Officer, Gloucestershire and Wiltshire (The Bristol, Gloucestershire, Somerset and Wiltshire Community Rehabilitation Company Limited)",
			record.Addressee{Name: "Richard Temple", Role: "Assistant Chief Officer", Organisation: "Gloucestershire and Wiltshire (The Bristol, Gloucestershire, Somerset and Wiltshire Community Rehabilitation Company Limited)"}},
		// a body, then a list of its own: not a list of places
		{"Alison Harding, Head of Bedfordshire LDU, National Probation Service South East and Eastern Division",
			record.Addressee{Name: "Alison Harding", Role: "Head of Bedfordshire LDU", Organisation: "National Probation Service South East and Eastern Division"}},
		{"Andy Brittain, A/Chief Superintendent, South BCU (Croydon, Bromley and Sutton Boroughs)",
			record.Addressee{Name: "Andy Brittain", Role: "A/Chief Superintendent, South BCU (Croydon, Bromley and Sutton Boroughs)"}},
		// a list of whole bodies, the last two joined by "and", is one
		// list with the bodies before it: here what the role is for
		{"Pat Lowe, Designated Doctor for NHS Leeds CCG, NHS Wakefield CCG and NHS Calderdale CCGs",
			record.Addressee{Name: "Pat Lowe", Role: "Designated Doctor for NHS Leeds CCG, NHS Wakefield CCG and NHS Calderdale CCGs"}},
		{"Pat Lowe Designated Nurse for NHS Harrogate, Ripon and Knaresborough CCG, NHS Leeds CCG and NHS Wakefield CCG",
			record.Addressee{Name: "Pat Lowe", Role: "Designated Nurse for NHS Harrogate, Ripon and Knaresborough CCG, NHS Leeds CCG and NHS Wakefield CCG"}},
		// one body whose name holds "and" stays the organisation
		{"Pat Lowe, Chief Nurse, NHS Kent and Medway ICB",
			record.Addressee{Name: "Pat Lowe", Role: "Chief Nurse", Organisation: "NHS Kent and Medway ICB"}},
		// a police rank is a job, after a name without a comma too
		{"Sam Jones Detective Superintendent, Kent Police",
			record.Addressee{Name: "Sam Jones", Role: "Detective Superintendent", Organisation: "Kent Police"}},
		{"Sam Jones Superintendent, Head of Public Protection",
			record.Addressee{Name: "Sam Jones", Role: "Superintendent, Head of Public Protection"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, parse.SplitAddressee(tt.line)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.line, diff)
		}
	}
}

// TestJTAIUnnamedSection reads a new-format JTAI letter whose section
// between the points to improve and the main findings has a heading of
// its own, not "Strengths": a list of points is read as the strengths,
// paragraphs as findings, and either way with a warning.
func TestJTAIUnnamedSection(t *testing.T) {
	tests := []struct {
		name, body, want, warning string
	}{
		{"points", "• The majority of early help support is provided to children and their families promptly.", record.SectionStrengths, "read as the strengths"},
		{"paragraphs", "Partners know their area well. The partnership does not yet receive enough data to understand the impact of its work.", record.SectionFindings, "read as findings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			letter := strings.Replace(jtaiNewFormat, "Strengths\n\n• The majority of early help support is provided to children and their families promptly.",
				"Bedford Borough Safeguarding Children Partnership\n\n"+tt.body, 1)
			if letter == jtaiNewFormat {
				t.Fatal("the letter has no strengths section to rename")
			}
			rec, err := parse.Text(context.Background(), "jtai.txt", strings.NewReader(letter))
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, s := range rec.Sections {
				kinds = append(kinds, s.Kind)
			}
			want := []string{"introduction", "headline", "improvements", tt.want, "findings", "next-steps"}
			if diff := cmp.Diff(want, kinds); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
			if !slices.ContainsFunc(rec.Warnings, func(w record.Warning) bool {
				return strings.Contains(w.Message, `"Bedford Borough Safeguarding Children Partnership" `+tt.warning)
			}) {
				t.Errorf("no warning names the heading: %v", rec.Warnings)
			}
		})
	}
}

// TestJTAIDeepDive checks that the subject of an old-format letter's
// "deep dive", as its introduction names it, joins the areas covered
// after the subject of the whole inspection, and that a letter that
// names none covers that subject alone.
func TestJTAIDeepDive(t *testing.T) {
	const dates = "HMI Probation (HMI Prob) undertook a joint inspection of the multi-agency response to abuse and neglect in Hampshire."
	tests := []struct {
		name, intro string
		want        []string
	}{
		{"focus on", dates + " This inspection included a ‘deep dive’ focus on the response to children living with domestic abuse.",
			[]string{"the multi-agency response to abuse and neglect", "the response to children living with domestic abuse"}},
		{"into", dates + " Inspectors also undertook a 'deep dive' into the effectiveness of services for children who go missing.",
			[]string{"the multi-agency response to abuse and neglect", "the effectiveness of services for children who go missing"}},
		{"hyphenated", dates + " This inspection included a ‘deep-dive’ focus on the response to children experiencing neglect.",
			[]string{"the multi-agency response to abuse and neglect", "the response to children experiencing neglect"}},
		{"none", dates, []string{"the multi-agency response to abuse and neglect"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			letter := strings.Replace(jtaiBody, dates, tt.intro, 1)
			if !strings.Contains(jtaiBody, dates) {
				t.Fatal("the test letter's introduction changed")
			}
			rec := parseJTAIText(t, letter)
			if diff := cmp.Diff(tt.want, rec.AreasCovered); diff != "" {
				t.Errorf("areas covered (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJTAIRunOnOverview: an old-format letter's last paragraph about the
// inspection that runs on, with no paragraph break, into the overview of
// the area gives the overview its sentences (Bristol 2017, York 2018); a
// judgement that names the inspection as a time does not count as one
// about the inspection.
func TestJTAIRunOnOverview(t *testing.T) {
	const dates = "HMI Probation (HMI Prob) undertook a joint inspection of the multi-agency response to abuse and neglect in Hampshire."
	const frame = "This letter to all the service leaders in the area outlines our findings.\n\n" +
		"This JTAI includes an evaluation of the multi-agency ‘front door’. This group of children will be referred to as ‘older children’ for the purpose of this letter."
	tests := []struct {
		name, intro string
		intro2      string   // the introduction's last paragraph after parsing
		overview    []string // the overview's paragraphs
	}{
		{"run on, no space", dates + "\n\n" + frame + "The partnership has a strong commitment. It is evident that most areas for improvement identified during the inspection had already been identified.",
			"This JTAI includes an evaluation of the multi-agency ‘front door’. This group of children will be referred to as ‘older children’ for the purpose of this letter.",
			[]string{"The partnership has a strong commitment. It is evident that most areas for improvement identified during the inspection had already been identified."}},
		{"run on", dates + "\n\n" + frame + " Local agencies share a strong common commitment.",
			"This JTAI includes an evaluation of the multi-agency ‘front door’. This group of children will be referred to as ‘older children’ for the purpose of this letter.",
			[]string{"Local agencies share a strong common commitment."}},
		{"a break", dates + "\n\n" + frame + "\n\nLocal agencies share a strong common commitment.",
			"This JTAI includes an evaluation of the multi-agency ‘front door’. This group of children will be referred to as ‘older children’ for the purpose of this letter.",
			[]string{"Local agencies share a strong common commitment."}},
		{"about the inspection to the end", dates + "\n\n" + frame + " In most cases seen by inspectors, there were other risks.",
			"This JTAI includes an evaluation of the multi-agency ‘front door’. This group of children will be referred to as ‘older children’ for the purpose of this letter. In most cases seen by inspectors, there were other risks.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			letter := strings.Replace(jtaiBody, dates, tt.intro, 1)
			rec := parseJTAIText(t, letter)
			var intro, overview []string
			for _, s := range rec.Sections {
				for _, p := range s.Paragraphs {
					switch s.Kind {
					case record.SectionIntro:
						intro = append(intro, p.Text)
					case record.SectionOverview:
						overview = append(overview, p.Text)
					}
				}
			}
			if len(intro) == 0 || intro[len(intro)-1] != tt.intro2 {
				t.Errorf("introduction ends %q, want %q", intro, tt.intro2)
			}
			if diff := cmp.Diff(tt.overview, overview); diff != "" {
				t.Errorf("overview (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTitleBrokenLine: a title that extraction broke after a word no
// title ends on ("... of Royal Borough of Windsor and" / "Maidenhead",
// Windsor and Maidenhead 2022 as pdftotext writes it) is joined, so the
// authority is read whole and no section opens under the rest; a title
// that ends on a noun takes no next line.
func TestTitleBrokenLine(t *testing.T) {
	const title = "Joint targeted area inspection of the multi-agency response to abuse and neglect in Hampshire"
	tests := []struct {
		name, title, want, authority string
	}{
		{"broken after and", "Joint targeted area inspection of Royal Borough of Windsor and\nMaidenhead",
			"Joint targeted area inspection of Royal Borough of Windsor and Maidenhead", "Royal Borough of Windsor and Maidenhead"},
		{"whole", title, title, "Hampshire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			letter := strings.Replace(jtaiBody, title, tt.title, 1)
			rec := parseJTAIText(t, letter)
			if rec.Letter.Title != tt.want || rec.Visit.LocalAuthority != tt.authority {
				t.Errorf("title %q, authority %q; want %q, %q", rec.Letter.Title, rec.Visit.LocalAuthority, tt.want, tt.authority)
			}
			for _, s := range rec.Sections {
				if s.Heading == "Maidenhead" {
					t.Errorf("the title's rest opened a section")
				}
			}
		})
	}
}

// TestPageBreakIndent: pdftotext -layout's text of Sefton's 2019 JTAI
// letter (testdata/layout) splits points at page breaks, and a page's
// lines can stand a space further in than the last page's; the form feed
// that starts a page is no indent, so a split point's next line is read
// as its other lines are, and the point stays one ("... (CJMHT) for
// mental health and vulnerability issues. Children are appropriately
// seen ..."): the letter's 26 strengths, as from its PDF.
func TestPageBreakIndent(t *testing.T) {
	rec, err := parse.File(context.Background(), "../testdata/layout/sefton_2019-12-18.jtai.layout.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Strengths) != 26 {
		t.Errorf("%d strengths, want 26", len(rec.Strengths))
	}
	const split = "(CJMHT) for mental health and vulnerability issues. Children are appropriately seen out of hours"
	if !slices.ContainsFunc(rec.Strengths, func(s string) bool { return strings.Contains(s, split) }) {
		t.Errorf("no strength holds %q: the page break split its point", split)
	}
}
