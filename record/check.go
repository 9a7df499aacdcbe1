package record

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// checkDates returns why a date of rec is not a real date written as the
// schema wants (letter.date and visit.dates as YYYY-MM-DD, visit.since.month
// as YYYY-MM), naming the field as validate does; nil when all are. The
// analysis commands read records through Decoder.Record, so a record whose
// dates validate refuses never reaches a table as if it were right.
func checkDates(rec *Record) *dateError {
	if d := rec.Letter.Date; d != "" {
		if why := notADate(d, time.DateOnly, NotDateForm); why != "" {
			return &dateError{field: "letter.date", path: []any{"letter", "date"}, why: why}
		}
	}
	for i, d := range rec.Visit.Dates {
		if why := notADate(d, time.DateOnly, NotDateForm); why != "" {
			return &dateError{field: fmt.Sprintf("visit.dates[%d]", i), path: []any{"visit", "dates", i}, why: why}
		}
	}
	if s := rec.Visit.Since; s != nil && s.Month != "" {
		if why := notADate(s.Month, "2006-01", NotMonthForm); why != "" {
			return &dateError{field: "visit.since.month", path: []any{"visit", "since", "month"}, why: why}
		}
	}
	return nil
}

// A dateError is a date of a record that is not a real date: the field
// as validate names it, the keys (string) and indexes (int) that lead to
// it from the top of the document, and why.
type dateError struct {
	field string
	path  []any
	why   string
}

// Error returns "field: why".
func (e *dateError) Error() string { return e.field + ": " + e.why }

// lineOf returns the line of the value at path in a document's node
// tree, or 0 when the tree holds no such value. An alias leads to the
// value it names, whose line validate gives too.
func lineOf(n *yaml.Node, path []any) int {
	n = Deref(n)
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = Deref(n.Content[0])
	}
	for _, step := range path {
		switch key := step.(type) {
		case string:
			n = Field(n, key)
		case int:
			if n == nil || n.Kind != yaml.SequenceNode || key >= len(n.Content) {
				return 0
			}
			n = Deref(n.Content[key])
		}
	}
	if n == nil {
		return 0
	}
	return n.Line
}

// Deref returns the node an alias stands for, or n itself. The aliases
// of a tree ParseNode returns are bounded, and an alias names a node
// that is not one, so this is one step at most.
func Deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// Field returns the value of key in mapping node n (through aliases), or
// nil when n is not a mapping or has no such key.
func Field(n *yaml.Node, key string) *yaml.Node {
	n = Deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if Deref(n.Content[i]).Value == key {
			return Deref(n.Content[i+1])
		}
	}
	return nil
}

// NotDateForm and NotMonthForm say, after the value, that a date or a
// month is not written as a record writes it. The analysis commands
// (checkDates) and validate (its schema's patterns) word it alike:
// `letter.date: "7 August 2024" is not a date in the form YYYY-MM-DD`.
const (
	NotDateForm  = "is not a date in the form YYYY-MM-DD"
	NotMonthForm = "is not a month in the form YYYY-MM"
)

// notADate returns why s is not a date in layout ("" when it is one);
// notForm is NotDateForm or NotMonthForm, as layout is a date or a month.
func notADate(s, layout, notForm string) string {
	if len(s) != len(layout) || strings.Trim(s, "0123456789-") != "" {
		return fmt.Sprintf("%q %s", s, notForm)
	}
	if _, err := time.Parse(layout, s); err != nil {
		return fmt.Sprintf("%s is not a real date%s", s, WhyNotADate(s))
	}
	return ""
}

