package profilecache

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
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
const indexMagic = "letters profile index 2\n"

// An index holds the heads of the record files of one folder, keyed by
// their SHA-256: those its file held when the run began (loaded), and
// those the run has read (seen), which Flush writes back when they
// differ.
//
// The file is magic, then per record file its SHA-256, the length of its
// heads and its heads (their count, then each head after its length),
// and last the SHA-256 of all that: a damaged index is ignored whole.
type index struct {
	path string
	once sync.Once
	// loaded maps a record file's SHA-256 to its heads in the file.
	loaded map[[sha256.Size]byte][]byte

	mu      sync.Mutex
	seen    map[[sha256.Size]byte][]byte
	changed bool // seen holds a record file that loaded does not
	flushed bool // Flush has run: the index is let go
}

// index returns the index of the folder of file.
func (c *Cache) index(file string) *index {
	dir := c.folder(file)
	if ix, ok := c.indexes.Load(dir); ok {
		return ix.(*index)
	}
	ix, _ := c.indexes.LoadOrStore(dir, &index{path: filepath.Join(dir, indexName), seen: map[[sha256.Size]byte][]byte{}})
	return ix.(*index)
}

// load reads the index's file once; a file that is missing or damaged
// leaves the index empty.
func (ix *index) load() {
	ix.once.Do(func() {
		ix.loaded = map[[sha256.Size]byte][]byte{}
		data, err := os.ReadFile(ix.path)
		if err != nil || len(data) < len(indexMagic)+sha256.Size || string(data[:len(indexMagic)]) != indexMagic {
			return
		}
		body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
		if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
			return
		}
		loaded := map[[sha256.Size]byte][]byte{}
		b := body[len(indexMagic):]
		for len(b) > 0 {
			if len(b) < sha256.Size {
				return
			}
			key := [sha256.Size]byte(b[:sha256.Size])
			b = b[sha256.Size:]
			n, k := binary.Uvarint(b)
			if k <= 0 || n > uint64(len(b)-k) {
				return
			}
			loaded[key] = b[k : k+int(n) : k+int(n)]
			b = b[k+int(n):]
		}
		ix.loaded = loaded
	})
}

// see records that the record file whose bytes have SHA-256 sum has the
// heads blob.
func (ix *index) see(sum [sha256.Size]byte, blob []byte) {
	ix.load()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.flushed {
		return
	}
	switch old, ok := ix.loaded[sum]; {
	case !ok:
		ix.changed = true
	case bytes.Equal(old, blob):
		// The heads the file holds, encoded again by Load: keep the
		// file's bytes, so that a run that loads every letter's evidence
		// (diff -o json, report) does not hold its heads twice.
		blob = old
	}
	ix.seen[sum] = blob
}

// Heads returns the entries of the record file at path whose bytes have
// the SHA-256 sum as its folder's index holds them, or false when it
// holds none: each entry's record holds what a head keeps (the source,
// the letter's date and kind, the visit but its inspectors, what
// monitoring follows and its inspectorates), and its profile the
// statuses and counts, no evidence. It is what diff, themes and summary
// read of a letter, and reading it costs a fraction of Load.
func (c *Cache) Heads(path string, sum [sha256.Size]byte) ([]Entry, bool) {
	ix := c.index(path)
	ix.load()
	ix.mu.Lock()
	blob, ok := ix.loaded[sum]
	ix.mu.Unlock()
	if !ok {
		return nil, false
	}
	entries, ok := decodeHeads(blob, c.themes)
	if !ok {
		return nil, false
	}
	ix.see(sum, blob)
	return entries, true
}

// decodeHeads decodes the heads of a record file.
func decodeHeads(blob []byte, ids []string) ([]Entry, bool) {
	h := headReader{b: blob, names: map[string]string{}}
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
// called once, when every record file has been read: later, Heads finds
// nothing and Load adds nothing to an index.
func (c *Cache) Flush() error {
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
	defer func() { ix.loaded, ix.seen = nil, nil }()
	if len(ix.seen) == 0 {
		return nil
	}
	keepOld := 2*len(ix.seen) <= len(ix.loaded) // a run over at most half of the folder's files
	all := ix.seen
	if keepOld {
		all = map[[sha256.Size]byte][]byte{}
		for k, v := range ix.loaded {
			all[k] = v
		}
		for k, v := range ix.seen {
			all[k] = v
		}
	}
	if !ix.changed && len(all) == len(ix.loaded) {
		return nil
	}
	keys := make([][sha256.Size]byte, 0, len(all))
	size := len(indexMagic) + sha256.Size
	for k, v := range all {
		keys = append(keys, k)
		size += sha256.Size + binary.MaxVarintLen64 + len(v)
	}
	slices.SortFunc(keys, func(a, b [sha256.Size]byte) int { return cmp.Compare(string(a[:]), string(b[:])) })
	data := make([]byte, 0, size)
	data = append(data, indexMagic...)
	for _, k := range keys {
		data = append(data, k[:]...)
		data = binary.AppendUvarint(data, uint64(len(all[k])))
		data = append(data, all[k]...)
	}
	sum := sha256.Sum256(data)
	data = append(data, sum[:]...)
	if err := os.MkdirAll(filepath.Dir(ix.path), 0o755); err != nil {
		return err
	}
	removeStale(filepath.Dir(ix.path))
	return output.Replace(ix.path, data)
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
