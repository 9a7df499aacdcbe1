package parse

import (
	"math"
	"slices"
	"strings"

	"github.com/ofsted-letters/letters/record"
)

// A block is a paragraph, bullet or heading candidate: one or more lines
// joined again after extraction broke them apart.
type block struct {
	kind  blockKind
	text  string
	pos   record.Pos // where the first line stands
	level int        // bullet nesting
	lines int        // how many lines were joined
	last  string
	right float64 // PDF input: the right edge of the last line, in points
	// heading is the section kind of the block's first line when that
	// line is a known heading (see isHeadingText), else "".
	heading string
	// spread reports whether the block was joined across blank lines:
	// the extraction put every wrapped line in a paragraph of its own.
	spread bool
	// mark and hang are the left edges (see line.left) of the block's
	// first and second lines; page is the page of its last line. A
	// bullet's wrapped lines hang to the right of its glyph.
	mark, hang float64
	page       int
	// bold reports whether every line of the block is set in bold (PDF
	// input).
	bold bool
}

// A blockKind says what a block is.
type blockKind int

const (
	blockParagraph blockKind = iota
	blockBullet
)

// A blocker joins lines into blocks. Text extraction leaves paragraphs in
// many shapes: wrapped lines with blank lines between paragraphs; every
// wrapped line a paragraph of its own (blank lines everywhere); no blank
// lines at all (pdftotext); a paragraph split by a page break. The rules
// below decide from the lines alone whether a line continues the open block.
type blocker struct {
	blocks []block
	open   bool
	blank  bool // a blank line (or page furniture) stands since the open block's last line
	width  int  // typical printed width of a full line of this document (see textWidth)
	slack  int  // how much room to spare the fit test demands, in the same unit; 0 without blank lines
	parMax int  // widest line of the open block
	// measure is, for PDF input, where full lines end: the right edge of
	// the text column in points; 0 for text input.
	measure float64
	title   bool // the open block is a title: it continues only with lower case
}

// toBlocks joins lines into blocks. titleAt is the index in lines of the
// letter's title line, or -1.
func toBlocks(lines []line, titleAt int) []block {
	b := &blocker{width: typicalWidth(lines)}
	b.measure = textMeasure(lines)
	if blankSeparated(lines) {
		// Where blank lines separate paragraphs, a line break without
		// one is a paragraph break only on strong evidence.
		b.slack = b.width / 10
	}
	for i, ln := range lines {
		switch ln.kind {
		case lineBlank, lineFurniture, lineFootnote:
			// In PDF input the vertical gaps tell paragraphs apart; a
			// page break with its furniture and footnotes tells nothing.
			b.blank = b.blank || b.open && b.measure == 0
			continue
		case lineBullet:
			b.start(ln, blockBullet, "")
		case lineText:
			heading := isHeadingText(ln.text)
			if i == titleAt {
				b.start(ln, blockParagraph, heading)
				b.title = true
				continue
			}
			if b.open && heading == "" && b.continues(ln) {
				b.add(ln)
			} else {
				b.start(ln, blockParagraph, heading)
			}
		}
	}
	return b.blocks
}

// start opens a new block with ln; heading is the kind of heading ln is.
func (b *blocker) start(ln line, kind blockKind, heading string) {
	b.blocks = append(b.blocks, block{kind: kind, text: ln.text, pos: ln.pos, level: ln.level, lines: 1, last: ln.text, heading: heading, right: ln.right, mark: ln.left, page: ln.pos.Page, bold: ln.bold})
	b.open, b.blank, b.title = true, false, false
	b.parMax = textWidth(ln.text)
}

// add appends ln to the open block.
func (b *blocker) add(ln line) {
	cur := &b.blocks[len(b.blocks)-1]
	cur.text = joinLines(cur.text, ln.text)
	cur.last = ln.text
	cur.right = ln.right
	if cur.lines == 1 {
		cur.hang = ln.left
	}
	cur.page = ln.pos.Page
	cur.lines++
	cur.bold = cur.bold && ln.bold
	cur.spread = cur.spread || b.blank
	b.blank = false
	b.parMax = max(b.parMax, textWidth(ln.text))
}

