package validate

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/ofsted-letters/letters/record"
	"go.yaml.in/yaml/v3"
)

// dateForm is the form the schema requires of a date; only dates in that
// form are checked for meaning, the others have a schema problem already.
var dateForm = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`) })

// A date is a date string of a record, where it stands.
type date struct {
	node    *yaml.Node
	path    string
	pointer string
	text    string
	t       time.Time // zero when text is not a real date
}

// meaning applies the rules of meaning within one record. It skips nodes
// that already have a problem (done holds their pointers), so that a value
// is reported once, by the first stage it fails.
//
// A problem that the record's own warnings explain (see explains) is
// returned among the warnings instead.
func meaning(root *yaml.Node, done map[string]bool, explained []explanation) (problems, warnings []Problem) {
	// add reports a problem of d; related are the pointers of the other
	// fields the rule compared d with.
	add := func(d date, rule, msg string, related ...string) {
		if done[d.pointer] {
			return
		}
		done[d.pointer] = true
		p := Problem{Line: d.node.Line, Column: d.node.Column, Pointer: d.pointer, Rule: rule, Message: d.path + ": " + msg}
		if explains(explained, rule, append(related, d.pointer)) {
			warnings = append(warnings, p)
		} else {
			problems = append(problems, p)
		}
	}
	// readDate reads a date and reports it if it does not exist.
	readDate := func(n *yaml.Node, path, pointer string) (date, bool) {
		d := date{node: n, path: path, pointer: pointer}
		s, ok := str(n)
		if !ok || done[pointer] || !dateForm().MatchString(s) {
			return d, false
		}
		d.text = s
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			add(d, RuleDate, s+" is not a real date"+record.WhyNotADate(s))
			return d, false
		}
		d.t = t
		return d, true
	}

	letterDate, haveLetter := readDate(record.Field(record.Field(root, "letter"), "date"), "letter.date", "/letter/date")
	dates := record.Deref(record.Field(record.Field(root, "visit"), "dates"))
	if dates == nil || dates.Kind != yaml.SequenceNode {
		return problems, warnings
	}
	var prev date
	for i, n := range dates.Content {
		d, ok := readDate(record.Deref(n), fmt.Sprintf("visit.dates[%d]", i), fmt.Sprintf("/visit/dates/%d", i))
		if !ok {
			continue
		}
		switch {
		case haveLetter && !d.t.Before(letterDate.t):
			add(d, RuleVisitDates, fmt.Sprintf("%s is not before the letter date %s: a visit comes before its letter", d.text, letterDate.text), letterDate.pointer)
		case haveLetter && d.t.Before(letterDate.t.AddDate(-1, 0, 0)):
			add(d, RuleVisitDates, fmt.Sprintf("%s is more than a year before the letter date %s", d.text, letterDate.text), letterDate.pointer)
		case !prev.t.IsZero() && !d.t.After(prev.t):
			add(d, RuleVisitDates, fmt.Sprintf("%s is not after %s, %s: list each day once, in order", d.text, prev.path, prev.text), prev.pointer)
		}
		prev = d
	}
	return problems, warnings
}

// An explanation is what a record's warning says of the letter: its
// facts break rule, and field (a JSON pointer) is the one in doubt.
type explanation struct{ rule, field string }

// explanations returns the explanations of a record's warnings: those
// that name both a rule and a field.
func explanations(root *yaml.Node) []explanation {
	var out []explanation
	ws := record.Deref(record.Field(root, "warnings"))
	if ws == nil || ws.Kind != yaml.SequenceNode {
		return nil
	}
	for _, w := range ws.Content {
		rule, _ := str(record.Field(w, "rule"))
		pointer, _ := str(record.Field(w, "field"))
		if rule != "" && pointer != "" {
			out = append(out, explanation{rule, pointer})
		}
	}
	return out
}

// explains reports whether one of explained names rule and a field that
// is, or holds, one of the fields at pointers.
func explains(explained []explanation, rule string, pointers []string) bool {
	for _, e := range explained {
		if e.rule != rule {
			continue
		}
		for _, p := range pointers {
			if within(p, e.field) {
				return true
			}
		}
	}
	return false
}

// within reports whether the JSON pointer p is, or is below, pointer.
func within(p, pointer string) bool {
	return p == pointer || strings.HasPrefix(p, pointer+"/")
}

// facts are what the rules across records need to know of one record.
// They hold copies, not the record's nodes or text, and where each value
// stands in the record's file, not a node: the facts of ten thousand
// records are held at once, until across has compared them.
type facts struct {
	sha    string // source.sha256; "" when there is none
	key    string
	number string // visit.number when it is an integer, else ""
	since  string // visit.since.month: visit numbers count from it
	dates  []string
	// visit identifies the visit the record reports, as analyse.VisitKey
	// does: authority key and visit dates, or the letter date when there
	// are none; "" when there is no key or no date. visitAt is where the
	// dates (or the letter date, visitDate) stand.
	visit                    string
	shaAt, numberAt, visitAt spot
	file                     int32 // index of the file in the run
	doc                      int32 // document in the file, from 1
	docs                     int32 // documents in the file
	visitDate                bool  // visit is of the letter date: there are no visit dates
}

// A spot is where a node stands in its file.
type spot struct {
	line, column int32
}

// spotOf returns where n stands.
func spotOf(n *yaml.Node) spot {
	return spot{line: int32(n.Line), column: int32(n.Column)}
}

// recordFacts collects the facts of one record. Values of the wrong type
// are left out: the schema has reported them.
func recordFacts(root *yaml.Node) facts {
	var f facts
	if n := record.Field(record.Field(root, "source"), "sha256"); n != nil {
		if s, ok := str(n); ok && s != "" {
			f.sha, f.shaAt = strings.Clone(n.Value), spotOf(n)
		}
	}
	visit := record.Field(root, "visit")
	key, _ := str(record.Field(visit, "authority_key"))
	f.key = strings.Clone(key)
	if n := record.Field(visit, "number"); n != nil && n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		f.number, f.numberAt = strings.Clone(n.Value), spotOf(n)
	}
	since, _ := str(record.Field(record.Field(visit, "since"), "month"))
	f.since = strings.Clone(since)
	if ds := record.Field(visit, "dates"); ds != nil && ds.Kind == yaml.SequenceNode {
		for _, d := range ds.Content {
			s, _ := str(d)
			f.dates = append(f.dates, strings.Clone(s))
		}
	}
	if f.key != "" {
		letterDate := record.Field(record.Field(root, "letter"), "date")
		if days := strings.Join(f.dates, ","); strings.Trim(days, ",") != "" {
			f.visit, f.visitAt = f.key+" "+days, spotOf(record.Field(visit, "dates"))
		} else if d, ok := str(letterDate); ok && d != "" {
			f.visit, f.visitAt, f.visitDate = f.key+" letter "+d, spotOf(letterDate), true
		}
	}
	return f
}

// across applies the rules that compare records: no two records of one
// source file, and one set of dates per visit number of an authority.
// Visit numbers start again with each judgement or event that puts an
// authority under monitoring, so numbers are compared only between
// records that name the same month for it (visit.since.month); records
// that name none are not compared. The first record in file order stands;
// each later one gets the problem. results are the files' in order; the
// records compared first are held by pointer, not copied.
func across(results []fileResult, files []string) map[int][]Problem {
	out := map[int][]Problem{}
	// where names at, a spot of the record of first, as seen from the
	// record of later.
	where := func(first, later *facts, at spot) string {
		if first.file == later.file {
			return fmt.Sprintf("line %d", at.line)
		}
		return fmt.Sprintf("%s:%d:%d", files[first.file], at.line, at.column)
	}
	add := func(f *facts, at spot, pointer, rule, msg string) {
		p := Problem{File: files[f.file], Line: int(at.line), Column: int(at.column), Pointer: pointer, Rule: rule, Message: msg}
		if f.docs > 1 {
			p.Document = int(f.doc)
		}
		out[int(f.file)] = append(out[int(f.file)], p)
	}
	seenSHA := map[string]*facts{}
	seenDays := map[string]*facts{}
	type visitKey struct{ key, since, number string }
	seenVisit := map[visitKey]*facts{}
	for i := range results {
		for k := range results[i].facts {
			f := &results[i].facts[k]
			sameSource := false
			if f.sha != "" {
				if first, ok := seenSHA[f.sha]; ok {
					sameSource = true
					add(f, f.shaAt, "/source/sha256", RuleDuplicate, fmt.Sprintf(
						"source.sha256: %s is also the source of the record at %s: keep one record per letter",
						short(f.sha), where(first, f, first.shaAt)))
				} else {
					seenSHA[f.sha] = f
				}
			}
			if f.visit != "" && !sameSource {
				if first, ok := seenDays[f.visit]; ok {
					pointer, what := "/visit/dates", "visit.dates"
					if f.visitDate {
						pointer, what = "/letter/date", "letter.date"
					}
					add(f, f.visitAt, pointer, RuleSameVisit, fmt.Sprintf(
						"%s: the record at %s reports the same visit of %q: keep one record per visit (diff, themes and report set one aside)",
						what, where(first, f, first.visitAt), f.key))
				} else {
					seenDays[f.visit] = f
				}
			}
			if f.number == "" || f.key == "" || f.since == "" || len(f.dates) == 0 {
				continue
			}
			k := visitKey{f.key, f.since, f.number}
			first, ok := seenVisit[k]
			if !ok {
				seenVisit[k] = f
				continue
			}
			if strings.Join(first.dates, ",") != strings.Join(f.dates, ",") {
				add(f, f.numberAt, "/visit/number", RuleVisitConflict, fmt.Sprintf(
					"visit.number: visit %s of %q since %s has dates %s here but %s in the record at %s",
					f.number, f.key, f.since, strings.Join(f.dates, ", "), strings.Join(first.dates, ", "), where(first, f, first.numberAt)))
			}
		}
	}
	return out
}

// short shortens a hash for a message.
func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}
