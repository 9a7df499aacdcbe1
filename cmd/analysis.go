package cmd

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/authority"
	"github.com/ofsted-letters/letters/internal/profilecache"
	"github.com/ofsted-letters/letters/record"
	"github.com/ofsted-letters/letters/render"
)

// analysisOptions are the flags that themes, diff, report and summary
// share: the codebook that reads the letters, when a mixed theme counts
// as a concern, and which letters to keep.
type analysisOptions struct {
	codebook     string        // codebook file; "" means the built-in one
	concernShare float64       // see analyse.ConcernRule; 0: any negative
	since, until string        // keep letters from and up to these dates (YYYY-MM-DD); "" for no bound
	kind         string        // keep letters of this kind; "" for all
	timeout      time.Duration // give up on one letter after this long
	noCache      bool          // neither read nor write the profile cache
	writes       outputFile    // the file the command writes (report --out, export --qdpx), never one of its inputs
}

// letterKinds are the values --kind takes.
var letterKinds = []string{record.KindMonitoring, record.KindFocused, record.KindJTAI, record.KindOther}

// addFlags adds the shared flags to a command.
func (o *analysisOptions) addFlags(c *cobra.Command) {
	c.Flags().Var(floatValue{&o.concernShare}, "concern-share", "a mixed theme counts as a concern when at least this `share` of its judging sentences are negative (0: any negative sentence, themes.md; 1: never)")
	o.addReadFlags(c)
}

// addReadFlags adds the flags that say how letters are read and which
// are kept, without --concern-share (for export, which counts nothing).
func (o *analysisOptions) addReadFlags(c *cobra.Command) {
	fs := c.Flags()
	fs.StringVar(&o.codebook, "codebook", "", "read themes from codebook `file` (extends the built-in one unless it says mode: replace)")
	fs.StringVar(&o.since, "since", "", "keep only letters of a visit or inspection on or after `date` (YYYY-MM-DD; its first day, or the letter date)")
	fs.StringVar(&o.until, "until", "", "keep only letters of a visit or inspection on or before `date` (YYYY-MM-DD)")
	fs.StringVar(&o.kind, "kind", "", "keep only letters of `kind`: "+strings.Join(letterKinds, ", "))
	addTimeoutFlag(c, &o.timeout)
	fs.BoolVar(&o.noCache, "no-cache", false, "analyse every letter, neither reading nor writing the profiles cached beside records ("+profilecache.Dir+")")
}

// check returns a usage error for a flag value that cannot be used.
func (o analysisOptions) check() error {
	if _, err := analyse.NewConcernRule(o.concernShare); err != nil {
		return flagError("concern-share", err)
	}
	for _, d := range []struct{ flag, value string }{{"since", o.since}, {"until", o.until}} {
		if d.value == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.value); err != nil {
			return flagError(d.flag, fmt.Errorf("%q is not a date (YYYY-MM-DD)", d.value))
		}
	}
	if o.since != "" && o.until != "" && o.until < o.since {
		return &usageError{fmt.Errorf("--until %s is before --since %s", o.until, o.since)}
	}
	if o.kind != "" && !slices.Contains(letterKinds, o.kind) {
		return &usageError{fmt.Errorf("--kind must be one of %s, not %q", strings.Join(letterKinds, ", "), o.kind)}
	}
	return nil
}

// rule returns the concern rule of the options (check has accepted it).
func (o analysisOptions) rule() analyse.ConcernRule {
	return analyse.ConcernRule{Share: o.concernShare}
}

// keep reports whether a letter passes the filters: its visit date (the
// first day of the visit, or the letter date when it gives none) within
// --since and --until, its kind --kind. A letter without any date is
// left out by a date filter.
func (o analysisOptions) keep(rec *record.Record) bool {
	if o.kind != "" && rec.Letter.Kind != o.kind {
		return false
	}
	if o.since == "" && o.until == "" {
		return true
	}
	d := analyse.VisitOf(rec).Date
	return d != "" && (o.since == "" || d >= o.since) && (o.until == "" || d <= o.until)
}

// describe says in one line which letters the filters keep, or "" when
// they keep all.
func (o analysisOptions) describe() string {
	var parts []string
	if o.kind != "" {
		parts = append(parts, o.kind+" letters")
	}
	if o.since != "" {
		parts = append(parts, "letters from "+o.since)
	}
	if o.until != "" {
		parts = append(parts, "letters up to "+o.until)
	}
	return strings.Join(parts, ", ")
}

// afterFilters returns " after the filters (...)" naming the filters set,
// for an error that says which letters were left; "" when none is set.
func (o analysisOptions) afterFilters() string {
	if f := o.describe(); f != "" {
		return " after the filters (" + f + ")"
	}
	return ""
}

// noLetters returns the error of command when it has no letters to verb
// (export, profile, count): none read, or none left after the filters,
// which it names.
func (o analysisOptions) noLetters(command, verb string) error {
	if f := o.afterFilters(); f != "" {
		return fmt.Errorf("%s: no letters left to %s%s", command, verb, f)
	}
	return fmt.Errorf("%s: no letters to %s", command, verb)
}

// A letter is what the analysis commands hold of a letter read: its
// record (nil when the analyser packs themes, the record was only needed
// to choose the letter, and the output reads it back from the cache if at
// all; export keeps it, as a head, to name the letter's source), and its
// profile, before a concern rule marks it; or, when the analyser holds
// letters by reference (analyser.refs), no profile but where the cache
// holds it, and its authority.
type letter struct {
	rec  *record.Record
	prof *analyse.Profile // nil: read back from ref (analyser.readBack)
	ref  letterRef
	// group is the letter's authority key, else its authority, as
	// analyse.Groups groups letters; keyed says it is the key. Set with
	// ref.
	group string
	keyed bool
	// lastDay is the last day of the visit, when it has more than one:
	// a line that sets another letter aside for it says so.
	lastDay string
}

