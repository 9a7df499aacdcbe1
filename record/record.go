package record

import (
	"fmt"
	"strings"
)

// SchemaVersion is the version of the record format that package parse
// writes and this package reads. It changes only when a field changes meaning or is removed; new
// optional fields keep the version.
const SchemaVersion = 1

// Formats of a source file.
const (
	FormatText = "text"
	FormatPDF  = "pdf"
)

// Kinds of letter.
const (
	KindMonitoring = "monitoring-visit"
	KindFocused    = "focused-visit"
	// KindJTAI is a joint targeted area inspection: Ofsted, the Care
	// Quality Commission and the inspectorates of constabulary and of
	// probation writing together to an area's leaders.
	KindJTAI  = "joint-targeted-area-inspection"
	KindOther = "other"
)

// Kinds of section. Every section of a letter has one; headings that fit
// none of the others are "other".
const (
	SectionAreas        = "areas"        // areas covered by the visit
	SectionOverview     = "overview"     // overview or summary
	SectionHeadline     = "headline"     // headline findings
	SectionImprovements = "improvements" // what needs to improve
	SectionPriority     = "priority"     // areas for priority action
	SectionFindings     = "findings"     // findings, main findings, findings and evaluation of progress
	SectionIntro        = "introduction" // the paragraphs between the title and the first heading
	SectionOther        = "other"        // any other heading
	// The kinds below come from joint targeted area inspection letters.
	SectionStrengths = "strengths"  // key strengths, strengths
	SectionCaseStudy = "case-study" // a boxed case or practice study
	SectionContext   = "context"    // context
	SectionNextSteps = "next-steps" // next steps: the statement of action asked for
)

// What a case-study section shows (Section.Practice).
const (
	PracticeEffective   = "effective"   // "highly effective practice", "effective practice"
	PracticeImprovement = "improvement" // "area(s) for improvement", "areas for priority action"
)

// Inspectorates that take part in a joint targeted area inspection, as
// Visit.Inspectorates and Signatory.Inspectorate name them.
const (
	InspectorateOfsted    = "Ofsted"
	InspectorateCQC       = "CQC"           // Care Quality Commission
	InspectorateHMIC      = "HMIC"          // HM Inspectorate of Constabulary, until July 2017
	InspectorateHMICFRS   = "HMICFRS"       // HM Inspectorate of Constabulary and Fire & Rescue Services
	InspectorateProbation = "HMI Probation" // HM Inspectorate of Probation
)

// Kinds of paragraph.
const (
	ParagraphText     = "paragraph"
	ParagraphBullet   = "bullet"
	ParagraphFootnote = "footnote"
)

// A Record is everything package parse reads from one letter. Its YAML form is the
// contract with users; README.md documents every field and the JSON Schema
// in schema/ checks it.
type Record struct {
	Schema int    `yaml:"schema" json:"schema"`
	Source Source `yaml:"source" json:"source"`
	Letter Letter `yaml:"letter" json:"letter"`
	Visit  Visit  `yaml:"visit" json:"visit"`

	// Sections are the letter's sections in the order printed, from the
	// introduction to the last section before the sign-off.
	Sections []Section `yaml:"sections" json:"sections"`

	// The convenience lists below repeat the text of the paragraphs of
	// every section of one kind, so that scripts need not know the wording
	// of a letter's headings.

	// AreasCovered holds the bullets of the areas-covered section, or, for
	// a focused visit without one, its statement of what the visit looked at.
	AreasCovered []string `yaml:"areas_covered" json:"areas_covered"`
	// HeadlineFindings holds the paragraphs of the headline and overview sections.
	HeadlineFindings []string `yaml:"headline_findings" json:"headline_findings"`
	// Improvements holds the points of the improvements and priority
	// sections: their bullets and paragraphs, without a lead-in that only
	// introduces a list ("... the following areas of practice:").
	Improvements []string `yaml:"improvements" json:"improvements"`
	// PriorityActions holds the points of the priority sections ("Areas
	// for priority action"), which Improvements also holds: the most
	// serious concerns, of which the Department for Education is told.
	PriorityActions []string `yaml:"priority_actions" json:"priority_actions"`
	// Findings holds the paragraphs of the findings sections.
	Findings []string `yaml:"findings" json:"findings"`
	// Strengths holds the points of the strengths sections of a joint
	// targeted area inspection letter, without a lead-in; absent for
	// other kinds.
	Strengths []string `yaml:"strengths,omitempty" json:"strengths,omitempty"`

	// Footnotes are the footnotes printed at the foot of pages, each with
	// where it starts.
	Footnotes []Paragraph `yaml:"footnotes,omitempty" json:"footnotes,omitempty"`

	Signoff  Signoff   `yaml:"signoff" json:"signoff"`
	Warnings []Warning `yaml:"warnings" json:"warnings"`
}

