package parse

import (
	"errors"
	"fmt"
	"strings"
)

// A Pos is where a piece of text came from. Line counts from 1: for text
// input it is the line of the file, for PDF input the line of the page,
// counted from the top. Page counts from 1 and is 0 for text without page
// breaks. File is left empty inside a Record, whose Source names the file.
type Pos struct {
	File string `yaml:"file,omitempty" json:"file,omitempty"`
	Line int    `yaml:"line" json:"line"`
	Page int    `yaml:"page,omitempty" json:"page,omitempty"`
}

// String returns "file:line" or, with a page, "file:page:line" in the form
// "file:p2:line".
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Page > 0 {
		fmt.Fprintf(&b, ":p%d", p.Page)
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	return b.String()
}

// Sentinel causes of an Error; test for them with errors.Is.
var (
	ErrNotALetter = errors.New("not an Ofsted letter")
	ErrEmpty      = errors.New("empty input")
	ErrBinary     = errors.New("binary data, neither text nor PDF")
	ErrPDF        = errors.New("unreadable PDF")
	ErrNeedsOCR   = errors.New("PDF has no text layer (scanned image): it needs OCR")
	ErrEncrypted  = errors.New("PDF is encrypted")
	ErrGarbled    = errors.New("PDF text does not decode (replacement characters)")
)

// An Error is a problem with one input, at a position. Err is one of the
// sentinel errors above, possibly wrapped with detail.
type Error struct {
	Pos
	Err error
}

// Error returns "file:line: reason".
func (e *Error) Error() string {
	pos := e.Pos.String()
	if e.Line == 0 && e.Page == 0 {
		pos = e.File
	}
	return pos + ": " + e.Err.Error()
}

// Unwrap returns the cause, so that errors.Is finds the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge says an input is larger than any letter could be.
var ErrTooLarge = errors.New("input too large to be a letter (over 64 MiB)")