// authorityKey returns the letter's authority key.
func (l letter) authorityKey() string {
	if l.prof != nil {
		return l.prof.AuthorityKey
	}
	if l.keyed {
		return l.group
	}
	return ""
}

// groupKey returns the key that analyse.Groups groups the letter under.
func (l letter) groupKey() string {
	if l.prof != nil {
		return cmp.Or(l.prof.AuthorityKey, l.prof.Authority)
	}
	return l.group
}

// records reads the letters named by args (see readInputs) for the
// command named command, keeps those that pass the filters, and keeps one
// letter per visit (analyse.VisitPicker), saying on stderr, once every
// input is read, which letter was set aside for which and why. failed
// reports whether an input failed; err is errInterrupted when ctx is done
// before every input is read.
//
// Each letter is profiled with an as it is read.
func (o analysisOptions) records(ctx context.Context, command string, args []string, an *analyser, s streams) (letters []letter, failed bool, err error) {
	var vp analyse.VisitPicker
	var aside []string
	var readBackErr error
	setAside := func(l, kept letter, reason string) {
		lp, err := an.profileOf(l)
		kp, err2 := an.profileOf(kept)
		if err = cmp.Or(err, err2); err != nil {
			readBackErr = cmp.Or(readBackErr, fmt.Errorf("%s: %w", command, err))
			return
		}
		days := lp.Date
		if l.lastDay != "" {
			days += " to " + l.lastDay
		}
		aside = append(aside, fmt.Sprintf("letters: %s: %s: set aside: same visit as %s (%s, %s); %s\n",
			command, lp.Source, kp.Source, lp.AuthorityKey, days, reason))
	}
	failed, err = readInputs(ctx, command, args, o.timeout, o.writes, an, s.in, s.err, func(rec *record.Record, prof *analyse.Profile) {
		if !o.keep(rec) {
			an.forget(prof)
			return
		}
		l := letter{rec: rec, prof: prof}
		if n := len(rec.Visit.Dates); n > 1 {
			l.lastDay = rec.Visit.Dates[n-1]
		}
		if an.packed != nil && !an.full && (!an.records || an.isDeferred(prof)) {
			l.rec = nil
		}
		l = an.hold(l)
		i, keep, reason := vp.Pick(rec)
		switch {
		case reason == "":
			letters = append(letters, l)
		case keep:
			setAside(letters[i], l, reason)
			letters[i] = l
		default:
			setAside(l, letters[i], reason)
		}
	})
	an.flush()
	if err = cmp.Or(err, readBackErr); err != nil {
		return nil, failed, err
	}
	for _, line := range aside {
		io.WriteString(s.err, line)
	}
	return letters, failed, nil
}

// fillCodes gives a record written before records carried the
// authority's codes (la_code, ons_code, region) those of its
// authority_key, when the lookup knows it.
func fillCodes(rec *record.Record) {
	v := &rec.Visit
	if v.LACode != "" || v.ONSCode != "" || v.Region != "" {
		return
	}
	if a, ok := authority.ByKey(v.AuthorityKey); ok {
		v.LACode, v.ONSCode, v.Region = a.LACode, a.ONSCode, a.Region
	}
}

// outputOptions are the output flags that themes and diff share.
type outputOptions struct {
	format   string // one of render.Formats
	evidence bool   // list the evidence sentences in the table
	noColor  bool
}

// addFlags adds the output flags to a command.
func (o *outputOptions) addFlags(c *cobra.Command) {
	c.Flags().StringVarP(&o.format, "output", "o", render.FormatTable, "output format: "+strings.Join(render.Formats, ", "))
	evidence := "list the sentences behind each status in the table and markdown (yaml, json and csv always hold them)"
	if c.Name() == "themes" {
		evidence = "list the sentences behind each status in the table and markdown; with -o csv, one row per sentence, and one with its sentence columns empty for a status no sentence names (yaml and json always hold them)"
	}
	c.Flags().BoolVar(&o.evidence, "evidence", false, evidence)
	c.Flags().BoolVar(&o.noColor, "no-color", false, "never colour the table (also: NO_COLOR set)")
}

// needsEvidence reports whether the output shows the sentences behind the
// statuses: every format but the table and markdown does, and they do
// with --evidence.
func (o outputOptions) needsEvidence() bool {
	return o.evidence || o.format != render.FormatTable && o.format != render.FormatMarkdown
}

// check returns a usage error unless the format is one of render.Formats.
func (o outputOptions) check() error {
	if !slices.Contains(render.Formats, o.format) {
		return &usageError{fmt.Errorf("-o must be one of %s, not %q", strings.Join(render.Formats, ", "), o.format)}
	}
	return nil
}

// render returns how to write to w under these flags and the analysis
// flags a.
func (o outputOptions) render(w io.Writer, a analysisOptions) render.Options {
	return render.Options{Format: o.format, Evidence: o.evidence, Color: o.format == render.FormatTable && useColor(w, o.noColor),
		Rule: a.rule(), Filters: a.describe()}
}

// useColor reports whether output to w may be coloured: w is a terminal,
// and neither --no-color nor the NO_COLOR environment variable says no.
func useColor(w io.Writer, noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
