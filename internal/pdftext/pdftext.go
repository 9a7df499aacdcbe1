package pdftext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// A Document is the text of a PDF file, page by page.
type Document struct {
	// Pages are the pages in the order of the page tree.
	Pages []Page
	// Counts is the work the file took, as Limits count it.
	Counts Counts
}

// A Page is the text of one page.
type Page struct {
	// Number counts from 1.
	Number int
	// Width and Height are the size of the page as shown (after /Rotate),
	// in points.
	Width, Height float64
	// Lines are the lines of text in reading order: top to bottom, then
	// left to right. Two pieces of text on one baseline that a wide gap
	// separates (two columns, a table's cells) are two Lines.
	Lines []Line
	// Unmapped counts the glyphs left out because nothing maps them to
	// text, such as bullets drawn from a symbol font without a map; a
	// warning says so. Read fails with ErrGarbled when they are more than
	// 5% of the page's characters (and at least 10): its words do not
	// decode.
	Unmapped int
	// Warnings tell, in one line each, where text of the page may be
	// missing or was recovered from a damaged file.
	Warnings []string
}

// A Line is a run of text on one baseline.
type Line struct {
	// Text is the text as printed: words separated by single spaces,
	// curly quotes and dashes as they are, ligatures spelt out, and
	// symbol-font bullets (private-use code points U+F000 to U+F0FF) as
	// "•".
	Text string
	// X and Y are the left edge and the baseline of the line in points,
	// from the top-left corner of the page; Y grows downwards.
	X, Y float64
	// Width is the width of the line in points.
	Width float64
	// Size is the dominant font size in points: the size of most of the
	// line's characters.
	Size float64
	// Bold reports whether most of the line's characters are set in a
	// bold font.
	Bold bool
	// Artifact reports whether the file marks the line as page furniture:
	// a running header or footer, or a page number, set as a pagination
	// artifact in a tagged PDF. It is false when the file does not say.
	Artifact bool
	// Sup holds the byte ranges of Text set as superscripts (raised above
	// the baseline in a smaller size), such as footnote markers.
	Sup []Span
}

// A Span is a byte range [Start, End) of a Line's Text.
type Span struct {
	Start, End int
}

// Sentinel causes of Read's errors; test for them with errors.Is.
var (
	// ErrEncrypted means the file is encrypted and cannot be opened
	// without a password, or with an encryption this package cannot undo.
	ErrEncrypted = errors.New("PDF is encrypted")
	// ErrNoText means the file has no text layer: its pages are scanned
	// images (it needs OCR) or blank.
	ErrNoText = errors.New("PDF has no text layer")
	// ErrBlank means the file's pages hold neither text nor images:
	// there is nothing to OCR. errors.Is(err, ErrNoText) holds too.
	ErrBlank = errors.New("PDF pages are blank")
	// ErrGarbled means text does not decode: glyphs that neither the
	// font's ToUnicode map, its encoding nor its embedded font tables map
	// to characters.
	ErrGarbled = errors.New("PDF text does not decode")
	// ErrMalformed means the file is not a readable PDF: empty, truncated,
	// random bytes, a broken cross-reference table, no pages, or an
	// object or stream that cannot be parsed.
	ErrMalformed = errors.New("malformed PDF")
	// ErrTooLarge means the file hit one of the Limits.
	ErrTooLarge = errors.New("PDF exceeds a limit")
)

// blankError is the error of a file of blank pages: ErrNoText and
// ErrBlank.
type blankError struct{ pages int }

// Error says how many pages are blank.
func (e *blankError) Error() string {
	return fmt.Sprintf("%v: %d blank %s", ErrNoText, e.pages, plural(e.pages, "page"))
}

// Is reports whether target is ErrNoText or ErrBlank.
func (e *blankError) Is(target error) bool { return target == ErrNoText || target == ErrBlank }

// A PageError is an error on one page. Err wraps one of the sentinel
// errors.
type PageError struct {
	// Page counts from 1.
	Page int
	Err  error
}

// Error returns "page N: reason".
func (e *PageError) Error() string { return fmt.Sprintf("page %d: %v", e.Page, e.Err) }

// Unwrap returns the cause, so that errors.Is finds the sentinel.
func (e *PageError) Unwrap() error { return e.Err }

// Read reads the text of the PDF file of size bytes in r. The error, if
// any, wraps one of the sentinel errors, inside a *PageError when the
// problem is on one page, or, when ctx is done first, ctx's error. Read
// never panics and returns within about lim.Timeout whatever the input.
func Read(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	if size <= 0 {
		return nil, fmt.Errorf("%w: empty file", ErrMalformed)
	}
	if size > lim.MaxFileSize {
		return nil, fmt.Errorf("%w: file of %d bytes is larger than %d", ErrTooLarge, size, lim.MaxFileSize)
	}
	data := make([]byte, size)
	n, err := r.ReadAt(data, 0)
	if int64(n) < size {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: reading: %v", ErrMalformed, err)
	}
	return readBytes(ctx, data, lim)
}

// ReadBytes is Read of a file held in memory. It does not modify data,
// and keeps no reference to it once it returns, unless lim.Timeout
// passes or ctx is done first.
func ReadBytes(ctx context.Context, data []byte, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: empty file", ErrMalformed)
	}
	if int64(len(data)) > lim.MaxFileSize {
		return nil, fmt.Errorf("%w: file of %d bytes is larger than %d", ErrTooLarge, len(data), lim.MaxFileSize)
	}
	return readBytes(ctx, data, lim)
}

// readBytes runs the extraction in its own goroutine so that Read can
// return when ctx is done or lim.Timeout passes, even if the PDF library
// is stuck in a loop; see the package documentation. The extraction,
// told to stop, stops at its next read or operator.
func readBytes(ctx context.Context, data []byte, lim Limits) (*Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("reading stopped: %w", err)
	}
	type result struct {
		doc *Document
		err error
	}
	x := newExtractor(data, lim)
	done := make(chan result, 1)
	go func() {
		doc, err := x.run()
		done <- result{doc, err}
	}()
	timer := time.NewTimer(lim.Timeout)
	defer timer.Stop()
	select {
	case res := <-done:
		return res.doc, res.err
	case <-ctx.Done():
		x.cancel()
		return nil, fmt.Errorf("reading stopped: %w", ctx.Err())
	case <-timer.C:
		x.cancel()
		return nil, fmt.Errorf("%w: reading took longer than %v", ErrTooLarge, lim.Timeout)
	}
}
