package parse

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ofsted-letters/letters/internal/lazyre"
	"github.com/ofsted-letters/letters/internal/sentence"
	"github.com/ofsted-letters/letters/record"
)

var (
	// salutation matches the line that opens a letter's body.
	salutation = lazyre.New(`^Dear\s+\S`)
	// valediction matches the line that closes it.
	valediction = lazyre.New(`(?i)^Yours?\s+(?:sincerely|faithfully|truly)\b`)
	// closingNote matches the sentences at the end of a letter that are
	// about the letter itself or what follows the visit, not findings.
	closingNote = lazyre.New(`(?i)^(?:I am copying this letter|This letter will be published|A copy of this letter|Ofsted will\b|We (?:have|will) (?:notified|notify|inform|informed)\b|The local authority (?:should|must|is required to) (?:submit|prepare|send)|Thank you\b|(?:I|We) (?:would like to |wish to )?thank\b|Yours sincerely)`)
	// noneToReport matches a paragraph of an improvements or priority
	// section that says the section has no points: "There are no
	// priority actions following this focused visit.", "No areas for
	// priority action were identified." It is printed, so it stays in
	// its section, but it is not a point.
	noneToReport = lazyre.New(`(?i)^(?:there (?:are|were|is) no|no)\s+(?:(?:new|additional|further|other)\s+)?(?:areas?\s+(?:for|of)\s+(?:priority\s+action|improvement)s?|priority\s+actions?|recommendations?|improvements?)\b[^.;:]*\.?$`)
)

// A parser holds the record being built and the state of the section
// state machine.
type parser struct {
	rec *record.Record
	sub string // the sub-heading that the next findings paragraphs fall under
	// dateLine is the line that dates the letter; its text is empty
	// when the letter prints none. misprinted reports whether the line
	// is shaped like a date but is not one ("6 November 20205").
	dateLine   line
	misprinted bool

	// Joint targeted area inspection letters (see jtai.go).
	jtai       bool     // the letter is one
	jtaiTitled bool     // its title says so ("Joint targeted area inspection of ...")
	box        *jtaiBox // the case-study box being read, or nil
	resumeAt   int      // the section that paragraphs after a box go to, or -1: the last

	// looksLike is what the document looks like when it is of a kind
	// letters does not read (see lookalike), or "".
	looksLike string
}

// build turns the lines of one letter, from any source, into a Record.
// It is the stage that text and PDF input share.
func build(ctx context.Context, src record.Source, lines []line) (*record.Record, error) {
	rec := &record.Record{Schema: record.SchemaVersion, Source: src}
	p := &parser{rec: rec, resumeAt: -1}

	open := -1
	for i, ln := range lines {
		if ln.kind == lineText && salutation.MatchString(ln.text) {
			open = i
			break
		}
	}
	if open < 0 {
		if what := lookalike(lines); what != "" {
			return nil, &Error{Pos: firstPos(src.Path, lines), Err: fmt.Errorf("%w: %s", ErrNotALetter, what)}
		}
		return nil, &Error{Pos: firstPos(src.Path, lines), Err: fmt.Errorf("%w: no salutation (\"Dear ...\")", ErrNotALetter)}
	}
	rec.Letter.Salutation = ln(lines[open])
	closeAt, signAt := signoffAt(lines, open)

	p.jtai, p.jtaiTitled = isJTAI(lines[open+1 : closeAt])
	if p.jtai {
		p.jtaiHeader(lines[:open])
	} else {
		p.header(lines[:open])
	}
	if r := &rec.Letter.Recipient; r.Honorific == "" {
		r.Honorific = honorificFromSalutation(rec.Letter.Salutation, r.Name)
	}
	if p.dateLine.text == "" {
		p.doubt(lines[open].pos, "/letter/date", "no letter date printed above the salutation")
	}

	body := lines[open+1 : closeAt]
	titleAt := -1
	for i, l := range body {
		if l.kind == lineText {
			titleAt = i
			break
		}
	}
	blocks := toBlocks(body, titleAt)
	if err := checkBlocks(blocks); err != nil {
		return nil, err
	}
	if err := stopped(ctx, src.Path); err != nil {
		return nil, err
	}
	state := inTitle
	for _, b := range blocks {
		state = state(p, b)
	}
	switch {
	case signAt < 0:
		p.warn(lines[len(lines)-1].pos, "no sign-off (\"Yours sincerely\") found")
	case p.jtai:
		p.jtaiSignoff(lines[closeAt].pos, lines[signAt:])
	case signAt == closeAt:
		p.warn(lines[signAt].pos, "no \"Yours sincerely\" before the signature")
		p.signoff(lines[closeAt].pos, lines[signAt:])
	default:
		p.signoff(lines[closeAt].pos, lines[signAt:])
	}

	if err := stopped(ctx, src.Path); err != nil {
		return nil, err
	}
	p.looksLike = lookalike(lines)
	if p.jtai {
		p.jtaiSections()
		p.jtaiFacts()
	} else {
		if err := p.visit(); err != nil {
			return nil, err
		}
		p.closingSentences()
	}
	p.footnotes(lines)
	p.conveniences()
	if p.jtai {
		p.jtaiDeepDive()
	}
	for i := range rec.Warnings {
		rec.Warnings[i].File = ""
	}
	return rec, nil
}

