package corpus

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/ofsted-letters/letters/internal/csvout"
	"github.com/ofsted-letters/letters/internal/output"
	"github.com/ofsted-letters/letters/record"
)

// IndexFile is the name of the index in a record folder.
const IndexFile = "index.csv"

// IndexHeader names the columns of index.csv, in order.
var IndexHeader = []string{
	"record", "source", "sha256", "format", "kind", "authority_key", "la_code", "ons_code", "region", "local_authority",
	"letter_date", "first_visit_date", "visit_number", "inspectors",
	"paragraphs", "concerns", "priority_actions", "warnings",
}

// IndexRow returns the index row of a record kept in file: the
// authority's codes and region as the record gives them (empty when it
// has none), and counts of its paragraphs (all sections), of its
// concerns (the points of its improvement and priority sections) and of
// its priority actions.
func IndexRow(file string, rec *record.Record) []string {
	paragraphs := 0
	for _, s := range rec.Sections {
		paragraphs += len(s.Paragraphs)
	}
	first, number := "", ""
	if len(rec.Visit.Dates) > 0 {
		first = rec.Visit.Dates[0]
	}
	if rec.Visit.Number > 0 {
		number = strconv.Itoa(rec.Visit.Number)
	}
	return []string{
		file, rec.Source.Path, rec.Source.SHA256, rec.Source.Format, rec.Letter.Kind,
		rec.Visit.AuthorityKey, rec.Visit.LACode, rec.Visit.ONSCode, rec.Visit.Region, rec.Visit.LocalAuthority,
		rec.Letter.Date, first, number, strings.Join(rec.Visit.Inspectors, "; "),
		strconv.Itoa(paragraphs), strconv.Itoa(len(rec.Improvements)),
		strconv.Itoa(len(rec.PriorityActions)), strconv.Itoa(len(rec.Warnings)),
	}
}

// An Index is the table of a record folder, one row per record file. Its
// rows are kept as index.csv holds them, every cell through csvout.Cell,
// so that a row read back from the file and a row made now compare equal.
type Index struct {
	rows map[string][]string // by record file, as csvout.Cell writes it
}

// ReadIndex reads dir's index.csv, if there is one and it has the current
// columns; otherwise it returns an empty index.
func ReadIndex(dir string) *Index {
	ix := &Index{rows: map[string][]string{}}
	data, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil {
		return ix
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(IndexHeader, ",") {
		return ix
	}
	for _, r := range rows[1:] {
		ix.rows[r[0]] = r
	}
	return ix
}

// Row returns the row of a record file if the index has one for the
// letter with that SHA-256.
func (ix *Index) Row(file, sha string) ([]string, bool) {
	r, ok := ix.rows[csvout.Cell(file)]
	return r, ok && r[2] == csvout.Cell(sha)
}

// Set puts the row of a record file.
func (ix *Index) Set(row []string) {
	row = csvout.Row(row)
	ix.rows[row[0]] = row
}

// Keep drops the rows of record files not in files.
func (ix *Index) Keep(files []string) {
	keep := map[string]bool{}
	for _, f := range files {
		keep[csvout.Cell(f)] = true
	}
	for f := range ix.rows {
		if !keep[f] {
			delete(ix.rows, f)
		}
	}
}

// Write writes the index, sorted by record file, to dir through
// output.Replace: atomically, and never through a link or over anything
// but a regular file.
func (ix *Index) Write(dir string) error {
	files := make([]string, 0, len(ix.rows))
	for f := range ix.rows {
		files = append(files, f)
	}
	sort.Strings(files)
	var buf bytes.Buffer
	w := csvout.NewWriter(&buf)
	w.Write(IndexHeader)
	for _, f := range files {
		w.Write(ix.rows[f])
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return output.Replace(filepath.Join(dir, IndexFile), buf.Bytes())
}
