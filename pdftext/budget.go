package pdftext

import (
	"fmt"
	"io"
	"sync/atomic"
)

// A boundError is the value panicked by budgetReader when the PDF library
// has read more than its budget or Read has given up on the file. The
// library's own recover turns it into an error; ours turns it into one
// with the same cause.
type boundError struct{ err error }

func (e boundError) Error() string { return e.err.Error() }
func (e boundError) Unwrap() error { return e.err }

// A budgetReader is the file as the PDF library sees it. Every ReadAt
// draws on a budget of bytes; when the budget runs out, or when Read has
// given up on the file, ReadAt panics with a boundError. A loop inside
// the library that keeps reading, such as a cycle of /Prev offsets or of
// object streams that extend each other, ends there.
type budgetReader struct {
	data    []byte
	left    atomic.Int64
	stopped atomic.Bool
}

// libraryReadFactor bounds the bytes the PDF library may read, as a
// multiple of the file size (plus libraryReadSlack). The library parses
// every indirect object afresh on each lookup, and decodes a whole object
// stream to find one object in it, so reads add up: at most 2.1 times the
// file's size over the 344 letters of the shared corpus, but files whose
// objects all lie in large object streams read far more.
const (
	libraryReadFactor = 400
	libraryReadSlack  = 64 << 20
)

func newBudgetReader(data []byte) *budgetReader {
	b := &budgetReader{data: data}
	b.left.Store(int64(len(data))*libraryReadFactor + libraryReadSlack)
	return b
}

func (b *budgetReader) ReadAt(p []byte, off int64) (int, error) {
	if b.stopped.Load() {
		panic(boundError{fmt.Errorf("%w: reading was stopped", ErrTooLarge)})
	}
	if b.left.Add(-int64(len(p))) < 0 {
		panic(boundError{fmt.Errorf("%w: the PDF library read more than %d times the file's size", ErrTooLarge, libraryReadFactor)})
	}
	if off < 0 || off >= int64(len(b.data)) {
		return 0, io.EOF
	}
	n := copy(p, b.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