// signoffAt returns where the body of a letter ends and where its
// signature starts: after "Yours sincerely", or, in a letter that lacks
// it, at a final name followed by an inspector's title. signAt is -1 when
// the letter has neither; closeAt is then len(lines).
func signoffAt(lines []line, open int) (closeAt, signAt int) {
	for i := len(lines) - 1; i > open; i-- {
		if lines[i].kind == lineText && valediction.MatchString(lines[i].text) {
			return i, i + 1
		}
	}
	var last []int // the last two lines of text, last first
	for i := len(lines) - 1; i > open && len(last) < 2; i-- {
		if lines[i].kind == lineText {
			last = append(last, i)
		}
	}
	if len(last) == 2 && looksLikeName(lines[last[1]].text) {
		if _, title := splitSignature("X " + lines[last[0]].text); title != "" {
			return last[1], last[1]
		}
	}
	return len(lines), -1
}

// ln returns the text of a line.
func ln(l line) string { return l.text }

// firstPos returns the position of the first non-blank line, for errors
// about the whole input.
func firstPos(file string, lines []line) record.Pos {
	for _, l := range lines {
		if l.kind != lineBlank {
			return record.Pos{File: file, Line: l.pos.Line, Page: l.pos.Page}
		}
	}
	return record.Pos{File: file, Line: 1}
}

// warn records a warning at pos.
func (p *parser) warn(pos record.Pos, format string, args ...any) {
	p.rec.Warnings = append(p.rec.Warnings, record.Warning{Pos: record.Pos{Line: pos.Line, Page: pos.Page}, Message: fmt.Sprintf(format, args...)})
}

// doubt records a warning at pos about the field at JSON pointer field,
// which it marks as uncertain.
func (p *parser) doubt(pos record.Pos, field, format string, args ...any) {
	p.warn(pos, format, args...)
	p.rec.Warnings[len(p.rec.Warnings)-1].Field = field
}

// contradiction records a warning at pos about the field at JSON pointer
// field, whose value as printed breaks rule of letters validate because
// the letter contradicts itself.
func (p *parser) contradiction(pos record.Pos, field, rule, format string, args ...any) {
	p.doubt(pos, field, format, args...)
	p.rec.Warnings[len(p.rec.Warnings)-1].Rule = rule
}

// A stateFn consumes one block and returns the state for the next.
type stateFn func(p *parser, b block) stateFn

// inTitle: the first block after the salutation is the title.
func inTitle(p *parser, b block) stateFn {
	if b.heading != "" || b.kind == blockBullet {
		// No title: the letter goes straight to its first section.
		if p.jtai {
			return inJTAIBody(p, b)
		}
		return inBody(p, b)
	}
	if p.jtai {
		return inJTAITitle(p, b)
	}
	p.rec.Letter.Title = normalizeSpace(b.text)
	return titleRest(p, inBody)
}

// titleJoiners are the words a title cannot end on: a title that ends on
// one ("Joint targeted area inspection of Royal Borough of Windsor and")
// was broken by the extraction, which put the rest ("Maidenhead") in a
// block of its own that reads as a heading.
var titleJoiners = []string{"and", "of", "the", "for", "in", "on", "to", "&"}

// maxTitleRestWords is the most words of a block that completes a title.
const maxTitleRestWords = 8

