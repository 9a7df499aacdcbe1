package parse

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ofsted-letters/letters/internal/authority"
	"github.com/ofsted-letters/letters/internal/lazyre"
	"github.com/ofsted-letters/letters/internal/sentence"
	"github.com/ofsted-letters/letters/record"
)

// ordinals maps the words that say which visit it was to numbers.
var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
	"twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20,
}

var (
	// visitOrdinal matches "the sixth monitoring visit", "the 3rd
	// monitoring visit", "the twenty-first monitoring visit".
	visitOrdinal = lazyre.New(`(?i)\b(?:the|this|our)\s+((?:twenty|thirty)[- ]\w+|\w+)\s+(?:monitoring|follow-up)\s+visit\b`)
	// since matches what started monitoring: "since the local authority
	// was judged inadequate in May 2023", "since the joint targeted area
	// inspection (JTAI) ... in June 2016".
	since = lazyre.New(`(?i)\bvisits?\s+since\s+(?:the\s+)?(.+?)\s+in\s+(` + monthPattern + `\s+\d{4})`)
	// judged matches a judgement: "judged inadequate", "judged to be
	// inadequate", "judged as requires improvement".
	judged = lazyre.New(`(?i)\bjudged\s+(?:to\s+be\s+|as\s+)?(inadequate|requires improvement(?: to be good)?|good|outstanding)\b`)
	// frameworkAcronym matches "(ILACS) framework".
	frameworkAcronym = lazyre.New(`\(([A-Z]{2,8})\)\s+framework|\bframework\s+\(([A-Z]{2,8})\)`)
	// frameworkName matches "in line with the ... framework".
	frameworkName = lazyre.New(`(?i)\b(?:in line with|under) the (.+?) framework\b`)
	// focusCue matches the sentence of a focused-visit letter that says
	// what the visit looked at: "Inspectors looked at ...", "The focus of
	// this visit was on ...".
	focusCue = lazyre.New(`(?i)^` + visitOpening + `(?:` + visitSubject + `\s+(?:looked at|reviewed|evaluated|considered|examined|focused on|explored|inspected)\b|focus of (?:this|the) (?:focused )?visit\b)`)
	// methodsCue matches a sentence about the visit's methods that opens
	// as a focus does: "Inspectors looked at a range of evidence,
	// including children's case records", "This visit considered a broad
	// range of evidence", "Inspectors reviewed children's records".
	methodsCue = lazyre.New(`(?i)^` + visitOpening + visitSubject + `\s+(?:looked at|reviewed|evaluated|considered|examined)\s+(?:(?:a (?:wide |broad )?range of )?evidence|(?:children(?:'|’)s )?(?:case )?records)\b`)
	// ordinalNumber matches "3rd", "12th".
	ordinalNumber = lazyre.New(`^(\d{1,2})(?:st|nd|rd|th)$`)
)

