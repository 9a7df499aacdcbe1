package parse

import (
	"context"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/ofsted-letters/letters/record"
)

// Limits on one input. Each is far above what a letter reaches, and low
// enough that an input past it is refused early, in well under a second
// and a few tens of megabytes, instead of costing minutes and gigabytes
// in the later stages. The largest figures of real letters, measured on
// the 344 PDF letters of the focused-visit corpus and the text letters of
// testdata: 18 KB of text, 273 lines of text, 44 lines on a PDF page,
// 2,575 words, 40 paragraphs.
const (
	// MaxInput is the most bytes read from one input, text or PDF: a
	// larger input is refused with ErrTooLarge after reading MaxInput+1
	// bytes.
	MaxInput = 64 << 20
	// maxTextBytes is the most bytes of text a letter may hold, about 100
	// times the largest.
	maxTextBytes = 2 << 20
	// maxRawText is the most bytes of a text input that are decoded:
	// decoding never halves a text's size (UTF-16 of ASCII does), so
	// past it the text passes maxTextBytes.
	maxRawText = 2*maxTextBytes + 16
	// maxLines is the most lines a letter may hold, text or PDF.
	maxLines = 20_000
	// maxWords is the most words a letter may hold.
	maxWords = 100_000
	// maxParagraphs is the most paragraphs, bullets and headings a letter
	// may hold.
	maxParagraphs = 2_000
)

// Errors that say which limit a letter passed; each wraps ErrNotALetter.
var (
	errTooManyBytes      = fmt.Errorf("%w: over %d MiB of text (a letter has tens of kilobytes)", ErrNotALetter, maxTextBytes>>20)
	errTooManyLines      = fmt.Errorf("%w: over %d lines (a letter has a few hundred)", ErrNotALetter, maxLines)
	errTooManyWords      = fmt.Errorf("%w: over %d words (a letter has a few thousand)", ErrNotALetter, maxWords)
	errTooManyParagraphs = fmt.Errorf("%w: over %d paragraphs (a letter has a few dozen)", ErrNotALetter, maxParagraphs)
)

// checkText refuses text (UTF-8) that passes a limit, at the line where
// it does, before the text is split into lines.
func checkText(name string, text []byte) error {
	line, words, inWord := 1, 0, false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		var err error
		switch {
		case i >= maxTextBytes:
			err = errTooManyBytes
		case r == '\n':
			line++
			if line > maxLines {
				err = errTooManyLines
			}
		}
		space := unicode.IsSpace(r)
		if !space && !inWord {
			words++
			if words > maxWords {
				err = errTooManyWords
			}
		}
		if err != nil {
			return &Error{Pos: record.Pos{File: name, Line: line}, Err: err}
		}
		inWord = !space
		i += size
	}
	return nil
}

// checkLines refuses the lines of a PDF when they pass a limit.
func checkLines(name string, lines []line) error {
	words := 0
	for i, l := range lines {
		if i >= maxLines {
			return &Error{Pos: l.pos, Err: errTooManyLines}
		}
		words += countWords(l.text)
		if words > maxWords {
			return &Error{Pos: l.pos, Err: errTooManyWords}
		}
	}
	return nil
}

// checkBlocks refuses a letter of too many paragraphs.
func checkBlocks(blocks []block) error {
	if len(blocks) > maxParagraphs {
		return &Error{Pos: blocks[maxParagraphs].pos, Err: errTooManyParagraphs}
	}
	return nil
}

// countWords returns the number of words, runs of characters other than
// space, in s.
func countWords(s string) int {
	n, inWord := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// stopped returns ctx's error as an *Error naming the input, or nil while
// ctx is not done. The stages of a parse call it between them, so that a
// caller's deadline or cancellation ends the work.
func stopped(ctx context.Context, name string) error {
	if err := ctx.Err(); err != nil {
		return &Error{Pos: record.Pos{File: name}, Err: err}
	}
	return nil
}
