package parse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/ofsted-letters/letters/internal/lazyre"
	"github.com/ofsted-letters/letters/internal/pdftext"
	"github.com/ofsted-letters/letters/record"
)

// PDF parses a letter in PDF form. Its text comes from package pdftext as
// positioned lines, which become the same lines that text input gives,
// with what only a PDF tells: page furniture (marked artifacts, running
// headers and footers, page numbers, footnotes), superscript footnote
// markers, the vertical gaps that separate paragraphs and the indents of
// wrapped bullets.
func PDF(ctx context.Context, name string, r io.ReaderAt, size int64) (*record.Record, error) {
	if size > MaxInput {
		return nil, &Error{Pos: record.Pos{File: name}, Err: ErrTooLarge}
	}
	data := make([]byte, size)
	if n, err := r.ReadAt(data, 0); int64(n) < size {
		return nil, &Error{Pos: record.Pos{File: name}, Err: fmt.Errorf("%w: %v", ErrPDF, err)}
	}
	return pdfBytes(ctx, name, data, "")
}

// pdfBytes parses a letter in PDF form held in memory, whose Digest is
// sum ("" to compute it); reading stops when ctx is done.
func pdfBytes(ctx context.Context, name string, data []byte, sum string) (rec *record.Record, err error) {
	defer recoverInternal(name, &rec, &err)
	doc, err := pdftext.ReadBytes(ctx, data, pdftext.Limits{})
	if err != nil {
		return nil, pdfError(name, err)
	}
	lines := pdfLines(name, doc)
	if err := checkLines(name, lines); err != nil {
		return nil, err
	}
	if sum == "" {
		sum = Digest(data)
	}
	src := record.Source{Path: name, SHA256: sum, Format: record.FormatPDF, Pages: len(doc.Pages)}
	rec, err = build(ctx, src, lines)
	if err != nil {
		return nil, err
	}
	var warnings []record.Warning
	for _, pg := range doc.Pages {
		for _, msg := range pg.Warnings {
			warnings = append(warnings, record.Warning{Pos: record.Pos{Page: pg.Number}, Message: msg})
		}
	}
	if len(warnings) > 0 {
		// appending to nil would turn a record's empty list of warnings
		// into nil, which JSON writes as null and the schema refuses
		rec.Warnings = append(warnings, rec.Warnings...)
	}
	return rec, nil
}

// pdfError turns an error of pdftext into an *Error with this package's
// sentinel and the page, keeping pdftext's detail.
func pdfError(name string, err error) error {
	pos := record.Pos{File: name}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &Error{Pos: pos, Err: err}
	}
	var pe *pdftext.PageError
	if errors.As(err, &pe) {
		pos.Page = pe.Page
		err = pe.Err
	}
	cause, inner := ErrPDF, pdftext.ErrMalformed
	switch {
	case errors.Is(err, pdftext.ErrEncrypted):
		cause, inner = ErrEncrypted, pdftext.ErrEncrypted
	case errors.Is(err, pdftext.ErrBlank):
		inner = pdftext.ErrNoText // no text and no images: nothing to OCR
	case errors.Is(err, pdftext.ErrNoText):
		cause, inner = ErrNeedsOCR, pdftext.ErrNoText
	case errors.Is(err, pdftext.ErrGarbled):
		cause, inner = ErrGarbled, pdftext.ErrGarbled
	case errors.Is(err, pdftext.ErrTooLarge):
		inner = pdftext.ErrTooLarge
	}
	detail := strings.TrimPrefix(strings.TrimPrefix(err.Error(), inner.Error()), ": ")
	if cause == ErrNeedsOCR {
		detail = strings.TrimSuffix(detail, ": it needs OCR") // the cause says so
	}
	if inner == pdftext.ErrTooLarge {
		detail = err.Error()
	}
	if detail == "" {
		return &Error{Pos: pos, Err: cause}
	}
	return &Error{Pos: pos, Err: fmt.Errorf("%w: %s", cause, detail)}
}

// footnoteMark matches a superscript that is a footnote reference: digits,
// or the symbols used for notes.
var footnoteMark = lazyre.New(`^(?:\d{1,2}|[*†‡])$`)

