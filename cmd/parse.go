package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/internal/corpus"
	"github.com/ofsted-letters/letters/internal/output"
	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// parseOptions are the flags of `letters parse`.
type parseOptions struct {
	outDir  string        // write one record per letter here; "" means stdout
	format  string        // yaml or json
	jobs    int           // letters parsed at once; 0 means one per CPU
	force   bool          // re-parse letters whose record is up to date
	quiet   bool          // no progress bar and no summary
	errors  string        // write a report of failed inputs here (.csv or .jsonl)
	timeout time.Duration // give up on one letter after this long
}

func newParseCmd(s streams) *cobra.Command {
	var opts parseOptions
	c := &cobra.Command{
		Use:   "parse [file|dir|-]...",
		Short: "Turn Ofsted letters (PDF or text) into YAML records",
		Long: `parse reads Ofsted's letters to local authorities' children's services
(monitoring visits, focused visits and joint targeted area inspections), as
PDF or text, and writes one record per letter. Arguments are files,
folders (read recursively; hidden files, records and the .csv, .html and
.qdpx files letters writes are skipped) or "-" for stdin. The format is
read from the content, not the extension. Letters are parsed in parallel
(--jobs); output keeps input order.

Without --out-dir the records go to stdout in input order: a YAML stream
(one document per letter) or, with -o json, one JSON object per line.

With --out-dir each record is written to DIR/<name>.yaml (or .json),
atomically. A record there belongs to the letter with the same path
(compared as absolute paths) or else the same bytes; a letter whose base
name is taken by another letter's record or any other file gets the first
8 hex digits of the SHA-256 of its path added, so a record never replaces
another letter's. A record in the other format is replaced. A letter whose
record there already holds its SHA-256 and path is skipped (--force parses
it again). DIR also gets index.csv, one row per record. Records whose
letter has gone are reported, never deleted. Nothing outside DIR is
written, whatever the letters are named; a DIR that holds a letter read,
or that cannot be written to or made, is refused (exit 2). A run holds
a lock on DIR: a second run on the same folder waits for it, saying so.
On a terminal a progress bar shows on stderr, and a summary line ends the
run.

--errors FILE writes every failed input and why (CSV, or JSON lines for a
.jsonl file; "-" is stdout, with --out-dir). An output path that is a link
is followed, a device or FIFO is written through, a folder is refused.

A file that cannot be parsed is reported on stderr, one line naming the
file and the reason, and the rest are still parsed.`,
		Example: `  letters parse testdata/letters/liverpool-2025-09-monitoring.txt
  letters parse letters/ --out-dir records/ --errors failed.csv
  pdftotext letter.pdf - | letters parse -`,
		Args: needPaths,
		RunE: func(c *cobra.Command, args []string) error {
			defer tuneGC(batchGCPercent, batchMemoryLimit)()
			if opts.format != "yaml" && opts.format != "json" {
				return &usageError{fmt.Errorf("-o must be yaml or json, not %q", opts.format)}
			}
			if opts.errors != "" {
				if opts.errors == output.Stdout && opts.outDir == "" {
					return &usageError{errors.New("--errors - needs --out-dir: without it the records go to stdout")}
				}
				if err := output.Check(opts.errors); err != nil {
					return flagError("errors", err)
				}
			}
			if opts.outDir != "" {
				if err := output.CheckDir(opts.outDir); err != nil {
					return flagError("out-dir", err)
				}
			}
			if opts.jobs < 0 {
				return &usageError{fmt.Errorf("--jobs must be 0 (one per CPU) or more, not %d", opts.jobs)}
			}
			return runParse(c.Context(), opts, args, s)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.outDir, "out-dir", "", "write one record per letter into `dir`, with index.csv, instead of stdout")
	f.StringVarP(&opts.format, "output", "o", "yaml", "record format: yaml or json")
	f.VarP(intValue{&opts.jobs}, "jobs", "j", "parse `n` letters at once (0: one per CPU)")
	f.BoolVar(&opts.force, "force", false, "with --out-dir, parse letters again even if their record is up to date")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "no progress bar and no summary line")
	f.StringVar(&opts.errors, "errors", "", "write every failed input and why to `file` (.jsonl for JSON lines, else CSV; - for stdout)")
	addTimeoutFlag(c, &opts.timeout)
	return c
}

// parseRun is the state of one `letters parse` run.
type parseRun struct {
	opts     parseOptions
	s        streams
	store    *corpus.Store // nil without --out-dir
	index    *corpus.Index
	files    map[string]string // input -> record file name
	stdin    []byte            // stdin's bytes, when "-" is an input
	stdinErr error             // why stdin could not be read
	stream   int               // records written to stdout so far
	failures []failure
	parsed   int
	skipped  int
	progress progress
}

