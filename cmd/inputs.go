package cmd

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/corpus"
	"github.com/ofsted-letters/letters/internal/output"
	"github.com/ofsted-letters/letters/internal/pathcause"
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
		// the path is said once, as the file of the error
		return nil, &analyse.CodebookError{File: path, Err: pathcause.Of(err)}
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, &analyse.CodebookError{File: path, Err: errors.New("is a folder, not a codebook file")}
	}
	return analyse.LoadCodebook(path, f)
}

// defaultTimeout is how long one letter may take by default, from reading
// it to writing its record.
const defaultTimeout = time.Minute

// addTimeoutFlag adds --timeout, the bound on one letter's work, to a
// command that reads letters.
func addTimeoutFlag(c *cobra.Command, timeout *time.Duration) {
	*timeout = defaultTimeout
	c.Flags().Var(positiveDuration{timeout}, "timeout", "give up on a letter that takes longer than `d` (more than 0)")
}

// errTimeout says that a letter took longer than --timeout.
var errTimeout = errors.New("took too long")

// letterContext returns the context of one letter's work: ctx, ended
// after timeout.
func letterContext(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, timeout)
}

// timedOut returns err, or errTimeout when err says the letter's context
// passed its deadline.
func timedOut(err error, timeout time.Duration) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: gave up after %s", errTimeout, timeout)
	}
	return err
}

// readInputs reads every letter named by args: letters (PDF or text) are
// parsed, record files (.yaml, .yml, .json: one record or a stream of
// them) are decoded, folders are walked in lexical order (hidden files and
// folders skipped), and "-" reads stdin, whichever of the two it holds.
// Each input that fails is reported on stderr in one line, prefixed with
// the command's name; failed is then true and the others are still read.
// A letter given twice (the same SHA-256, say as PDF and as its record) is
// kept once. Reading one input may take at most timeout; when ctx is done
// (Ctrl-C), readInputs stops and returns errInterrupted.
//
// Each letter is profiled by an as it is read, and given to add with
// its profile, in the order of the arguments. When writes, the file the
// command is to write, is one of the inputs, nothing is read and the
// error is a usage error (see notAnInput).
func readInputs(ctx context.Context, command string, args []string, timeout time.Duration, writes outputFile, an *analyser, stdin io.Reader, stderr io.Writer, add func(*record.Record, *analyse.Profile)) (failed bool, err error) {
	report := func(path string, err error) {
		fmt.Fprintf(stderr, "letters: %s: %s\n", command, oneLine(path, err))
		failed = true
	}
	files, _, failed := listFiles(command, args, record.Both, "", stderr)
	if err := notAnInput(writes, files); err != nil {
		return failed, err
	}
	var fromStdin stdinInput
	if slices.Contains(files, "-") {
		fromStdin = readStdin(ctx, stdin)
	}
	type read struct {
		recs  []*record.Record
		profs []*analyse.Profile
		err   error
	}
	var seen letterSums
	var once readOnce
	// Letters are parsed on the pool's workers; records are kept in the
	// order of the arguments.
	err = corpus.Each(ctx, len(files), 0, func(i int) read {
		ctx, cancel := letterContext(ctx, timeout)
		defer cancel()
		var r read
		readBefore := func(sum string) bool { return once.before(i, sum) }
		switch {
		case files[i] != "-":
			r.recs, r.profs, r.err = an.readFile(ctx, files[i], readBefore)
		case fromStdin.err != nil:
			r.err = fromStdin.err
		case fromStdin.records:
			r.recs, r.profs = an.profileAndKeep(fromStdin.recs)
		default:
			r.recs, r.profs, r.err = an.readLetter(ctx, "-", fromStdin.letter, readBefore)
		}
		if r.err == nil {
			once.gave(i, r.recs)
		}
		r.err = timedOut(r.err, timeout)
		return r
	}, func(i int, r read) error {
		path := files[i]
		if errors.Is(r.err, context.Canceled) {
			return nil // interrupted: not this input's fault
		}
		if r.err != nil {
			report(path, r.err)
			return nil
		}
		for k, rec := range r.recs {
			if sum := rec.Source.SHA256; sum != "" {
				if first, ok := seen.add(sum, path); !ok {
					fmt.Fprintf(stderr, "letters: %s: %s: same letter as %s; read once\n", command, path, first)
					continue
				}
			}
			an.pack(r.profs[k : k+1])
			add(rec, r.profs[k])
		}
		return nil
	})
	if errors.Is(err, context.Canceled) {
		return failed, errInterrupted
	}
	return failed, err
}

// readOnce tells the workers of readInputs which letters an input
// before theirs has given: a letter read from an earlier argument is the
// one kept (a later one is "read once"), so a later copy of it need not
// be parsed or analysed (analyser.readFile). Which copy is kept is still
// decided in the order of the arguments; readOnce only spares the work
// on a copy that an earlier input, already read, is sure to win over.
type readOnce struct {
	mu    sync.Mutex
	first map[string]int // a letter's source.sha256 -> the first input that gave it
}