// titleRest returns next, or, when the title ends on one of titleJoiners,
// a state that takes the next block as the rest of the title when it is
// one short line that is no known heading, and gives any other block to
// next.
func titleRest(p *parser, next stateFn) stateFn {
	words := strings.Fields(p.rec.Letter.Title)
	if len(words) == 0 || !slices.Contains(titleJoiners, strings.ToLower(words[len(words)-1])) {
		return next
	}
	return func(p *parser, b block) stateFn {
		if b.kind != blockBullet && b.lines == 1 && isHeadingText(b.text) == "" && len(strings.Fields(b.text)) <= maxTitleRestWords {
			p.rec.Letter.Title += " " + normalizeSpace(b.text)
			return next
		}
		return next(p, b)
	}
}

// inBody: (heading | paragraph | bullet)* until the sign-off. A known
// heading opens a section of its kind; any other heading-like line opens
// a sub-heading inside findings, or a section of kind "other" elsewhere.
// Paragraphs before the first heading form the introduction.
func inBody(p *parser, b block) stateFn {
	if b.kind == blockParagraph {
		if b.heading != "" {
			p.openSection(b, b.heading)
			return inBody
		}
		if looksLikeHeading(b) {
			if cur := p.current(); cur != nil && cur.Kind == record.SectionFindings {
				p.sub = cleanHeading(normalizeSpace(b.text))
			} else {
				p.openSection(b, record.SectionOther)
			}
			return inBody
		}
		if closingNote.MatchString(b.text) {
			p.closing(normalizeSpace(b.text))
			return inBody
		}
	}
	cur := p.current()
	if cur == nil {
		p.rec.Sections = append(p.rec.Sections, record.Section{Kind: record.SectionIntro, Pos: record.Pos{Line: b.pos.Line, Page: b.pos.Page}})
		cur = p.current()
	}
	para := p.paragraph(b)
	if cur.Kind == record.SectionFindings {
		para.Subheading = p.sub
	}
	cur.Paragraphs = append(cur.Paragraphs, para)
	return inBody
}

// paragraph returns the paragraph or bullet that block b holds.
func (p *parser) paragraph(b block) record.Paragraph {
	para := record.Paragraph{Kind: record.ParagraphText, Text: normalizeSpace(b.text), Pos: record.Pos{Line: b.pos.Line, Page: b.pos.Page}}
	if b.kind == blockBullet {
		para.Kind, para.Level = record.ParagraphBullet, b.level
	}
	return para
}

// openSection starts a section at heading block b.
func (p *parser) openSection(b block, kind string) {
	p.rec.Sections = append(p.rec.Sections, record.Section{
		Heading: cleanHeading(normalizeSpace(b.text)),
		Kind:    kind,
		Pos:     record.Pos{Line: b.pos.Line, Page: b.pos.Page},
	})
	p.sub = ""
}

// current returns the open section, or nil before the first.
func (p *parser) current() *record.Section {
	if len(p.rec.Sections) == 0 {
		return nil
	}
	return &p.rec.Sections[len(p.rec.Sections)-1]
}

// signoff reads the lines after "Yours sincerely", which stands at
// signPos: the signatory's name, then their title, possibly on the same
// line. The lines may be none, when the letter ends at the sign-off.
func (p *parser) signoff(signPos record.Pos, lines []line) {
	var rest []line
	for _, l := range lines {
		if l.kind == lineText || l.kind == lineBullet {
			rest = append(rest, l)
		}
	}
	if len(rest) == 0 {
		p.warn(signPos, "no signatory after the sign-off")
		return
	}
	so := &p.rec.Signoff
	so.Name, so.Title = splitSignature(rest[0].text)
	i := 1
	if so.Title == "" && len(rest) > 1 {
		so.Title = rest[1].text
		i = 2
	}
	for _, l := range rest[i:] {
		if cc := parseCopiedTo(l.text); cc != nil {
			so.CopiedTo = append(so.CopiedTo, cc...)
			continue
		}
		p.warn(l.pos, "text after the signature not placed: %q", l.text)
	}
}

// closing records a paragraph about the letter itself.
func (p *parser) closing(text string) {
	p.rec.Signoff.Closing = append(p.rec.Signoff.Closing, text)
	p.rec.Signoff.CopiedTo = append(p.rec.Signoff.CopiedTo, parseCopiedTo(text)...)
}

