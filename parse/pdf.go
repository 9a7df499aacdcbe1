package parse

import (
	"fmt"
	"io"
)

// PDF parses a letter in PDF form.
//
// BUG(lead): PDF input arrives with the PDF issue; until then a PDF fails
// with ErrPDF rather than being misread as text.
func PDF(name string, r io.ReaderAt, size int64) (*Record, error) {
	return nil, &Error{Pos: Pos{File: name}, Err: fmt.Errorf("%w: PDF input is not built yet", ErrPDF)}
}
