// Package validate checks records written by `letters parse` (YAML or
// JSON, one record or a stream, read by package record), or
// edited by hand, before they reach an analysis.
//
// # Checks
//
// Each document of each file goes through three stages, in order; a node
// that fails one stage is not reported again by a later one:
//
//  1. YAML: the file must parse (yaml.v3 gives the line), hold at least one
//     document, and no mapping may repeat a key.
//  2. Schema: the document must satisfy the JSON Schema in package schema:
//     every required field present, no unknown field (a typo must not
//     pass), the right types, known kinds, dates in the form YYYY-MM-DD,
//     visit numbers that are positive integers, non-empty inspector names
//     and paragraphs.
//  3. Meaning: dates are real dates; each visit date falls before the
//     letter date and within a year of it, and the dates are in order; no
//     two records have the same source hash; two records of one authority
//     do not claim the same visit number with different dates (numbers
//     count from the judgement or event in visit.since, so only records
//     that name the same month for it are compared).
//
// The schema stage compiles the schema file itself (schema.go): the
// keywords of draft 2020-12 that the file uses and no more, so New fails
// on a schema that uses another. A quick walk of each record's YAML nodes
// (quick.go) passes the records it is sure of (almost every valid one)
// without converting them to JSON values; any other record is converted
// and checked keyword by keyword, and its problems worded (messages.go).
// The binary links no JSON Schema library (compiling its meta-schemas
// cost every command 14 ms of CPU at start); the tests hold both walks to
// one, github.com/santhosh-tekuri/jsonschema, on the records of testdata,
// thousands of mutated records and fuzzed input: the same keywords fail
// at the same places, with what the messages are made of.
//
// Every Problem carries the file, the line and column of the offending
// node (counted from 1), the JSON pointer of the node within its
// document, the rule that failed and a message that names the field, the
// bad value and what is expected.
//
// # Warnings and exceptions
//
// A letter can contradict itself (dated a year before its visit).
// `letters parse` then keeps what is printed and writes a warning into the
// record that names the rule broken and the field in doubt (see
// record.Warning). A problem that such a warning explains, by its rule and
// the field of the problem or one the rule compared it with, goes to
// Report.Warnings instead of Report.Problems: the record stays valid,
// unless Options.Strict. Exceptions read from an ignore file (see
// Exceptions) accept known problems and warnings, which go to
// Report.Ignored, each with the exception that accepted it.
//
// # What it does not do
//
// It does not parse letters and does not judge whether a record says what
// its letter says; it never changes a file. It prints nothing: package cmd
// formats the Report. YAML syntax errors carry the line and column of
// the first line that breaks the file, found by parsing prefixes, since
// yaml.v3 reports only where the enclosing block starts.
//
// Across the repository, a line of a letter is classified in one place,
// classify in parse/lines.go; a record is read in one place, package
// record (codec.go), which hands this package each record's node tree;
// and the outputs of themes, diff,
// summary, report and export are drawn in package render.
//
// # Example
//
//	v, err := validate.New()
//	...
//	report := v.Check([]string{"records/"}, validate.Options{})
//	for _, p := range report.Problems {
//		fmt.Println(p) // records/a.yaml:12:5: visit.dates[1]: 2025-02-30 is not a real date (February 2025 has 28 days)
//	}
package validate
