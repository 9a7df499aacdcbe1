package render

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/csvout"
)

// Spans of a row of diff's CSV: which two visits it compares.
const (
	spanStep        = "step"          // a visit and the latest earlier visit that judged the theme
	spanFirstToLast = "first-to-last" // the first visit and the last
)

// profileColumns are the columns of themes -o csv, one row per letter and
// theme; README.md documents each.
var profileColumns = []string{"file", "authority_key", "la_code", "ons_code", "region", "authority", "letter_date", "visit_date",
	"kind", "visit_number", "focus", "theme", "status", "negatives", "positives", "confidence", "concern", "concern_share", "examined"}

// evidenceColumns are the columns that themes -o csv --evidence adds to
// profileColumns, one row per sentence (empty in the row of a status no
// sentence names); README.md documents each.
var evidenceColumns = []string{"polarity", "score", "section", "section_kind", "paragraph", "sentence", "page", "line", "text"}

// writeProfilesCSV writes one row per letter and theme: a tidy table.
// With opts.Evidence it writes instead one row per letter, theme and
// sentence that names the theme, and one row with empty evidence columns
// for a theme no sentence names, so that every status has a row.
func writeProfilesCSV(w io.Writer, profiles []*analyse.Profile, opts Options) error {
	cw := csvout.NewWriter(w)
	if opts.Evidence {
		_ = cw.Write(append(slices.Clone(profileColumns), evidenceColumns...))
	} else {
		_ = cw.Write(profileColumns)
	}
	err := eachProfile(profiles, opts, func(p *analyse.Profile) error {
		for _, ts := range p.Themes {
			row := []string{p.Source, p.AuthorityKey, p.LACode, p.ONSCode, p.Region, p.Authority, p.LetterDate, p.Date,
				p.Kind, number(p.Number), p.Focus, ts.Theme, string(ts.Status), strconv.Itoa(ts.Negatives), strconv.Itoa(ts.Positives),
				probabilityText(ts.Confidence), strconv.FormatBool(ts.Concern), opts.Rule.ShareText(), strconv.FormatBool(ts.Examined)}
			if !opts.Evidence {
				_ = cw.Write(row)
				continue
			}
			if len(ts.Evidence) == 0 {
				_ = cw.Write(append(row, make([]string, len(evidenceColumns))...))
			}
			for _, e := range ts.Evidence {
				_ = cw.Write(append(slices.Clone(row), string(e.Polarity), probabilityText(e.Score), e.Section, e.SectionKind, strconv.Itoa(e.Paragraph),
					strconv.Itoa(e.Sentence), number(e.Page), number(e.Line), e.Text))
			}
		}
		return cw.Error()
	})
	cw.Flush()
	return cmp.Or(err, cw.Error())
}

// number writes a count that 0 means unknown: "" for 0.
func number(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// trajectoryColumnsCSV are the columns of diff -o csv, one row per
// authority, theme and comparison; README.md documents each.
var trajectoryColumnsCSV = []string{"authority_key", "la_code", "ons_code", "region", "authority", "theme", "span",
	"from_visit", "to_visit", "from_date", "to_date", "from_kind", "to_kind", "from_file", "to_file",
	"from_status", "from_negatives", "from_positives", "from_confidence", "from_concern",
	"to_status", "to_negatives", "to_positives", "to_confidence", "to_concern",
	"outcome", "concern_share", "from_evidence", "to_evidence"}

// writeTrajectoriesCSV writes one row per authority, theme and
// comparison: each step (a visit against the latest earlier visit that
// judged the theme, which may not be the visit just before) and, for
// every authority with two visits or more, first to last. The evidence
// cells hold the judging sentences of each visit, one a line.
func writeTrajectoriesCSV(w io.Writer, trs []analyse.Trajectory, opts Options) error {
	cw := csvout.NewWriter(w)
	_ = cw.Write(trajectoryColumnsCSV)
	err := eachTrajectory(trs, opts, func(tr *analyse.Trajectory) error {
		n := len(tr.Visits)
		for _, tt := range tr.Themes {
			row := func(span string, a, b int, o analyse.Outcome) {
				va, vb := tr.Visits[a], tr.Visits[b]
				_ = cw.Write([]string{tr.AuthorityKey, va.LACode, va.ONSCode, va.Region, tr.Authority, tt.Theme, span,
					strconv.Itoa(a + 1), strconv.Itoa(b + 1), va.Date, vb.Date, va.Kind, vb.Kind, va.Source, vb.Source,
					string(tt.Statuses[a]), strconv.Itoa(tt.Negatives[a]), strconv.Itoa(tt.Positives[a]), probabilityText(tt.Confidence(a)), strconv.FormatBool(tt.Concern[a]),
					string(tt.Statuses[b]), strconv.Itoa(tt.Negatives[b]), strconv.Itoa(tt.Positives[b]), probabilityText(tt.Confidence(b)), strconv.FormatBool(tt.Concern[b]),
					string(o), opts.Rule.ShareText(), evidenceCell(tt.Evidence[a]), evidenceCell(tt.Evidence[b])})
			}
			for k := range n - 1 {
				row(spanStep, tt.From(k), k+1, tt.Steps[k])
			}
			if n > 1 {
				row(spanFirstToLast, 0, n-1, tt.Overall)
			}
		}
		return cw.Error()
	})
	cw.Flush()
	return cmp.Or(err, cw.Error())
}

// evidenceCell writes the judging sentences of one visit, one a line:
// "[negative 0.87] (Findings, paragraph 3, sentence 2, page 2, line 45)
// text", with the sentence model's score when it judged.
func evidenceCell(ev []analyse.Evidence) string {
	var lines []string
	for _, e := range judging(ev) {
		lines = append(lines, fmt.Sprintf("[%s] (%s) %s", scored(e), placeOf(e), e.Text))
	}
	return strings.Join(lines, "\n")
}

// placeOf says where a sentence stands, in words: section, paragraph,
// sentence, page (when known) and line.
func placeOf(e analyse.Evidence) string {
	sec := e.Section
	if sec == "" {
		sec = e.SectionKind
	}
	s := fmt.Sprintf("%s, paragraph %d, sentence %d", sec, e.Paragraph, e.Sentence)
	if e.Page > 0 {
		s += fmt.Sprintf(", page %d", e.Page)
	}
	if e.Line > 0 {
		s += fmt.Sprintf(", line %d", e.Line)
	}
	return s
}
