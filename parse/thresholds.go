package parse

import "time"

// The thresholds of the parser, in one place. Each was set on the test
// letters and checked on the corpus (see doc.go); none is tuned to one
// letter. Sizes are in points, shares and ratios are fractions, counts
// are of lines, words or runes as named.
const (
	// PDF layout (pdf.go).

	// paragraphGap: a line whose baseline lies more than paragraphGap
	// times the usual line spacing below the line above stands after a
	// vertical gap, which separates paragraphs.
	paragraphGap = 1.3
	// marginShare: running headers and footers stand within this share
	// of the page's height from its top or bottom edge.
	marginShare = 0.1
	// minRunningPages: a letter needs this many pages for a line repeated
	// in their margins to count as a running header or footer.
	minRunningPages = 3
	// footnoteSize: footnotes are set at most this share of the body's
	// font size.
	footnoteSize = 0.92
	// letterheadSize: the letterhead is set at most this share of the
	// body's size.
	letterheadSize = 0.85
	// wordRoom: the room a word needs at the end of the line above, beyond
	// its own width, in font sizes (a space and an em to spare).
	wordRoom = 1.3
	// minGappedBreaks and gappedShare: vertical gaps are trusted to mark
	// paragraphs only when at least minGappedBreaks sentence ends followed
	// by a capital stand after a gap, and at least one in gappedShare.
	minGappedBreaks = 2
	gappedShare     = 3
	// minLineStep and maxLineStep bound, in font sizes, the distances
	// between baselines that count as line spacing; defaultSpacing is the
	// spacing taken when none does.
	minLineStep    = 0.8
	maxLineStep    = 3
	defaultSpacing = 1.2
	// sizeTolerance: two font sizes this close (points) are one size.
	sizeTolerance = 0.5
	// marginLinesShare: the left margin of a page is the leftmost edge
	// that at least one in marginLinesShare of its body lines share.
	marginLinesShare = 5

	// Lines and paragraphs (lines.go, blocks.go, text.go).

	// proseWords: a line with this many plain lower-case words is prose:
	// a sentence that names Ofsted's mail address ("... action to
	// ProtectionOfChildren@ofsted.gov.uk by 6 July 2023. This statement
	// will ...") is text, not the letterhead.
	proseWords = 3
	// hangTolerance: how far two left edges may differ and still be one
	// indent: under a point in PDF input, under a column in text input.
	hangTolerance = 1.0
	// footnoteLines: a footnote of paged text runs at most this many
	// lines after its number.
	footnoteLines = 8
	// maxControls: text with more control characters than this is binary.
	maxControls = 8
	// headingWords and headingRunes: a one-line paragraph longer than
	// either is not a heading.
	headingWords = 12
	headingRunes = 90

	// Facts (people.go, dates.go).

	// minNameWords and maxNameWords bound the words of a person's name.
	minNameWords = 2
	maxNameWords = 5
	// maxVisitSpan: a range of visit dates spans at most a month.
	maxVisitSpan = 31 * 24 * time.Hour
)
