package parse

import (
	"errors"
	"fmt"

	"github.com/ofsted-letters/letters/record"
)

// Sentinel causes of an Error; test for them with errors.Is.
var (
	// ErrNotALetter says an input reads as text or PDF but not as an
	// Ofsted letter, or passes one of the limits on a letter's size.
	ErrNotALetter = errors.New("not an Ofsted letter")
	// ErrEmpty says an input holds nothing but white space.
	ErrEmpty = errors.New("empty input")
	// ErrBinary says an input is neither text nor PDF.
	ErrBinary = errors.New("binary data, neither text nor PDF")
	// ErrPDF says a PDF cannot be read: malformed, or past a limit.
	ErrPDF = errors.New("unreadable PDF")
	// ErrNeedsOCR says a PDF has no text layer.
	ErrNeedsOCR = errors.New("PDF has no text layer (scanned image): it needs OCR")
	// ErrEncrypted says a PDF is encrypted.
	ErrEncrypted = errors.New("PDF is encrypted")
	// ErrGarbled says a PDF's text does not decode to characters.
	ErrGarbled = errors.New("PDF text does not decode (replacement characters)")
	// ErrTooLarge says an input is larger than MaxInput, more than any
	// letter could be.
	ErrTooLarge = fmt.Errorf("input too large to be a letter (over %d MiB)", MaxInput>>20)
	// ErrInternal says the parser failed on an input by a fault of its
	// own (a panic, recovered): the input is refused and the batch goes
	// on. It is a bug to report; the fuzz tests fail on it.
	ErrInternal = errors.New("internal error in letters (please report it, with the input)")
)

// An Error is a problem with one input, at a position. Err is one of the
// sentinel errors above, possibly wrapped with detail.
type Error struct {
	record.Pos
	Err error
}

// Error returns "file:line: reason", or "file: reason" without a line.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Err.Error() }

// Unwrap returns the cause, so that errors.Is finds the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// recoverInternal, deferred by the functions that every parse of one
// input goes through (text and pdfBytes), turns a panic into an
// ErrInternal naming the input, so that a bug met on one letter refuses
// that letter and does not stop the batch.
func recoverInternal(name string, rec **record.Record, err *error) {
	if v := recover(); v != nil {
		*rec, *err = nil, &Error{Pos: record.Pos{File: name}, Err: fmt.Errorf("%w: %v", ErrInternal, v)}
	}
}
