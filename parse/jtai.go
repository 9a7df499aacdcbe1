package parse

import (
	"regexp"
	"slices"
	"strings"

	"github.com/ofsted-letters/letters/internal/authority"
	"github.com/ofsted-letters/letters/internal/lazyre"
	"github.com/ofsted-letters/letters/internal/sentence"
	"github.com/ofsted-letters/letters/record"
)

// Joint targeted area inspection (JTAI) letters come in two formats.
// Letters of 2016 to 2020 open with a long list of recipients, "Dear local
// partnership" and a title that names the subject and the area ("Joint
// targeted area inspection of the multi-agency response to abuse and
// neglect in Hampshire"); the inspection dates open the first paragraph
// ("Between 5 and 9 December 2016, ..."); unheaded overview paragraphs
// follow, then Key strengths, boxed case studies, Areas for priority
// action, Areas for improvement (often with sub-headings) and Next steps;
// the sign-off is a two-column table of four inspectorates. Letters of
// 2022 on name only the area in the title, give the subject in the first
// sentence and the dates in the second ("This inspection took place from
// 23 to 27 May 2022."), and use the headings of focused visits (Headline
// findings, What needs to improve?, Main findings) with Strengths,
// Context and practice-study boxes inside Main findings; they are signed
// by three or four people one below the other.

var (
	// jtaiTitle matches the title of a JTAI letter.
	jtaiTitle = lazyre.New(`(?i)^joint targeted area inspection\b`)
	// jtaiOf matches what a title or the first sentence puts before the
	// subject or the area: "Joint targeted area inspection of", "the
	// joint targeted area inspection (JTAI) of", "undertook a joint
	// inspection of".
	jtaiOf = lazyre.New(`(?i)\bjoint (?:targeted area )?inspection\s*(?:\(JTAI\)\s*)?of\s+`)
	// jtaiSubjectStart matches a subject rather than an area.
	jtaiSubjectStart = lazyre.New(`(?i)^(?:the\s+)?multi-agency\b`)
	// jtaiIn matches the " in <Area>" that ends a subject; the area
	// starts in upper case.
	jtaiIn = lazyre.New(`\s+in\s+((?:the\s+)?[A-Z][^.]*?)\.?$`)
	// thisLetter matches a sentence about the letter itself.
	thisLetter = lazyre.New(`(?i)^this letter\b`)
	// jtaiDateCue matches the sentence that gives the inspection dates.
	jtaiDateCue = lazyre.New(`(?i)^between\b|\bbetween \d|\btook place\b|\bundertook\b|\bcarried out\b|\bconducted\b|\bfrom \d{1,2}(?:st|nd|rd|th)? (?:to|and|[A-Z])`)
)

// isJTAI reports whether a letter whose body (after the salutation) is
// body is a JTAI letter, and whether it has a JTAI title: the title, one
// of the first lines of text, says so, or, without such a title, the
// opening does ("This letter summarises the findings of the joint
// targeted area inspection (JTAI) of ...").
func isJTAI(body []line) (jtai, titled bool) {
	seen := 0
	var opening strings.Builder
	for _, l := range body {
		if l.kind != lineText && l.kind != lineBullet {
			continue
		}
		if seen < titleSearch && l.kind == lineText && jtaiTitle.MatchString(l.text) {
			return true, true
		}
		opening.WriteString(l.text + " ")
		if seen++; seen == openingSearch {
			break
		}
	}
	return jtaiOpening.MatchString(normalizeSpace(opening.String())), false
}

// titleSearch is how many lines after the salutation may come before a
// JTAI letter's title: extraction may print a line of the address twice;
// openingSearch, how many lines of the opening may say what the letter is.
const (
	titleSearch   = 3
	openingSearch = 8
)

// jtaiOpening matches the opening of a JTAI letter whose title does not
// say what it is.
var jtaiOpening = lazyre.New(`(?i)\bfindings of the joint targeted area inspection\b|\bundertook a joint (?:targeted area )?inspection of the multi-agency\b`)