// continues reports whether ln, which is not a known heading, continues
// the open block.
func (b *blocker) continues(ln line) bool {
	cur := b.blocks[len(b.blocks)-1]
	prev := cur.last
	if strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, " -") {
		return true // a word broken at its hyphen: "decision-" / "making"
	}
	if cur.heading != "" {
		return false // nothing continues a heading
	}
	midSentence := !endsSentence(prev) && startsLower(ln.text)
	if ln.pos.Page > cur.page && hangsUnder(cur, ln) {
		// The first line of a page, at the indent of the wrapped lines
		// of a bullet (or numbered paragraph) at the foot of the page
		// before, continues it, unless the line before ended a
		// sentence short of the margin: a new paragraph would start at
		// the margin, or with a bullet of its own.
		return !endsSentence(prev) || !b.fitsAfter(cur, ln)
	}
	if b.blank && cur.spread && !ln.gap {
		// In a paragraph whose every line stood apart, blank lines say
		// nothing: only the lines' widths do.
		return midSentence || !b.fits(prev, ln.text)
	}
	if b.title && !ln.gap && b.measure > 0 && cur.right > 0 {
		// PDF input: a title wraps onto the next line when the next
		// word did not fit.
		return !b.fitsPDF(cur.right, ln)
	}
	if b.title || b.blank || ln.gap {
		// After a blank line, only a sentence broken in the middle goes
		// on: extraction that puts every wrapped line in a paragraph of
		// its own leaves exactly that.
		return midSentence
	}
	if startsLower(ln.text) {
		return true
	}
	// No blank line: a line that ended although the next word would
	// have fitted on it ended its paragraph, if it ended a sentence or
	// was a heading.
	if !endsSentence(prev) && !(cur.lines == 1 && looksLikeHeading(cur)) {
		return true
	}
	return !b.fitsAfter(cur, ln)
}

// fitsAfter reports whether the first word of ln would have fitted at the
// end of the last line of cur: measured in points in PDF input, estimated
// from the text otherwise.
func (b *blocker) fitsAfter(cur block, ln line) bool {
	if b.measure > 0 && cur.right > 0 {
		return b.fitsPDF(cur.right, ln)
	}
	return b.fits(cur.last, ln.text)
}

// hangsUnder reports whether ln starts at the hanging indent of block
// cur: where cur's wrapped lines start, to the right of its first line.
// A block of one line has no known hanging indent.
func hangsUnder(cur block, ln line) bool {
	return cur.lines > 1 && cur.hang > cur.mark+hangTolerance && math.Abs(ln.left-cur.hang) <= hangTolerance
}

// fitsPDF reports whether the first word of ln would have fitted at the
// end of a line of PDF input that ends at right: measured in points, not
// guessed from characters.
func (b *blocker) fitsPDF(right float64, ln line) bool {
	return right+ln.need <= b.measure
}

// fits reports whether the first word of next would have fitted at the
// end of prev, had prev been wrapped at the width of the paragraph's
// widest line or of the document's full lines. Widths are estimates (see
// textWidth). Where blank lines mark paragraphs, the word must fit with a
// tenth of the line to spare. (Measured on 115 corpus letters against
// paragraphs rebuilt from the PDFs' vertical gaps: 88% found exactly in
// pdftotext's default output, 97% in -layout output.)
func (b *blocker) fits(prev, next string) bool {
	limit := max(b.parMax, b.width)
	return textWidth(prev)+textWidth(" "+firstWord(next))+b.slack <= limit
}

// blankSeparated reports whether the text separates its paragraphs with
// blank lines: at least one blank line for every eight lines of text.
// pdftotext without -layout leaves none.
func blankSeparated(lines []line) bool {
	blanks, texts := 0, 0
	for i, ln := range lines {
		switch {
		case ln.kind == lineText || ln.kind == lineBullet:
			texts++
			if ln.gap { // PDF input: a vertical gap is a blank line
				blanks++
			}
		case ln.kind == lineBlank && i > 0 && lines[i-1].kind != lineBlank:
			blanks++
		}
	}
	return blanks*8 >= texts
}

// joinLines joins two lines of one paragraph: with a space, or with none
// after a hyphen that splits a compound word.
func joinLines(a, b string) string {
	if strings.HasSuffix(a, "-") && !strings.HasSuffix(a, " -") {
		return a + b
	}
	return a + " " + b
}

// textMeasure returns, for PDF input, the right edge of full lines: the
// 90th percentile of the right edges of text lines. It returns 0 for text
// input.
func textMeasure(lines []line) float64 {
	var rights []float64
	for _, ln := range lines {
		if (ln.kind == lineText || ln.kind == lineBullet) && ln.right > 0 {
			rights = append(rights, ln.right)
		}
	}
	if len(rights) == 0 {
		return 0
	}
	slices.Sort(rights)
	return rights[len(rights)*9/10]
}

// typicalWidth returns the printed width of a full line of the text: the
// 90th percentile of the widths of its text lines, indents included.
func typicalWidth(lines []line) int {
	var widths []int
	for _, ln := range lines {
		if ln.kind == lineText || ln.kind == lineBullet {
			widths = append(widths, textWidth(ln.text)+ln.indent*int(asciiWidths[' ']))
		}
	}
	if len(widths) == 0 {
		return 0
	}
	slices.Sort(widths)
	return widths[len(widths)*9/10]
}

// runeLen returns the number of runes in s.
func runeLen(s string) int { return len([]rune(s)) }
