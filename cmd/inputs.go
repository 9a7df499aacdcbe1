package cmd

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/corpus"
	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// recordExt are the extensions of files that hold records written by
// `letters parse`, rather than letters.
var recordExt = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".jsonl": true}

// loadCodebook returns the codebook in force: the built-in one, or the one
// a --codebook file makes of it.
func loadCodebook(path string) (*analyse.Codebook, error) {
	if path == "" {
		return analyse.Builtin()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return analyse.LoadCodebook(path, f)
}

// readInputs reads every letter named by args: letters (PDF or text) are
// parsed, record files (.yaml, .yml, .json: one record or a stream of
// them) are decoded, folders are walked in lexical order (hidden files and
// folders skipped), and "-" reads stdin, whichever of the two it holds.
// Each input that fails is reported on stderr in one line, prefixed with
// the command's name; failed is then true and the others are still read.
// A letter given twice (the same SHA-256, say as PDF and as its record) is
// kept once.
func readInputs(command string, args []string, stdin io.Reader, stderr io.Writer) (recs []*record.Record, failed bool) {
	report := func(path string, err error) {
		fmt.Fprintf(stderr, "letters: %s: %s\n", command, oneLine(path, err))
		failed = true
	}
	files, failed := listFiles(command, args, false, "", stderr)
	var stdinData []byte
	var stdinErr error
	if slices.Contains(files, "-") {
		stdinData, stdinErr = io.ReadAll(stdin)
	}
	type read struct {
		recs []*record.Record
		err  error
	}
	seen := map[string]string{}
	// Letters are parsed on the pool's workers; records are kept in the
	// order of the arguments.
	corpus.Each(context.Background(), len(files), 0, func(i int) read {
		if files[i] == "-" {
			if stdinErr != nil {
				return read{err: stdinErr}
			}
			rs, err := readData("-", stdinData)
			return read{rs, err}
		}
		rs, err := readFile(files[i])
		return read{rs, err}
	}, func(i int, r read) error {
		path := files[i]
		if r.err != nil {
			report(path, r.err)
			return nil
		}
		for _, rec := range r.recs {
			if sum := rec.Source.SHA256; sum != "" {
				if first, ok := seen[sum]; ok {
					fmt.Fprintf(stderr, "letters: %s: %s: same letter as %s; read once\n", command, path, first)
					continue
				}
				seen[sum] = path
			}
			recs = append(recs, rec)
		}
		return nil
	})
	return recs, failed
}

// listFiles expands the arguments of a command into the files to read,
// in order: "-" as given, files as given, folders walked in lexical order.
// A walk passes over hidden files and folders, .csv files (a record
// folder's index.csv, an --errors report), the folder skip (parse's
// --out-dir) and, when lettersOnly is set, record files (.yaml, .yml,
// .json, .jsonl). Arguments and entries that cannot be read are reported
// on stderr, one line each, and make failed true.
func listFiles(command string, args []string, lettersOnly bool, skip string, stderr io.Writer) (files []string, failed bool) {
	report := func(path string, err error) {
		fmt.Fprintf(stderr, "letters: %s: %s\n", command, oneLine(path, err))
		failed = true
	}
	for _, arg := range args {
		if arg == "-" {
			files = append(files, arg)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			report(arg, err)
			continue
		}
		if !info.IsDir() {
			files = append(files, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				report(path, err)
				return nil
			}
			hidden := strings.HasPrefix(d.Name(), ".") && path != arg
			if d.IsDir() {
				if hidden || (skip != "" && path != arg && sameFile(path, skip)) {
					return filepath.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(path))
			if hidden || !d.Type().IsRegular() || ext == ".csv" || (lettersOnly && recordExt[ext]) {
				return nil
			}
			files = append(files, path)
			return nil
		})
		if err != nil {
			report(arg, err)
		}
	}
	return files, failed
}

// readFile reads one file: records by extension, a letter otherwise.
func readFile(path string) ([]*record.Record, error) {
	if !recordExt[strings.ToLower(filepath.Ext(path))] {
		rec, err := parse.File(path)
		if err != nil {
			return nil, err
		}
		return []*record.Record{rec}, nil
	}
	return record.ReadFile(path)
}

// readData reads stdin: records when it looks like YAML or JSON records,
// a letter otherwise.
func readData(name string, data []byte) ([]*record.Record, error) {
	if record.Looks(data) {
		return record.Decode(name, data)
	}
	rec, err := parse.Bytes(name, data)
	if err != nil {
		return nil, err
	}
	return []*record.Record{rec}, nil
}
