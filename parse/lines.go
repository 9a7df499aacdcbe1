package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ofsted-letters/letters/internal/lazyre"
	"github.com/ofsted-letters/letters/record"
)

// A line is one line of extracted text and where it came from. Text input
// and PDF input both become lines; everything after this stage is shared.
type line struct {
	text   string // the line without leading or trailing space or markup
	pos    record.Pos
	indent int // leading spaces in text input; in PDF input, the left edge in character widths
	// left is where the line starts: in PDF input its left edge in
	// points, in text input its leading spaces. Unlike indent it is not
	// measured from the page's margin, so the lines of two pages compare.
	left float64
	gap  bool // PDF input: a vertical gap larger than the line spacing stands above the line
	// PDF input: the right edge of the line, and the room its first word
	// needs at the end of the line above (a space, the word and an em to
	// spare), in points; 0 for text input. They tell the blocker whether
	// the word would have fitted there.
	right, need float64
	// PDF input: whether the line is set in bold, and whether in the
	// size of footnotes or smaller; false for text input. The sign-off of
	// a joint letter is a table whose headings only their type tells apart.
	bold  bool
	small bool // PDF input: set in the size of footnotes or smaller
	// raw is the cleaned line (see cleanLine) that classify reads; text
	// is raw without a bullet's marker.
	raw string
	// ev is what the source knows of the line beyond its text.
	ev evidence
	// kind, level and marker are set by classify, and only there.
	kind   lineKind
	level  int    // for bullets: 0 for a top-level bullet, 1 for nested
	marker string // for bullets: the glyph that marked it
}

// evidence is what a source (text.go, pdf.go) knows of a line beyond its
// text: where it stands and how it is set. Sources only gather evidence;
// classify weighs it.
type evidence struct {
	artifact   bool // PDF: tagged as an artifact (page furniture) in a tagged PDF
	running    bool // PDF: in the page's margin, repeated on other pages: a running header or footer
	letterhead bool // PDF: in a run of small lines that holds a piece of Ofsted's letterhead
	footnote   bool // the text of a footnote at the foot of a page
}

// A lineKind says what one line of a letter looks like, ignoring context.
type lineKind int

const (
	lineBlank     lineKind = iota
	lineText               // part of a paragraph, or a heading: context decides
	lineBullet             // starts with a bullet glyph; text holds the rest
	lineFurniture          // page numbers and the Ofsted letterhead
	lineFootnote           // the text of a footnote at the foot of a page
)

// bulletGlyphs are the characters that start a bullet, as letters print
// them and as extraction leaves them. Private-use code points come from
// symbol fonts (Symbol, Wingdings) whose glyphs have no Unicode meaning.
const bulletGlyphs = "•●○◦▪■◼◾□➢➤►▶✓✔-–—‒⎯*·"

// nestedGlyphs mark a bullet nested inside another.
const nestedGlyphs = "○◦⎯–‒□"

// classify decides what a line is, from its cleaned text (l.raw) and the
// evidence of its source: it is the one place that sets a line's kind,
// and for a bullet its level, marker and text after the marker. A source
// that learns more of a line calls it again. In order: an empty line is
// blank; a line that the source places in an artifact, a running header
// or footer, or the letterhead block is furniture; one it places in a
// footnote is a footnote; a page number or a piece of Ofsted's letterhead
// (isFurniture) is furniture wherever it stands; a line that starts with
// a bullet glyph and a word is a bullet; any other is text, which
// context later makes a heading or part of a paragraph.
func classify(l *line) {
	l.kind, l.level, l.marker, l.text = shape(l.raw)
	switch {
	case l.kind == lineBlank:
	case l.ev.artifact || l.ev.running || l.ev.letterhead:
		l.kind = lineFurniture
	case l.ev.footnote:
		l.kind = lineFootnote
	}
}

// shape is classify's rule for the text alone: blank, furniture, bullet
// (with its level, marker and the text after the marker) or text.
func shape(text string) (kind lineKind, level int, marker, rest string) {
	switch {
	case text == "":
		return lineBlank, 0, "", ""
	case isFurniture(text):
		return lineFurniture, 0, "", text
	}
	r, size := utf8.DecodeRuneInString(text)
	after := strings.TrimLeft(text[size:], " \t")
	switch {
	case strings.ContainsRune(bulletGlyphs, r) || isPrivateUse(r):
		if after == "" || (r == '-' && !startsWord(after)) || (r == '*' && strings.HasPrefix(text, "**")) {
			break
		}
		if after == text[size:] && r == '-' {
			break // "-word": a hyphenated fragment, not a bullet
		}
		if strings.ContainsRune(nestedGlyphs, r) {
			level = 1
		}
		return lineBullet, level, string(r), after
	case (r == 'B' || r == 'o') && len(text) > 2 && text[1] == ' ' && startsWord(after):
		// "B " is what some extractions leave of a symbol-font bullet; "o "
		// is the conventional second-level bullet of word processors.
		// Neither is an English word, so a line that starts with one
		// followed by a word is a bullet.
		if r == 'o' {
			level = 1
		}
		return lineBullet, level, string(r), after
	}
	return lineText, 0, "", text
}

