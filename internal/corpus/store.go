package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

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
}

// stored is what a record file says of the letter it came from.
type stored struct {
	source, sha256 string
}

// tempFile matches the temporary files that atomic writes leave behind
// when a process is killed between create and rename.
var tempFile = regexp.MustCompile(`^\..+\.tmp\d*$`)

// Open opens the record folder dir, creating it if needed, for records in
// format "yaml" or "json". It reads which letter each record there came
// from and removes temporary files that a killed run left.
func Open(dir, format string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	s := &Store{dir: dir, ext: "." + format, byFile: map[string]stored{}, taken: map[string]string{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case !e.Type().IsRegular():
		case tempFile.MatchString(name):
			os.Remove(filepath.Join(dir, name))
		case filepath.Ext(name) == s.ext:
			if st, ok := readStored(filepath.Join(dir, name)); ok {
				s.byFile[name] = st
			}
		}
	}
	return s, nil
}

// Dir returns the store's folder.
func (s *Store) Dir() string { return s.dir }

// FileFor returns the record file name for input: its base name with the
// store's extension, or, when another input of this run has that name
// already, the name with the first 8 hex digits of the SHA-256 of the
// input's path added.
func (s *Store) FileFor(input string) string {
	base := filepath.Base(input)
	if input == "-" {
		base = "stdin"
	}
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	name := stem + s.ext
	if owner, ok := s.taken[name]; ok && owner != input {
		sum := sha256.Sum256([]byte(input))
		name = stem + "-" + hex.EncodeToString(sum[:4]) + s.ext
	}
	s.taken[name] = input
	return name
}

// UpToDate reports whether the record file name holds the record of the
// letter whose bytes have the given SHA-256.
func (s *Store) UpToDate(name, sha string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.byFile[name]
	return ok && st.sha256 == sha
}

// Write writes a record file atomically.
func (s *Store) Write(name string, data []byte, rec *record.Record) error {
	if err := WriteFileAtomic(filepath.Join(s.dir, name), data); err != nil {
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

// WriteFileAtomic writes data to path through a temporary file in the
// same folder and a rename, so that path never holds a partial file, even
// when the process is killed. It does not sync to disk: a power cut may
// still lose the latest files (never leave them half written), and
// syncing each of thousands of records would double a run's time.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
