package cmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/parse"
)

// recordExt are the extensions of files that hold records written by
// `letters parse`, rather than letters.
var recordExt = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".jsonl": true}

// errNotRecord says that a YAML or JSON document is not a letters record.
var errNotRecord = errors.New("not a letters record (no schema field): expected the output of `letters parse`")

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
func readInputs(command string, args []string, stdin io.Reader, stderr io.Writer) (recs []*parse.Record, failed bool) {
	report := func(path string, err error) {
		fmt.Fprintf(stderr, "letters: %s: %s\n", command, oneLine(path, err))
		failed = true
	}
	seen := map[string]string{}
	add := func(path string, rs []*parse.Record) {
		for _, r := range rs {
			if sum := r.Source.SHA256; sum != "" {
				if first, ok := seen[sum]; ok {
					fmt.Fprintf(stderr, "letters: %s: %s: same letter as %s; read once\n", command, path, first)
					continue
				}
				seen[sum] = path
			}
			recs = append(recs, r)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			data, err := io.ReadAll(stdin)
			if err != nil {
				report("-", err)
				continue
			}
			rs, err := readData("-", data)
			if err != nil {
				report("-", err)
				continue
			}
			add("-", rs)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			report(arg, unwrapPath(err))
			continue
		}
		if !info.IsDir() {
			rs, err := readFile(arg)
			if err != nil {
				report(arg, err)
				continue
			}
			add(arg, rs)
			continue
		}
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				report(path, unwrapPath(err))
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && path != arg {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() || strings.EqualFold(filepath.Ext(path), ".csv") {
				return nil // a record folder's index.csv, or an --errors report
			}
			rs, err := readFile(path)
			if err != nil {
				report(path, err)
				return nil
			}
			add(path, rs)
			return nil
		})
		if err != nil {
			report(arg, err)
		}
	}
	return recs, failed
}

// unwrapPath drops the "stat path:" prefix of a *fs.PathError.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readFile reads one file: records by extension, a letter otherwise.
func readFile(path string) ([]*parse.Record, error) {
	if !recordExt[strings.ToLower(filepath.Ext(path))] {
		rec, err := parse.File(path)
		if err != nil {
			return nil, err
		}
		return []*parse.Record{rec}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	return decodeRecords(path, data)
}

// readData reads stdin: records when it looks like YAML or JSON records,
// a letter otherwise.
func readData(name string, data []byte) ([]*parse.Record, error) {
	if looksLikeRecords(data) {
		return decodeRecords(name, data)
	}
	rec, err := parse.Bytes(name, data)
	if err != nil {
		return nil, err
	}
	return []*parse.Record{rec}, nil
}

// looksLikeRecords reports whether data opens as a record stream: a JSON
// object, a YAML document marker or the record's first key.
func looksLikeRecords(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		return t[0] == '{' || bytes.Equal(t, []byte("---")) || bytes.HasPrefix(t, []byte("schema:"))
	}
	return false
}

// decodeRecords decodes a YAML stream of records, or JSON records one per
// line (JSON is YAML, but JSON lines are not one YAML document).
func decodeRecords(name string, data []byte) ([]*parse.Record, error) {
	var out []*parse.Record
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(data))
		for {
			var rec parse.Record
			err := dec.Decode(&rec)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("record %d: %v", len(out)+1, err)
			}
			if rec.Schema < 1 {
				return nil, fmt.Errorf("record %d: %w", len(out)+1, errNotRecord)
			}
			out = append(out, &rec)
		}
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var rec parse.Record
			err := dec.Decode(&rec)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("record %d: %s", len(out)+1, strings.Join(strings.Fields(strings.TrimPrefix(err.Error(), "yaml: ")), " "))
			}
			if rec.Schema < 1 {
				return nil, fmt.Errorf("record %d: %w", len(out)+1, errNotRecord)
			}
			out = append(out, &rec)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no records in file")
	}
	if len(out) > 0 && out[0].Schema > parse.SchemaVersion {
		return nil, fmt.Errorf("record schema %d is newer than this letters reads (%d)", out[0].Schema, parse.SchemaVersion)
	}
	return out, nil
}