// runParse parses every input named by args and writes the records.
func runParse(ctx context.Context, opts parseOptions, args []string, s streams) error {
	start := time.Now()
	inputs, unlisted, failed := listFiles("parse", args, record.Letters, opts.outDir, s.err)
	if len(inputs) == 0 {
		// Said why; the report of what could not be read is all to write.
		if interrupted, _ := reportFailures(ctx, opts.errors, listFailures(unlisted), s); interrupted {
			return errInterrupted
		}
		return errSomeFailed
	}
	if err := notAnInput(outputFile{flag: "--errors", path: opts.errors}, inputs); err != nil {
		return err
	}
	if err := notAnInput(outputFile{flag: "--out-dir", path: opts.outDir, folder: true}, inputs); err != nil {
		return err
	}
	r := &parseRun{opts: opts, s: s, files: map[string]string{}}
	if slices.Contains(inputs, "-") {
		r.stdin, r.stdinErr = parse.ReadAll(ctx, "-", s.in)
		if errors.Is(r.stdinErr, context.Canceled) {
			return errInterrupted
		}
	}
	if opts.outDir != "" {
		store, err := corpus.Open(ctx, opts.outDir, opts.format, func() {
			fmt.Fprintf(s.err, "letters: parse: %s is in use by another letters run; waiting for it to finish\n", opts.outDir)
		})
		if errors.Is(err, context.Canceled) {
			return errInterrupted
		} else if err != nil {
			return fmt.Errorf("parse: --out-dir: %w", err)
		}
		defer store.Close()
		r.store, r.index = store, corpus.ReadIndex(opts.outDir)
		r.files = store.Assign(inputs, func(in string) string { return r.digest(ctx, in) })
	}
	r.progress = newProgress(s.err, len(inputs), opts.quiet)
	err := corpus.Each(ctx, len(inputs), opts.jobs,
		func(i int) corpus.Result { return r.task(ctx, inputs[i]) },
		func(_ int, res corpus.Result) error { return r.emit(res) })
	r.progress.finish()
	interrupted := errors.Is(err, context.Canceled)
	if err != nil && !interrupted {
		return err
	}
	if r.store != nil {
		r.finishStore(inputs)
	}
	stopped, unwritten := reportFailures(ctx, opts.errors, append(listFailures(unlisted), r.failures...), s)
	interrupted = interrupted || stopped
	failed = failed || unwritten
	if r.store != nil && !opts.quiet {
		unread := ""
		if len(unlisted) > 0 {
			unread = fmt.Sprintf("; %s could not be read", count(len(unlisted), "path"))
		}
		fmt.Fprintf(s.err, "letters: parse: %s: %d parsed, %d up to date, %d failed in %.1fs%s\n",
			count(len(inputs), "letter"), r.parsed, r.skipped, len(r.failures), time.Since(start).Seconds(), unread)
	}
	switch {
	case interrupted:
		return errInterrupted
	case failed || len(r.failures) > 0:
		return errSomeFailed
	}
	return nil
}

// reportFailures writes the --errors report to path, when one is asked
// for: every input not read, those that could not be listed first. It
// reports whether a signal stopped it (waiting for a FIFO's reader) and
// whether the report could not be written (said on stderr).
func reportFailures(ctx context.Context, path string, failures []failure, s streams) (interrupted, failed bool) {
	if path == "" {
		return false, false
	}
	err := writeFailures(ctx, path, failures, s.out)
	if errors.Is(err, context.Canceled) {
		return true, false
	}
	if err != nil {
		fmt.Fprintf(s.err, "letters: parse: --errors %s\n", oneLine(path, err))
		return false, true
	}
	return false, false
}

// task reads, parses and writes one input; it runs on a worker. The
// whole of it is bounded by --timeout: the parser bounds its own work on
// hostile input, and the timeout is the backstop that keeps one file from
// stalling a batch.
func (r *parseRun) task(ctx context.Context, input string) corpus.Result {
	ctx, cancel := letterContext(ctx, r.opts.timeout)
	defer cancel()
	res := r.letter(ctx, input)
	res.Err = timedOut(res.Err, r.opts.timeout)
	return res
}

// letter reads, parses and writes one input until ctx is done.
func (r *parseRun) letter(ctx context.Context, input string) corpus.Result {
	res := corpus.Result{Input: input, File: r.files[input]}
	data, err := r.stdin, r.stdinErr
	if input != "-" {
		data, err = parse.ReadFile(ctx, input)
	}
	if err != nil {
		res.Err = err
		return res
	}
	if isRecords(input, data) {
		res.Err = errIsRecord
		return res
	}
	var sum string // hashed once, and only to be looked up
	if r.store != nil && !r.opts.force {
		if sum = parse.Digest(data); r.store.UpToDate(res.File, input, sum) {
			res.Skipped = true
			return res
		}
	}
	if res.Record, res.Err = parse.BytesWithDigest(ctx, input, data, sum); res.Err != nil {
		return res
	}
	// Encoding and writing happen here, on the worker, so that they run
	// in parallel; emit keeps only what must follow input order.
	if res.Data, res.Err = encodeRecord(res.Record, r.opts.format); res.Err != nil {
		return res
	}
	if res.Err = ctx.Err(); res.Err != nil || r.store == nil {
		return res // a record made after the deadline is not written
	}
	path := filepath.Join(r.store.Dir(), res.File)
	if input != "-" && sameFile(input, path) {
		res.Err = fmt.Errorf("record %s would overwrite an input", path)
		return res
	}
	res.Err = r.store.Write(res.File, res.Data, res.Record)
	return res
}