// Source says which file a record came from.
type Source struct {
	// Path is the path as given on the command line; "-" for stdin.
	Path string `yaml:"path" json:"path"`
	// SHA256 is the hex SHA-256 of the file's bytes.
	SHA256 string `yaml:"sha256" json:"sha256"`
	// Format is FormatText or FormatPDF, detected from the content.
	Format string `yaml:"format" json:"format"`
	// Pages is the number of pages: of the PDF, or of form-feed separated
	// pages in text; 0 when text has no page breaks.
	Pages int `yaml:"pages,omitempty" json:"pages,omitempty"`
}

// Letter is the letter as a document: when, to whom, about what.
type Letter struct {
	// Date is the date printed at the head of the letter, YYYY-MM-DD;
	// absent when the letter prints none (a warning says so).
	Date string `yaml:"date,omitempty" json:"date,omitempty"`
	// Kind is KindMonitoring, KindFocused, KindJTAI or KindOther.
	Kind       string    `yaml:"kind" json:"kind"`
	Title      string    `yaml:"title" json:"title"`
	Salutation string    `yaml:"salutation" json:"salutation"`
	Recipient  Recipient `yaml:"recipient" json:"recipient"`
	// Recipients are all the addressees of a letter written to more than
	// one person, as a joint targeted area inspection letter is, or a
	// focused visit's letter to a council's director and a children's
	// trust's chief executive (Recipient is then the first of them);
	// absent for a letter to one person.
	Recipients []Addressee `yaml:"recipients,omitempty" json:"recipients,omitempty"`
}

// An Addressee is one of the many people a letter is addressed to.
type Addressee struct {
	// Honorific is "Mr", "Ms", "Dr", ... when printed.
	Honorific string `yaml:"honorific,omitempty" json:"honorific,omitempty"`
	// Name is the person's name, without honorific or post-nominals.
	Name string `yaml:"name" json:"name"`
	// Role is the job title as printed ("Chief Constable"); empty when
	// none is.
	Role string `yaml:"role" json:"role"`
	// Organisation is the body named after the role ("Hampshire
	// Constabulary"); empty when the role names it or none is printed.
	Organisation string `yaml:"organisation" json:"organisation"`
}

// Recipient is the addressee block of a letter: the addressee (whose
// honorific is often not printed) and the postal address below it.
type Recipient struct {
	Addressee `yaml:",inline"`
	Address   []string `yaml:"address" json:"address"`
}

// Visit is what the letter says about the visit it reports.
type Visit struct {
	// LocalAuthority is the authority as printed in the title or first
	// paragraph, such as "Liverpool City Council".
	LocalAuthority string `yaml:"local_authority" json:"local_authority"`
	// AuthorityKey is a short lower-case key that groups the visits of one
	// authority: "liverpool" for Liverpool City Council, "croydon" for the
	// London Borough of Croydon.
	AuthorityKey string `yaml:"authority_key" json:"authority_key"`
	// LACode is the Department for Education's three-digit code of the
	// authority ("341"), ONSCode its nine-character ONS code
	// ("E08000012") and Region its region of England ("North West"),
	// found from AuthorityKey in the lookup that letters embeds; empty
	// when the key matches no authority (the record then has a warning).
	// An authority that no longer exists keeps its own codes.
	LACode  string `yaml:"la_code,omitempty" json:"la_code,omitempty"`
	ONSCode string `yaml:"ons_code,omitempty" json:"ons_code,omitempty"`
	Region  string `yaml:"region,omitempty" json:"region,omitempty"`
	// Dates are the days of the visit, YYYY-MM-DD, in order.
	Dates []string `yaml:"dates" json:"dates"`
	// Number is which monitoring visit this was (the "sixth" is 6); 0 when
	// the letter does not say.
	Number int `yaml:"number,omitempty" json:"number,omitempty"`
	// Since is the judgement or event that started monitoring, when the
	// letter names it.
	Since *Since `yaml:"since,omitempty" json:"since,omitempty"`
	// Inspectors are the inspectors' names, without titles.
	Inspectors []string `yaml:"inspectors" json:"inspectors"`
	// Framework is the inspection framework named, such as "ILACS".
	Framework string `yaml:"framework,omitempty" json:"framework,omitempty"`
	// Focus is, for a focused visit, the sentence that says what the visit
	// looked at; for a joint targeted area inspection, its subject ("the
	// multi-agency response to abuse and neglect").
	Focus string `yaml:"focus,omitempty" json:"focus,omitempty"`
	// Inspectorates are the inspectorates that took part in a joint
	// targeted area inspection (the Inspectorate constants), in that
	// order; absent for other kinds.
	Inspectorates []string `yaml:"inspectorates,omitempty" json:"inspectorates,omitempty"`
}

// Since is the judgement or event that monitoring follows.
type Since struct {
	// Judgement is the judgement named, such as "inadequate"; empty when
	// the letter names an event instead.
	Judgement string `yaml:"judgement,omitempty" json:"judgement,omitempty"`
	// Event is the event named when it is not a judgement, such as "joint
	// targeted area inspection (JTAI)".
	Event string `yaml:"event,omitempty" json:"event,omitempty"`
	// Month is the month of the judgement or event, YYYY-MM.
	Month string `yaml:"month,omitempty" json:"month,omitempty"`
}

