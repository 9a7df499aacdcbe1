package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ofsted-letters/letters/internal/output"
	"github.com/ofsted-letters/letters/record"
)

// A Result is what became of one input.
type Result struct {
	// Input is the path of the input as given ("-" for stdin).
	Input string
	// Record is the parsed record; nil when the input was skipped or failed.
	Record *record.Record
	// Data is the record encoded, as written or to be written.
	Data []byte
	// File is the record file written or found up to date, in the store's
	// folder; "" without a store or when the input failed.
	File    string
	Skipped bool  // the record was already up to date
	Err     error // why the input failed; nil when it did not
}

// A Store is a folder of records, one file per letter.
type Store struct {
	mu       sync.RWMutex // guards byFile and used: workers read them while results are written
	dir      string
	ext      string            // ".yaml" or ".json": the format this run writes
	byFile   map[string]stored // what each record file in the folder (either format) says of its letter
	names    map[string]bool   // record names (without extension) in use: by a file in the folder or by this run
	present  map[string]bool   // files in the folder with a record's extension, records or not
	replaces map[string]string // record file this run writes -> the same letter's record in the other format, removed once written
	used     map[string]bool   // record files given to an input of this run
	unlock   func() error      // releases the folder's lock
}

// stored is what a record file says of the letter it came from.
type stored struct {
	source, sha256 string
}

// recordExts are the extensions of record files, in both formats.
var recordExts = []string{".yaml", ".json"}

