package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/corpus"
	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

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
	files, failed := listFiles(command, args, record.Both, "", stderr)
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

// listFiles lists the files that args name (see record.List) and
// reports on stderr, one line each, the arguments and folder entries that
// cannot be listed; failed is then true.
func listFiles(command string, args []string, want record.Want, skip string, stderr io.Writer) (files []string, failed bool) {
	files, errs := record.List(args, record.ListOptions{Want: want, Skip: skip})
	for _, err := range errs {
		fmt.Fprintf(stderr, "letters: %s: %s\n", command, oneLine(err.Path, err))
	}
	return files, len(errs) > 0
}

// readFile reads one file: records or a letter, as record.IsRecordFile
// tells.
func readFile(path string) ([]*record.Record, error) {
	if !record.IsRecordFile(path) {
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
