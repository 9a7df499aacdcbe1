package profilecache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"github.com/ofsted-letters/letters/internal/output"
)

// indexName is the file, beside the entries of one analyser in one
// folder, that holds the heads of the folder's record files: what a
// command that prints no sentence reads of them, in one file instead of
// one per record file.
const indexName = "index"

// indexMagic opens an index file; a change to the index's or the head's
// encoding changes it, so that an old index is never read.
const indexMagic = "letters profile index 3\n"

// rowSize is the size of a row of an index's table: a record file's
// SHA-256, then the offset of its heads in the heads that follow the
// table and their length, four bytes each, little-endian.
const rowSize = sha256.Size + 4 + 4

// countSize is the size of the count of rows after indexMagic.
const countSize = 4

// maxHeads bounds the heads of an index, which offsets of four bytes
// address.
const maxHeads = math.MaxUint32

// An index holds the heads of the record files of one folder, keyed by
// their SHA-256: those its file held when the run began, read one record
// file at a time as they are asked for, and those the run has read that
// the file does not hold, which Flush writes with the others.
//
// The file is magic, the count of rows, the rows (a table sorted by
// SHA-256: see rowSize), the heads of each record file (their count,
// then each head after its length), and last the SHA-256 of all that: a
// damaged index is ignored whole. A run holds the table, a few dozen
// bytes a record file, and reads the heads from the file when a record
// file's are wanted, so that the index of ten thousand letters does not
// stay in memory while they are read.
type index struct {
	path string
	once sync.Once
	// file is the index's file as the run found it, open for reading
	// heads (a new index replaces the file by a rename, so this one
	// stays as it was), or nil when there was none or it was damaged.
	file  *os.File
	rows  []byte // the table, sorted by SHA-256
	heads int64  // the offset of the heads in file

	mu      sync.Mutex
	seen    []bool                       // per row: the run has read its record file
	nseen   int                          // rows seen
	fresh   map[[sha256.Size]byte][]byte // heads read that file does not hold
	flushed bool                         // Flush has run: the index is let go
}

// index returns the index of the folder of file.
func (c *Cache) index(file string) *index {
	dir := c.folder(file)
	if ix, ok := c.indexes.Load(dir); ok {
		return ix.(*index)
	}
	ix, _ := c.indexes.LoadOrStore(dir, &index{path: filepath.Join(dir, indexName), fresh: map[[sha256.Size]byte][]byte{}})
	return ix.(*index)
}

// load opens the index's file once and reads its table; a file that is
// missing or damaged leaves the index empty.
func (ix *index) load() {
	ix.once.Do(func() {
		ix.open()
		ix.seen = make([]bool, len(ix.rows)/rowSize)
	})
}

// open opens the index's file and reads its table, or leaves the index
// empty when the file is missing or damaged.
func (ix *index) open() {
	ix.file, ix.rows = nil, nil
	f, err := os.Open(ix.path)
	if err != nil {
		return
	}
	rows, heads, err := readTable(f)
	if err != nil {
		f.Close()
		return
	}
	ix.file, ix.rows, ix.heads = f, rows, heads
}

// errIndex says that an index's file is damaged.
var errIndex = errors.New("profilecache: damaged index")

// readTable checks the checksum of the index file f and returns its
// table and where its heads begin, once it has checked that the table is
// sorted and that each row's heads lie within the file.
func readTable(f *os.File) (rows []byte, heads int64, err error) {
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	size := info.Size() - sha256.Size
	start := int64(len(indexMagic) + countSize)
	if size < start {
		return nil, 0, errIndex
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, size)); err != nil {
		return nil, 0, err
	}
	var sum [sha256.Size]byte
	if _, err := f.ReadAt(sum[:], size); err != nil || !bytes.Equal(h.Sum(nil), sum[:]) {
		return nil, 0, errIndex
	}
	head := make([]byte, start)
	if _, err := f.ReadAt(head, 0); err != nil || string(head[:len(indexMagic)]) != indexMagic {
		return nil, 0, errIndex
	}
	n := int64(binary.LittleEndian.Uint32(head[len(indexMagic):]))
	heads = start + n*rowSize
	if heads > size {
		return nil, 0, errIndex
	}
	rows = make([]byte, n*rowSize)
	if _, err := f.ReadAt(rows, start); err != nil {
		return nil, 0, errIndex
	}
	for i := range int(n) {
		off, length := rowSpan(rows, i)
		if off+length > size-heads || i > 0 && bytes.Compare(rowSum(rows, i-1), rowSum(rows, i)) >= 0 {
			return nil, 0, errIndex
		}
	}
	return rows, heads, nil
}

// rowSum returns the SHA-256 of the i-th row of rows.
func rowSum(rows []byte, i int) []byte {
	return rows[i*rowSize : i*rowSize+sha256.Size]
}