// visit fills the record's kind and visit from the title and the
// introduction. It fails only when the text is not an Ofsted letter.
func (p *parser) visit() error {
	rec := p.rec
	title := rec.Letter.Title
	intro := p.introSentences()
	low := strings.ToLower(title)
	for _, s := range intro[:min(len(intro), 3)] {
		low += " " + strings.ToLower(s)
	}
	switch {
	case strings.Contains(low, "monitoring visit"):
		rec.Letter.Kind = record.KindMonitoring
	case strings.Contains(low, "focused visit"):
		rec.Letter.Kind = record.KindFocused
	default:
		rec.Letter.Kind = record.KindOther
	}

	v := &rec.Visit
	v.LocalAuthority = authorityFrom(title)
	var rejectedNames []string // parts of the inspector sentence that are not names
	for _, s := range intro {
		if v.LocalAuthority == "" {
			v.LocalAuthority = authorityFrom(s)
		}
		if len(v.Dates) == 0 && strings.Contains(strings.ToLower(s), "visit") {
			p.visitDates(s)
		}
		if v.Number == 0 {
			v.Number = visitNumber(s)
		}
		if v.Since == nil {
			v.Since = sinceOf(s)
		}
		if inspectorSentence(s) {
			names, rejected := parseInspectors(s)
			if len(names)-len(rejected) > len(v.Inspectors)-len(rejectedNames) {
				v.Inspectors, rejectedNames = names, rejected
			}
		}
		if v.Framework == "" {
			v.Framework = framework(s)
		}
	}
	if rec.Letter.Kind == record.KindFocused {
		v.Focus = p.focus()
		if v.Focus == "" {
			p.doubt(p.introPos(), "/visit/focus", "focused visit without a statement of what it looked at (\"Inspectors looked at ...\")")
		}
	}
	for _, r := range rejectedNames {
		p.doubt(p.introPos(), "/visit/inspectors", "inspector list: %q is not a name", r)
	}
	if rec.Letter.Kind == record.KindOther && p.looksLike != "" {
		return &Error{Pos: record.Pos{File: rec.Source.Path, Line: p.introPos().Line, Page: p.introPos().Page},
			Err: fmt.Errorf("%w: %s", ErrNotALetter, p.looksLike)}
	}
	if rec.Letter.Kind == record.KindOther && len(v.Inspectors) == 0 && v.LocalAuthority == "" {
		return &Error{Pos: record.Pos{File: rec.Source.Path, Line: p.introPos().Line, Page: p.introPos().Page},
			Err: fmt.Errorf("%w: no visit, local authority or inspectors named", ErrNotALetter)}
	}
	if v.LocalAuthority != "" {
		v.AuthorityKey = authority.Key(v.LocalAuthority)
	} else {
		v.LocalAuthority = rec.Letter.Recipient.Organisation
		v.AuthorityKey = authority.Key(v.LocalAuthority)
		p.doubt(p.introPos(), "/visit/local_authority", "local authority not named in the title or opening; taken from the address")
	}
	p.authorityCodes()
	pos := p.introPos()
	if p.misprinted {
		p.readMisprintedDate()
	}
	p.checkVisitDates()
	if len(v.Dates) == 0 {
		p.doubt(pos, "/visit/dates", "no visit dates found")
	}
	if len(v.Inspectors) == 0 {
		p.doubt(pos, "/visit/inspectors", "no inspectors named")
	}
	if rec.Letter.Kind == record.KindMonitoring && v.Number == 0 {
		p.doubt(pos, "/visit/number", "monitoring visit without a number (\"the third monitoring visit\")")
	}
	if rec.Letter.Kind == record.KindOther {
		p.warn(pos, "neither a monitoring nor a focused visit: kind is %q", record.KindOther)
	}
	return nil
}

// readMisprintedDate reads a date line shaped like a date that is not
// one ("6 November 20205"), now that the visit's dates are known. Of the
// dates the line may stand for (see dateReadings), the record takes the
// only one that falls within the year after the visit, as every letter
// date does; with none or several, it leaves the date out. Either way a
// warning quotes the line as printed and marks the date as uncertain.
func (p *parser) readMisprintedDate() {
	printed := p.dateLine.text
	readings, _ := dateReadings(printed)
	var fit []string
	for _, d := range readings {
		if len(p.rec.Visit.Dates) > 0 && followsVisit(d, p.rec.Visit.Dates) {
			fit = append(fit, d)
		}
	}
	if len(fit) == 1 {
		p.rec.Letter.Date = fit[0]
		p.doubt(p.dateLine.pos, "/letter/date", "letter date %q is misprinted: read as %s, the only reading that falls within the year after the visit", printed, fit[0])
		return
	}
	p.doubt(p.dateLine.pos, "/letter/date", "letter date %q is not a date: left out", printed)
}