// jtaiFacts fills the kind and the visit of a JTAI letter: the area, the
// subject (as the focus), the inspection dates and the inspectorates.
func (p *parser) jtaiFacts() {
	rec := p.rec
	rec.Letter.Kind = record.KindJTAI
	v := &rec.Visit
	intro := p.introSentences()
	pos := p.introPos()

	rest := jtaiOf.ReplaceAllString(strings.TrimSpace(rec.Letter.Title), "")
	rest = strings.TrimSuffix(rest, ".")
	switch loc := jtaiOf.FindStringIndex(rec.Letter.Title); {
	case loc == nil:
		p.warn(pos, "joint targeted area inspection: title does not say of what or where")
	case jtaiSubjectStart.MatchString(rest):
		// Old format: "of <subject> in <area>".
		v.Focus = rest
		if m := jtaiIn.FindStringSubmatchIndex(rest); m != nil {
			v.LocalAuthority = rest[m[2]:m[3]]
			v.Focus = rest[:m[0]]
		}
	default:
		// New format: "of <area>"; the first sentence gives the subject.
		v.LocalAuthority = rest
	}
	for _, s := range intro {
		loc := jtaiOf.FindStringIndex(s)
		if loc == nil {
			continue
		}
		subject := strings.TrimSuffix(strings.TrimSpace(s[loc[1]:]), ".")
		if v.LocalAuthority == "" {
			if m := jtaiIn.FindStringSubmatch(subject); m != nil {
				v.LocalAuthority = m[1]
			}
		}
		if v.Focus == "" && v.LocalAuthority != "" {
			v.Focus = withoutArea(subject, v.LocalAuthority)
		}
		break
	}
	if v.LocalAuthority == "" {
		// "This letter to all the service leaders in the area outlines
		// our findings about ... in Greenwich local authority."
		for _, s := range intro {
			if m := jtaiIn.FindStringSubmatch(strings.TrimSuffix(s, ".")); m != nil && thisLetter.MatchString(s) {
				v.LocalAuthority = strings.TrimSuffix(m[1], " local authority")
				break
			}
		}
	}
	v.LocalAuthority = strings.TrimPrefix(strings.TrimSuffix(strings.TrimSpace(v.LocalAuthority), "."), "the ")
	if v.LocalAuthority == "" {
		v.LocalAuthority = rec.Letter.Recipient.Organisation
		p.doubt(pos, "/visit/local_authority", "local authority not named in the title or opening; taken from the address")
	}
	v.AuthorityKey = authority.Key(v.LocalAuthority)
	p.authorityCodes()
	if v.Focus == "" {
		p.doubt(pos, "/visit/focus", "joint targeted area inspection without a subject (\"the multi-agency response to ...\")")
	}

	for _, s := range intro {
		if dateSpan.MatchString(s) && jtaiDateCue.MatchString(s) {
			p.visitDates(s)
			break
		}
	}
	if p.misprinted {
		p.readMisprintedDate()
	}
	p.checkVisitDates()
	if len(v.Dates) == 0 {
		p.doubt(pos, "/visit/dates", "no inspection dates found")
	}
	v.Inspectorates = p.inspectorates(intro)
	for i, s := range rec.Signoff.Signatories {
		// HMIC became HMICFRS in July 2017; a sign-off may print the old
		// name after the opening used the new one: the opening decides.
		if s.Inspectorate == record.InspectorateHMIC || s.Inspectorate == record.InspectorateHMICFRS {
			for _, name := range v.Inspectorates {
				if name == record.InspectorateHMIC || name == record.InspectorateHMICFRS {
					rec.Signoff.Signatories[i].Inspectorate = name
				}
			}
		}
	}
}

// withoutArea returns a subject without the area it names: " in
// Barnsley" at its end, or " in Surrey" within it ("children and
// families in Surrey who need help"), with the council's name if printed
// after the area ("in Bedford borough Council").
func withoutArea(subject, area string) string {
	names := []string{strings.TrimPrefix(area, "the ")}
	if a, ok := authority.ByKey(authority.Key(area)); ok && a.Name != names[0] {
		names = append(names, a.Name) // "London Borough of Merton" is "in Merton"
	}
	for _, name := range names {
		re := regexp.MustCompile(`(?i)\s+in\s+(?:the\s+)?` + regexp.QuoteMeta(name) + `(?:\s+(?:borough|city|county|metropolitan borough|district)?\s*council)?\b`)
		if re.MatchString(subject) {
			return strings.TrimSpace(re.ReplaceAllString(subject, ""))
		}
	}
	return subject
}