// Open opens the record folder dir, creating it if needed, for records in
// format "yaml" or "json". It takes the folder's lock first (see Lock):
// when another run holds it, Open calls onWait (if not nil) once and
// waits until the lock is free or ctx is done. Holding the lock, it reads
// which letter each record there (in either format) came from and removes
// the temporary files that a killed run of letters left (output.Stale); no
// other file is removed. Close releases the lock.
func Open(ctx context.Context, dir, format string, onWait func()) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	unlock, err := Lock(ctx, dir, onWait)
	if err != nil {
		return nil, err
	}
	if err := output.CanWrite(dir); err != nil {
		unlock()
		return nil, err
	}
	s := &Store{dir: dir, ext: "." + format, byFile: map[string]stored{}, names: map[string]bool{}, present: map[string]bool{},
		replaces: map[string]string{}, used: map[string]bool{}, unlock: unlock}
	entries, err := os.ReadDir(dir)
	if err != nil {
		unlock()
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		switch {
		case output.Stale(name):
			if e.Type().IsRegular() {
				os.Remove(filepath.Join(dir, name))
			}
		case slices.Contains(recordExts, ext):
			// Whatever it is (a record, another file of the user's, a
			// link), its name is not free for a new record.
			s.names[strings.TrimSuffix(name, ext)] = true
			s.present[name] = true
			if !e.Type().IsRegular() {
				continue
			}
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

// Assign gives every input its record file name, in the store's format,
// and returns them by input. A record in the folder belongs to an input
// when it came from the same letter: the same path (compared as absolute,
// cleaned paths, a relative path taken from the current folder; stdin "-"
// has no path) or, failing that, the same bytes (the SHA-256 that digest
// returns; "" when the input cannot be read). Only the records named after
// the input's Stem are looked at, and digest is called only for an input
// that has such records whose path is not its own. An input keeps its
// record's name, with the store's extension: a record in the other format
// is replaced by the one this run writes (see Write). A letter without a
// record gets its Stem, or, when that name is taken (by a file in the
// folder or by an input earlier in this run), the Stem with the first 8
// hex digits of the SHA-256 of the input's path added. So a record never
// replaces the record of another letter, whichever run wrote it, and the
// names do not depend on the order of the inputs of an earlier run.
func (s *Store) Assign(inputs []string, digest func(input string) string) map[string]string {
	byStem := map[string][]string{} // Stem -> record files named after it, sorted
	for name := range s.byFile {
		stem := recordStem(name)
		byStem[stem] = append(byStem[stem], name)
	}
	files := map[string]string{}
	claimed := map[string]bool{} // record files in the folder an input has claimed
	claim := func(in, name string) {
		base := strings.TrimSuffix(name, filepath.Ext(name))
		file := base + s.ext
		for _, ext := range recordExts {
			if other := base + ext; other == name || (other != file && s.sameLetter(other, name)) {
				claimed[other] = true
				if other != file {
					s.replaces[file] = other
				}
			}
		}
		if file == name {
			files[in] = file
			return
		}
		if s.present[file] && !s.sameLetter(file, name) {
			file = s.fresh(in) // the name in this format is another file's
		}
		s.replaces[file] = name
		files[in] = file
	}
	// First the inputs whose record is in the folder, by path, then by
	// bytes, so that a new letter never takes an older letter's name.
	for _, in := range inputs {
		if _, done := files[in]; done {
			continue
		}
		for _, name := range s.ordered(byStem[Stem(in)]) {
			if !claimed[name] && in != "-" && SameSource(s.byFile[name].source, in) {
				claim(in, name)
				break
			}
		}
	}
	for _, in := range inputs {
		if _, done := files[in]; done {
			continue
		}
		sha := ""
		for _, name := range s.ordered(byStem[Stem(in)]) {
			if claimed[name] {
				continue
			}
			if sha == "" {
				if sha = digest(in); sha == "" {
					break
				}
			}
			if s.byFile[name].sha256 == sha {
				claim(in, name)
				break
			}
		}
	}
	for _, in := range inputs {
		if _, done := files[in]; !done {
			files[in] = s.fresh(in)
		}
	}
	s.mu.Lock()
	for _, f := range files {
		s.used[f] = true
		s.names[strings.TrimSuffix(f, s.ext)] = true
	}
	for _, old := range s.replaces {
		s.used[old] = true
	}
	s.mu.Unlock()
	return files
}

// ordered returns record file names sorted, those in the store's format
// first.
func (s *Store) ordered(names []string) []string {
	out := slices.Clone(names)
	sort.Slice(out, func(i, j int) bool {
		if a, b := filepath.Ext(out[i]) == s.ext, filepath.Ext(out[j]) == s.ext; a != b {
			return a
		}
		return out[i] < out[j]
	})
	return out
}

// sameLetter reports whether the record files a and b in the folder are
// both records of one letter: the same path or the same bytes.
func (s *Store) sameLetter(a, b string) bool {
	sa, okA := s.byFile[a]
	sb, okB := s.byFile[b]
	return okA && okB && (sa.sha256 == sb.sha256 || (sa.source != "-" && SameSource(sa.source, sb.source)))
}

// fresh returns a record file name not in use for a letter that has no
// record: Stem(input), or Stem(input) with the first 8 hex digits of the
// SHA-256 of the input's path added (and, should that be in use too, of
// the path and a counter). It marks the name in use.
func (s *Store) fresh(input string) string {
	stem := Stem(input)
	base := stem
	for n := 0; s.names[base]; n++ {
		key := input
		if n > 0 {
			key = input + "\x00" + strconv.Itoa(n)
		}
		base = stem + "-" + shortHash(key)
	}
	s.names[base] = true
	return base + s.ext
}

// recordStem returns the Stem a record file name was made from: the name
// without its extension and without a hash suffix ("-" and 8 hex digits).
func recordStem(name string) string {
	base := strings.TrimSuffix(name, filepath.Ext(name))
	if i := len(base) - 9; i > 0 && base[i] == '-' && isHex(base[i+1:]) {
		return base[:i]
	}
	return base
}

// isHex reports whether s is made of lowercase hex digits only.
func isHex(s string) bool {
	return strings.Trim(s, "0123456789abcdef") == ""
}

// SameSource reports whether two letter paths name the same letter path:
// equal as given, or equal as absolute, cleaned paths (a relative path
// taken from the current folder). Stdin ("-") is only the same as itself.
func SameSource(a, b string) bool {
	if a == b {
		return true
	}
	if a == "-" || b == "-" || a == "" || b == "" {
		return false
	}
	absA, err1 := filepath.Abs(a)
	absB, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && absA == absB
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

// UpToDate reports whether the record file name, in the store's format,
// holds the record of input as it is now: its path (SameSource) and the
// SHA-256 of its bytes. A record of the same bytes under another path (the
// folder of letters moved, or the run started from elsewhere) is not up
// to date, so that its source path follows the letter's.
func (s *Store) UpToDate(name, input, sha string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.byFile[name]
	_, pending := s.replaces[name] // its other format is to go
	return ok && !pending && st.sha256 == sha && SameSource(st.source, input)
}

// Write writes a record file through output.Replace: atomically, and
// only over a regular file or nothing, so never through a link out of the
// folder. Once it is written, the record of the same letter in the other
// format, if Assign found one, is removed: the folder keeps one record per
// letter, and never none.
func (s *Store) Write(name string, data []byte, rec *record.Record) error {
	if err := output.Replace(filepath.Join(s.dir, name), data); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byFile[name] = stored{source: rec.Source.Path, sha256: rec.Source.SHA256}
	if old, ok := s.replaces[name]; ok {
		if err := os.Remove(filepath.Join(s.dir, old)); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("record %s written, but %s (its other format) not removed: %w", name, old, err)
		}
		delete(s.byFile, old)
		delete(s.replaces, name)
	}
	return nil
}

// Orphans returns the record files that no input of this run was given
// (see Assign) and whose letter no longer exists at its path (taken from
// the current folder when it is relative), sorted.
func (s *Store) Orphans() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []string
	for name, st := range s.byFile {
		if s.used[name] || st.source == "" || st.source == "-" {
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
