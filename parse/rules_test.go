package parse

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/internal/sentence"
	"github.com/ofsted-letters/letters/record"
)

func TestParseVisitDates(t *testing.T) {
	tests := []struct {
		span        string
		defaultYear int
		want        []string
		guessed     bool
		wantErr     bool
	}{
		{"23 and 24 September 2025", 0, []string{"2025-09-23", "2025-09-24"}, false, false},
		{"30 November and 1 December 2022", 0, []string{"2022-11-30", "2022-12-01"}, false, false},
		{"3 to 5 May 2023", 0, []string{"2023-05-03", "2023-05-04", "2023-05-05"}, false, false},
		{"29 and 30 September, and 1 October 2020", 0, []string{"2020-09-29", "2020-09-30", "2020-10-01"}, false, false},
		{"11 December 2018", 0, []string{"2018-12-11"}, false, false},
		{"26 to 27 March 2025", 0, []string{"2025-03-26", "2025-03-27"}, false, false},
		{"3–5 May 2023", 0, []string{"2023-05-03", "2023-05-04", "2023-05-05"}, false, false},
		{"30 December 2022 to 2 January 2023", 0, []string{"2022-12-30", "2022-12-31", "2023-01-01", "2023-01-02"}, false, false},
		{"15 and 16 of May 2018", 0, []string{"2018-05-15", "2018-05-16"}, false, false},
		{"1st and 2nd March 2021", 0, []string{"2021-03-01", "2021-03-02"}, false, false},
		{"23 and 24 September", 2025, []string{"2025-09-23", "2025-09-24"}, true, false},
		{"30 and 31 February 2023", 0, nil, false, true},
		{"5 to 3 May 2023", 0, nil, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.span, func(t *testing.T) {
			got, guessed, err := parseVisitDates(tt.span, tt.defaultYear)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("dates (-want +got):\n%s", diff)
			}
			if err == nil && guessed != tt.guessed {
				t.Errorf("guessed = %v, want %v", guessed, tt.guessed)
			}
		})
	}
}