// pdfLines turns the pages of a PDF into lines.
func pdfLines(name string, doc *pdftext.Document) []line {
	body := bodyStyle(doc)
	running := runningLines(doc)
	var lines []line
	for _, pg := range doc.Pages {
		left := leftMargin(pg, body.size)
		start := len(lines)
		var small []bool
		var bold []bool
		footnotes := false
		prevY := math.Inf(1) // no gap above the first line of a page
		for i, pl := range pg.Lines {
			text, marker := stripFootnoteMarks(pl)
			ln := line{
				raw:  cleanLine(text),
				pos:  record.Pos{File: name, Line: i + 1, Page: pg.Number},
				bold: pl.Bold, small: pl.Size <= body.size*footnoteSize,
			}
			if ln.raw == "" {
				continue
			}
			ln.indent = int(math.Round(math.Max(0, pl.X-left) / (body.size / 2)))
			ln.left = pl.X
			inMargin := pl.Y < pg.Height*marginShare || pl.Y > pg.Height*(1-marginShare)
			switch small := pl.Size <= body.size*footnoteSize; {
			case pl.Artifact:
				ln.ev.artifact = true
			case inMargin && running[runningKey(pl.Text)]:
				ln.ev.running = true
			case small && marker && pl.Y > pg.Height/2:
				// The first line of a footnote: its number raised.
				footnotes = true
				ln.ev.footnote = true
			case footnotes && small:
				ln.ev.footnote = true
			default:
				footnotes = false
			}
			classify(&ln)
			if ln.kind == lineText || ln.kind == lineBullet {
				ln.gap = pl.Y-prevY > paragraphGap*body.spacing*math.Max(pl.Size, body.size)/body.size
				prevY = pl.Y
				ln.right = pl.X + pl.Width
				if n := len([]rune(pl.Text)); n > 0 {
					word := len([]rune(firstWord(ln.text)))
					ln.need = pl.Width*float64(word)/float64(n) + wordRoom*pl.Size
				}
			}
			lines = append(lines, ln)
			small = append(small, pl.Size <= body.size*letterheadSize)
			bold = append(bold, pl.Bold)
		}
		markLetterhead(lines[start:], small)
		lines = append(lines[:start], joinWrappedBold(lines[start:], bold)...)
	}
	markPageEndBreaks(lines)
	return lines
}

// markPageEndBreaks sets the gap of the first line of a page after the
// first, in a document that separates its paragraphs by vertical gaps,
// when the line before the page break ended a sentence. The page break
// hides the gap that would tell whether the paragraph ended there; a
// sentence that ended at the foot of a page more often ended its
// paragraph than not, while a sentence that runs on continues it.
func markPageEndBreaks(lines []line) {
	// Where a sentence ends a line and the next line starts a new one on
	// the same page, a paragraph may end: in a document that marks its
	// paragraphs by gaps, a good share of these breaks have one.
	breaks, gapped := 0, 0
	prev := -1
	for i, ln := range lines {
		if ln.kind != lineText && ln.kind != lineBullet {
			continue
		}
		if prev >= 0 && ln.pos.Page == lines[prev].pos.Page && endsSentence(lines[prev].text) && !startsLower(ln.text) {
			breaks++
			if ln.gap {
				gapped++
			}
		}
		prev = i
	}
	if gapped < minGappedBreaks || gapped*gappedShare < breaks {
		return
	}
	prev = -1
	for i := range lines {
		ln := &lines[i]
		if ln.kind != lineText && ln.kind != lineBullet {
			continue
		}
		if prev >= 0 && ln.pos.Page > lines[prev].pos.Page && endsSentence(lines[prev].text) {
			ln.gap = true
		}
		prev = i
	}
}

// joinWrappedBold joins the lines of a bold heading or title that wraps:
// a bold line that follows a bold line without a gap, at the same left
// edge, when the first word of the second would not have fitted on the
// first. Headings are recognised by their whole text. bold[i] tells
// whether lines[i] is set in bold. It returns lines, shortened in place.
func joinWrappedBold(lines []line, bold []bool) []line {
	measure := textMeasure(lines) // the right edge of the page's full lines
	out := lines[:0]
	lastBold := false
	for i, ln := range lines {
		if n := len(out); n > 0 && lastBold && bold[i] && ln.kind == lineText && !ln.gap {
			prev := &out[n-1]
			if prev.kind == lineText && prev.indent == ln.indent && prev.right+ln.need > measure {
				prev.text = joinLines(prev.text, ln.text)
				prev.right = ln.right
				continue
			}
		}
		out = append(out, ln)
		lastBold = bold[i]
	}
	return out
}