// checkVisitDates warns when the letter's own dates contradict each
// other: a visit date that does not fall within the year before the
// letter date, the rule that letters validate checks. The record keeps
// the dates as printed; the warning names the rule, so that validate
// reports the record as a warning, and the field it suspects: the letter
// date when a year's shift would make it fit (a new year's letter dated
// with the old year), else the visit dates.
func (p *parser) checkVisitDates() {
	dates, date := p.rec.Visit.Dates, p.rec.Letter.Date
	if len(dates) == 0 || date == "" || followsVisit(date, dates) {
		return
	}
	letter, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return
	}
	span := dates[0]
	if len(dates) > 1 {
		span += " to " + dates[len(dates)-1]
	}
	problem, shift, shifted := "not after its visit", 1, "later"
	if dates[len(dates)-1] < date {
		problem, shift, shifted = "more than a year after its visit", -1, "earlier"
	}
	field, hint := "/visit/dates", ""
	if alt := letter.AddDate(shift, 0, 0).Format(time.DateOnly); followsVisit(alt, dates) {
		field = "/letter/date"
		hint = fmt.Sprintf(" (dated a year %s, %s, it would follow its visit)", shifted, alt)
	}
	pos := p.introPos()
	if field == "/letter/date" && p.dateLine.text != "" {
		pos = p.dateLine.pos
	}
	p.contradiction(pos, field, record.RuleVisitDates, "the letter is dated %s, %s (%s): one of the two is misprinted%s", date, problem, span, hint)
}

// followsVisit reports whether a letter dated date follows a visit on
// dates: every visit date falls before it and within the year before it.
// Dates are YYYY-MM-DD.
func followsVisit(date string, dates []string) bool {
	letter, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return false
	}
	for _, d := range dates {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil || !t.Before(letter) || t.Before(letter.AddDate(-1, 0, 0)) {
			return false
		}
	}
	return true
}

// authorityCodes fills the codes and region of the visit's authority
// from the lookup, by its key.
func (p *parser) authorityCodes() {
	v := &p.rec.Visit
	if a, ok := authority.ByKey(v.AuthorityKey); ok {
		v.LACode, v.ONSCode, v.Region = a.LACode, a.ONSCode, a.Region
		if a.Successors != "" {
			p.warn(p.introPos(), "%s no longer exists (%s): la_code, ons_code and region are its own", a.Name, a.Successors)
		}
	} else if v.AuthorityKey != "" {
		p.warn(p.introPos(), "authority_key %q matches no authority in the lookup of local authority codes: no la_code, ons_code or region", v.AuthorityKey)
	}
}

// focus returns the paragraph of a focused-visit letter's introduction
// that says what the visit looked at, with the list that follows it when
// it ends with a colon.
func (p *parser) focus() string {
	for i, s := range p.rec.Sections {
		if s.Kind != record.SectionIntro && s.Kind != record.SectionAreas && i > 0 {
			break
		}
		for j, para := range s.Paragraphs {
			if para.Kind != record.ParagraphText {
				continue
			}
			// The focus may open the paragraph or follow sentences about
			// the visit's methods: it runs from its cue to the end.
			parts := sentence.Split(para.Text)
			at := slices.IndexFunc(parts, isFocus)
			if at < 0 {
				continue
			}
			text := strings.Join(parts[at:], " ")
			if strings.HasSuffix(text, ":") {
				var items []string
				for _, next := range s.Paragraphs[j+1:] {
					if next.Kind != record.ParagraphBullet {
						break
					}
					items = append(items, strings.TrimRight(next.Text, ".;"))
				}
				if len(items) > 0 {
					text += " " + strings.Join(items, "; ") + "."
				}
			}
			return text
		}
	}
	return ""
}

// How a focused visit's statement of its focus or of its methods opens:
// visitOpening ("During this visit, the ...") then visitSubject
// ("inspectors", "this visit").
const (
	visitOpening = `(?:(?:during|in|on|for) (?:this|the) (?:focused )?visit,?\s+)?(?:the\s+)?`
	visitSubject = `(?:inspectors|this visit|the visit|we|this focused visit)`
)

// isFocus reports whether a sentence of the introduction says what a
// focused visit looked at, not how (see methodsCue).
func isFocus(s string) bool {
	return focusCue.MatchString(s) && !methodsCue.MatchString(s)
}

// introSentences returns the sentences of the introduction and of an
// areas-covered section, where letters state the facts of the visit.
// Letters without an introduction put them in their first section.
func (p *parser) introSentences() []string {
	var out []string
	for i, s := range p.rec.Sections {
		if s.Kind != record.SectionIntro && s.Kind != record.SectionAreas && i > 0 {
			break
		}
		for _, para := range s.Paragraphs {
			out = append(out, sentence.Split(para.Text)...)
		}
	}
	return out
}