func TestDateSpanInSentence(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"This letter summarises the findings of the monitoring visit to Liverpool City Council children’s services on 23 and 24 September 2025.", "23 and 24 September 2025"},
		{"the focused visit to Camden children’s services on the 15 and 16 of May 2018.", "15 and 16 of May 2018"},
		{"services on 29 and 30 September, and 1 October 2020. The visit was", "29 and 30 September, and 1 October 2020"},
	}
	for _, tt := range tests {
		if got := dateSpan.FindString(tt.sentence); got != tt.want {
			t.Errorf("dateSpan in %q = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestParseFullDate(t *testing.T) {
	tests := map[string]string{
		"23 October 2025":          "2025-10-23",
		"1st February 2019":        "2019-02-01",
		"Tuesday 3 March 2020":     "2020-03-03",
		"7 Sept 2021":              "2021-09-07",
		"31 June 2021":             "", // no such day
		"October 2025":             "",
		"23 October 2025 and then": "",
	}
	for in, want := range tests {
		if got := parseFullDate(in); got != want {
			t.Errorf("parseFullDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVisitNumber(t *testing.T) {
	tests := map[string]int{
		"This was the sixth monitoring visit since the local authority was judged inadequate in May 2023.": 6,
		"This was the third monitoring visit since the joint targeted area inspection":                     3,
		"This was the first monitoring visit.":                                                             1,
		"This was the 12th monitoring visit since the inspection.":                                         12,
		"This was the twenty-first monitoring visit.":                                                      21,
		"This letter summarises the findings of the focused visit.":                                        0,
		"This was the final monitoring visit before the inspection.":                                       0,
	}
	for in, want := range tests {
		if got := visitNumber(in); got != want {
			t.Errorf("visitNumber(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestSince(t *testing.T) {
	tests := []struct {
		sentence string
		want     *record.Since
	}{
		{"This was the sixth monitoring visit since the local authority was judged inadequate in May 2023.", &record.Since{Judgement: "inadequate", Month: "2023-05"}},
		{"This was the third monitoring visit since the joint targeted area inspection (JTAI) of the multi-agency response to abuse and neglect in June 2016 that found evidence of serious and widespread deficits.", &record.Since{Event: "joint targeted area inspection (JTAI) of the multi-agency response to abuse and neglect", Month: "2016-06"}},
		{"This was the second monitoring visit since the local authority was judged to be inadequate in March 2022.", &record.Since{Judgement: "inadequate", Month: "2022-03"}},
		{"This letter summarises the findings of the focused visit.", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, sinceOf(tt.sentence)); diff != "" {
			t.Errorf("sinceOf(%q) (-want +got):\n%s", tt.sentence, diff)
		}
	}
}

func TestParseInspectors(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"The inspectors were Nigel Parkes HMI and Pauline Higham HMI.", []string{"Nigel Parkes", "Pauline Higham"}},
		{"The inspectors were Mandy Nightingale, Her Majesty’s Inspector, and Paula Thomson-Jones, Her Majesty’s Inspector.", []string{"Mandy Nightingale", "Paula Thomson-Jones"}},
		{"The visit was conducted by Kate Malleson and Louise Hocking, two of Her Majesty’s Inspectors.", []string{"Kate Malleson", "Louise Hocking"}},
		{"His Majesty’s Inspectors for this visit were Kathryn Grindrod, Leanne Cooper and Rebecca Dubbins.", []string{"Kathryn Grindrod", "Leanne Cooper", "Rebecca Dubbins"}},
		{"The inspectors were Louise Warren, HMI, and John Roughton, HMI.", []string{"Louise Warren", "John Roughton"}},
		{"His Majesty’s Inspectors for this visit were lead inspector Ceri Evans and team inspector Monique Lindsay.", []string{"Ceri Evans", "Monique Lindsay"}},
		{"The visit was carried out by Kate Malleson, Louise Hocking and Jon Bowman, all of whom are Her Majesty’s Inspectors.", []string{"Kate Malleson", "Louise Hocking", "Jon Bowman"}},
		{"The inspectors were Shabana Abasi and Lorna Schlechte, both Her Majesty’s Inspectors.", []string{"Shabana Abasi", "Lorna Schlechte"}},
		{"The inspectors were Kate Malleson, Her Majesty’s Inspector, and Stephanie Murray, Senior Her Majesty’s Inspector.", []string{"Kate Malleson", "Stephanie Murray"}},
		{"The inspectors were Nigel Parkes and Tracey Scott, Her Majesty’s Inspectors (HMI) Social Care, and Jane Spilsbury, HMI Schools.", []string{"Nigel Parkes", "Tracey Scott", "Jane Spilsbury"}},
		{"Her Majesty’s Inspectors for this visit were Brenda McLaughlin, lead inspector, Tracey Ledder, team inspector and Nhlanganiso Nyathi, who observed the visit.", []string{"Brenda McLaughlin", "Tracey Ledder"}},
		{"Her Majesty’s Inspectors (HMI) for this visit were Russel Breyer and Victoria Metheringham, with Teresa Godfrey, HMI designate.", []string{"Russel Breyer", "Victoria Metheringham", "Teresa Godfrey"}},
		{"The inspectors were Maire Atherton and Vincent van Gogh.", []string{"Maire Atherton", "Vincent van Gogh"}},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			if !inspectorSentence(tt.sentence) {
				t.Errorf("not taken for a sentence naming inspectors")
			}
			got, _ := parseInspectors(tt.sentence)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("inspectors (-want +got):\n%s", diff)
			}
		})
	}
	for _, s := range []string{
		"Her Majesty’s Chief Inspector of Education, Children’s Services and Skills is leading Ofsted’s work.",
		"Inspectors looked at the local authority’s arrangements for care leavers.",
	} {
		if inspectorSentence(s) {
			if names, _ := parseInspectors(s); len(names) > 0 {
				t.Errorf("%q gives inspectors %q, want none", s, names)
			}
		}
	}
}

func TestHeadingKinds(t *testing.T) {
	tests := map[string]string{
		"Areas covered by the visit": record.SectionAreas,
		"Overview":                   record.SectionOverview,
		"Headline findings":          record.SectionHeadline,
		"Headline Findings.":         record.SectionHeadline,
		"What needs to improve in this area of social work practice?":  record.SectionImprovements,
		"What needs to improve in this area of social work practice?1": record.SectionImprovements,
		"What needs to improve in this area of social work practice:":  record.SectionImprovements,
		"Areas for improvement":                                record.SectionImprovements,
		"Areas for priority action":                            record.SectionPriority,
		"Area for priority action":                             record.SectionPriority,
		"Main findings":                                        record.SectionFindings,
		"Findings":                                             record.SectionFindings,
		"Findings and evaluation of progress":                  record.SectionFindings,
		"## Findings and evaluation of progress":               "", // markup is removed before, by cleanLine
		"areas for improvement. Despite innovative actions":    "",
		"Findings from audits are shared with social workers.": "",
		"1. Leadership and management":                         "",
	}
	for in, want := range tests {
		if got := isHeadingText(in); got != want {
			t.Errorf("isHeadingText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLooksLikeHeading(t *testing.T) {
	tests := map[string]bool{
		"1. Leadership and management":                                 true,
		"2. Identification, assessment and reduction of risks":         true,
		"Areas of strength":                                            true,
		"2019. A current absence of team managers has resulted":        false,
		"The councils previously serving the boroughs of":              false,
		"Inspectors looked at the arrangements for the ‘front door’.’": false,
		"children in care":                                             false,
		"Leaders know their services well.":                            false,
	}
	for in, want := range tests {
		if got := looksLikeHeading(block{kind: blockParagraph, text: in, lines: 1}); got != want {
			t.Errorf("looksLikeHeading(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestClassify is the table of the one line classifier: a line's text and
// the evidence of its source give its kind (and a bullet's level and text).
func TestClassify(t *testing.T) {
	var (
		none       = evidence{}
		artifact   = evidence{artifact: true}
		running    = evidence{running: true}
		letterhead = evidence{letterhead: true}
		footnote   = evidence{footnote: true}
	)
	tests := []struct {
		line  string
		ev    evidence
		kind  lineKind
		level int
		rest  string
	}{
		{"", none, lineBlank, 0, ""},
		{"", artifact, lineBlank, 0, ""}, // nothing to place
		{"◼ Response to contacts and referrals.", none, lineBullet, 0, "Response to contacts and referrals."},
		{"B Planning and achieving permanence for children in care.", none, lineBullet, 0, "Planning and achieving permanence for children in care."},
		{"- leadership and management; in particular", none, lineBullet, 0, "leadership and management; in particular"},
		{"• The quality of supervision", none, lineBullet, 0, "The quality of supervision"},
		{"\uf0b7 Social workers having manageable caseloads", none, lineBullet, 0, "Social workers having manageable caseloads"},
		{"⎯ nested point", none, lineBullet, 1, "nested point"},
		{"o nested point", none, lineBullet, 1, "nested point"},
		{"-based practice", none, lineText, 0, "-based practice"},
		{"Page 2 of 6", none, lineFurniture, 0, "Page 2 of 6"},
		{"7", none, lineFurniture, 0, "7"},
		{"Piccadilly Gate", none, lineFurniture, 0, "Piccadilly Gate"},
		{"T 0300 123 1231", none, lineFurniture, 0, "T 0300 123 1231"},
		{"Aviation House 125 Kingsway London WC2B 6SE T 0300 123 1231 enquiries@ofsted.gov.uk www.ofsted.gov.uk", none, lineFurniture, 0, "Aviation House 125 Kingsway London WC2B 6SE T 0300 123 1231 enquiries@ofsted.gov.uk www.ofsted.gov.uk"},
		{"Ofsted is proud to use recycled paper", none, lineFurniture, 0, "Ofsted is proud to use recycled paper"},
		{"Both managers and social workers", none, lineText, 0, "Both managers and social workers"},
		{"2019. A current absence of team managers", none, lineText, 0, "2019. A current absence of team managers"},
		// The source's evidence places a line whatever its text says.
		{"Liverpool City Council children’s services", artifact, lineFurniture, 0, "Liverpool City Council children’s services"},
		{"Monitoring visit to Liverpool", running, lineFurniture, 0, "Monitoring visit to Liverpool"},
		{"Manchester", letterhead, lineFurniture, 0, "Manchester"},
		{"• a bullet in the letterhead block", letterhead, lineFurniture, 0, "a bullet in the letterhead block"},
		{"The areas for improvement have been cross-referenced", footnote, lineFootnote, 0, "The areas for improvement have been cross-referenced"},
		{"7", footnote, lineFootnote, 0, "7"},                                                     // a footnote's number is the footnote's
		{"Page 2 of 6", evidence{running: true, footnote: true}, lineFurniture, 0, "Page 2 of 6"}, // furniture first
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			l := line{raw: cleanLine(tt.line), ev: tt.ev}
			classify(&l)
			if l.kind != tt.kind || l.level != tt.level || l.text != tt.rest {
				t.Errorf("classify(%q, %+v) = %v, %d, %q; want %v, %d, %q", tt.line, tt.ev, l.kind, l.level, l.text, tt.kind, tt.level, tt.rest)
			}
			again := l
			classify(&again)
			if again != l {
				t.Errorf("classify is not idempotent: %+v, then %+v", l, again)
			}
		})
	}
}

func TestCleanLine(t *testing.T) {
	tests := map[string]string{
		"#### **Overview**":                        "Overview",
		"# 3. Child sexual exploitation":           "3. Child sexual exploitation",
		"Nigel Parkes **Her Majesty's Inspector**": "Nigel Parkes Her Majesty's Inspector",
		"  children’s  services \t":                "children’s services",
		"\fPage 3":                                 "Page 3",
		"Piccadilly Gate      T 0300":              "Piccadilly Gate   T 0300",
	}
	for in, want := range tests {
		if got := cleanLine(in); got != want {
			t.Errorf("cleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAuthorityFrom(t *testing.T) {
	tests := map[string]string{
		"Monitoring visit to Liverpool City Council children’s services":                    "Liverpool City Council",
		"Monitoring visit of Liverpool City Council local authority children's services":    "Liverpool City Council",
		"Focused visit to Barnet children’s services":                                       "Barnet",
		"Focused visit to the London Borough of Harrow local authority children’s services": "London Borough of Harrow",
		"Focused visit to Sandwell Children’s Trust":                                        "Sandwell Children’s Trust",
		"Focused visit to Bournemouth, Christchurch and Poole (BCP) children’s services":    "Bournemouth, Christchurch and Poole (BCP)",
	}
	for in, want := range tests {
		if got := authorityFrom(in); got != want {
			t.Errorf("authorityFrom(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentences(t *testing.T) {
	got := sentence.Split("The inspectors were Mr J. Smith and Dr Jones. They met e.g. social workers. Section 47 enquiries (s.47) were timely. “Good work.” Then more.")
	want := []string{"The inspectors were Mr J. Smith and Dr Jones.", "They met e.g. social workers.", "Section 47 enquiries (s.47) were timely.", "“Good work.”", "Then more."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

func TestNoneToReport(t *testing.T) {
	tests := []struct {
		text string
		none bool
	}{
		{"There are no priority actions following this focused visit.", true},
		{"There are no priority actions.", true},
		{"No areas for priority action were identified.", true},
		{"There are no additional areas for improvement", true},
		{"There are no further recommendations.", true},
		// a point that happens to start with "There is no"
		{"There is no dedicated support available for 16- and 17-year-old children in care.", false},
		{"There is no independent review and scrutiny of plans for care leavers.", false},
		// a paragraph that says more than that there are none
		{"The areas for priority action set at the last focused visit in February 2020 remain. There are no additional priority actions.", false},
		{"No child is left without a plan.", false},
	}
	for _, tt := range tests {
		if got := noneToReport.MatchString(tt.text); got != tt.none {
			t.Errorf("noneToReport(%q) = %v, want %v", tt.text, got, tt.none)
		}
	}
}

func TestClosingNote(t *testing.T) {
	tests := []struct {
		text    string
		closing bool
	}{
		{"Thank you and your staff for your positive engagement with the focused visit.", true},
		{"We would like to thank the children, families and staff who spoke to us.", true},
		{"I am copying this letter to the Department for Education.", true},
		{"Ofsted will take the findings from this focused visit into account when planning your next inspection or visit.", true},
		{"Care leavers thank their personal advisers for their support.", false},
		{"Thankfully, no child was left at risk.", false},
	}
	for _, tt := range tests {
		if got := closingNote.MatchString(tt.text); got != tt.closing {
			t.Errorf("closingNote(%q) = %v, want %v", tt.text, got, tt.closing)
		}
	}
}

// TestHangingIndentOverPageBreak checks the rule that joins the first
// line of a page to a bullet at the foot of the page before when it
// stands at the bullet's hanging indent, as in blackpool_2021-04-09.pdf
// (points as in that letter).
func TestHangingIndentOverPageBreak(t *testing.T) {
	const glyph, hang, margin = 43.7, 57.8, 43.7
	bullet := func(page int, right float64) []line {
		return []line{
			{kind: lineBullet, text: "The quality of social work practice for children is highly", left: glyph, right: 522, pos: record.Pos{Line: 39, Page: page}},
			{kind: lineText, text: "variable, including in the children with complex needs team (CWCNT).", left: hang, right: right, pos: record.Pos{Line: 40, Page: page}},
		}
	}
	next := func(left float64) line {
		return line{kind: lineText, text: "This has sometimes led to avoidable drift and delay.", left: left, right: 300, need: 40, pos: record.Pos{Line: 1, Page: 4}, gap: true}
	}
	tests := []struct {
		name   string
		lines  []line
		blocks int
	}{
		{"at the hanging indent after a full line: the bullet goes on", append(bullet(3, 510), next(hang)), 1},
		{"at the margin: a new paragraph", append(bullet(3, 510), next(margin)), 2},
		{"at the hanging indent after a short line that ends a sentence: a new paragraph", append(bullet(3, 300), next(hang)), 2},
		{"on the same page after a gap: a new paragraph", append(bullet(4, 510), next(hang)), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := toBlocks(tt.lines, -1); len(got) != tt.blocks {
				t.Errorf("%d blocks, want %d: %+v", len(got), tt.blocks, got)
			}
		})
	}
}

func TestDateReadings(t *testing.T) {
	tests := []struct {
		line     string
		readings []string
		dated    bool
	}{
		// north-somerset_2025-11-06.pdf prints its date so
		{"6 November 20205", []string{"2205-11-06", "2005-11-06", "2025-11-06", "2020-11-06"}, true},
		{"6 November 25", []string{"2025-11-06"}, true},
		{"Tuesday 31 June 2021", nil, true}, // no such day: no reading
		{"29 February 20213", nil, true},    // no reading is a leap year
		{"6 November", nil, false},
		{"Town Hall", nil, false},
		{"6 Church Street 2025", nil, false},
	}
	for _, tt := range tests {
		readings, dated := dateReadings(tt.line)
		if dated != tt.dated {
			t.Errorf("dateReadings(%q): dated = %v, want %v", tt.line, dated, tt.dated)
		}
		if diff := cmp.Diff(tt.readings, readings); diff != "" {
			t.Errorf("dateReadings(%q) (-want +got):\n%s", tt.line, diff)
		}
	}
}

func TestFollowsVisit(t *testing.T) {
	visit := []string{"2019-12-18", "2019-12-19"}
	tests := map[string]bool{
		"2020-01-21": true,
		"2019-12-19": false, // on the last day of the visit
		"2019-01-21": false, // dudley_2020-01-21.pdf: a year too early
		"2020-12-18": true,  // the last day within a year
		"2020-12-19": false, // the first visit day more than a year before
	}
	for date, want := range tests {
		if got := followsVisit(date, visit); got != want {
			t.Errorf("followsVisit(%s, %v) = %v, want %v", date, visit, got, want)
		}
	}
}

// TestIsFocus: the sentence of a focused visit's introduction that says
// what the visit looked at, not how it looked (Bedford 2019's letter
// says its focus as "The focus of this visit was on ...", then "Inspectors
// looked at a range of evidence", its methods).
func TestIsFocus(t *testing.T) {
	tests := map[string]bool{
		"Inspectors looked at the local authority’s arrangements for care leavers.":                 true,
		"During this visit, inspectors evaluated the quality of help and protection.":               true,
		"This visit looked at the quality of practice for children in need.":                        true,
		"The focus of this visit was on planning and achieving permanence for children.":            true,
		"The focus of the focused visit was the front door.":                                        true,
		"Inspectors looked at a range of evidence, including children’s case records.":              false,
		"Inspectors considered evidence from case records and performance information.":             false,
		"Inspectors considered a broad range of evidence, including discussions with managers.":     false,
		"This visit considered a range of evidence, including children’s case records.":             false,
		"Inspectors looked at case records and spoke to social workers.":                            false,
		"Inspectors reviewed children’s records in detail.":                                         false,
		"This letter summarises the findings of a focused visit to Bedford children’s services.":    false,
		"The methodology for this visit was in line with the inspection of local authority (ILACS)": false,
	}
	for in, want := range tests {
		if got := isFocus(in); got != want {
			t.Errorf("isFocus(%q) = %v, want %v", in, got, want)
		}
	}
}