// inspectorateMentions match the names of the inspectorates as letters
// print them.
var inspectorateMentions = []struct {
	re   *lazyre.Regexp
	name string
}{
	{lazyre.New(`\bOfsted\b`), record.InspectorateOfsted},
	{lazyre.New(`(?i)\bCare Quality Commission\b|\bCQC\b`), record.InspectorateCQC},
	{lazyre.New(`(?i)\bConstabulary\b.{0,60}\bFire\b|\bHMICFRS\b`), record.InspectorateHMICFRS},
	{lazyre.New(`(?i)\bConstabulary\b|\bHMIC\b`), record.InspectorateHMIC},
	{lazyre.New(`(?i)\b(?:HMI|HM Inspectorate of|Inspectorate of|Inspector of) Probation\b|\bHMIP\b|\bHMI Prob\b`), record.InspectorateProbation},
}

// inspectorateOrder is the order in which Visit.Inspectorates lists them.
var inspectorateOrder = []string{record.InspectorateOfsted, record.InspectorateCQC, record.InspectorateHMIC, record.InspectorateHMICFRS, record.InspectorateProbation}

// inspectorateIn returns the inspectorates a text names, in the order of
// inspectorateOrder; constabulary counts once (HMICFRS when "Fire" is
// named, else HMIC).
func inspectorateIn(text string) map[string]bool {
	found := map[string]bool{}
	for _, m := range inspectorateMentions {
		if m.re.MatchString(text) {
			if m.name == record.InspectorateHMIC && found[record.InspectorateHMICFRS] {
				continue
			}
			found[m.name] = true
		}
	}
	return found
}

// inspectorates returns the inspectorates that took part: those the
// sentence that gives the inspection dates (or the one after it) names,
// and those the signatories speak for.
func (p *parser) inspectorates(intro []string) []string {
	found := map[string]bool{}
	for i, s := range intro {
		if !jtaiDateCue.MatchString(s) {
			continue
		}
		text := s
		if i+1 < len(intro) {
			text += " " + intro[i+1]
		}
		found = inspectorateIn(text)
		break
	}
	for _, s := range p.rec.Signoff.Signatories {
		if s.Inspectorate == record.InspectorateHMIC && found[record.InspectorateHMICFRS] ||
			s.Inspectorate == record.InspectorateHMICFRS && found[record.InspectorateHMIC] {
			continue // the sign-off and the opening may name it by either name
		}
		if s.Inspectorate != "" {
			found[s.Inspectorate] = true
		}
	}
	var out []string
	for _, name := range inspectorateOrder {
		if found[name] {
			out = append(out, name)
		}
	}
	return out
}

var (
	// caseStudyHeading matches the heading of a boxed case or practice
	// study, after headingKey.
	caseStudyHeading = lazyre.New(`^(?:case|practice) study\b|^places and spaces\b`)
	// shortfallWords in a case study's heading say it shows an area for
	// improvement or priority action.
	shortfallWords = lazyre.New(`\bimprovement|\bpriority\b`)
	// jtaiHeadings are the headings of JTAI letters that focused visits
	// do not use, after headingKey.
	jtaiHeadings = []struct {
		pattern *lazyre.Regexp
		kind    string
	}{
		{lazyre.New(`^(?:key |areas? of )?strengths?$`), record.SectionStrengths},
		{lazyre.New(`^context$`), record.SectionContext},
		{lazyre.New(`^next steps?$`), record.SectionNextSteps},
		{lazyre.New(`^areas? (?:for|of) priority actions?$`), record.SectionPriority},
	}
	// numbered matches a numbered paragraph ("23. Children receiving
	// ..."), as some letters number their main findings.
	numbered = lazyre.New(`^\d{1,3}\.\s`)
)

// jtaiHeadingKind returns the section kind of a heading of a JTAI letter
// and, for a case study, what it shows; kind is "" for a heading that is
// none of them (a sub-heading).
func jtaiHeadingKind(text string) (kind, practice string) {
	key := headingKey(text)
	if caseStudyHeading.MatchString(key) {
		practice = record.PracticeEffective
		if shortfallWords.MatchString(key) {
			practice = record.PracticeImprovement
		} else if !strings.Contains(key, "effective") {
			practice = ""
		}
		return record.SectionCaseStudy, practice
	}
	for _, h := range jtaiHeadings {
		if h.pattern.MatchString(key) {
			return h.kind, ""
		}
	}
	return isHeadingText(text), ""
}

