// Package profilecache keeps each letter's profile (its analyse.Profile:
// every theme's status, counts and evidence) beside its record, so that
// the analysis commands analyse only the letters that are new or changed.
//
// A profile is a pure function of the record and of the analyser: the
// program (its release, its rules and any model it embeds) and the
// effective codebook. An entry is therefore keyed by the SHA-256 of the
// record file's bytes and stored under a fingerprint of the analyser
// (Fingerprint): a changed record, codebook or release finds no entry and
// is analysed again; a stale profile is never served.
//
// Entries live in a hidden folder beside the records,
// <folder>/.letters-cache/ (Dir), which readers of record folders pass
// over and whose .gitignore keeps it out of git. Each is written to a
// temporary file and renamed into place, so an
// entry is whole or absent even when a run is killed; an entry that does
// not decode is taken as absent and written again. The folder may be
// deleted at any time: the next run analyses every letter again and
// rebuilds it. A folder that cannot be written to is simply not cached.
//
// Beside the entries of each folder, an index (Heads, Flush) holds the
// heads of its record files, keyed by their SHA-256 too: what a command
// that prints no sentence reads of a letter, in one file rather than one
// per record file.
package profilecache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/output"
	"github.com/ofsted-letters/letters/record"
)

// Dir is the name of the cache's folder, beside the records it serves.
const Dir = ".letters-cache"

// gitignore is the .gitignore written in Dir, so that a folder of records
// kept in git does not commit its cache.
const gitignore = "# letters: profiles cached beside these records; delete at will\n*\n"

// layout names the cache's layout and encoding inside Dir; a change to
// Entry or its encoding changes it, so that old entries are never read.
const layout = "profiles-2"

// fingerprintLen is how many hex digits of the analyser's fingerprint
// name its folder: 64 bits, enough that two analysers never meet.
const fingerprintLen = 16