// WhyNotADate says what is wrong with a YYYY-MM-DD or YYYY-MM string that
// is not a real date, as text to append to a message: " (there is no
// month 13)" or " (February 2025 has 28 days)"; "" when it cannot say.
func WhyNotADate(s string) string {
	var y, m, d int
	n, _ := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d)
	if n < 2 {
		return ""
	}
	if m < 1 || m > 12 {
		return fmt.Sprintf(" (there is no month %d)", m)
	}
	if n < 3 {
		return ""
	}
	first := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	if days := first.AddDate(0, 1, -1).Day(); d < 1 || d > days {
		return fmt.Sprintf(" (%s %d has %d days)", time.Month(m), y, days)
	}
	return ""
}

// typeProblem matches one problem of a yaml.v3 TypeError; compiled on
// first use, as every regular expression outside the parser (see
// internal/lazyre), so that no command pays at start for one it does not
// run.
var (
	unknownField = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(line \d+: )?field (\S+) not found in type \S+$`)
	})
	wrongType = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile("^(line \\d+: )?cannot unmarshal !!\\w+ `(.*)` into (\\S+)$")
	})
	duplicateKey = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(line \d+: )?mapping key (".*") already defined at line (\d+)$`)
	})
)

// maxListed is how many problems of one record a reader's error lists;
// the others are counted. Records joined without "---" between them (cat
// a.yaml b.yaml) repeat every field of a record, and yaml.v3 lists each
// repeat: without a bound, ten records made a line of 10 KB.
const maxListed = 3

// plainYAMLError returns the message of a yaml.v3 decoding error in the
// words of a record's reader, not Go's: `unknown field "dat"` rather than
// "field dat not found in type record.Letter", "`x` is not a whole
// number" rather than "cannot unmarshal !!str `x` into int". The first
// problem's line is the error's; the others keep theirs. At most
// maxListed problems are listed, and of the fields that appear twice only
// the first, with a count of the others. Other errors are returned as
// they are.
func plainYAMLError(err error, msg string) string {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return msg
	}
	var parts []string
	twice := map[string]bool{} // the fields that appear twice
	dup := -1                  // the part that names the first of them
	unlisted := 0
	for i, p := range strings.Split(strings.TrimPrefix(msg, "yaml: unmarshal errors:\n"), "\n") {
		p = strings.TrimSpace(p)
		if m := unknownField().FindStringSubmatch(p); m != nil {
			p = m[1] + fmt.Sprintf("unknown field %q", m[2])
		} else if m := wrongType().FindStringSubmatch(p); m != nil {
			p = m[1] + fmt.Sprintf("%q is not %s", m[2], goTypeWords(m[3]))
		} else if m := duplicateKey().FindStringSubmatch(p); m != nil {
			seen := len(twice) > 0
			twice[m[2]] = true
			if seen {
				continue
			}
			p = m[1] + fmt.Sprintf("field %s appears twice (first at line %s)", m[2], m[3])
			dup = len(parts)
		}
		if i == 0 {
			if _, after, ok := strings.Cut(p, ": "); ok && strings.HasPrefix(p, "line ") {
				p = after
			}
		}
		if len(parts) == maxListed {
			unlisted++
			continue
		}
		parts = append(parts, p)
	}
	if n := len(twice) - 1; n > 0 && dup < len(parts) {
		fields := "fields"
		if n == 1 {
			fields = "field"
		}
		parts[dup] += fmt.Sprintf(", and %d other %s too: records joined without \"---\" between them?", n, fields)
	}
	if unlisted > 0 {
		parts = append(parts, fmt.Sprintf("problems on %d more lines", unlisted))
	}
	return strings.Join(parts, "; ")
}

// plainJSONError returns the message of an encoding/json decoding error
// without Go's type names.
func plainJSONError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%s: a JSON %s is not %s", te.Field, te.Value, goTypeWords(te.Type.String()))
	}
	return errors.New(strings.TrimPrefix(err.Error(), "json: "))
}

// goTypeWords names a Go type of the Record types as a reader of records
// knows it.
func goTypeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map[") || strings.Contains(t, "."):
		return "a mapping"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "string":
		return "text"
	}
	return "of the right kind"
}