// jtaiKnownHeading reports whether text is a heading of a JTAI letter even
// though it ends as a sentence does ("Case Study: areas for improvement.").
func jtaiKnownHeading(text string) bool {
	kind, _ := jtaiHeadingKind(normalizeSpace(text))
	return kind != "" && len(strings.Fields(text)) <= maxKnownHeadingWords
}

// maxKnownHeadingWords is the most words of a known JTAI heading that
// ends as a sentence does.
const maxKnownHeadingWords = 8

// boldHeading reports whether a block is a heading set in bold that wraps
// onto a second line ("Multi-agency practice with children who are at
// risk of, or experiencing," / "criminal exploitation"): short, and not a
// sentence.
func boldHeading(b block) bool {
	return b.bold && b.lines <= 2 && len(strings.Fields(b.text)) <= maxHeadingWords && !endsSentence(b.text)
}

// maxHeadingWords is the most words a wrapped bold heading holds.
const maxHeadingWords = 16

// inJTAITitle: (paragraph)* title. Text that extraction put between the
// salutation and the title (a line printed twice) is not placed.
func inJTAITitle(p *parser, b block) stateFn {
	if b.kind == blockParagraph && (jtaiTitle.MatchString(b.text) || !p.jtaiTitled && b.heading == "") {
		// Without a JTAI title, the first block is the title, as in
		// any letter.
		p.rec.Letter.Title = normalizeSpace(b.text)
		return titleRest(p, inJTAIBody)
	}
	if b.heading != "" || b.kind == blockBullet {
		return inJTAIBody(p, b)
	}
	p.warn(b.pos, "text before the title not placed: %q", normalizeSpace(b.text))
	return inJTAITitle
}

// jtaiBox is the state of a case-study box: where its heading stands and
// the sub-heading that was open outside it.
type jtaiBox struct {
	mark     float64 // the left edge of the box's heading (see line.left)
	outerSub string  // the sub-heading of the section the box interrupts
}

// inJTAIBody: (heading | paragraph | bullet)* until the sign-off. A known
// heading opens a section of its kind; a case-study heading opens a box,
// which ends at the next heading or at a paragraph that stands left of
// the box's heading or is numbered as the findings around it are; the
// paragraphs after it belong to the section the box interrupted. Any other
// heading is a sub-heading of the open section, except before the first
// section and in strengths' place (see jtaiSections).
func inJTAIBody(p *parser, b block) stateFn {
	if b.kind == blockParagraph && (b.heading != "" || looksLikeHeading(b) || b.lines == 1 && jtaiKnownHeading(b.text) || boldHeading(b)) {
		p.jtaiHeading(b)
		return inJTAIBody
	}
	if p.box != nil && p.leavesBox(b) {
		p.resumeAt = p.outerSection()
		p.sub = p.box.outerSub
		p.box = nil
	}
	target := p.current()
	if p.resumeAt >= 0 {
		target = &p.rec.Sections[p.resumeAt]
	}
	if target == nil {
		p.rec.Sections = append(p.rec.Sections, record.Section{Kind: record.SectionIntro, Pos: record.Pos{Line: b.pos.Line, Page: b.pos.Page}})
		target = p.current()
	}
	para := p.paragraph(b)
	if target.Kind != record.SectionIntro {
		para.Subheading = p.sub
	}
	target.Paragraphs = append(target.Paragraphs, para)
	return inJTAIBody
}

// jtaiHeading opens the section, box or sub-heading that heading block b
// starts.
func (p *parser) jtaiHeading(b block) {
	text := cleanHeading(normalizeSpace(b.text))
	kind, practice := jtaiHeadingKind(text)
	if kind == "" && p.box != nil && p.leavesBox(b) {
		// A sub-heading of the section that the box interrupted.
		p.resumeAt, p.box = p.outerSection(), nil
	}
	cur := p.current()
	if p.resumeAt >= 0 {
		cur = &p.rec.Sections[p.resumeAt]
	}
	switch {
	case kind == record.SectionCaseStudy:
		outer := p.sub
		if p.box != nil {
			outer = p.box.outerSub
		}
		p.resumeAt = -1
		p.openSection(b, kind)
		p.current().Practice = practice
		p.box = &jtaiBox{mark: b.mark, outerSub: outer}
	case kind != "":
		p.resumeAt, p.box = -1, nil
		p.openSection(b, kind)
	case cur == nil || cur.Kind == record.SectionIntro || cur.Kind == record.SectionImprovements && len(cur.Paragraphs) > 0 && strings.HasPrefix(headingKey(cur.Heading), "what needs to"):
		// Before the first section, or after the points of "What needs
		// to improve?", which has no sub-headings: a section of its own.
		p.resumeAt, p.box = -1, nil
		p.openSection(b, record.SectionOther)
	default:
		p.sub = text
	}
}