// A Section is one headed part of a letter.
type Section struct {
	// Heading is the heading as printed, without numbering artefacts such
	// as markdown marks; empty for the introduction.
	Heading string `yaml:"heading" json:"heading"`
	// Kind is one of the Section constants.
	Kind string `yaml:"kind" json:"kind"`
	// Practice says, for a case-study section, whether it shows
	// effective practice or an area for improvement (PracticeEffective,
	// PracticeImprovement); absent for other kinds and when the heading
	// does not say.
	Practice string `yaml:"practice,omitempty" json:"practice,omitempty"`
	// Line and Page say where the heading stands (for the introduction,
	// its first paragraph).
	Pos        `yaml:",inline" json:",inline"`
	Paragraphs []Paragraph `yaml:"paragraphs" json:"paragraphs"`
}

// A Paragraph is one paragraph or bullet of a section, as clean text.
type Paragraph struct {
	// Kind is ParagraphText, ParagraphBullet or, in Footnotes,
	// ParagraphFootnote.
	Kind string `yaml:"kind" json:"kind"`
	// Text is the paragraph as printed, on one line, whitespace normalised,
	// words split across lines joined again.
	Text string `yaml:"text" json:"text"`
	// Subheading is the sub-heading the paragraph falls under within its
	// section ("1. Leadership and management"), if any.
	Subheading string `yaml:"subheading,omitempty" json:"subheading,omitempty"`
	// Level is the nesting depth of a bullet: 0 for a top-level bullet.
	Level int `yaml:"level,omitempty" json:"level,omitempty"`
	// Line and Page say where the paragraph starts.
	Pos `yaml:",inline" json:",inline"`
}

// Signoff is the end of the letter.
type Signoff struct {
	// Name is who signed the letter.
	Name string `yaml:"name" json:"name"`
	// Title is the signatory's title, such as "His Majesty’s Inspector".
	Title string `yaml:"title" json:"title"`
	// CopiedTo are those the letter says it is copied to.
	CopiedTo []string `yaml:"copied_to" json:"copied_to"`
	// Closing holds the paragraphs before the sign-off that speak of the
	// letter itself ("I am copying this letter to ..."), not of the visit.
	Closing []string `yaml:"closing,omitempty" json:"closing,omitempty"`
	// Signatories are, for a letter signed by several people (a joint
	// targeted area inspection), each of them; Name and Title then repeat
	// the first. Absent for a letter signed by one.
	Signatories []Signatory `yaml:"signatories,omitempty" json:"signatories,omitempty"`
}

// A Signatory is one of the people who signed a joint letter.
type Signatory struct {
	// Name is the typed name without post-nominals; empty when the
	// letter prints only a title (a warning says so).
	Name string `yaml:"name" json:"name"`
	// Title is the job title as printed.
	Title string `yaml:"title" json:"title"`
	// Inspectorate is the inspectorate the signatory speaks for (an
	// Inspectorate constant); empty when neither the sign-off nor the
	// title says.
	Inspectorate string `yaml:"inspectorate" json:"inspectorate"`
}

// A Warning is something the parser read but could not place, or a guess
// it had to make. Nothing is dropped without one.
//
// A warning that names a Field marks that field as uncertain: the record
// holds what the letter prints, or the parser's best reading of it, and
// the message says why it may be wrong. A warning that also names a Rule
// says that the letter contradicts itself in a way that breaks that rule
// of `letters validate` (a letter dated before its visit): validate
// reports such a record as a warning, not an error, unless --strict.
type Warning struct {
	Pos     `yaml:",inline" json:",inline"`
	Message string `yaml:"message" json:"message"`
	// Field is the JSON pointer (RFC 6901) of the field the warning is
	// about, such as "/letter/date"; absent when it concerns no one field.
	Field string `yaml:"field,omitempty" json:"field,omitempty"`
	// Rule is the rule of `letters validate` that the letter's own facts
	// break, such as RuleVisitDates; absent when they break none.
	Rule string `yaml:"rule,omitempty" json:"rule,omitempty"`
}

// A Pos is where a piece of text came from. Line counts from 1: for text
// input it is the line of the file, for PDF input the line of the page,
// counted from the top. Page counts from 1 and is 0 for text without page
// breaks. File is left empty inside a Record, whose Source names the file.
type Pos struct {
	File string `yaml:"file,omitempty" json:"file,omitempty"`
	Line int    `yaml:"line" json:"line"`
	Page int    `yaml:"page,omitempty" json:"page,omitempty"`
}

// String returns "file:line" or, with a page, "file:page:line" in the form
// "file:p2:line".
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Page > 0 {
		fmt.Fprintf(&b, ":p%d", p.Page)
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	return b.String()
}

// Rules of `letters validate` that a letter can break by contradicting
// itself, as a Warning's Rule names them.
const (
	// RuleVisitDates: each visit date falls before the letter date and
	// within a year of it.
	RuleVisitDates = "visit-dates"
)
