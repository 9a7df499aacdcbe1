package validate

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/ofsted-letters/letters/internal/pathcause"
	"github.com/ofsted-letters/letters/record"
	"github.com/ofsted-letters/letters/schema"
)

// A Validator checks records. It compiles the schema once and is safe for
// concurrent use.
type Validator struct {
	schema *recordSchema
}

// New returns a Validator for the record schema embedded in package
// schema. The error says that the schema uses a keyword of JSON Schema
// this package does not check.
func New() (*Validator, error) {
	sch, err := compileSchema(schema.JSON())
	if err != nil {
		return nil, err
	}
	return &Validator{schema: sch}, nil
}

// File checks the records in one file, a YAML document or a stream of
// them, JSON or JSON Lines, and returns its problems sorted by line. It
// applies every rule but those that compare records, which need the whole
// set: see Check. Name is used only in the problems.
//
// A problem that the record's own warnings explain is not among them:
// see Report.Warnings.
func (v *Validator) File(name string, src []byte) []Problem {
	r := v.file(name, 0, bytes.NewReader(src))
	if r.bad != nil {
		r.problems = append(r.problems, *r.bad)
	}
	return r.problems
}

// errPDF says that a file given to validate is a letter in PDF.
const errPDF = "this is a PDF letter, not a record; `letters parse` turns letters into records"

// errText says that a file given to validate is a letter in text.
const errText = "this is a letter, not a record; `letters parse` reads letters"

// letterHead is how many bytes of a file are looked at to tell a text
// letter from a record: a letter's salutation stands in its first page.
const letterHead = 8 << 10

// isTextLetter reports whether the head of a file, which does not begin
// as a record does (record.Looks), is a letter's text: a line begins with
// "Dear ", which no record has (YAML keeps text indented under its key).
func isTextLetter(head []byte) bool {
	for line, rest, more := []byte(nil), head, true; more; {
		line, rest, more = bytes.Cut(rest, []byte("\n"))
		if bytes.HasPrefix(line, []byte("Dear ")) {
			return true
		}
	}
	return false
}

// notRecord returns the problem of the file name, whose first document,
// n (or the error that ended it, err), is not a record's fields: text
// (a YAML string, or text that is not YAML and does not open with a key,
// see mappingKey), a YAML list or value; or nil for a mapping, an empty
// document and a stream that ended otherwise (at package record's limits:
// that is said of the record). keyed is whether the file opens with a
// key: a record whose schema line was left out or moved is still told
// where its YAML breaks ("not valid YAML: ..."). For a file
// that does not open as a record does (record.Looks), this is what a
// user needs to hear, rather than how its YAML differs from a record's:
// a news article's text is a YAML string, not a record with no fields.
func notRecord(name string, n *yaml.Node, err error, keyed bool) *Problem {
	const not = "not a letters record: "
	var se *record.SyntaxError
	switch {
	case errors.As(err, &se) && !keyed:
		p := streamProblem(name, err)
		p.Rule, p.Message = RuleRead, not+"text that is not YAML ("+se.Msg+")"
		return p
	case err != nil:
		return nil
	}
	root := record.Deref(n)
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = record.Deref(root.Content[0])
	}
	var what string
	switch {
	case root.Kind == yaml.MappingNode, root.Kind == yaml.DocumentNode:
		return nil
	case root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null":
		return nil
	case root.Kind == yaml.ScalarNode && root.ShortTag() == "!!str":
		first, _, more := strings.Cut(root.Value, "\n")
		if more {
			first += "…"
		}
		what = "text (" + quote(first) + ")"
	default:
		what = describe(root)
	}
	return &Problem{File: name, Line: root.Line, Column: root.Column, Rule: RuleRead, Message: not + what + ", not a record's fields"}
}

