package parse

import (
	"errors"

	"github.com/ofsted-letters/letters/record"
)

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
	record.Pos
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
