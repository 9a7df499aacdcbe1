package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/record"
)

// Output formats of themes and diff.
const (
	FormatTable    = "table"
	FormatYAML     = "yaml"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
	FormatCSV      = "csv"
)

// Formats are the output formats of themes and diff, the table first.
var Formats = []string{FormatTable, FormatYAML, FormatJSON, FormatMarkdown, FormatCSV}

// Options say how profiles and trajectories are written.
type Options struct {
	// Format is one of Formats.
	Format string
	// Evidence lists the evidence sentences in table and markdown output
	// (the other formats always carry them).
	Evidence bool
	// Color colours statuses and outcomes (table output only).
	Color bool
	// Rule decided which statuses count as concerns; tables and markdown
	// say it in their first lines, CSV in a column, YAML and JSON in a field.
	Rule analyse.ConcernRule
	// Filters says which letters the filters kept ("" for all).
	Filters string
	// Below, when set, keeps only the statuses of a profile that the bound
	// picks (letters themes --below), in every format: tables and markdown
	// say it in their first lines, and under a letter with none left.
	Below analyse.ConfidenceBound
	// Load, when set, gives each profile or trajectory what it was read
	// without (its themes, their evidence) just before it is written,
	// and its themes are dropped once it is: only one letter's or
	// authority's themes and sentences are held at a time.
	Load Loader
	// Names names the authorities in diff's table and markdown; nil
	// keeps the names the letters print.
	Names Names
}

// definition returns the lines that open a table or markdown output: the
// concern rule, the filters when there are any, what the output's
// confidences are when confidence is not "" (before the bound of --below
// names them), and that bound.
func (o Options) definition(confidence string) string {
	s := "Concern: " + o.Rule.String() + "\n"
	if o.Filters != "" {
		s += "Letters: " + o.Filters + "\n"
	}
	if confidence != "" {
		s += "Confidence: " + confidence + "\n"
	}
	if o.Below != 0 {
		s += "Statuses: " + o.Below.String() + "\n"
	}
	return s
}

// noneLeft returns the line that stands for the themes of a letter with
// no status left under the bound of --below, or "" when it has some. Only
// the bound empties a profile: it holds a status for every theme of the
// codebook, which has one at least (a record with no findings has each
// theme absent, with the model's confidence), so the line is true.
func (o Options) noneLeft(p *analyse.Profile) string {
	if o.Below == 0 || len(p.Themes) > 0 {
		return ""
	}
	return "No status has a confidence below " + o.Below.Text() + "."
}

// ANSI colours of statuses and outcomes.
const (
	ansiRed    = "31"
	ansiGreen  = "32"
	ansiYellow = "33"
	ansiDim    = "2"
	ansiBold   = "1"
)

func statusColor(s analyse.Status) string {
	switch s {
	case analyse.StatusConcern:
		return ansiRed
	case analyse.StatusStrength:
		return ansiGreen
	case analyse.StatusMixed:
		return ansiYellow
	}
	return ansiDim
}

func outcomeColor(o analyse.Outcome) string {
	switch o {
	case analyse.OutcomeRecurring, analyse.OutcomeNew:
		return ansiRed
	case analyse.OutcomeResolved, analyse.OutcomeSustained, analyse.OutcomeNewStrength:
		return ansiGreen
	case analyse.OutcomeNotRevisited:
		return ansiYellow
	}
	return ansiDim
}

// A cell is one table cell and its colour ("" for none).
type cell struct {
	text, color string
}

// A tableRow is a row of cells, or, when note is set, a line of text
// printed under the row before it.
type tableRow struct {
	cells []cell
	note  string
}