// startsWord reports whether s starts with a letter, digit or opening quote
// or bracket.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("‘“'\"(", r)
}

// isPrivateUse reports whether r is in the Unicode private-use area, where
// symbol fonts put their glyphs.
func isPrivateUse(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

var (
	// pageNumber matches a line that holds nothing but a page number.
	pageNumber = lazyre.New(`^(?:[Pp]age\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$|^[-–]\s*\d{1,3}\s*[-–]$`)
)

// letterhead holds the parts of Ofsted's letterhead and footer that cannot
// be anything else, in lower case: contact numbers, its web and mail
// addresses, the street addresses of its offices.
var letterhead = []string{
	"ofsted.gov.uk", "gov.uk/ofsted", "0300 123 1231", "textphone", "minicom",
	"piccadilly gate", "aviation house", "125 kingsway", "store street",
	"wc2b 6se", "m1 2wd", "cumberland place", "ng1 6hj", "clive house",
	"70 petty france", "sw1h 9ex", "proud to use recycled paper",
}

// isFurniture reports whether a line is page furniture wherever it stands:
// a page number or a piece of Ofsted's letterhead. "Ofsted" alone, and
// city names, are furniture only within the letterhead block, which the
// header stage knows about.
func isFurniture(text string) bool {
	if len(text) <= 16 && pageNumber.MatchString(text) {
		return true
	}
	lower := strings.ToLower(text)
	for _, part := range letterhead {
		if i := strings.Index(lower, part); i >= 0 {
			// The rest of the line, in its own case; lower has the
			// same offsets only when lowering kept every length.
			return len(lower) != len(text) || !isProse(text[:i]+" "+text[i+len(part):])
		}
	}
	return false
}

// isProse reports whether text holds at least proseWords words of
// lower-case letters only.
func isProse(text string) bool {
	n := 0
	for _, w := range strings.Fields(text) {
		w = strings.TrimRight(w, ".,;:")
		if len(w) > 1 && strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 {
			n++
		}
	}
	return n >= proseWords
}

// markdown matches the markup that some extractions leave: heading marks
// and bold or italic emphasis.
var (
	markdownHeading = lazyre.New(`^#{1,6}\s+`)
	markdownEmph    = lazyre.New(`\*\*([^*]*)\*\*|__([^_]*)__`)
)

// cleanLine removes what extraction adds to a line's text: trailing and
// leading space, markdown residue, form feeds and control characters, and
// runs of spaces (kept as a column gap of three spaces so that the header
// stage can still split columns of a -layout extraction).
func cleanLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t', r == '\u00a0', r == '\u2002', r == '\u2003', r == '\u2009', r == '\u202f':
			return ' '
		case r == '\u00ad', r == '\u200b', r == '\ufeff', r == '\f':
			return -1 // soft hyphen, zero-width space, BOM, form feed
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	s = markdownHeading.ReplaceAllString(s, "")
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = markdownEmph.ReplaceAllString(s, "$1$2")
	}
	return collapseSpaces(strings.TrimSpace(s))
}

// collapseSpaces turns runs of two spaces into one and longer runs, which
// in a -layout extraction separate columns, into exactly three.
func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	run := 0
	for _, r := range s {
		if r == ' ' {
			run++
			continue
		}
		if run > 0 {
			if run >= 3 {
				b.WriteString("   ")
			} else {
				b.WriteByte(' ')
			}
			run = 0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// columnGap separates the columns of a line in a -layout extraction.
const columnGap = "   "

// normalizeSpace turns any run of white space into one space.
func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// endsSentence reports whether text ends as a sentence or a list item
// ends: with a full stop, question or exclamation mark, colon or
// semicolon, possibly followed by a closing quote or bracket.
func endsSentence(text string) bool {
	text = strings.TrimRight(text, "’”\"')]")
	r, _ := utf8.DecodeLastRuneInString(text)
	return strings.ContainsRune(".?!:;", r)
}

// startsLower reports whether text starts with a lower-case letter: the
// continuation of a sentence.
func startsLower(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsLower(r)
}

// firstWord returns the first space-separated word of text.
func firstWord(text string) string {
	if i := strings.IndexByte(text, ' '); i >= 0 {
		return text[:i]
	}
	return text
}
