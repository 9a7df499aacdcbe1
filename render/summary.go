package render

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/csvout"
)

// summaryColumns are the columns of summary -o csv, one row per theme;
// README.md documents each.
var summaryColumns = []string{"theme", "label", "letters", "concern", "mixed", "strength", "absent", "counted_as_concern",
	"revisited_authorities", "steps", "concerns_followed", "recurring", "resolved", "not_revisited", "new",
	"authorities_concerned", "authorities_recurring", "concern_share"}

// summaryDoc is the summary as YAML and JSON write it.
type summaryDoc struct {
	analyse.Summary `yaml:",inline" json:",inline"`
	// Filters says which letters the filters kept; empty for all.
	Filters string `yaml:"filters" json:"filters"`
}

// Summary writes the corpus summary s (letters summary): per theme, the
// letters where it is a concern, mixed, a strength or absent, and over the
// authorities with two visits or more what became of its concerns. The
// themes are in the order of s (codebook order); cb labels them.
func Summary(w io.Writer, s analyse.Summary, cb *analyse.Codebook, opts Options) error {
	switch opts.Format {
	case FormatYAML, FormatJSON:
		return encodeStream(w, opts.Format, []summaryDoc{{Summary: s, Filters: opts.Filters}})
	case FormatCSV:
		cw := csvout.NewWriter(w)
		_ = cw.Write(summaryColumns)
		for _, ts := range s.Themes {
			l := ts.Letters
			_ = cw.Write([]string{ts.Theme, cb.Label(ts.Theme), strconv.Itoa(s.Letters),
				strconv.Itoa(l.Concern), strconv.Itoa(l.Mixed), strconv.Itoa(l.Strength), strconv.Itoa(l.Absent), strconv.Itoa(l.Counted),
				strconv.Itoa(s.Revisited), strconv.Itoa(ts.Steps), strconv.Itoa(ts.Concerns), strconv.Itoa(ts.Recurring),
				strconv.Itoa(ts.Resolved), strconv.Itoa(ts.NotRevisited), strconv.Itoa(ts.New),
				strconv.Itoa(ts.AuthoritiesConcerned), strconv.Itoa(ts.AuthoritiesRecurring), opts.Rule.ShareText()})
		}
		cw.Flush()
		return cw.Error()
	}
	header := []string{"THEME", "CONCERN", "MIXED", "STRENGTH", "ABSENT", "AS CONCERN", "FOLLOWED", "RECURRING", "RESOLVED", "NOT REVISITED", "NEW", "AUTHORITIES RECURRING"}
	var rows [][]string
	for _, ts := range s.Themes {
		l := ts.Letters
		rows = append(rows, []string{ts.Theme, strconv.Itoa(l.Concern), strconv.Itoa(l.Mixed), strconv.Itoa(l.Strength), strconv.Itoa(l.Absent),
			strconv.Itoa(l.Counted), strconv.Itoa(ts.Concerns), strconv.Itoa(ts.Recurring), strconv.Itoa(ts.Resolved),
			strconv.Itoa(ts.NotRevisited), strconv.Itoa(ts.New), strconv.Itoa(ts.AuthoritiesRecurring)})
	}
	has := "have"
	if s.Revisited == 1 {
		has = "has"
	}
	intro := fmt.Sprintf("%s of %s; %s %s two visits or more (%s from one visit to the next), %d of them a concern that recurs.\n",
		plural(s.Letters, "letter", "letters"), plural(s.AuthorityCount, "authority", "authorities"),
		plural(s.Revisited, "authority", "authorities"), has, plural(s.Letters-s.AuthorityCount, "step", "steps"), s.RevisitedRecurring)
	key := "CONCERN, MIXED, STRENGTH, ABSENT: letters by the theme's status; AS CONCERN: letters where it counts as a concern.\n" +
		"FOLLOWED: concerns followed by another visit, each counted once by the next visit that judges the theme: RECURRING,\n" +
		"RESOLVED, or NOT REVISITED when no later visit judges it; NEW: concerns at a visit after none or a strength;\n" +
		"AUTHORITIES RECURRING: authorities where the concern recurs at least once.\n"
	var b bytes.Buffer
	if opts.Format == FormatMarkdown {
		b.WriteString(mdLines(opts.definition("") + intro))
		b.WriteString("\n| " + strings.Join(header, " | ") + " |\n|---|" + strings.Repeat("---:|", len(header)-1) + "\n")
		for _, r := range rows {
			b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		}
		b.WriteString("\n" + mdLines(key))
		_, err := w.Write(b.Bytes())
		return err
	}
	b.WriteString(opts.definition("") + intro + "\n")
	var trs []tableRow
	for _, r := range rows {
		cells := make([]cell, len(r))
		for i, t := range r {
			cells[i] = cell{text: t}
		}
		trs = append(trs, tableRow{cells: cells})
	}
	if err := writeTable(&b, header, trs, opts.Color); err != nil {
		return err
	}
	b.WriteString("\n" + key)
	_, err := w.Write(b.Bytes())
	return err
}

// plural writes a count and its noun ("1 letter", "3 letters").
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