// Fingerprint returns the fingerprint of an analyser made of parts (the
// program's bytes and version, the effective codebook's bytes...): the hex
// SHA-256 of their lengths and bytes, so that no two lists of parts have
// the same fingerprint.
func Fingerprint(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		var n [8]byte
		for i, l := 0, uint64(len(p)); i < 8; i, l = i+1, l>>8 {
			n[i] = byte(l)
		}
		h.Write(n[:])
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// A Cache finds and stores the entries of one analyser. It is safe for
// concurrent use; several processes may share its folders.
type Cache struct {
	fingerprint string
	made        sync.Map // folders made by Store
	indexes     sync.Map // folder of entries: its *index
	themes      []string // the codebook's themes, in order
	names       *names   // the strings that many heads repeat
}

// New returns the cache of the analyser whose fingerprint is given;
// themes, its codebook's themes in order, let a head hold a profile's
// themes packed (PackThemes) rather than by name.
func New(fingerprint string, themes ...string) *Cache {
	return &Cache{fingerprint: fingerprint[:min(len(fingerprint), fingerprintLen)], themes: themes, names: newNames()}
}

// An Entry is what the cache holds of one record of a record file: the
// parts of the record the analysis commands read besides the profile (see
// Slim), and its profile, before any ConcernRule marks it.
type Entry struct {
	Record  *record.Record
	Profile *analyse.Profile
}

// Sum returns the SHA-256 of the file at path, which keys its entry.
func Sum(path string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	buf := sumBuffers.Get().(*[]byte)
	defer sumBuffers.Put(buf)
	h := sha256.New()
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{f}, *buf); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// sumBufferSize is the size of the buffer Sum reads a file with: larger
// than a record file, so that one is read in one call.
const sumBufferSize = 64 << 10

// sumBuffers are Sum's buffers, reused rather than allocated for each
// of ten thousand files.
var sumBuffers = sync.Pool{New: func() any {
	b := make([]byte, sumBufferSize)
	return &b
}}

// folder returns the folder of the entries of the records beside file.
func (c *Cache) folder(file string) string {
	return filepath.Join(filepath.Dir(file), Dir, layout, c.fingerprint)
}

// name returns the path of the entry of a record file whose SHA-256 is sum.
func (c *Cache) name(file string, sum [sha256.Size]byte) string {
	return filepath.Join(c.folder(file), hex.EncodeToString(sum[:])+".gob")
}

// Load returns the entries of the record file at path whose bytes have
// the SHA-256 sum, in the file's order, or false when the cache has none
// (or none that decodes). Without evidence, the profiles' themes come
// without their Evidence, which is then not even decoded: a command that
// prints no sentence holds only statuses and counts.
func (c *Cache) Load(path string, sum [sha256.Size]byte, evidence bool) ([]Entry, bool) {
	data, err := os.ReadFile(c.name(path, sum))
	if err != nil {
		return nil, false
	}
	dec := gob.NewDecoder(bytes.NewReader(data))
	var entries []Entry
	if err := dec.Decode(&entries); err != nil || len(entries) == 0 {
		return nil, false
	}
	for _, e := range entries {
		if e.Record == nil || e.Profile == nil {
			return nil, false
		}
	}
	if !evidence {
		c.note(path, sum, entries)
		return entries, true
	}
	var ev [][][]analyse.Evidence // entry, theme, sentence
	if err := dec.Decode(&ev); err != nil || len(ev) != len(entries) {
		return nil, false
	}
	for i, e := range entries {
		if len(ev[i]) != len(e.Profile.Themes) {
			return nil, false
		}
		for k := range e.Profile.Themes {
			e.Profile.Themes[k].Evidence = ev[i][k]
		}
	}
	c.note(path, sum, entries)
	return entries, true
}

// errEmpty says that Store was given no entry.
var errEmpty = errors.New("profilecache: no entry to store")

// Store writes the entries of the record file at path whose bytes have
// the SHA-256 sum, atomically. The records are stored as Slim keeps them,
// the profiles without their sentences, and their themes' evidence after
// them all, so that Load can leave it unread.
func (c *Cache) Store(path string, sum [sha256.Size]byte, entries []Entry) error {
	if len(entries) == 0 {
		return errEmpty
	}
	slim := make([]Entry, len(entries))
	ev := make([][][]analyse.Evidence, len(entries))
	for i, e := range entries {
		p := *e.Profile
		p.Sentences = nil
		p.Themes = slices.Clone(p.Themes)
		ev[i] = make([][]analyse.Evidence, len(p.Themes))
		for k := range p.Themes {
			ev[i][k] = p.Themes[k].Evidence
			p.Themes[k].Evidence = nil
		}
		slim[i] = Entry{Record: Slim(e.Record), Profile: &p}
	}
	var b bytes.Buffer
	enc := gob.NewEncoder(&b)
	if err := enc.Encode(slim); err != nil {
		return err
	}
	if err := enc.Encode(ev); err != nil {
		return err
	}
	dir := c.folder(path)
	if _, ok := c.made.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		ignore := filepath.Join(filepath.Dir(path), Dir, ".gitignore")
		if _, err := os.Lstat(ignore); errors.Is(err, fs.ErrNotExist) {
			_ = output.Replace(ignore, []byte(gitignore)) // a convenience: the cache works without it
		}
		c.made.Store(dir, true)
	}
	if err := output.Replace(c.name(path, sum), b.Bytes()); err != nil {
		return err
	}
	c.note(path, sum, entries)
	return nil
}

// Slim returns the parts of rec that the analysis commands read besides
// its profile: its source, its letter's date and kind, its visit, its
// areas covered, improvements and priority actions. A command that needs
// more of a record (export writes the letter's text) reads the record.
func Slim(rec *record.Record) *record.Record {
	return &record.Record{
		Schema:          rec.Schema,
		Source:          rec.Source,
		Letter:          record.Letter{Date: rec.Letter.Date, Kind: rec.Letter.Kind},
		Visit:           rec.Visit,
		AreasCovered:    rec.AreasCovered,
		Improvements:    rec.Improvements,
		PriorityActions: rec.PriorityActions,
	}
}
