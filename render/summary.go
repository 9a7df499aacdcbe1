package render

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/csvout"
)

// summaryColumns are the columns of summary -o csv, one row per theme;
// README.md documents each.
var summaryColumns = []string{"theme", "label", "letters", "concern", "mixed", "strength", "absent", "counted_as_concern",
	"revisited_authorities", "steps", "concerns_followed", "recurring", "resolved", "not_revisited", "new",
	"authorities_concerned", "authorities_recurring", "concern_share", "steps_across_kinds"}

// summaryDoc is the summary as YAML and JSON write it.
type summaryDoc struct {
	CorpusSummary `yaml:",inline" json:",inline"`
	// Filters says which letters the filters kept; empty for all.
	Filters string `yaml:"filters" json:"filters"`
}

// A CorpusSummary is the summary of a corpus (analyse.Summary) and how
// its steps go from one kind of letter to another. A step between two
// kinds (a joint targeted area inspection, which judges the work of every
// agency, then a focused visit of children's services alone) compares
// letters whose scope differs; a reader should know how many of the
// steps are such.
type CorpusSummary struct {
	analyse.Summary `yaml:",inline" json:",inline"`
	// StepsAcrossKinds counts the steps of Steps between letters of
	// different kinds.
	StepsAcrossKinds int `yaml:"steps_across_kinds" json:"steps_across_kinds"`
	// StepsByKinds counts the steps of Steps by the kinds of their two
	// letters, one entry per pair of kinds found, in order of FromKind
	// then ToKind.
	StepsByKinds []KindSteps `yaml:"steps_by_kinds" json:"steps_by_kinds"`
}

// KindSteps counts the steps from a letter of one kind to the next letter
// of the authority, of another kind or the same.
type KindSteps struct {
	// FromKind and ToKind are the kinds of the step's earlier and later
	// letters, one of the record.Kind constants ("focused-visit").
	FromKind string `yaml:"from_kind" json:"from_kind"`
	ToKind   string `yaml:"to_kind" json:"to_kind"`
	// Steps counts the steps from a letter of FromKind to the next letter
	// of the same authority, of ToKind.
	Steps int `yaml:"steps" json:"steps"`
}

// A Summariser counts trajectories added one at a time as
// analyse.Summariser does, and their steps by the kinds of their letters.
// The zero value is ready to use.
type Summariser struct {
	z     analyse.Summariser
	kinds map[[2]string]int // steps by the kinds of their two letters
}

// Add counts the steps of tr.
func (z *Summariser) Add(tr *analyse.Trajectory) {
	z.z.Add(tr)
	if z.kinds == nil {
		z.kinds = map[[2]string]int{}
	}
	for k := 1; k < len(tr.Visits); k++ {
		z.kinds[[2]string{tr.Visits[k-1].Kind, tr.Visits[k].Kind}]++
	}
}

// Summary returns the summary of the trajectories added.
func (z *Summariser) Summary() CorpusSummary {
	cs := CorpusSummary{Summary: z.z.Summary(), StepsByKinds: []KindSteps{}}
	for pair, n := range z.kinds {
		cs.StepsByKinds = append(cs.StepsByKinds, KindSteps{FromKind: pair[0], ToKind: pair[1], Steps: n})
		if pair[0] != pair[1] {
			cs.StepsAcrossKinds += n
		}
	}
	slices.SortFunc(cs.StepsByKinds, func(a, b KindSteps) int {
		return cmp.Or(cmp.Compare(a.FromKind, b.FromKind), cmp.Compare(a.ToKind, b.ToKind))
	})
	return cs
}

// crossings lists the steps of s between letters of different kinds,
// most first, each as step(count, from kind, to kind): "32
// joint-targeted-area-inspection to focused-visit, 24 focused-visit to
// joint-targeted-area-inspection".
func (s CorpusSummary) crossings(step func(n int, from, to string) string) string {
	var across []KindSteps
	for _, ks := range s.StepsByKinds {
		if ks.FromKind != ks.ToKind {
			across = append(across, ks)
		}
	}
	slices.SortStableFunc(across, func(a, b KindSteps) int { return b.Steps - a.Steps })
	var parts []string
	for _, ks := range across {
		parts = append(parts, step(ks.Steps, ks.FromKind, ks.ToKind))
	}
	return strings.Join(parts, ", ")
}

// acrossKinds is the line of summary's headline that says how many of the
// steps of s go from one kind of letter to another, and which kinds:
// "Steps between letters of different kinds: 56 of 245 (32
// joint-targeted-area-inspection to focused-visit, ...), whose scope
// differs; --kind keeps one kind." It is "" when no step does.
func (s CorpusSummary) acrossKinds() string {
	if s.StepsAcrossKinds == 0 {
		return ""
	}
	kinds := s.crossings(func(n int, from, to string) string { return fmt.Sprintf("%d %s to %s", n, from, to) })
	return fmt.Sprintf("Steps between letters of different kinds: %d of %d (%s), whose scope differs; --kind keeps one kind.\n",
		s.StepsAcrossKinds, s.Steps, kinds)
}

// Summary writes the corpus summary s (letters summary): per theme, the
// letters where it is a concern, mixed, a strength or absent, and over the
// authorities with two letters or more what became of its concerns; and
// how many steps go from one kind of letter to another. The themes are in
// the order of s (codebook order); cb labels them.
func Summary(w io.Writer, s CorpusSummary, cb *analyse.Codebook, opts Options) error {
	switch opts.Format {
	case FormatYAML, FormatJSON:
		return encodeStream(w, opts.Format, []summaryDoc{{CorpusSummary: s, Filters: opts.Filters}})
	case FormatCSV:
		cw := csvout.NewWriter(w)
		_ = cw.Write(summaryColumns)
		for _, ts := range s.Themes {
			l := ts.Letters
			_ = cw.Write([]string{ts.Theme, cb.Label(ts.Theme), strconv.Itoa(s.Letters),
				strconv.Itoa(l.Concern), strconv.Itoa(l.Mixed), strconv.Itoa(l.Strength), strconv.Itoa(l.Absent), strconv.Itoa(l.Counted),
				strconv.Itoa(s.Revisited), strconv.Itoa(ts.Steps), strconv.Itoa(ts.Concerns), strconv.Itoa(ts.Recurring),
				strconv.Itoa(ts.Resolved), strconv.Itoa(ts.NotRevisited), strconv.Itoa(ts.New),
				strconv.Itoa(ts.AuthoritiesConcerned), strconv.Itoa(ts.AuthoritiesRecurring), opts.Rule.ShareText(),
				strconv.Itoa(s.StepsAcrossKinds)})
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
	intro := fmt.Sprintf("%s of %s; %s %s two letters or more (%s from one letter to the next), %d of them a concern that recurs.\n",
		plural(s.Letters, "letter", "letters"), plural(s.AuthorityCount, "authority", "authorities"),
		plural(s.Revisited, "authority", "authorities"), has, plural(s.Steps, "step", "steps"), s.RevisitedRecurring) + s.acrossKinds()
	key := "CONCERN, MIXED, STRENGTH, ABSENT: letters by the theme's status; AS CONCERN: letters where it counts as a concern.\n" +
		"FOLLOWED: concerns followed by another letter, each counted once by the next letter that judges the theme: RECURRING,\n" +
		"RESOLVED, or NOT REVISITED when no later letter judges it; NEW: concerns in a letter after none or a strength;\n" +
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