// gave records that input i was read, giving recs.
func (ro *readOnce) gave(i int, recs []*record.Record) {
	ro.mu.Lock()
	defer ro.mu.Unlock()
	for _, rec := range recs {
		sum := rec.Source.SHA256
		if j, ok := ro.first[sum]; sum == "" || ok && j <= i {
			continue
		}
		if ro.first == nil {
			ro.first = map[string]int{}
		}
		ro.first[sum] = i
	}
}

// before reports whether an input before i was read and gave the letter
// whose SHA-256 is sum.
func (ro *readOnce) before(i int, sum string) bool {
	ro.mu.Lock()
	defer ro.mu.Unlock()
	j, ok := ro.first[sum]
	return ok && j < i
}

// letterSums are the SHA-256 sums of the letters read (their records'
// source.sha256), each with the path it was first read from. A sum as
// parse writes it, lowercase hex, is held as its 32 bytes: ten thousand
// letters hold no copy of their records' hex.
type letterSums struct {
	bin   map[[sha256.Size]byte]string
	other map[string]string // sums written otherwise
}

// add adds sum, read from path, and returns true; or, when sum was read
// before, the path it was first read from and false.
func (ls *letterSums) add(sum, path string) (first string, ok bool) {
	var b [sha256.Size]byte
	if n, err := hex.Decode(b[:], []byte(sum)); err == nil && n == len(b) && hex.EncodeToString(b[:]) == sum {
		if ls.bin == nil {
			ls.bin = map[[sha256.Size]byte]string{}
		}
		return addFirst(ls.bin, b, path)
	}
	if ls.other == nil {
		ls.other = map[string]string{}
	}
	return addFirst(ls.other, sum, path)
}

// addFirst sets m[k] to path and returns true, unless m holds k, whose
// path it returns with false.
func addFirst[K comparable](m map[K]string, k K, path string) (string, bool) {
	if first, ok := m[k]; ok {
		return first, false
	}
	m[k] = path
	return path, true
}

// stdinInput is what stdin holds: records, or the bytes of a letter.
type stdinInput struct {
	records bool // stdin holds records, recs; else the letter's bytes
	recs    []*record.Record
	letter  []byte
	err     error
}

// readStdin reads stdin until ctx is done: records, decoded one at a time
// with the bounds of package record, when it opens as records do (see
// record.Looks); else a letter, of at most parse.MaxInput bytes.
func readStdin(ctx context.Context, stdin io.Reader) stdinInput {
	done := make(chan stdinInput, 1)
	go func() {
		br := bufio.NewReaderSize(stdin, sniffSize)
		head, _ := br.Peek(sniffSize)
		if !record.Looks(head) {
			data, err := parse.ReadAll(ctx, "-", br)
			done <- stdinInput{letter: data, err: err}
			return
		}
		d := record.NewDecoder("-", br)
		in := stdinInput{records: true}
		for {
			rec, err := d.Record()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				in.err = err
				break
			}
			in.recs = append(in.recs, rec)
		}
		if in.err == nil && len(in.recs) == 0 {
			in.err = record.ErrNoRecords
		}
		done <- in
	}()
	select {
	case in := <-done:
		return in
	case <-ctx.Done():
		return stdinInput{err: ctx.Err()}
	}
}

// sniffSize is how much of stdin is read to tell records from a letter.
const sniffSize = 4096

// listFiles lists the files that args name (see record.List). It
// reports on stderr, one line each, the files of folders passed over for
// a reason a user may not expect (a FIFO, a broken link, a spreadsheet)
// and the arguments and folder entries that cannot be listed, which set
// failed and are returned as errs (parse's --errors reports them); and,
// when nothing at all is left to read, says so and sets failed: a wrong
// path must not pass quietly.
func listFiles(command string, args []string, want record.Want, skip string, stderr io.Writer) (files []string, errs []*record.ListError, failed bool) {
	files, errs = record.List(args, record.ListOptions{Want: want, Skip: skip, Skipped: func(path, reason string) {
		fmt.Fprintf(stderr, "letters: %s: %s: skipped: %s\n", command, path, reason)
	}})
	for _, err := range errs {
		fmt.Fprintf(stderr, "letters: %s: %s\n", command, oneLine(err.Path, err))
	}
	if len(files) == 0 && len(errs) == 0 {
		what := "letter or record"
		if want == record.Letters {
			what = "letter"
		}
		where := "the paths given hold"
		if len(args) == 1 {
			where = args[0] + " holds"
		}
		fmt.Fprintf(stderr, "letters: %s: no input: %s no %s\n", command, where, what)
		return nil, nil, true
	}
	return files, errs, len(errs) > 0
}

