package validate

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ofsted-letters/letters/internal/pathcause"
)

// IgnoreFile is the name of the file of exceptions that `letters
// validate` reads from the current directory when no other is named.
const IgnoreFile = ".letters-validate-ignore"

// Exceptions are known problems to accept, so that CI can pass on a
// corpus with a known misprint. They are read from an ignore file, one
// exception a line:
//
//	# a comment, and blank lines, are left out
//	PATH RULE [POINTER]
//
// PATH is a record file, relative to the ignore file's folder (or
// absolute), and may hold the wildcards of filepath.Match (`*`, `?`,
// `[...]`); it cannot hold a space. RULE is one of Rules(). POINTER, when
// given, narrows the exception to the field at that JSON pointer and the
// fields below it ("/visit/dates" takes "/visit/dates/0"). An exception
// accepts every problem, and every warning, of its rule in the files its
// path matches.
type Exceptions struct {
	name    string // the ignore file as named
	entries []exception
}

// An exception is one line of an ignore file.
type exception struct {
	line    int    // of the ignore file, from 1
	pattern string // absolute path pattern
	rule    string
	pointer string // "" for any field
}

// An ExceptionsError is a line of an ignore file that is not an
// exception, or an ignore file that cannot be read.
type ExceptionsError struct {
	File string
	Line int // from 1; 0 when the file cannot be read
	Err  error
}

// Error returns "file:line: reason".
func (e *ExceptionsError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *ExceptionsError) Unwrap() error { return e.Err }

// ReadExceptions reads the ignore file name. Paths in it are relative to
// its folder. The error is an *ExceptionsError.
func ReadExceptions(name string) (*Exceptions, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, &ExceptionsError{File: name, Err: pathcause.Of(err)}
	}
	defer f.Close()
	return ParseExceptions(name, filepath.Dir(name), f)
}

// ParseExceptions reads exceptions from r, in the form that Exceptions
// describes; name is used in errors and in Ignored.Exception, and dir is
// the folder that relative paths start from. The error is an
// *ExceptionsError naming the first bad line.
func ParseExceptions(name, dir string, r io.Reader) (*Exceptions, error) {
	base, err := filepath.Abs(dir)
	if err != nil {
		return nil, &ExceptionsError{File: name, Err: err}
	}
	ex := &Exceptions{name: name}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if i := strings.Index(text, "#"); i >= 0 {
			text = text[:i]
		}
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		bad := func(format string, args ...any) error {
			return &ExceptionsError{File: name, Line: n, Err: fmt.Errorf(format, args...)}
		}
		if len(fields) < 2 || len(fields) > 3 {
			return nil, bad("want PATH RULE [POINTER], found %d fields", len(fields))
		}
		e := exception{line: n, pattern: filepath.Clean(fields[0]), rule: fields[1]}
		if !filepath.IsAbs(e.pattern) {
			e.pattern = filepath.Join(base, e.pattern)
		}
		if _, err := filepath.Match(e.pattern, ""); err != nil {
			return nil, bad("path %q: %v", fields[0], err)
		}
		if !slices.Contains(Rules(), e.rule) {
			return nil, bad("unknown rule %q (rules: %s)", e.rule, strings.Join(Rules(), ", "))
		}
		if len(fields) == 3 {
			e.pointer = fields[2]
			if !strings.HasPrefix(e.pointer, "/") {
				return nil, bad("pointer %q does not start with /: write it as letters validate -o json prints it", e.pointer)
			}
		}
		ex.entries = append(ex.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, &ExceptionsError{File: name, Err: err}
	}
	return ex, nil
}

// match returns the line of the first exception that accepts p. A nil
// Exceptions accepts nothing.
func (ex *Exceptions) match(p Problem) (line int, ok bool) {
	if ex == nil || p.File == "-" {
		return 0, false
	}
	file, err := filepath.Abs(p.File)
	if err != nil {
		return 0, false
	}
	for _, e := range ex.entries {
		if e.rule != p.Rule || e.pointer != "" && !within(p.Pointer, e.pointer) {
			continue
		}
		if m, _ := filepath.Match(e.pattern, file); m {
			return e.line, true
		}
	}
	return 0, false
}

// where returns "file:line" of the exception at line.
func (ex *Exceptions) where(line int) string {
	return fmt.Sprintf("%s:%d", ex.name, line)
}

// unused returns "file:line" of each exception whose line is not in used.
func (ex *Exceptions) unused(used map[int]bool) []string {
	if ex == nil {
		return nil
	}
	var out []string
	for _, e := range ex.entries {
		if !used[e.line] {
			out = append(out, ex.where(e.line))
		}
	}
	return out
}