// emit writes the result of one input; it runs in input order.
func (r *parseRun) emit(res corpus.Result) error {
	defer func() { r.progress.add(len(r.failures)) }() // counted after this input's failure, if any
	switch {
	case errors.Is(res.Err, context.Canceled):
		// Interrupted (Ctrl-C): not this input's fault; the run says so.
	case res.Err != nil:
		r.fail(res.Input, res.Err)
	case res.Skipped:
		r.skipped++
		r.indexSkipped(res)
	case r.store != nil:
		r.index.Set(indexRow(res.File, res.Record))
		r.parsed++
	default:
		data := res.Data
		if r.opts.format == "yaml" && r.stream > 0 {
			data = append([]byte("---\n"), data...)
		}
		r.stream++
		r.parsed++
		if _, err := r.s.out.Write(data); err != nil {
			return err // stdout is gone: stop
		}
	}
	return nil
}

// fail reports a failed input on stderr and keeps it for --errors.
func (r *parseRun) fail(input string, err error) {
	r.failures = append(r.failures, failure{input: input, err: err})
	r.progress.clear()
	fmt.Fprintf(r.s.err, "letters: parse: %s\n", oneLine(input, err))
}

// indexSkipped makes sure the index has a row for a record that was up to
// date: the old index's row, or one read from the record.
func (r *parseRun) indexSkipped(res corpus.Result) {
	if row, ok := r.index.Row(res.File, r.store.SHA256(res.File)); ok {
		r.index.Set(row)
		return
	}
	rec, err := readRecordFile(filepath.Join(r.store.Dir(), res.File))
	if err != nil {
		r.fail(res.Input, fmt.Errorf("record %s: %w", res.File, err))
		return
	}
	r.index.Set(indexRow(res.File, rec))
}

// indexRow returns the index row of a record kept in file, with the
// authority's codes from the lookup when the record, written before
// records carried them, has none.
func indexRow(file string, rec *record.Record) []string {
	fillCodes(rec)
	return corpus.IndexRow(file, rec)
}

// finishStore writes the index of the record folder and reports records
// whose letter has gone.
func (r *parseRun) finishStore(inputs []string) {
	files := r.store.Files()
	r.index.Keep(files)
	for _, f := range files {
		if _, ok := r.index.Row(f, r.store.SHA256(f)); ok {
			continue
		}
		// A record from an earlier run that this run did not see.
		if rec, err := readRecordFile(filepath.Join(r.store.Dir(), f)); err == nil {
			r.index.Set(indexRow(f, rec))
		}
	}
	if err := r.index.Write(r.store.Dir()); err != nil {
		r.fail(filepath.Join(r.store.Dir(), corpus.IndexFile), err)
	}
	for _, f := range r.store.Orphans() {
		r.progress.clear()
		fmt.Fprintf(r.s.err, "letters: parse: %s: its letter %s no longer exists; record kept\n", filepath.Join(r.store.Dir(), f), r.store.Source(f))
	}
}

// digest returns the SHA-256 of an input's bytes, "" when it cannot be
// read (its task will say why).
func (r *parseRun) digest(ctx context.Context, input string) string {
	if input == "-" {
		if r.stdinErr != nil {
			return ""
		}
		return parse.Digest(r.stdin)
	}
	ctx, cancel := letterContext(ctx, r.opts.timeout)
	defer cancel()
	data, err := parse.ReadFile(ctx, input)
	if err != nil {
		return ""
	}
	return parse.Digest(data)
}

// readRecordFile reads the one record of a record file.
func readRecordFile(path string) (*record.Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	recs, err := record.Decode(path, data)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("%d records in one file, want 1", len(recs))
	}
	return recs[0], nil
}

// oneLine returns an error message about the input path that names it
// once, and names the other file the error is about, if any.
func oneLine(path string, err error) string {
	var pe *parse.Error
	var re *record.Error
	if errors.As(err, &pe) || errors.As(err, &re) {
		return strings.ReplaceAll(err.Error(), "\n", " ")
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) && pathErr.Path == path {
		err = pathErr.Err
	} // else it names another file, such as the record that could not be written: keep it
	return path + ": " + strings.ReplaceAll(err.Error(), "\n", " ")
}

// sameFile reports whether a and b name the same existing file or folder.
func sameFile(a, b string) bool {
	ai, err1 := os.Stat(a)
	bi, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ai, bi)
}

// encodeRecord renders a record as YAML or as one line of JSON.
func encodeRecord(rec *record.Record, format string) ([]byte, error) {
	if format == "json" {
		return record.EncodeJSON(rec)
	}
	return record.EncodeYAML(rec)
}