// An outputFile is a file that a command writes, named by a flag
// (report --out, export --qdpx, parse --errors), or a folder it writes
// into (report --out-dir, parse --out-dir).
type outputFile struct {
	flag   string // the flag that names it, such as "--out"
	path   string // "" (none) or output.Stdout write no file
	folder bool   // path is a folder that the command writes files into
}

// notAnInput returns a usage error when out is one of files, the inputs
// listed for reading (the same file, by any path or link): a slip on the
// command line, such as `--out records/a.yaml records/`, must not replace
// a letter or a record with the output. Only an existing regular file
// can be an input, so a new output costs nothing to check. An output
// folder is refused when it holds one of files, at any depth: a site or
// records written among the inputs (`--out-dir records/ records/`) would
// replace or mix into files the user did not ask to have written.
func notAnInput(out outputFile, files []string) error {
	if out.path == "" || out.path == output.Stdout {
		return nil
	}
	oi, err := os.Stat(out.path)
	if err != nil {
		return nil
	}
	if out.folder {
		if !oi.IsDir() {
			return nil
		}
		if f, ok := holdsInput(oi, files); ok {
			return &usageError{fmt.Errorf("%s: %s: holds inputs (%s); nothing written: write it outside the files and folders read", out.flag, out.path, f)}
		}
		return nil
	}
	if !oi.Mode().IsRegular() {
		return nil
	}
	for _, f := range files {
		if f == "-" {
			continue
		}
		if fi, err := os.Stat(f); err == nil && os.SameFile(oi, fi) {
			as := ""
			if filepath.Clean(f) != filepath.Clean(out.path) {
				as = " (" + f + ")"
			}
			return &usageError{fmt.Errorf("%s: %s: is one of the inputs%s; not replaced: write it outside the files and folders read", out.flag, out.path, as)}
		}
	}
	return nil
}

// holdsInput returns the first of files that lies in the folder dir, at
// any depth, by its path as given or by the path its links lead to.
// Each folder above a file is looked at once, so a corpus of thousands of
// letters in a few folders costs a few calls to stat.
func holdsInput(dir os.FileInfo, files []string) (string, bool) {
	seen := map[string]bool{}
	// under reports whether the folder p, or one above it, is dir.
	under := func(p string) bool {
		for ; !seen[p]; p = filepath.Dir(p) {
			seen[p] = true
			if fi, err := os.Stat(p); err == nil && os.SameFile(fi, dir) {
				return true
			}
			if filepath.Dir(p) == p {
				break
			}
		}
		return false
	}
	realDirs := map[string]string{} // a folder -> the path its links lead to
	for _, f := range files {
		if f == "-" {
			continue
		}
		parent, err := filepath.Abs(filepath.Dir(f))
		if err != nil {
			continue
		}
		if under(parent) {
			return f, true
		}
		resolved, ok := realDirs[parent]
		if !ok {
			resolved, _ = filepath.EvalSymlinks(parent)
			realDirs[parent] = resolved
		}
		if li, err := os.Lstat(f); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			if target, err := filepath.EvalSymlinks(f); err == nil {
				resolved, _ = filepath.Abs(filepath.Dir(target))
			}
		}
		if resolved != "" && under(resolved) {
			return f, true
		}
	}
	return "", false
}

// errIsRecord says that parse was given records instead of a letter; it
// counts as not a letter.
var errIsRecord = &mistake{
	msg:    "this is a letters record, not a letter; `letters diff` and `letters validate` read records",
	reason: parse.ErrNotALetter,
}

// A mistake is an error that names a user's mistake about an input in
// its own words; errors.Is finds its reason, one of parse's sentinels.
type mistake struct {
	msg    string
	reason error
}

// Error returns the message.
func (m *mistake) Error() string { return m.msg }

// Unwrap returns the reason.
func (m *mistake) Unwrap() error { return m.reason }

// isRecords reports whether data, read from input, holds letters records:
// it opens as records do and decodes as records. (A letter converted to
// markdown may open with "---" too, but does not decode.)
func isRecords(input string, data []byte) bool {
	if !record.Looks(data) {
		return false
	}
	recs, err := record.Decode(input, data)
	return err == nil && len(recs) > 0
}

// readSpecial reads a FIFO or device named as an input: once, with the
// bounds of a letter and until ctx is done, and told by what it holds,
// records or a letter.
func readSpecial(ctx context.Context, path string) ([]*record.Record, error) {
	data, err := parse.ReadFile(ctx, path)
	if err != nil {
		return nil, err
	}
	if record.Looks(data) {
		return record.Decode(path, data)
	}
	rec, err := parse.Bytes(ctx, path, data)
	if err != nil {
		return nil, err
	}
	return []*record.Record{rec}, nil
}