// closingSentences moves closing sentences that extraction ran into the
// last paragraph of the letter ("... were strong. Ofsted will take the
// findings from this focused visit into account ...") out of the findings.
func (p *parser) closingSentences() {
	cur := p.current()
	if cur == nil || len(cur.Paragraphs) == 0 {
		return
	}
	last := &cur.Paragraphs[len(cur.Paragraphs)-1]
	parts := sentence.Split(last.Text)
	cut := len(parts)
	for cut > 1 && closingNote.MatchString(parts[cut-1]) {
		cut--
	}
	if cut == len(parts) {
		return
	}
	last.Text = strings.Join(parts[:cut], " ")
	p.closing(strings.Join(parts[cut:], " "))
}

// footnotes collects the footnote lines into paragraphs: lines of one
// footnote are consecutive.
func (p *parser) footnotes(lines []line) {
	prev := -2
	for i, l := range lines {
		if l.kind != lineFootnote {
			continue
		}
		fn := &p.rec.Footnotes
		if i == prev+1 && len(*fn) > 0 {
			last := &(*fn)[len(*fn)-1]
			last.Text = joinLines(last.Text, l.text)
		} else {
			*fn = append(*fn, record.Paragraph{Kind: record.ParagraphFootnote, Text: l.text, Pos: record.Pos{Line: l.pos.Line, Page: l.pos.Page}})
		}
		prev = i
	}
}

// conveniences fills the lists that repeat the paragraphs of each kind of
// section.
func (p *parser) conveniences() {
	rec := p.rec
	for _, s := range rec.Sections {
		for i, para := range s.Paragraphs {
			leadIn := para.Kind == record.ParagraphText && strings.HasSuffix(para.Text, ":") &&
				i+1 < len(s.Paragraphs) && s.Paragraphs[i+1].Kind == record.ParagraphBullet
			switch s.Kind {
			case record.SectionAreas:
				if para.Kind == record.ParagraphBullet {
					rec.AreasCovered = append(rec.AreasCovered, para.Text)
				}
			case record.SectionHeadline, record.SectionOverview:
				rec.HeadlineFindings = append(rec.HeadlineFindings, para.Text)
			case record.SectionImprovements, record.SectionPriority:
				if leadIn || noneToReport.MatchString(para.Text) {
					continue
				}
				rec.Improvements = append(rec.Improvements, para.Text)
				if s.Kind == record.SectionPriority {
					rec.PriorityActions = append(rec.PriorityActions, para.Text)
				}
			case record.SectionFindings:
				rec.Findings = append(rec.Findings, para.Text)
			case record.SectionStrengths:
				if !leadIn {
					rec.Strengths = append(rec.Strengths, para.Text)
				}
			}
		}
	}
	if len(rec.AreasCovered) == 0 {
		rec.AreasCovered = introAreas(rec)
	}
	for _, list := range []*[]string{&rec.AreasCovered, &rec.HeadlineFindings, &rec.Improvements, &rec.PriorityActions, &rec.Findings, &rec.Visit.Dates, &rec.Visit.Inspectors, &rec.Signoff.CopiedTo, &rec.Letter.Recipient.Address} {
		if *list == nil {
			*list = []string{}
		}
	}
	if rec.Sections == nil {
		rec.Sections = []record.Section{}
	}
	if rec.Warnings == nil {
		rec.Warnings = []record.Warning{}
	}
	for i := range rec.Sections {
		if rec.Sections[i].Paragraphs == nil {
			rec.Sections[i].Paragraphs = []record.Paragraph{}
		}
	}
}

// introAreas returns the areas a letter without an areas section says it
// covered: the bullets of its introduction that follow a paragraph
// introducing them ("inspectors reviewed the progress made in the areas
// of:"), or, for a focused visit, the statement of its focus.
func introAreas(rec *record.Record) []string {
	var areas []string
	for _, s := range rec.Sections {
		if s.Kind != record.SectionIntro {
			continue
		}
		listing := false
		for _, para := range s.Paragraphs {
			if para.Kind == record.ParagraphText {
				listing = strings.HasSuffix(para.Text, ":")
				continue
			}
			if listing {
				areas = append(areas, para.Text)
			}
		}
	}
	if len(areas) == 0 && rec.Visit.Focus != "" {
		areas = []string{rec.Visit.Focus}
	}
	return areas
}
