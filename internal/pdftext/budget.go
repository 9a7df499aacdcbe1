package pdftext

import (
	"fmt"
	"io"
	"sort"
	"sync/atomic"
)

// A boundError is the value panicked when a count passes its limit, or by
// budgetReader when the PDF library has read more than its budget or
// Read has given up on the file. The library's own recover turns it into
// an error; ours turns it into one with the same cause.
type boundError struct{ err error }

func (e boundError) Error() string { return e.err.Error() }
func (e boundError) Unwrap() error { return e.err }

// A budgetReader is the file as the PDF library sees it. Every ReadAt
// counts the bytes read, each byte of a compressed object stream as many
// times as the stream expands, since the library decodes the stream
// again for each object it looks up there; when the count passes its
// limit, or when Read has given up on the file, ReadAt panics with a
// boundError. A loop inside the library that keeps reading, such as a
// cycle of /Prev offsets or of object streams that extend each other,
// ends there, and so does a file that makes the library decode a small
// object stream over and over.
type budgetReader struct {
	data      []byte
	expanding []expansion // sorted by start
	max       int64
	read      atomic.Int64
	stopped   atomic.Bool
}

// An expansion is the data of a compressed object stream in the file,
// bytes [start, end), which decodes to factor times its size.
type expansion struct {
	start, end int64
	factor     int64
}

func newBudgetReader(data []byte, expanding []expansion, max int64) *budgetReader {
	sort.Slice(expanding, func(i, j int) bool { return expanding[i].start < expanding[j].start })
	return &budgetReader{data: data, expanding: expanding, max: max}
}

// weight returns how many times a byte read at off counts.
func (b *budgetReader) weight(off int64) int64 {
	i := sort.Search(len(b.expanding), func(i int) bool { return b.expanding[i].end > off })
	if i < len(b.expanding) && b.expanding[i].start <= off {
		return b.expanding[i].factor
	}
	return 1
}

func (b *budgetReader) ReadAt(p []byte, off int64) (int, error) {
	if b.stopped.Load() {
		panic(boundError{fmt.Errorf("%w: reading was stopped", ErrTooLarge)})
	}
	if b.read.Add(int64(len(p))*b.weight(off)) > b.max {
		panic(boundError{&LimitError{What: whatLibraryBytes, Max: b.max}})
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