// markLetterhead marks as letterhead (furniture) each run of consecutive lines of a
// page set smaller than the body (small[i] for lines[i]) that holds a
// piece of Ofsted's letterhead: the address block, wherever a layout puts
// it, is furniture as a whole, "Ofsted" and the city included.
func markLetterhead(lines []line, small []bool) {
	for i := 0; i < len(lines); {
		if !small[i] {
			i++
			continue
		}
		j, head := i, false
		for ; j < len(lines) && small[j]; j++ {
			head = head || isFurniture(lines[j].text)
		}
		if head {
			for k := i; k < j; k++ {
				lines[k].ev.letterhead = true
				classify(&lines[k])
			}
		}
		i = j
	}
}

// stripFootnoteMarks returns the text of a line without its superscript
// footnote references ("practice?1" reads "practice?"), keeping other
// superscripts ("18th"), and reports whether the line starts with one: the
// number of a footnote's text.
func stripFootnoteMarks(pl pdftext.Line) (text string, starts bool) {
	if len(pl.Sup) == 0 {
		return pl.Text, false
	}
	var b strings.Builder
	at := 0
	for _, s := range pl.Sup {
		if s.Start < at || s.End > len(pl.Text) {
			continue
		}
		mark := pl.Text[s.Start:s.End]
		if !footnoteMark.MatchString(mark) {
			continue
		}
		if s.Start == 0 {
			starts = true
		} else if r := lastRune(pl.Text[:s.Start]); unicode.IsDigit(r) {
			continue // "2" after a number is a power, not a note
		}
		b.WriteString(pl.Text[at:s.Start])
		at = s.End
	}
	b.WriteString(pl.Text[at:])
	return b.String(), starts
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// A style is the font size and line spacing of a document's body text.
type style struct {
	size    float64 // points
	spacing float64 // from baseline to baseline within a paragraph, in points
}

// bodyStyle returns the style of the body text: the font size of most of
// the characters, and the most common distance between the baselines of
// consecutive lines in that size.
func bodyStyle(doc *pdftext.Document) style {
	sizes := map[float64]int{}
	for _, pg := range doc.Pages {
		for _, l := range pg.Lines {
			sizes[l.Size] += len(l.Text)
		}
	}
	st := style{size: 12}
	best := 0
	for s, n := range sizes {
		if n > best || n == best && s > st.size {
			st.size, best = s, n
		}
	}
	steps := map[float64]int{}
	for _, pg := range doc.Pages {
		for i := 1; i < len(pg.Lines); i++ {
			a, b := pg.Lines[i-1], pg.Lines[i]
			dy := b.Y - a.Y
			if a.Size == st.size && b.Size == st.size && dy > st.size*minLineStep && dy < st.size*maxLineStep {
				steps[math.Round(dy*2)/2]++
			}
		}
	}
	st.spacing = st.size * defaultSpacing
	best = 0
	for dy, n := range steps {
		if n > best || n == best && dy < st.spacing {
			st.spacing, best = dy, n
		}
	}
	return st
}

// leftMargin returns the left edge of a page's body text: the leftmost
// edge that at least a fifth of its lines in the body size share.
func leftMargin(pg pdftext.Page, size float64) float64 {
	var xs []float64
	for _, l := range pg.Lines {
		if math.Abs(l.Size-size) < sizeTolerance {
			xs = append(xs, math.Round(l.X))
		}
	}
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	count := map[float64]int{}
	for _, x := range xs {
		count[x]++
	}
	for _, x := range xs {
		if count[x]*marginLinesShare >= len(xs) {
			return x
		}
	}
	return xs[0]
}

// runningKey returns the text of a line with its digits removed, so that
// "Page 2" and "Page 3" match.
func runningKey(text string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text)
}

// runningLines returns the keys of the lines that stand in the top or
// bottom margin of at least two pages and of at least half of the pages
// after the first: running headers and footers.
func runningLines(doc *pdftext.Document) map[string]bool {
	if len(doc.Pages) < minRunningPages {
		return nil
	}
	count := map[string]int{}
	for _, pg := range doc.Pages {
		seen := map[string]bool{}
		for _, l := range pg.Lines {
			if l.Y >= pg.Height*marginShare && l.Y <= pg.Height*(1-marginShare) {
				continue
			}
			k := runningKey(l.Text)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	running := map[string]bool{}
	for k, n := range count {
		if n >= 2 && n*2 >= len(doc.Pages)-1 {
			running[k] = true
		}
	}
	return running
}
