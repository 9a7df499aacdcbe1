// Package csvout writes the CSV files letters makes (themes -o csv, diff
// -o csv, a record folder's index.csv, parse's --errors report, and any
// later table) so that a spreadsheet opening them never runs a formula a
// letter smuggled in.
//
// Cells are quoted as encoding/csv quotes them (RFC 4180). A cell that
// starts with =, +, -, @, a tab or a carriage return, which Excel,
// LibreOffice and Google Sheets may read as a formula, gets a leading
// apostrophe, as OWASP advises against CSV injection: `=HYPERLINK(...)`
// is written `'=HYPERLINK(...)`, and a spreadsheet shows it as text.
// Programs that read the file see the apostrophe too.
package csvout

import (
	"encoding/csv"
	"io"
	"strings"
)

// formulaStart holds the characters that make a spreadsheet read a cell
// as a formula when the cell starts with one of them.
const formulaStart = "=+-@\t\r"

// Cell returns s as it is written in a CSV file: unchanged, or with a
// leading apostrophe when it starts with a character of formulaStart.
func Cell(s string) string {
	if s != "" && strings.IndexByte(formulaStart, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// Row returns the cells of row as Cell writes them, in a new slice.
func Row(row []string) []string {
	out := make([]string, len(row))
	for i, s := range row {
		out[i] = Cell(s)
	}
	return out
}

// A Writer writes CSV rows, every cell through Cell.
type Writer struct{ w *csv.Writer }

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one row. Errors are kept for Error, as in encoding/csv.
func (w *Writer) Write(row []string) error { return w.w.Write(Row(row)) }

// Flush writes any buffered rows to the underlying writer.
func (w *Writer) Flush() { w.w.Flush() }

// Error returns the first error of a Write or Flush.
func (w *Writer) Error() error { return w.w.Error() }
