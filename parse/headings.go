package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ofsted-letters/letters/internal/lazyre"
	"github.com/ofsted-letters/letters/record"
)

// headingKinds maps the headings that letters use, normalised by
// headingKey, to their section kind. Ofsted's templates changed over the
// years; these are the wordings of 2017 to 2026.
var headingKinds = []struct {
	pattern *lazyre.Regexp
	kind    string
}{
	{lazyre.New(`^areas? (?:covered|reviewed|of focus|examined)(?: (?:by|during|at|on) (?:the|this) (?:monitoring )?visit)?$`), record.SectionAreas},
	{lazyre.New(`^(?:overview|summary|summary of findings|overall summary)$`), record.SectionOverview},
	{lazyre.New(`^headline findings?$`), record.SectionHeadline},
	{lazyre.New(`^(?:what needs to (?:improve|be improved)(?: (?:in|at) (?:this|the) (?:area of (?:social work )?practice|local authority|visit))?|areas? (?:for|of|requiring) (?:improvement|development)|what the local authority needs to (?:improve|do)|recommendations)$`), record.SectionImprovements},
	{lazyre.New(`^(?:areas? (?:for|of|requiring) priority action|priority actions?|areas? for immediate action)$`), record.SectionPriority},
	{lazyre.New(`^(?:(?:main |key |detailed )?findings|findings and (?:evaluation of )?progress|(?:evaluation of progress|findings and evaluation of progress)(?: and findings)?|progress|detailed findings and evaluation of progress|areas? of strengths?|strengths)$`), record.SectionFindings},
}

// headingNumber matches the numbering of a heading: "1.", "2)", "A.".
var headingNumber = lazyre.New(`^(?:\d{1,2}|[A-Z])[.)]\s+`)

// headingKey normalises a heading for matching: lower case, no numbering,
// no trailing punctuation or footnote digits ("practice?1"), single spaces.
func headingKey(text string) string {
	text = headingNumber.ReplaceAllString(text, "")
	text = strings.TrimRightFunc(text, func(r rune) bool {
		return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSpace(r) || r == '*'
	})
	return strings.ToLower(normalizeSpace(text))
}

// isHeadingText returns the section kind of a heading that letters use,
// or "" when text is not one of them.
func isHeadingText(text string) string {
	if len(text) > 100 {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(text); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return "" // a wrapped sentence that happens to start like a heading
	}
	key := headingKey(text)
	for _, h := range headingKinds {
		if h.pattern.MatchString(key) {
			return h.kind
		}
	}
	return ""
}

// cleanHeading returns a heading as printed, without a footnote marker
// glued to its end ("practice?1" is "practice?").
func cleanHeading(text string) string {
	t := strings.TrimRightFunc(text, unicode.IsDigit)
	if t != text && t != "" {
		r, _ := utf8.DecodeLastRuneInString(t)
		if unicode.IsLetter(r) || unicode.IsPunct(r) {
			return strings.TrimSpace(t)
		}
	}
	return text
}

// looksLikeHeading reports whether a block that is not a known heading is
// still set out as one: a single short line, capitalised or numbered,
// that does not end as a sentence does.
func looksLikeHeading(b block) bool {
	if b.kind != blockParagraph || b.lines != 1 {
		return false
	}
	text := b.text
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > headingWords || runeLen(text) > headingRunes {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	if unicode.IsDigit(r) && !headingNumber.MatchString(text) {
		return false // "2019. A current absence ...": a wrapped sentence
	}
	if len(words) > 10 && !headingNumber.MatchString(text) {
		return false
	}
	if functionWords[strings.ToLower(words[len(words)-1])] {
		return false // a line broken in the middle of a sentence
	}
	trimmed := strings.TrimRightFunc(text, unicode.IsDigit)
	last, _ := utf8.DecodeLastRuneInString(trimmed)
	return !endsSentence(trimmed) && last != ',' && !strings.HasSuffix(text, "-")
}

// functionWords cannot end a heading: a line that ends with one was broken
// in the middle of a sentence.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true,
	"of": true, "to": true, "in": true, "for": true, "with": true, "by": true,
	"on": true, "at": true, "from": true, "that": true, "which": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "as": true,
}
