package validate

import (
	"fmt"
	"strings"

	"github.com/ofsted-letters/letters/record"
)

// Rules a Problem can break. They are a contract with tools that read
// `letters validate -o json`; README.md lists them.
const (
	RuleRead          = "read"                // the file could not be read
	RuleYAML          = "yaml"                // not YAML, no document, or a repeated key
	RuleSchema        = "schema"              // the record does not fit the schema
	RuleUnknownField  = "unknown-field"       // a field the schema does not know
	RuleDate          = "date"                // a date in the right form that does not exist
	RuleVisitDates    = record.RuleVisitDates // visit dates after the letter, a year before it, or out of order
	RuleDuplicate     = "duplicate-source"    // two records of the same source file
	RuleVisitConflict = "visit-number"        // one visit number of an authority with two sets of dates
	RuleSameVisit     = "duplicate-visit"     // two records of one visit (say, the letter as PDF and as text)
)

// Rules returns every rule, in the order of the checks.
func Rules() []string {
	return []string{RuleRead, RuleYAML, RuleSchema, RuleUnknownField, RuleDate, RuleVisitDates, RuleDuplicate, RuleSameVisit, RuleVisitConflict}
}

// A Problem is one thing wrong with one record or one file.
type Problem struct {
	// File is the path of the file as found: an argument, or a path
	// below a folder named as an argument; "-" for standard input.
	File string `json:"file"`
	// Document is which document of a multi-document file the problem is
	// in, counting from 1; it is 0 when the file holds one document or
	// when the problem concerns the file as a whole.
	Document int `json:"document,omitempty"`
	// Line and Column are where the offending node starts, counting from
	// 1; Column is 0 when unknown (YAML syntax errors) and Line is 0 when
	// the problem has no place in the file.
	Line   int `json:"line"`
	Column int `json:"column"`
	// Pointer is the JSON pointer (RFC 6901) of the offending node within
	// its document, such as "/visit/dates/1"; "" for the whole document.
	Pointer string `json:"pointer"`
	// Rule is one of the Rule constants.
	Rule string `json:"rule"`
	// Message names the field, the bad value and what is expected.
	Message string `json:"message"`
}

// String returns the problem as "file:line:col: message", with
// "document N: " before the message in a multi-document file and without
// the line or column when they are unknown.
func (p Problem) String() string { return p.Labelled("") }

// Labelled returns the problem as String does, with label (such as
// "warning: ") before the message.
func (p Problem) Labelled(label string) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(label)
	if p.Document > 0 {
		fmt.Fprintf(&b, "document %d: ", p.Document)
	}
	b.WriteString(p.Message)
	return b.String()
}

// A Report is the outcome of checking a set of files.
type Report struct {
	// Files is the number of files read, and of paths that could not
	// be listed (a path that does not exist: one of BadFiles).
	Files int `json:"files"`
	// Records is the number of YAML documents found in them.
	Records int `json:"records"`
	// Invalid is the number of records with at least one problem.
	Invalid int `json:"invalid"`
	// BadFiles is the number of files with a problem that belongs to no
	// one record: unreadable, not YAML, or holding no document.
	BadFiles int `json:"bad_files"`
	// Problems are sorted by file, in the order the files were found,
	// then by line and column.
	Problems []Problem `json:"problems"`
	// Warnings are the problems that a record's own warnings explain:
	// the letter contradicts itself (a letter dated before its visit),
	// and the parser said so, naming the rule and the field (see
	// record.Warning). They do not make a record invalid, unless
	// Options.Strict makes them Problems. Sorted as Problems are.
	Warnings []Problem `json:"warnings"`
	// Ignored are the problems and warnings that an exception of the
	// ignore file accepts, in the same order.
	Ignored []Ignored `json:"ignored"`
	// UnusedExceptions lists, as "file:line", the exceptions of the
	// ignore file that accepted nothing: the problem they were written
	// for has gone.
	UnusedExceptions []string `json:"unused_exceptions,omitempty"`
}

// An Ignored is a problem that an exception accepts.
type Ignored struct {
	Problem
	// Exception is where the exception stands: "file:line" of the
	// ignore file.
	Exception string `json:"exception"`
}

// OK reports whether no problem was found (warnings and ignored problems
// aside).
func (r *Report) OK() bool { return len(r.Problems) == 0 }
