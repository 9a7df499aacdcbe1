package cmd

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/parse"
)

// parseOptions are the flags of `letters parse`.
type parseOptions struct {
	outDir string // write one record per letter here; "" means stdout
	format string // yaml or json
}

func newParseCmd(s streams) *cobra.Command {
	var opts parseOptions
	c := &cobra.Command{
		Use:   "parse [file|dir|-]...",
		Short: "Turn Ofsted letters (PDF or text) into YAML records",
		Long: `parse reads Ofsted monitoring-visit and focused-visit letters, as PDF or
text, and writes one record per letter. Arguments are files, folders (read
recursively; hidden files and .yaml, .yml and .json files are skipped) or
"-" for stdin. The format is read from the content, not the extension.

Without --out-dir the records go to stdout in input order: a YAML stream
(one document per letter) or, with -o json, one JSON object per line.
With --out-dir each record is written to DIR/<name>.yaml (or .json),
atomically; a letter whose base name is already taken in this run gets the
first 8 hex digits of the SHA-256 of its path added.

A file that cannot be parsed is reported on stderr, one line naming the
file and the reason, and the rest are still parsed.`,
		Example: `  letters parse testdata/letters/liverpool-2025-09-monitoring.txt
  letters parse letters/ --out-dir records/
  pdftotext letter.pdf - | letters parse -`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if opts.format != "yaml" && opts.format != "json" {
				return &usageError{fmt.Errorf("-o must be yaml or json, not %q", opts.format)}
			}
			return runParse(opts, args, s)
		},
	}
	c.Flags().StringVar(&opts.outDir, "out-dir", "", "write one record per letter into `dir` instead of stdout")
	c.Flags().StringVarP(&opts.format, "output", "o", "yaml", "record format: yaml or json")
	return c
}

// runParse parses every input named by args and writes the records.
func runParse(opts parseOptions, args []string, s streams) error {
	inputs, failed := expandInputs(args, opts.outDir, s.err)
	var out recordWriter
	if opts.outDir == "" {
		out = &streamWriter{w: s.out, format: opts.format}
	} else {
		if err := os.MkdirAll(opts.outDir, 0o755); err != nil {
			return err
		}
		out = &dirWriter{dir: opts.outDir, format: opts.format, taken: map[string]bool{}, inputs: inputs}
	}
	for _, in := range inputs {
		rec, err := parseInput(in, s.in)
		if err == nil {
			err = out.write(in, rec)
		}
		if err != nil {
			fmt.Fprintf(s.err, "letters: parse: %v\n", oneLine(in, err))
			failed = true
		}
	}
	if failed {
		return errSomeFailed
	}
	return nil
}

// parseInput parses one input path, "-" meaning stdin.
func parseInput(path string, stdin io.Reader) (*parse.Record, error) {
	if path != "-" {
		return parse.File(path)
	}
	data, err := io.ReadAll(stdin)
	if err != nil {
		return nil, err
	}
	return parse.Bytes("-", data)
}

// oneLine returns an error message that names the file once.
func oneLine(path string, err error) string {
	var pe *parse.Error
	if errors.As(err, &pe) {
		return strings.ReplaceAll(err.Error(), "\n", " ")
	}
	return path + ": " + strings.ReplaceAll(err.Error(), "\n", " ")
}

// skippedExt are extensions that a folder walk passes over: records and
// other data that letters writes or reads, never letters.
var skippedExt = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".csv": true, ".jsonl": true}

// expandInputs turns the arguments into the list of files to parse, in
// order: files as given, folders walked in lexical order. Arguments that
// do not exist are reported and make failed true.
func expandInputs(args []string, outDir string, stderr io.Writer) (inputs []string, failed bool) {
	for _, arg := range args {
		if arg == "-" {
			inputs = append(inputs, arg)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			fmt.Fprintf(stderr, "letters: parse: %s: %v\n", arg, errors.Unwrap(err))
			failed = true
			continue
		}
		if !info.IsDir() {
			inputs = append(inputs, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(stderr, "letters: parse: %s: %v\n", path, errors.Unwrap(err))
				failed = true
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != arg && (strings.HasPrefix(name, ".") || (outDir != "" && sameFile(path, outDir))) {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(name, ".") || skippedExt[strings.ToLower(filepath.Ext(name))] || !d.Type().IsRegular() {
				return nil
			}
			inputs = append(inputs, path)
			return nil
		})
		if err != nil {
			fmt.Fprintf(stderr, "letters: parse: %s: %v\n", arg, err)
			failed = true
		}
	}
	return inputs, failed
}

// A recordWriter writes the record of one input.
type recordWriter interface {
	write(input string, rec *parse.Record) error
}

// streamWriter writes records to one stream: YAML documents or JSON lines.
type streamWriter struct {
	w      io.Writer
	format string
	n      int
}

func (sw *streamWriter) write(_ string, rec *parse.Record) error {
	data, err := encodeRecord(rec, sw.format)
	if err != nil {
		return err
	}
	if sw.format == "yaml" && sw.n > 0 {
		data = append([]byte("---\n"), data...)
	}
	sw.n++
	_, err = sw.w.Write(data)
	return err
}

// dirWriter writes each record to its own file in a folder.
type dirWriter struct {
	dir    string
	format string
	taken  map[string]bool // file names used in this run
	inputs []string        // every input, none of which may be overwritten
}

func (dw *dirWriter) write(input string, rec *parse.Record) error {
	data, err := encodeRecord(rec, dw.format)
	if err != nil {
		return err
	}
	path := filepath.Join(dw.dir, dw.name(input))
	for _, in := range dw.inputs {
		if in != "-" && sameFile(in, path) {
			return fmt.Errorf("record %s would overwrite an input", path)
		}
	}
	return writeFileAtomic(path, data)
}

// name returns the file name of the record of input, unique in this run.
func (dw *dirWriter) name(input string) string {
	base := filepath.Base(input)
	if input == "-" {
		base = "stdin"
	}
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	ext := "." + dw.format
	name := stem + ext
	if dw.taken[name] {
		sum := sha256.Sum256([]byte(input))
		name = stem + "-" + hex.EncodeToString(sum[:4]) + ext
	}
	dw.taken[name] = true
	return name
}

// sameFile reports whether a and b name the same existing file or folder.
func sameFile(a, b string) bool {
	ai, err1 := os.Stat(a)
	bi, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ai, bi)
}

// encodeRecord renders a record as YAML or as one line of JSON.
func encodeRecord(rec *parse.Record, format string) ([]byte, error) {
	if format == "json" {
		return parse.EncodeJSON(rec)
	}
	return parse.EncodeYAML(rec)
}

// writeFileAtomic writes data to path through a temporary file in the
// same folder and a rename, so that path never holds a partial record.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
