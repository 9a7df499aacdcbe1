package parse

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/ofsted-letters/letters/record"
)

// File parses the letter at path, which may be text or PDF: the format is
// read from the content, not the extension. Reading is bounded as
// ReadFile bounds it, and File returns ctx's error, as an *Error, when
// ctx is done before the letter is parsed.
func File(ctx context.Context, path string) (*record.Record, error) {
	data, err := ReadFile(ctx, path)
	if err != nil {
		return nil, err
	}
	return Bytes(ctx, path, data)
}

// Bytes parses a letter held in memory; name is used in the record's
// source and in errors. The format, text or PDF, is read from the content.
// Parsing stops with ctx's error when ctx is done.
func Bytes(ctx context.Context, name string, data []byte) (*record.Record, error) {
	return BytesWithDigest(ctx, name, data, "")
}

// BytesWithDigest is Bytes for data whose Digest a caller has already
// (to tell whether it was read before): sum, which becomes the record's
// source.sha256 and is not computed again. An empty sum is computed.
func BytesWithDigest(ctx context.Context, name string, data []byte, sum string) (*record.Record, error) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, &Error{Pos: record.Pos{File: name}, Err: ErrEmpty}
	case len(data) > MaxInput:
		return nil, &Error{Pos: record.Pos{File: name}, Err: ErrTooLarge}
	case IsPDF(data):
		return pdfBytes(ctx, name, data, sum)
	}
	return text(ctx, name, data, sum)
}

// IsPDF reports whether data starts like a PDF file. The header may follow
// a little junk, as readers allow.
func IsPDF(data []byte) bool { return record.IsPDF(data) }

// Text parses a letter in plain text, as pdftotext (with or without
// -layout), a copy from a browser or a markdown conversion leave it, in
// any of the encodings decodeText tells apart.
func Text(ctx context.Context, name string, r io.Reader) (*record.Record, error) {
	data, err := ReadAll(ctx, name, r)
	if err != nil {
		return nil, err
	}
	return text(ctx, name, data, "")
}

// text parses a letter in plain text held in memory, of at most MaxInput
// bytes (Bytes and ReadAll refuse a larger one), whose Digest is sum (""
// to compute it).
func text(ctx context.Context, name string, data []byte, sum string) (rec *record.Record, err error) {
	defer recoverInternal(name, &rec, &err)
	if sum == "" {
		sum = Digest(data)
	}
	if len(data) > maxRawText {
		// Decoded, the rest would pass maxTextBytes: checkText refuses
		// the text without it.
		data = data[:maxRawText]
	}
	data = decodeText(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{Pos: record.Pos{File: name}, Err: ErrEmpty}
	}
	if line := binaryLine(data); line > 0 {
		err := ErrBinary
		if why := record.SkipReason(name); why != "" {
			// A .docx named on the command line: say what to do with it.
			err = fmt.Errorf("%w (%s)", ErrBinary, why)
		}
		return nil, &Error{Pos: record.Pos{File: name, Line: line}, Err: err}
	}
	if err := checkText(name, data); err != nil {
		return nil, err
	}
	if err := stopped(ctx, name); err != nil {
		return nil, err
	}
	lines, pages := textLines(name, string(data))
	src := record.Source{Path: name, SHA256: sum, Format: record.FormatText, Pages: pages}
	return build(ctx, src, lines)
}

// Digest returns the hex SHA-256 of data, as a record's source.sha256
// holds it.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// binaryLine returns the line (from 1) of the first NUL byte, or of the
// first run of control characters that text does not contain; 0 if data
// looks like text.
func binaryLine(data []byte) int {
	line, controls := 1, 0
	for _, c := range data {
		switch {
		case c == '\n':
			line++
		case c == 0:
			return line
		case c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != '\v':
			controls++
			if controls > maxControls {
				return line
			}
		}
	}
	return 0
}

// textLines splits text into lines, each with its line number and, when
// the text holds form feeds (pdftotext's page breaks), its page. It
// returns the lines and the number of pages (0 without form feeds).
func textLines(name string, text string) ([]line, int) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	paged := strings.Contains(text, "\f")
	page := 0
	if paged {
		page = 1
	}
	raw := strings.Split(text, "\n")
	// The form feed that ends the last page may be followed by blank
	// lines (an editor's final newline, a CRLF conversion).
	last := len(raw) - 1
	for last > 0 && strings.TrimSpace(raw[last]) == "" {
		last--
	}
	lines := make([]line, 0, len(raw))
	for i, s := range raw {
		// A form feed is no indent: a page's first line keeps the
		// indent of its peers ("\f Practice study: ..." opens a box
		// whose lines stand one space in).
		unfed := strings.ReplaceAll(s, "\f", "")
		if n := len(s) - len(unfed); n > 0 { // n form feeds, a byte each
			if strings.TrimSpace(unfed) == "" && i >= last {
				n = 0 // the form feed that ends the last page
			}
			page += n
		}
		s = strings.ReplaceAll(unfed, "\t", "    ")
		lead := len(s) - len(strings.TrimLeft(s, " "))
		ln := line{
			raw:    cleanLine(s),
			pos:    record.Pos{File: name, Line: i + 1, Page: page},
			indent: lead,
			left:   float64(lead),
		}
		classify(&ln)
		lines = append(lines, ln)
	}
	if !paged {
		return lines, 0
	}
	markFootnotes(lines)
	return lines, page
}

// markFootnotes finds footnotes in paged text: at the foot of a page, a
// line holding only the footnote's number (1 to 9), then a few lines of
// text, then at most a page number before the page ends. pdftotext leaves
// footnotes so; without the mark their text would run into the paragraph
// that the page break interrupts.
func markFootnotes(lines []line) {
	for i := 0; i < len(lines); i++ {
		if lines[i].kind != lineFurniture || len(lines[i].text) != 1 || lines[i].text[0] < '1' || lines[i].text[0] > '9' {
			continue
		}
		page, end := lines[i].pos.Page, i+1
		for end < len(lines) && lines[end].pos.Page == page && end-i <= footnoteLines &&
			(lines[end].kind == lineText || (lines[end].kind == lineBlank && end+1 < len(lines) && lines[end+1].pos.Page == page)) {
			end++
		}
		// The footnote must run to the page's end, or to its page number.
		rest := end
		for rest < len(lines) && lines[rest].pos.Page == page && lines[rest].kind != lineText && lines[rest].kind != lineBullet {
			rest++
		}
		if end == i+1 || (rest < len(lines) && lines[rest].pos.Page == page) {
			continue
		}
		for j := i + 1; j < end; j++ {
			if lines[j].kind == lineText {
				lines[j].ev.footnote = true
				classify(&lines[j])
			}
		}
		i = end - 1
	}
}