// mappingKey matches a first line (record.FirstLine) that opens a YAML
// mapping with a plain key, as a record does whatever field comes first:
// "source:", "letter: {...}". It is compiled on first use.
var mappingKey = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*:(?:\s|$)`) })

// A fileResult is what one file holds.
type fileResult struct {
	records  int
	bad      *Problem // a problem that belongs to no one record
	problems []Problem
	warnings []Problem // problems the records' own warnings explain
	facts    []facts
}

// file checks one file, one record at a time (package record reads and
// bounds them); index is the file's place in the run.
func (v *Validator) file(name string, index int, r io.Reader) fileResult {
	var res fileResult
	br := bufio.NewReaderSize(r, letterHead)
	head, _ := br.Peek(letterHead)
	if record.IsPDF(head) { // the PDF header stands in the first KB
		return fileResult{bad: &Problem{File: name, Rule: RuleRead, Message: errPDF}}
	}
	// The first line is found once, for LooksLine and mappingKey.
	first := record.FirstLine(head)
	looks := record.LooksLine(first)
	if !looks && isTextLetter(head) {
		return fileResult{bad: &Problem{File: name, Rule: RuleRead, Message: errText}}
	}
	keyed := mappingKey().Match(first)
	dec := record.NewDecoder(name, br)
	var bad *Problem
	for {
		n, doc, err := dec.Node()
		if errors.Is(err, io.EOF) {
			break
		}
		if !looks && res.records == 0 {
			if p := notRecord(name, n, err, keyed); p != nil {
				return fileResult{bad: p}
			}
		}
		var ps, ws []Problem
		var f facts
		switch {
		case errors.Is(err, record.ErrAliases):
			root := n
			if len(n.Content) > 0 {
				root = n.Content[0]
			}
			ps = []Problem{{Line: root.Line, Column: root.Column, Rule: RuleYAML, Message: "record: " + err.Error()}}
		case err != nil:
			bad = streamProblem(name, err)
		default:
			ps, ws, f = v.document(n)
		}
		if bad != nil {
			break
		}
		res.records++
		f.file, f.doc = int32(index), int32(doc.N)
		res.facts = append(res.facts, f)
		for _, p := range ps {
			p.File, p.Document = name, doc.N
			res.problems = append(res.problems, p)
		}
		for _, p := range ws {
			p.File, p.Document = name, doc.N
			res.warnings = append(res.warnings, p)
		}
	}
	// A file of one record names no document.
	for i := range res.facts {
		res.facts[i].docs = int32(res.records)
	}
	if res.records == 1 {
		for i := range res.problems {
			res.problems[i].Document = 0
		}
		for i := range res.warnings {
			res.warnings[i].Document = 0
		}
	}
	if bad == nil && res.records == 0 {
		bad = &Problem{File: name, Rule: RuleYAML, Message: "not a letters record: no YAML document (an empty file, or comments only)"}
	}
	res.bad = bad
	sortProblems(res.problems)
	sortProblems(res.warnings)
	return res
}

// document checks one YAML document: schema, then meaning. It returns
// the problems that the record's own warnings explain apart.
func (v *Validator) document(doc *yaml.Node) ([]Problem, []Problem, facts) {
	root := record.Deref(doc)
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return []Problem{{Line: root.Line, Column: root.Column, Rule: RuleYAML, Message: "empty document: expected a record"}}, nil, facts{}
		}
		root = record.Deref(root.Content[0])
	}
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" && root.Value == "" {
		return []Problem{{Line: root.Line, Column: root.Column, Rule: RuleYAML, Message: "empty document: expected a record"}}, nil, facts{}
	}
	if v.schema.valid(root) { // the converter and check would find nothing
		found, warnings := meaning(root, map[string]bool{}, explanations(root))
		return found, warnings, recordFacts(root)
	}
	c := converter{root: root}
	val := c.value(root)
	problems := c.problems
	done := map[string]bool{}
	for _, p := range problems {
		done[p.Pointer] = true
	}
	var found []Problem
	for _, p := range schemaProblems(root, v.schema.check(val)) {
		if !done[p.Pointer] { // not reported by YAML already
			found = append(found, p)
		}
	}
	for _, p := range found {
		done[p.Pointer] = true
	}
	problems = append(problems, found...)
	found, warnings := meaning(root, done, explanations(root))
	return append(problems, found...), warnings, recordFacts(root)
}

// sortProblems sorts problems by line and column, keeping the order of
// the checks for problems at one place.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
}

// Options control Check.
type Options struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Workers is how many files are checked at once; 0 means one per CPU.
	Workers int
	// Strict makes the problems that records' own warnings explain
	// (Report.Warnings) problems like any other.
	Strict bool
	// Exceptions, when not nil, are the known problems to accept: each
	// problem or warning one of them matches goes to Report.Ignored.
	Exceptions *Exceptions
}

// Files returns the files that paths name, as record.List lists records:
// each file as given, and below each folder every file ending in .yaml,
// .yml, .json or .jsonl (the formats `letters parse` writes), in lexical
// order, leaving out hidden files and folders (such as .git). A file named
// twice is listed once. "-" stands for standard input. Every path that
// cannot be listed (one that does not exist) is in errs, and the rest are
// still listed.
func Files(paths []string) (files []string, errs []*record.ListError) {
	return record.List(paths, record.ListOptions{Want: record.Records, Unique: true})
}

// Check validates every record in the files that paths name (see Files),
// then applies the rules that compare records across all of them. Every
// problem, a path that does not exist or a file that cannot be read
// included, is in the Report, and the other files are still checked. The
// paths that cannot be listed come first, then each file's problems in
// the order of Files.
func (v *Validator) Check(paths []string, opts Options) *Report {
	files, unlisted := Files(paths)
	results := make([]fileResult, len(files))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(files)) {
		wg.Go(func() {
			for i := range next {
				results[i] = v.read(files[i], i, opts.Stdin)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	cross := across(results, files)
	rep := &Report{Files: len(unlisted) + len(files), Problems: []Problem{}, Warnings: []Problem{}, Ignored: []Ignored{}}
	used := map[int]bool{} // lines of the exceptions that matched
	// accept reports whether an exception accepts p, and lists it so.
	accept := func(p Problem) bool {
		at, ok := opts.Exceptions.match(p)
		if ok {
			used[at] = true
			rep.Ignored = append(rep.Ignored, Ignored{Problem: p, Exception: opts.Exceptions.where(at)})
		}
		return ok
	}
	// tally adds to rep what one file holds, with the problems the rules
	// across records found in it.
	tally := func(r fileResult, cross []Problem) {
		rep.Records += r.records
		ps := append(r.problems, cross...)
		if r.bad != nil {
			ps = append(ps, *r.bad)
		}
		if opts.Strict {
			ps = append(ps, r.warnings...)
		}
		sortProblems(ps)
		invalid, bad := map[int]bool{}, false
		for _, p := range ps {
			switch {
			case accept(p):
			case r.bad != nil && p == *r.bad:
				bad = true
				rep.Problems = append(rep.Problems, p)
			default:
				invalid[max(p.Document, 1)] = true
				rep.Problems = append(rep.Problems, p)
			}
		}
		if !opts.Strict {
			for _, p := range r.warnings {
				if !accept(p) {
					rep.Warnings = append(rep.Warnings, p)
				}
			}
		}
		rep.Invalid += len(invalid)
		if bad {
			rep.BadFiles++
		}
	}
	// A path that cannot be listed is reported as a file that cannot be
	// read, before the files listed, as the other commands report it
	// before they read any input.
	for _, e := range unlisted {
		tally(readProblem(e.Path, e), nil)
	}
	for i, r := range results {
		tally(r, cross[i])
	}
	rep.UnusedExceptions = opts.Exceptions.unused(used)
	return rep
}

// read reads one file and checks it.
func (v *Validator) read(name string, index int, stdin io.Reader) fileResult {
	var r io.Reader
	if name == "-" {
		if stdin == nil {
			return readProblem(name, errors.New("no standard input"))
		}
		r = stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return readProblem(name, err)
		}
		defer f.Close()
		r = f
	}
	return v.file(name, index, r)
}

// readProblem is the result of a file that cannot be read.
func readProblem(name string, err error) fileResult {
	return fileResult{bad: &Problem{File: name, Rule: RuleRead, Message: "cannot read: " + pathcause.Of(err).Error()}}
}