// rowSpan returns where the heads of the i-th row of rows begin, from the
// first head of the index, and their length.
func rowSpan(rows []byte, i int) (off, length int64) {
	r := rows[i*rowSize+sha256.Size:]
	return int64(binary.LittleEndian.Uint32(r)), int64(binary.LittleEndian.Uint32(r[4:]))
}

// row returns the row of the record file whose bytes have SHA-256 sum,
// or false when the index's file holds none.
func (ix *index) row(sum [sha256.Size]byte) (int, bool) {
	n := len(ix.rows) / rowSize
	i := sort.Search(n, func(i int) bool { return bytes.Compare(rowSum(ix.rows, i), sum[:]) >= 0 })
	return i, i < n && bytes.Equal(rowSum(ix.rows, i), sum[:])
}

// readRow returns the heads of the i-th row of rows, the table of the
// index file f whose heads begin at heads.
func readRow(f *os.File, rows []byte, heads int64, i int) ([]byte, error) {
	off, length := rowSpan(rows, i)
	blob := make([]byte, length)
	if _, err := f.ReadAt(blob, heads+off); err != nil {
		return nil, err
	}
	return blob, nil
}

// see records that the record file whose bytes have SHA-256 sum has the
// heads blob: a row of the file, or fresh heads.
func (ix *index) see(sum [sha256.Size]byte, blob []byte) {
	ix.load()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.flushed {
		return
	}
	if i, ok := ix.row(sum); ok {
		// The heads the file holds, encoded again by Load: the file
		// keeps them.
		ix.seeRow(i)
		return
	}
	ix.fresh[sum] = blob
}

// seeRow records that the run read the record file of the i-th row;
// ix.mu is held.
func (ix *index) seeRow(i int) {
	if !ix.seen[i] {
		ix.seen[i] = true
		ix.nseen++
	}
}

// Heads returns the entries of the record file at path whose bytes have
// the SHA-256 sum as its folder's index holds them, or false when it
// holds none: each entry's record holds what a head keeps (the source,
// the letter's date and kind, the visit but its inspectors, what
// monitoring follows and its inspectorates), and its profile the
// statuses and counts, no evidence. It is what diff, themes and summary
// read of a letter, and reading it costs a fraction of Load. After Flush,
// it serves the index as Flush left it, to read statuses back as they
// are written.
func (c *Cache) Heads(path string, sum [sha256.Size]byte) ([]Entry, bool) {
	ix := c.index(path)
	ix.load()
	ix.mu.Lock()
	i, ok := ix.row(sum)
	file, rows, heads := ix.file, ix.rows, ix.heads
	ix.mu.Unlock()
	if !ok {
		return nil, false
	}
	blob, err := readRow(file, rows, heads, i)
	if err != nil {
		return nil, false
	}
	entries, ok := decodeHeads(blob, c.themes, c.names)
	if !ok {
		return nil, false
	}
	ix.mu.Lock()
	if !ix.flushed {
		ix.seeRow(i)
	}
	ix.mu.Unlock()
	return entries, true
}

// decodeHeads decodes the heads of a record file, the strings that many
// repeat interned in names.
func decodeHeads(blob []byte, ids []string, names *names) ([]Entry, bool) {
	h := headReader{b: blob, names: names}
	n := h.int()
	if h.err != nil || n == 0 || n > len(blob) {
		return nil, false
	}
	entries := make([]Entry, n)
	for i := range entries {
		size := h.int()
		if h.err != nil || size > len(h.b) {
			return nil, false
		}
		one := headReader{b: h.b[:size], names: h.names}
		e, err := one.decodeHead(ids)
		if err != nil || len(one.b) != 0 {
			return nil, false
		}
		entries[i] = e
		h.b = h.b[size:]
	}
	return entries, len(h.b) == 0
}

// note adds the heads of entries, the letters of the record file at path
// whose bytes have the SHA-256 sum, to its folder's index.
func (c *Cache) note(path string, sum [sha256.Size]byte, entries []Entry) {
	blob := binary.AppendUvarint(nil, uint64(len(entries)))
	var head []byte
	for _, e := range entries {
		head = appendHead(head[:0], e, c.themes)
		blob = binary.AppendUvarint(blob, uint64(len(head)))
		blob = append(blob, head...)
	}
	c.index(path).see(sum, blob)
}