// leavesBox reports whether block b no longer belongs to the open
// case-study box: it stands left of the box's heading, or it is numbered
// as the paragraphs of the section the box interrupted are.
func (p *parser) leavesBox(b block) bool {
	if p.box.mark > 0 && b.mark < p.box.mark-boxSlack {
		return true
	}
	if !numbered.MatchString(b.text) {
		return false
	}
	if i := p.outerSection(); i >= 0 {
		for _, para := range p.rec.Sections[i].Paragraphs {
			if numbered.MatchString(para.Text) {
				return true
			}
		}
	}
	return false
}

// boxSlack is how far left of a box's heading its text may start, in
// points (PDF input) or spaces (text input): boxes indent their text by a
// few points at most.
const boxSlack = 2.0

// outerSection returns the index of the section that the open run of
// case-study boxes interrupts, or -1.
func (p *parser) outerSection() int {
	for i := len(p.rec.Sections) - 1; i >= 0; i-- {
		if p.rec.Sections[i].Kind != record.SectionCaseStudy {
			return i
		}
	}
	return -1
}

// jtaiSections settles the kinds the state machine could not: a section
// under another heading that stands where strengths stand in the new
// format, between the points to improve and the main findings, in a
// letter that has no strengths section, holds the strengths when it is a
// list of points (a lead-in paragraph before them included), and findings
// when it holds paragraphs alone ("Kirklees Safeguarding Children
// Partnership (KSCP)" judges the partnership both ways); an empty one
// stays as it is.
func (p *parser) jtaiSections() {
	p.jtaiOverview()
	secs := p.rec.Sections
	for _, s := range secs {
		if s.Kind == record.SectionStrengths {
			return
		}
	}
	for i := 1; i+1 < len(secs); i++ {
		s := &secs[i]
		if s.Kind != record.SectionOther || len(s.Paragraphs) == 0 || secs[i-1].Kind != record.SectionImprovements || secs[i+1].Kind != record.SectionFindings {
			continue
		}
		if hasBullets(*s) {
			s.Kind = record.SectionStrengths
			p.warn(s.Pos, "heading %q read as the strengths: it stands where they stand", s.Heading)
		} else {
			s.Kind = record.SectionFindings
			p.warn(s.Pos, "heading %q read as findings: it stands where the strengths stand but holds no points", s.Heading)
		}
	}
}

// framing matches the opening of a paragraph of an old-format letter's
// introduction that speaks of the inspection rather than the area: the
// dates, the letter itself, the complexities the inspectorates recognise,
// what the inspection included.
var framing = lazyre.New(`(?i)^(?:between\b|this letter\b|the inspectorates recognise\b|(?:this|the) (?:jtai|joint targeted area inspection|joint inspection|inspection)\b[^.]*\b(?:included?|includes|evaluat))`)

// continuing matches the opening of a paragraph that goes on with the one
// before it.
var continuing = lazyre.New(`(?i)^(?:in addition|also|furthermore|moreover)\b`)

