package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ofsted-letters/letters/internal/output"
	"github.com/ofsted-letters/letters/record"
)

// A Result is what became of one input.
type Result struct {
	Input string
	// Record is the parsed record; nil when the input was skipped or failed.
	Record *record.Record
	// Data is the record encoded, as written or to be written.
	Data []byte
	// File is the record file written or found up to date, in the store's
	// folder; "" without a store or when the input failed.
	File    string
	Skipped bool // the record was already up to date
	Err     error
}

// A Store is a folder of records, one file per letter.
type Store struct {
	mu     sync.RWMutex // guards byFile: workers read it while results are written
	dir    string
	ext    string            // ".yaml" or ".json"
	byFile map[string]stored // what each record file in the folder says of its letter
	taken  map[string]string // record file name -> input it belongs to, in this run
	unlock func() error      // releases the folder's lock
}

// stored is what a record file says of the letter it came from.
type stored struct {
	source, sha256 string
}

// Open opens the record folder dir, creating it if needed, for records in
// format "yaml" or "json". It takes the folder's lock first (see Lock):
// when another run holds it, Open calls onWait (if not nil) once and
// waits until the lock is free or ctx is done. Holding the lock, it reads
// which letter each record there came from and removes the temporary
// files that a killed run of letters left (output.Stale); no other file is
// removed. Close releases the lock.
func Open(ctx context.Context, dir, format string, onWait func()) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	unlock, err := Lock(ctx, dir, onWait)
	if err != nil {
		return nil, err
	}
	s := &Store{dir: dir, ext: "." + format, byFile: map[string]stored{}, taken: map[string]string{}, unlock: unlock}
	entries, err := os.ReadDir(dir)
	if err != nil {
		unlock()
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case !e.Type().IsRegular():
		case output.Stale(name):
			os.Remove(filepath.Join(dir, name))
		case filepath.Ext(name) == s.ext:
			if st, ok := readStored(filepath.Join(dir, name)); ok {
				s.byFile[name] = st
			}
		}
	}
	return s, nil
}

// Close releases the folder's lock. The store must not be written after.
func (s *Store) Close() error {
	if s.unlock == nil {
		return nil
	}
	err := s.unlock()
	s.unlock = nil
	return err
}

// Dir returns the store's folder.
func (s *Store) Dir() string { return s.dir }

// maxStem bounds the bytes of a record file name before its suffixes, so
// that the name, with a shortening hash, a collision hash and the
// extension, stays well under the 255 bytes a file name may have.
const maxStem = 200

// FileFor returns the record file name for input: its base name without
// extension (Stem) and with the store's extension, or, when another input
// of this run has that name already, the name with the first 8 hex digits
// of the SHA-256 of the input's path added. The name is always a plain
// file name inside the store's folder.
func (s *Store) FileFor(input string) string {
	stem := Stem(input)
	name := stem + s.ext
	if owner, ok := s.taken[name]; ok && owner != input {
		name = stem + "-" + shortHash(input) + s.ext
	}
	s.taken[name] = input
	return name
}

// Stem returns the stem of the record file name for input: the input's
// base name without its extension ("stdin" for "-"), made safe to be a
// file name in a record folder whatever the input's name is: control
// characters and slashes become "_", leading dots go (a record is never
// a hidden file, ".", or ".."), an empty stem becomes "letter", and a stem
// over maxStem bytes is cut and gets the first 8 hex digits of the
// SHA-256 of the base name, so distinct long names stay distinct.
func Stem(input string) string {
	base := filepath.Base(input)
	if input == "-" {
		base = "stdin"
	}
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	stem = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '/' || r == '\\' {
			return '_'
		}
		return r
	}, stem)
	stem = strings.TrimLeft(stem, ".")
	if stem == "" {
		stem = "letter"
	}
	if len(stem) > maxStem {
		cut := maxStem
		for cut > 0 && !utf8.RuneStart(stem[cut]) {
			cut--
		}
		stem = stem[:cut] + "-" + shortHash(base)
	}
	return stem
}

// shortHash returns the first 8 hex digits of the SHA-256 of s.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}

// UpToDate reports whether the record file name holds the record of the
// letter whose bytes have the given SHA-256.
func (s *Store) UpToDate(name, sha string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.byFile[name]
	return ok && st.sha256 == sha
}

// Write writes a record file through output.Replace: atomically, and
// only over a regular file or nothing, so never through a link out of the
// folder.
func (s *Store) Write(name string, data []byte, rec *record.Record) error {
	if err := output.Replace(filepath.Join(s.dir, name), data); err != nil {
		return err
	}
	s.mu.Lock()
	s.byFile[name] = stored{source: rec.Source.Path, sha256: rec.Source.SHA256}
	s.mu.Unlock()
	return nil
}

// Orphans returns the record files whose letter is not among inputs and
// no longer exists, sorted.
func (s *Store) Orphans(inputs []string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	given := map[string]bool{}
	for _, in := range inputs {
		given[in] = true
	}
	var out []string
	for name, st := range s.byFile {
		if st.source == "" || st.source == "-" || given[st.source] {
			continue
		}
		if _, err := os.Stat(st.source); os.IsNotExist(err) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Files returns the record files in the store, sorted.
func (s *Store) Files() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.byFile))
	for name := range s.byFile {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// SHA256 returns the SHA-256 of the letter a record file names.
func (s *Store) SHA256(name string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.byFile[name].sha256
}

// Source returns the letter path a record file names.
func (s *Store) Source(name string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.byFile[name].source
}

// readStored reads the source path and SHA-256 of a record file (see
// record.Head). A file that is not a record gives ok false.
func readStored(path string) (st stored, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return st, false
	}
	defer f.Close()
	src, err := record.Head(path, f)
	if err != nil {
		return st, false
	}
	return stored{source: src.Path, sha256: src.SHA256}, src.SHA256 != ""
}