// introPos returns the position of the introduction, where warnings about
// the visit's facts point.
func (p *parser) introPos() record.Pos {
	if len(p.rec.Sections) > 0 {
		return p.rec.Sections[0].Pos
	}
	return record.Pos{Line: 1}
}

// visitDates reads the visit dates from a sentence such as "This letter
// summarises the findings of the monitoring visit ... on 23 and 24
// September 2025."
func (p *parser) visitDates(s string) {
	spans := dateSpan.FindAllString(s, -1)
	if len(spans) == 0 {
		return
	}
	// The visit's dates follow "on"; other dates in the sentence ("the
	// inspection in May 2023") have no day.
	span := spans[0]
	for _, sp := range spans {
		if i := strings.Index(s, sp); i >= 3 && strings.EqualFold(s[i-3:i], "on ") {
			span = sp
			break
		}
	}
	if i := strings.Index(s, span); i >= 8 && strings.EqualFold(s[i-8:i], "between ") {
		// "between 3 and 5 November" is a range, not two days.
		span = strings.Replace(span, " and ", " to ", 1)
	}
	year := 0
	if p.rec.Letter.Date != "" {
		year, _ = strconv.Atoi(p.rec.Letter.Date[:4])
	}
	dates, guessed, err := parseVisitDates(span, year)
	if err != nil {
		p.doubt(p.introPos(), "/visit/dates", "%s dates %q: %v", p.datesNoun(), span, err)
		return
	}
	if guessed && year == 0 {
		p.doubt(p.introPos(), "/visit/dates", "%s dates %q have no year and the letter no date", p.datesNoun(), span)
		return
	}
	if guessed {
		// Without a year, a visit in a later month than the letter
		// belongs to the year before.
		if len(dates) > 0 && dates[0] > p.rec.Letter.Date {
			if prev, _, err := parseVisitDates(span, year-1); err == nil {
				dates = prev
			}
		}
		p.doubt(p.introPos(), "/visit/dates", "%s dates %q have no year; took it from the letter date", p.datesNoun(), span)
	}
	p.rec.Visit.Dates = dates
}

// visitNumber returns which monitoring visit a sentence says this was, or 0.
func visitNumber(s string) int {
	m := visitOrdinal.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	word := strings.ToLower(strings.ReplaceAll(m[1], " ", "-"))
	if n, ok := ordinals[word]; ok {
		return n
	}
	if tens, unit, ok := strings.Cut(word, "-"); ok {
		base := map[string]int{"twenty": 20, "thirty": 30}[tens]
		if n, ok := ordinals[unit]; ok && base > 0 && n < 10 {
			return base + n
		}
	}
	if o := ordinalNumber.FindStringSubmatch(word); o != nil {
		n, _ := strconv.Atoi(o[1])
		return n
	}
	return 0
}

// sinceOf returns what started monitoring, from a sentence such as "This
// was the sixth monitoring visit since the local authority was judged
// inadequate in May 2023", or nil.
func sinceOf(s string) *record.Since {
	m := since.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	out := &record.Since{Month: parseMonthYear(m[2])}
	if j := judged.FindStringSubmatch(m[1]); j != nil {
		out.Judgement = strings.ToLower(j[1])
		return out
	}
	event := m[1]
	if i := strings.Index(event, " that "); i > 0 {
		event = event[:i]
	}
	out.Event = strings.TrimSpace(event)
	return out
}

// framework returns the inspection framework a sentence names, by its
// acronym when printed ("ILACS").
func framework(s string) string {
	if m := frameworkAcronym.FindStringSubmatch(s); m != nil {
		return m[1] + m[2]
	}
	m := frameworkName.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	name := strings.ToLower(m[1])
	switch {
	case strings.Contains(name, "inspection of local authority children"):
		return "ILACS"
	case strings.Contains(name, "single inspection"):
		return "SIF"
	}
	return m[1]
}