// writeTable writes a table with columns padded to their widest cell.
func writeTable(w io.Writer, header []string, rows []tableRow, color bool) error {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for i, c := range r.cells {
			widths[i] = max(widths[i], utf8.RuneCountInString(c.text))
		}
	}
	var b bytes.Buffer
	line := func(cells []cell) {
		for i, c := range cells {
			text := c.text
			if color && c.color != "" {
				text = "\x1b[" + c.color + "m" + text + "\x1b[0m"
			}
			b.WriteString(text)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c.text)+2))
			}
		}
		b.WriteString("\n")
	}
	hc := make([]cell, len(header))
	for i, h := range header {
		hc[i] = cell{h, ansiBold}
	}
	line(hc)
	for _, r := range rows {
		if r.note != "" || r.cells == nil {
			b.WriteString(r.note + "\n")
			continue
		}
		line(r.cells)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// where says where an evidence sentence stands, for people.
func where(e analyse.Evidence) string {
	var b strings.Builder
	if e.Section != "" {
		b.WriteString(e.Section)
	} else {
		b.WriteString(e.SectionKind)
	}
	fmt.Fprintf(&b, ", ¶%d.%d", e.Paragraph, e.Sentence)
	if e.Page > 0 {
		fmt.Fprintf(&b, ", page %d", e.Page)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
	}
	return b.String()
}

// judging returns the evidence that judges (is not neutral).
func judging(ev []analyse.Evidence) []analyse.Evidence {
	var out []analyse.Evidence
	for _, e := range ev {
		if e.Polarity != analyse.Neutral {
			out = append(out, e)
		}
	}
	return out
}

// encodeStream writes values as a YAML stream (one document each) or as
// JSON lines.
func encodeStream[T any](w io.Writer, format string, values []T) error {
	enc := streamEncoder{w: w, format: format}
	for _, v := range values {
		if err := enc.encode(v); err != nil {
			return err
		}
	}
	return nil
}

// A streamEncoder writes values one at a time as a YAML stream (one
// document each) or as JSON lines.
type streamEncoder struct {
	w      io.Writer
	format string
	n      int // values written
	b      bytes.Buffer
}

// encode writes v, after the ones before it.
func (s *streamEncoder) encode(v any) error {
	s.b.Reset()
	if s.format == FormatJSON {
		enc := json.NewEncoder(&s.b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return err
		}
	} else {
		if s.n > 0 {
			s.b.WriteString("---\n")
		}
		out, err := record.AppendYAML(s.b.AvailableBuffer(), v)
		if err != nil {
			return err
		}
		s.b.Write(out)
	}
	s.n++
	_, err := s.w.Write(s.b.Bytes())
	return err
}

// A Loader gives a letter's profile, or an authority's trajectory, what
// it was read without (its themes, their evidence), just before it is
// written (see Options.Load).
type Loader interface {
	Profile(p *analyse.Profile) error
	Trajectory(tr *analyse.Trajectory) error
}

// eachProfile calls write on each profile in turn, loaded by opts.Load,
// when set, with the statuses opts.Below picks, and its themes dropped
// once written.
func eachProfile(profiles []*analyse.Profile, opts Options, write func(p *analyse.Profile) error) error {
	for _, p := range profiles {
		if opts.Load != nil {
			if err := opts.Load.Profile(p); err != nil {
				return err
			}
		}
		opts.Below.Keep(p) // after Load, which fills the themes by index
		if err := write(p); err != nil {
			return err
		}
		if opts.Load != nil {
			p.Themes = nil
		}
	}
	return nil
}

// eachTrajectory calls write on each trajectory in turn, loaded by
// opts.Load, when set, and let go of once written: it holds its
// authority key again, as before it was loaded.
func eachTrajectory(trs []analyse.Trajectory, opts Options, write func(tr *analyse.Trajectory) error) error {
	for i := range trs {
		tr := &trs[i]
		if opts.Load != nil {
			if err := opts.Load.Trajectory(tr); err != nil {
				return err
			}
		}
		if err := write(tr); err != nil {
			return err
		}
		if opts.Load != nil {
			*tr = analyse.Trajectory{AuthorityKey: tr.AuthorityKey}
		}
	}
	return nil
}

// Profiles writes the profile of each letter (letters themes).
func Profiles(w io.Writer, profiles []*analyse.Profile, opts Options) error {
	switch opts.Format {
	case FormatYAML, FormatJSON:
		enc := streamEncoder{w: w, format: opts.Format}
		return eachProfile(profiles, opts, func(p *analyse.Profile) error { return enc.encode(p) })
	case FormatCSV:
		return writeProfilesCSV(w, profiles, opts)
	case FormatMarkdown:
		if _, err := io.WriteString(w, mdLines(profileDefinition(opts))); err != nil {
			return err
		}
		var b bytes.Buffer
		return eachProfile(profiles, opts, func(p *analyse.Profile) error {
			b.Reset()
			b.WriteString("\n")
			fmt.Fprintf(&b, "## %s\n\n%s, %s, %s %s (letter %s)\n\n", mdEscape(p.Source), mdEscape(p.Authority), p.Kind, occasion(p.Kind), p.Date, p.LetterDate)
			if none := opts.noneLeft(p); none != "" {
				b.WriteString(none + "\n")
				_, err := w.Write(b.Bytes())
				return err
			}
			b.WriteString("| theme | status | negative | positive | confidence | concern | examined |\n|---|---|---|---|---|---|---|\n")
			for _, ts := range p.Themes {
				fmt.Fprintf(&b, "| %s | %s | %d | %d | %s | %s | %s |\n", ts.Theme, ts.Status, ts.Negatives, ts.Positives, probabilityText(ts.Confidence), yesNo(ts.Concern), yesNo(ts.Examined))
			}
			if opts.Evidence {
				b.WriteString("\n")
				for _, ts := range p.Themes {
					for _, e := range judging(ts.Evidence) {
						fmt.Fprintf(&b, "- **%s** (%s, %s): %s\n", ts.Theme, scored(e), mdEscape(where(e)), mdEscape(e.Text))
					}
				}
			}
			_, err := w.Write(b.Bytes())
			return err
		})
	}
	if _, err := io.WriteString(w, profileDefinition(opts)); err != nil {
		return err
	}
	return eachProfile(profiles, opts, func(p *analyse.Profile) error {
		if _, err := fmt.Fprintf(w, "\n%s: %s, %s, %s %s\n", p.Source, p.Authority, p.Kind, occasion(p.Kind), p.Date); err != nil {
			return err
		}
		if none := opts.noneLeft(p); none != "" {
			_, err := io.WriteString(w, none+"\n")
			return err
		}
		var rows []tableRow
		for _, ts := range p.Themes {
			rows = append(rows, tableRow{cells: []cell{{ts.Theme, ""}, {string(ts.Status), statusColor(ts.Status)}, {strconv.Itoa(ts.Negatives), ""}, {strconv.Itoa(ts.Positives), ""}, {probabilityText(ts.Confidence), ""}, {yesNo(ts.Concern), ""}, {yesNo(ts.Examined), ""}}})
			if opts.Evidence {
				for _, e := range judging(ts.Evidence) {
					rows = append(rows, tableRow{note: fmt.Sprintf("    %-13s %s: %s", scored(e), where(e), e.Text)})
				}
			}
		}
		return writeTable(w, []string{"THEME", "STATUS", "NEGATIVE", "POSITIVE", "CONFIDENCE", "CONCERN", "EXAMINED"}, rows, opts.Color)
	})
}

// confidenceLegend says what a status's confidence is, in the words of
// themes --help; tables and markdown say it before a reader meets the
// figure.
const confidenceLegend = "the chance that the labelling coders give the same status"

// profileDefinition returns the lines that open the table or
// markdown output of themes: the definition of opts, and what its CONFIDENCE
// column is.
func profileDefinition(opts Options) string {
	return opts.definition(confidenceLegend + " (0 to 1)")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// mdLines makes lines of text into markdown lines that stay apart (a
// hard break after each but the last).
func mdLines(s string) string {
	return strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "  \n") + "\n"
}

// mdMark escapes acrossKindsMark, which markdown would read as emphasis.
func mdMark(s string) string { return strings.ReplaceAll(s, acrossKindsMark, `\`+acrossKindsMark) }

// mdEscape escapes the characters that would break a markdown table cell.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// emptyEvidence makes each visit's missing evidence an empty list, so that
// JSON writes [] where YAML does, never null.
func emptyEvidence(tr *analyse.Trajectory) {
	for i := range tr.Themes {
		for k, ev := range tr.Themes[i].Evidence {
			if ev == nil {
				tr.Themes[i].Evidence[k] = []analyse.Evidence{}
			}
		}
	}
}

// Trajectories writes the comparison of each authority's visits
// (letters diff).
func Trajectories(w io.Writer, trs []analyse.Trajectory, opts Options) error {
	switch opts.Format {
	case FormatYAML, FormatJSON:
		enc := streamEncoder{w: w, format: opts.Format}
		return eachTrajectory(trs, opts, func(tr *analyse.Trajectory) error {
			emptyEvidence(tr)
			return enc.encode(tr)
		})
	case FormatCSV:
		return writeTrajectoriesCSV(w, trs, opts)
	case FormatMarkdown:
		return writeTrajectoriesMarkdown(w, trs, opts)
	}
	if _, err := io.WriteString(w, trajectoryDefinition(opts)); err != nil {
		return err
	}
	return eachTrajectory(trs, opts, func(tr *analyse.Trajectory) error {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
		fmt.Fprintln(w, opts.Names.heading(tr))
		for k, v := range tr.Visits {
			fmt.Fprintf(w, "  letter %d: %s %s (%s)\n", k+1, v.Date, visitKind(v), v.Source)
		}
		if mixedKinds(*tr) {
			fmt.Fprintf(w, "  %s\n", acrossKindsNote)
		}
		header, cellsOf := trajectoryColumns(*tr)
		var rows []tableRow
		for _, tt := range tr.Themes {
			rows = append(rows, tableRow{cells: cellsOf(tt)})
			if opts.Evidence {
				rows = append(rows, evidenceNotes(*tr, tt)...)
			}
		}
		return writeTable(w, header, rows, opts.Color)
	})
}

// trajectoryColumns returns the header of a trajectory table and the
// function that makes a theme's row: a column per visit, the outcome
// between consecutive visits, and from first to last.
func trajectoryColumns(tr analyse.Trajectory) ([]string, func(analyse.ThemeTrack) []cell) {
	n := len(tr.Visits)
	header := []string{"THEME"}
	for k, v := range tr.Visits {
		header = append(header, v.Date)
		if k < n-1 && n > 2 {
			header = append(header, "→")
		}
	}
	if n > 1 {
		header = append(header, "OUTCOME")
	}
	// outcome is the cell of an outcome between visits a and b, marked
	// when they are letters of different kinds.
	outcome := func(o analyse.Outcome, a, b int) cell {
		text := string(o)
		if acrossKinds(&tr, a, b) {
			text += acrossKindsMark
		}
		return cell{text, outcomeColor(o)}
	}
	return header, func(tt analyse.ThemeTrack) []cell {
		cells := []cell{{tt.Theme, ""}}
		for k, st := range tt.Statuses {
			cells = append(cells, cell{weighted(st, tt.Negatives[k], tt.Positives[k]) + unsure(tt.Confidence(k)), statusColor(st)})
			if k < n-1 && n > 2 {
				cells = append(cells, outcome(tt.Steps[k], tt.From(k), k+1))
			}
		}
		if n > 1 {
			cells = append(cells, outcome(tt.Overall, 0, n-1))
		}
		return cells
	}
}

// acrossKindsMark follows, in diff's table and markdown, an outcome
// between letters of different kinds: a step from a joint targeted area
// inspection, which judges the work of every agency, to a focused visit
// of children's services alone compares letters whose scope differs. The
// CSV says it in its from_kind and to_kind columns.
const acrossKindsMark = "*"

// acrossKindsNote explains acrossKindsMark under the list of an
// authority's letters when they are of more than one kind.
const acrossKindsNote = acrossKindsMark + " after an outcome: it compares letters of different kinds, whose scope differs (--kind keeps one kind)"

// acrossKinds reports whether letters a and b of tr (counting from 0) are
// of different kinds: an outcome between them gets acrossKindsMark.
func acrossKinds(tr *analyse.Trajectory, a, b int) bool {
	return tr.Visits[a].Kind != tr.Visits[b].Kind
}

// mixedKinds reports whether the letters of tr are of more than one kind.
func mixedKinds(tr analyse.Trajectory) bool {
	return slices.ContainsFunc(tr.Visits, func(v analyse.Visit) bool { return v.Kind != tr.Visits[0].Kind })
}

// weighted is a status with the counts of sentences it rests on:
// "mixed -1 +18", "concern -3", "strength +5", "absent".
func weighted(st analyse.Status, neg, pos int) string {
	s := string(st)
	if neg > 0 {
		s += " -" + strconv.Itoa(neg)
	}
	if pos > 0 {
		s += " +" + strconv.Itoa(pos)
	}
	return s
}

// UnsureConfidence is the confidence below which diff's table and
// markdown show a status's confidence beside it: the statuses to check by
// hand first. Those below 0.7 are a fifth of the development set's, and
// the rest agree with the coders at the target of 0.90 (README.md, "How
// far to trust a status"); showing every confidence would crowd a row of
// several visits with figures that mostly read 0.9 and above, which
// YAML, JSON and CSV carry.
const UnsureConfidence analyse.ConfidenceBound = 0.7

// UnsureText is UnsureConfidence as every output writes a confidence
// ("0.70"), for the help and legends that name it.
func UnsureText() string { return probabilityText(float64(UnsureConfidence)) }

// unsureText writes a status's confidence c when UnsureConfidence picks
// it and there is a figure to show; otherwise "". A status with no
// confidence is picked (analyse.ConfidenceBound.Picks) but has none to
// write, so the table shows nothing beside it.
func unsureText(c float64) string {
	if !UnsureConfidence.Picks(c) {
		return ""
	}
	return probabilityText(c)
}

// unsure writes a status's confidence c in brackets after it, " (0.31)",
// when unsureText has it; otherwise "".
func unsure(c float64) string {
	if t := unsureText(c); t != "" {
		return " (" + t + ")"
	}
	return ""
}

// trajectoryDefinition returns the lines that open diff's table or
// markdown output: the definition of opts, and what the bracketed
// figures beside statuses are.
func trajectoryDefinition(opts Options) string {
	return opts.definition("in brackets after a status when below " + UnsureText() + ", " + confidenceLegend)
}

// evidenceNotes lists the judging sentences behind a theme's row.
func evidenceNotes(tr analyse.Trajectory, tt analyse.ThemeTrack) []tableRow {
	var rows []tableRow
	for k, ev := range tt.Evidence {
		for _, e := range judging(ev) {
			rows = append(rows, tableRow{note: fmt.Sprintf("    %s %-13s %s: %s", tr.Visits[k].Date, scored(e), where(e), e.Text)})
		}
	}
	return rows
}

func writeTrajectoriesMarkdown(w io.Writer, trs []analyse.Trajectory, opts Options) error {
	if _, err := io.WriteString(w, mdLines(trajectoryDefinition(opts))); err != nil {
		return err
	}
	var b bytes.Buffer
	return eachTrajectory(trs, opts, func(tr *analyse.Trajectory) error {
		b.Reset()
		b.WriteString("\n")
		fmt.Fprintf(&b, "## %s\n\n", mdEscape(opts.Names.heading(tr)))
		for k, v := range tr.Visits {
			fmt.Fprintf(&b, "%d. %s, %s: %s\n", k+1, v.Date, mdEscape(visitKind(v)), mdEscape(v.Source))
		}
		if mixedKinds(*tr) {
			b.WriteString("\n" + mdMark(acrossKindsNote) + "\n")
		}
		b.WriteString("\n")
		header, cellsOf := trajectoryColumns(*tr)
		b.WriteString("| " + strings.Join(header, " | ") + " |\n|" + strings.Repeat("---|", len(header)) + "\n")
		for _, tt := range tr.Themes {
			var texts []string
			for _, c := range cellsOf(tt) {
				texts = append(texts, mdMark(c.text))
			}
			b.WriteString("| " + strings.Join(texts, " | ") + " |\n")
		}
		if opts.Evidence {
			b.WriteString("\n")
			for _, tt := range tr.Themes {
				for k, ev := range tt.Evidence {
					for _, e := range judging(ev) {
						fmt.Fprintf(&b, "- **%s**, %s (%s, %s): %s\n", tt.Theme, tr.Visits[k].Date, scored(e), mdEscape(where(e)), mdEscape(e.Text))
					}
				}
			}
		}
		_, err := w.Write(b.Bytes())
		return err
	})
}

// visitKind names the kind of a visit's letter in a trajectory: a joint
// targeted area inspection with its subject, which tells it apart from the
// visits around it ("joint-targeted-area-inspection: the multi-agency
// response to abuse and neglect").
func visitKind(v analyse.Visit) string {
	if v.Kind == record.KindJTAI && v.Focus != "" {
		return v.Kind + ": " + v.Focus
	}
	return v.Kind
}

// probabilityText writes a probability c, a status's confidence or an
// evidence sentence's score, with two decimals, or "" for 0 (none: the
// model does not judge the theme).
func probabilityText(c float64) string {
	if c == 0 {
		return ""
	}
	return strconv.FormatFloat(c, 'f', 2, 64)
}

// scored writes an evidence sentence's polarity with the model's score:
// "negative 0.87"; the polarity alone when the rules alone judged.
func scored(e analyse.Evidence) string {
	if e.Score == 0 {
		return string(e.Polarity)
	}
	return string(e.Polarity) + " " + probabilityText(e.Score)
}