// jtaiOverview splits the introduction of an old-format letter, which has
// no headline findings: the paragraphs after those about the inspection
// are its overview of the area, unheaded, a section of kind overview.
func (p *parser) jtaiOverview() {
	secs := p.rec.Sections
	if len(secs) == 0 || secs[0].Kind != record.SectionIntro || slices.ContainsFunc(secs, func(s record.Section) bool { return s.Kind == record.SectionHeadline }) {
		return
	}
	paras := secs[0].Paragraphs
	at := 1 // the first paragraph gives the dates
	for at < len(paras) && (framing.MatchString(paras[at].Text) || continuing.MatchString(paras[at].Text)) {
		at++
	}
	if tail, ok := runOnOverview(paras[at-1]); ok {
		paras[at-1].Text = paras[at-1].Text[:len(paras[at-1].Text)-len(tail.Text)]
		paras[at-1].Text = strings.TrimSpace(paras[at-1].Text)
		paras = slices.Insert(paras, at, tail)
		p.warn(tail.Pos, "introduction's last paragraph runs on into the overview: %q starts it", firstWords(tail.Text, runOnWords))
	}
	if at >= len(paras) {
		return
	}
	overview := record.Section{Kind: record.SectionOverview, Pos: paras[at].Pos, Paragraphs: paras[at:]}
	secs[0].Paragraphs = paras[:at:at]
	p.rec.Sections = slices.Insert(secs, 1, overview)
}

// aboutInspection matches a sentence of an old-format letter's
// introduction that speaks of the inspection, its inspectors or its
// letter rather than of the area, once inspectionAsTime is taken out of
// it.
var aboutInspection = lazyre.New(`(?i)\b(?:inspections?|inspectors?|inspectorates?|jtais?|letter|` + deepDiveWord + `|undertook|evaluation)\b`)

// inspectionAsTime matches the inspection named as a time ("identified
// during the inspection"): a judgement may name it so.
var inspectionAsTime = lazyre.New(`(?i)\b(?:during|since|before|after|throughout|at the time of) (?:the|this) inspection\b`)

// runOnWords is how many words of a run-on overview's start a warning quotes.
const runOnWords = 6

// runOnOverview returns the end of the last paragraph about the
// inspection of an old-format letter's introduction when that paragraph
// runs on, with no paragraph break, into the overview of the area: the
// sentences after the last one that speaks of the inspection (Bristol
// 2017: "... for the purpose of this letter.The partnership has a strong
// commitment ..."). The end keeps the paragraph's position: the record
// holds none finer.
func runOnOverview(para record.Paragraph) (record.Paragraph, bool) {
	sens := sentence.Split(para.Text)
	last := -1
	for i, s := range sens {
		if aboutInspection.MatchString(inspectionAsTime.ReplaceAllString(s, "")) {
			last = i
		}
	}
	if last < 0 || last == len(sens)-1 {
		return record.Paragraph{}, false
	}
	// The overview's first sentence as the paragraph prints it, so that
	// the introduction keeps the text before it.
	first := sens[last+1]
	at := strings.LastIndex(para.Text, first)
	if at < 0 {
		return record.Paragraph{}, false
	}
	return record.Paragraph{Kind: record.ParagraphText, Text: para.Text[at:], Pos: para.Pos}, true
}

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// hasBullets reports whether a section holds a bullet.
func hasBullets(s record.Section) bool {
	for _, para := range s.Paragraphs {
		if para.Kind == record.ParagraphBullet {
			return true
		}
	}
	return false
}

// datesNoun names the dates a letter reports in warnings: a JTAI letter
// reports an inspection, the others a visit.
func (p *parser) datesNoun() string {
	if p.jtai {
		return "inspection"
	}
	return "visit"
}

// deepDive matches what an old-format JTAI letter's introduction says the
// inspection looked at in depth: "This inspection included a ‘deep
// dive’ focus on the response to children living with domestic abuse."
var deepDive = lazyre.New(`(?i)\b` + deepDiveWord + `[’'‘]?\s+(?:focus\s+on|into)\s+(.+?)\.(?:\s|$)`)

// deepDiveWord is "deep dive" as letters write it: one writes "deep-dive".
const deepDiveWord = `deep[ -‐]dive`

// jtaiDeepDive adds to the areas covered the subject of the inspection's
// "deep dive", as its introduction names it, after the subject of the
// whole inspection: the themes it names were examined in depth (all 27
// old-format letters of the corpus name one; the new format has none).
func (p *parser) jtaiDeepDive() {
	for _, s := range p.rec.Sections {
		if s.Kind != record.SectionIntro {
			continue
		}
		for _, para := range s.Paragraphs {
			if m := deepDive.FindStringSubmatch(para.Text); m != nil {
				if subject := strings.TrimSpace(m[1]); !slices.Contains(p.rec.AreasCovered, subject) {
					p.rec.AreasCovered = append(p.rec.AreasCovered, subject)
				}
				return
			}
		}
	}
}
