package pdftext

import (
	"fmt"
	"time"
)

// Limits bound the work Read does on one file. Each counts work, not
// time, so that a file gets the same answer on any machine under any
// load; Timeout is only the last resort. A zero field takes the default
// given in its comment. The package documentation gives, beside each
// default, the largest count that a real letter reaches.
type Limits struct {
	// MaxFileSize is the largest file read, in bytes (default 64 MiB).
	MaxFileSize int64
	// MaxPages is the largest number of pages read (default 2000).
	MaxPages int
	// MaxObjects is the most objects the cross-reference sections may
	// list (default 100,000), checked before the PDF library reads them.
	MaxObjects int64
	// MaxArray is the most elements of one array or dictionary in the
	// file's objects (default 100,000), checked before the PDF library
	// reads the file, which would hold them all in memory.
	MaxArray int64
	// MaxLibraryBytes is the most bytes the PDF library may read and
	// decode to find the file's objects, counting each byte of a
	// compressed object stream as many times as it expands (default
	// 256 MiB).
	MaxLibraryBytes int64
	// MaxStreams is the most streams decoded (page contents, forms each
	// time they are drawn, fonts, CMaps) in the whole file (default
	// 20,000).
	MaxStreams int64
	// MaxStreamSize is the most bytes one stream may decode to (default
	// 16 MiB).
	MaxStreamSize int64
	// MaxStreamBytes is the most decoded bytes of all streams in the
	// whole file (default 64 MiB).
	MaxStreamBytes int64
	// MaxOps is the most content-stream operators interpreted in the
	// whole file (default 2,000,000).
	MaxOps int64
	// MaxGlyphs is the most characters shown in the whole file (default
	// 500,000).
	MaxGlyphs int64
	// MaxChunks is the most strings shown (Tj, TJ, ' and " operands) in
	// the whole file (default 200,000).
	MaxChunks int64
	// Timeout bounds the wall time of Read (default 20 s). It is the last
	// resort for loops inside the PDF library that the counts cannot
	// reach; see the package documentation.
	Timeout time.Duration
}

// DefaultLimits are the limits a zero Limits stands for.
var DefaultLimits = Limits{
	MaxFileSize:     64 << 20,
	MaxPages:        2000,
	MaxObjects:      100_000,
	MaxArray:        100_000,
	MaxLibraryBytes: 256 << 20,
	MaxStreams:      20_000,
	MaxStreamSize:   16 << 20,
	MaxStreamBytes:  64 << 20,
	MaxOps:          2_000_000,
	MaxGlyphs:       500_000,
	MaxChunks:       200_000,
	Timeout:         20 * time.Second,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	set := func(v *int64, def int64) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&l.MaxFileSize, d.MaxFileSize)
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	set(&l.MaxObjects, d.MaxObjects)
	set(&l.MaxArray, d.MaxArray)
	set(&l.MaxLibraryBytes, d.MaxLibraryBytes)
	set(&l.MaxStreams, d.MaxStreams)
	set(&l.MaxStreamSize, d.MaxStreamSize)
	set(&l.MaxStreamBytes, d.MaxStreamBytes)
	set(&l.MaxOps, d.MaxOps)
	set(&l.MaxGlyphs, d.MaxGlyphs)
	set(&l.MaxChunks, d.MaxChunks)
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	return l
}

// Counts is the work a file took, in the units of Limits.
type Counts struct {
	// Objects is the number of objects the structure check found.
	Objects int64
	// LongestArray is the most elements of one array or dictionary.
	LongestArray int64
	// LibraryBytes is the bytes the PDF library read and decoded.
	LibraryBytes int64
	// Streams is the number of streams decoded.
	Streams int64
	// LargestStream is the decoded size of the largest stream.
	LargestStream int64
	// StreamBytes is the decoded bytes of all streams.
	StreamBytes int64
	// Ops is the content-stream operators interpreted.
	Ops int64
	// Glyphs is the characters shown.
	Glyphs int64
	// Chunks is the strings shown.
	Chunks int64
}

// A LimitError is a file refused because a count passed its limit. It
// wraps ErrTooLarge.
type LimitError struct {
	// What names the count: "content-stream operators", ...
	What string
	// Max is the limit that the count passed.
	Max int64
}

// Error returns "PDF exceeds a limit: more than Max What".
func (e *LimitError) Error() string {
	return fmt.Sprintf("%v: more than %d %s", ErrTooLarge, e.Max, e.What)
}

// Unwrap returns ErrTooLarge.
func (e *LimitError) Unwrap() error { return ErrTooLarge }

// The names of the counts in a LimitError.
const (
	whatPages        = "pages"
	whatObjects      = "objects"
	whatArray        = "elements in one array or dictionary"
	whatLibraryBytes = "bytes read by the PDF library to find objects"
	whatStreams      = "streams decoded"
	whatStreamSize   = "bytes decoded from one stream"
	whatStreamBytes  = "bytes decoded from streams"
	whatOps          = "content-stream operators"
	whatGlyphs       = "characters shown"
	whatChunks       = "strings shown"
)

// add adds n to the count c and, when it passes max, ends the reading
// with a *LimitError: the panic is recovered by run and page.
func add(c *int64, n, max int64, what string) {
	*c += n
	if *c > max {
		panic(boundError{&LimitError{What: what, Max: max}})
	}
}