// Flush writes the index of each folder whose record files the run read
// when it differs from the index's file: when a record file was new or
// changed, or when the file holds record files that the run did not read
// although it read more than half of the folder (they were changed or
// removed, and are left out). A run over at most half of the files of a
// folder adds theirs to its index and leaves the others. Each index is written to a temporary
// file and renamed into place; the first error is returned, but an index
// is a convenience: without it, Load serves the same profiles. Flush is
// called once, when every record file has been read: later, Load adds
// nothing to an index, and Heads serves the index written (or found
// unchanged) until Close, without interning the strings of the heads it
// reads (see names.stop).
func (c *Cache) Flush() error {
	c.names.stop()
	var first error
	c.indexes.Range(func(_, v any) bool {
		ix := v.(*index)
		if err := ix.flush(); err != nil && first == nil {
			first = err
		}
		return true
	})
	return first
}

// flush writes the index when it differs from its file (see Flush),
// and lets go of it: memory is then free for the output.
func (ix *index) flush() error {
	ix.load()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.flushed {
		return nil
	}
	ix.flushed = true
	defer ix.settle()
	n := len(ix.seen)
	if ix.nseen == 0 && len(ix.fresh) == 0 {
		return nil
	}
	keepOld := 2*(ix.nseen+len(ix.fresh)) <= n // a run over at most half of the folder's files
	if len(ix.fresh) == 0 && (keepOld || ix.nseen == n) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(ix.path), 0o755); err != nil {
		return err
	}
	removeStale(filepath.Dir(ix.path))
	return output.ReplaceWith(ix.path, func(w io.Writer) error { return ix.write(w, keepOld) })
}

// settle lets go of what flush needed (which rows the run read, the
// fresh heads) and keeps the index's file open for Heads: the file it
// found, or the one it wrote, opened again; ix.mu is held.
func (ix *index) settle() {
	ix.seen, ix.fresh = nil, nil
	if ix.file == nil {
		ix.open()
	}
}

// close closes the index's file: Heads then finds nothing.
func (ix *index) close() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.file != nil {
		ix.file.Close()
	}
	ix.file, ix.rows = nil, nil
}

// Close closes the index files that the cache holds open (see Heads).
// The cache can still Load and Store, and a closed index is not written
// by Flush.
func (c *Cache) Close() {
	c.indexes.Range(func(_, v any) bool {
		ix := v.(*index)
		ix.once.Do(func() {}) // an index not loaded yet never will be
		ix.mu.Lock()
		ix.flushed = true
		ix.mu.Unlock()
		ix.close()
		return true
	})
}

// A newRow is a row of the index that flush writes: the SHA-256 of a
// record file, and its heads, fresh or at row old of the file.
type newRow struct {
	sum   [sha256.Size]byte
	old   int // -1 for fresh heads
	fresh []byte
}

// write writes the index of the fresh heads and of the rows of the
// file that the run read, or of every row of the file with keepOld; the
// heads of the file's rows are copied from it. It closes the file when
// it is done with it, before the new index replaces it.
func (ix *index) write(w io.Writer, keepOld bool) error {
	var all []newRow
	for i := range ix.seen {
		if keepOld || ix.seen[i] {
			all = append(all, newRow{sum: [sha256.Size]byte(rowSum(ix.rows, i)), old: i})
		}
	}
	for sum, blob := range ix.fresh {
		all = append(all, newRow{sum: sum, old: -1, fresh: blob})
	}
	slices.SortFunc(all, func(a, b newRow) int { return bytes.Compare(a.sum[:], b.sum[:]) })
	table := make([]byte, 0, len(indexMagic)+countSize+len(all)*rowSize)
	table = append(table, indexMagic...)
	table = binary.LittleEndian.AppendUint32(table, uint32(len(all)))
	var off int64
	for _, r := range all {
		length := int64(len(r.fresh))
		if r.old >= 0 {
			_, length = rowSpan(ix.rows, r.old)
		}
		if off+length > maxHeads {
			return errIndex
		}
		table = append(table, r.sum[:]...)
		table = binary.LittleEndian.AppendUint32(table, uint32(off))
		table = binary.LittleEndian.AppendUint32(table, uint32(length))
		off += length
	}
	h := sha256.New()
	bw := bufio.NewWriter(io.MultiWriter(w, h))
	bw.Write(table)
	for _, r := range all {
		if r.old < 0 {
			bw.Write(r.fresh)
			continue
		}
		off, length := rowSpan(ix.rows, r.old)
		if _, err := io.Copy(bw, io.NewSectionReader(ix.file, ix.heads+off, length)); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if ix.file != nil {
		ix.file.Close()
		ix.file = nil
	}
	_, err := w.Write(h.Sum(nil))
	return err
}

// removeStale removes from dir the temporary files that a killed run
// left there (output.Stale): nothing would rename or read them. It is
// done when an index is written, as a run after a killed one writes it.
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if output.Stale(e.Name()) {
			_ = os.Remove(filepath.Join(dir, e.Name())) // a convenience, like the index
		}
	}
}
