package cmd

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/authority"
	"github.com/ofsted-letters/letters/record"
	"github.com/ofsted-letters/letters/render"
)

// diffOptions are the flags of `letters diff`.
type diffOptions struct {
	analysisOptions
	outputOptions
	authority string // only this authority key; "" means all
}

func newDiffCmd(s streams) *cobra.Command {
	var opts diffOptions
	c := &cobra.Command{
		Use:   "diff A B | diff [file|dir|-]...",
		Short: "Compare the themes of an authority's letters: which concerns recur, are resolved, are new",
		Long: `diff compares what letters say about each theme from one letter to the next.

With two letters, it compares them, the older first whatever the order
given. With more letters, or a folder, it groups them by local authority,
orders each group by the date of the visit or inspection, and shows a row
per theme with its status in each letter, the outcome between consecutive
letters and from the first letter to the last. --authority KEY keeps one
authority.

Outcomes (themes.md; a concern is a theme judged concern or mixed):
` + outcomeHelp() + `
With --concern-share, a mixed theme below the share counts as a
strength: "only strengths", "strengths" and "as a strength" above then
include it.

Between consecutive letters, a letter that does not judge a theme is
passed over: the next letter is compared with the latest one that did.
An authority's letters of every kind are one timeline; the table and
markdown mark with * an outcome between letters of different kinds (a
joint targeted area inspection, then a focused visit), whose scope
differs, and --kind keeps one kind.

Inputs are letters (PDF or text) or records from letters parse (YAML or
JSON, one record or a stream); the answer is the same either way. Every
outcome carries its evidence, the judging sentences of each letter: -o
yaml, json and csv always include them, --evidence shows them in the table.
Every status carries its confidence, the chance that the labelling coders
give the same status: -o yaml and json as confidences, csv as from_confidence
and to_confidence; the table and markdown show it in brackets after a
status below ` + render.UnsureText() + `, the ones to check first.`,
		Example: `  letters diff liverpool-2024.pdf liverpool-2025.pdf
  letters diff --evidence records/
  letters parse letters/ | letters diff --authority liverpool -o markdown -`,
		Args: needPaths,
		RunE: func(c *cobra.Command, args []string) error {
			if err := opts.outputOptions.check(); err != nil {
				return err
			}
			if err := opts.analysisOptions.check(); err != nil {
				return err
			}
			return runDiff(c.Context(), opts, args, s)
		},
	}
	opts.analysisOptions.addFlags(c)
	opts.outputOptions.addFlags(c)
	c.Flags().StringVar(&opts.authority, "authority", "", "compare only the letters of authority `key` (as in the records' authority_key)")
	return c
}

// runDiff compares the letters named by args.
func runDiff(ctx context.Context, opts diffOptions, args []string, s streams) error {
	ev := evidenceNone
	if opts.outputOptions.needsEvidence() {
		ev = evidenceStreamed
	}
	res, err := compareLazily(ctx, "diff", opts.analysisOptions, opts.authority, false, ev, args, s)
	if err != nil {
		return err
	}
	defer res.close()
	ro := opts.outputOptions.render(s.out, opts.analysisOptions)
	ro.Load, ro.Names = res.load, res.Names
	if err := render.Trajectories(s.out, res.Trajectories, ro); err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	if res.failed {
		return errSomeFailed
	}
	return nil
}

// A comparison is what diff and report compare (see render.Comparison),
// and whether an input failed (and was reported).
type comparison struct {
	render.Comparison
	failed bool
	// letters is how many letters are compared (the trajectories of a
	// page are made, and let go, as each is written).
	letters int
	// load gives a trajectory back the evidence left in the profile
	// cache (evidenceStreamed), or is nil.
	load render.Loader
	// close lets go of the files that load reads back from, once the
	// output is written.
	close func()
}

// evidenceUse says what an output does with the sentences behind each
// status.
type evidenceUse int

const (
	evidenceNone     evidenceUse = iota // shows none: profiles are read without
	evidenceHeld                        // shows them all at once: every profile holds its own
	evidenceStreamed                    // shows one authority's at a time: they are read back from the cache then
	evidencePage                        // as evidenceStreamed, and shows each letter's record too (the page)
)

// compareLazily reads the letters named by args and compares their
// visits, for the command named command (it prefixes messages), under
// the concern rule and filters of opts: two letters named are compared
// whichever their authorities, unless all is set; otherwise the letters
// are grouped by authority, only authority's when it is not "".
// Inputs that fail are reported and set failed; fewer than two letters
// (one with all) is an error unless an input failed, which is then
// errSomeFailed. With evidenceNone, the profiles come without the
// sentences behind each status, for an output that shows none.
//
// It holds each letter's themes packed (analyser.setPacked) and returns
// trajectories that hold only their authority key until out.load (the
// page: out.Load) makes them, one at a time as they are written: memory
// then grows with the corpus by the letters' names and dates alone.
func compareLazily(ctx context.Context, command string, opts analysisOptions, authority string, all bool, ev evidenceUse, args []string, s streams) (out comparison, err error) {
	cb, err := loadCodebook(opts.codebook)
	if err != nil {
		return out, err
	}
	an, err := newAnalyser(cb, opts.noCache, false, ev != evidenceNone)
	if err != nil {
		return out, err
	}
	if ev == evidenceStreamed || ev == evidencePage {
		an.setLater()
	}
	an.records = ev == evidencePage
	an.setPacked()
	an.refs = true
	// The collector keeps its setting while the output is written, and
	// the index files stay open to read statuses back, until out.close.
	restore := an.tuneGC(headsMemoryLimit)
	out.close = func() {
		an.close()
		restore()
	}
	defer func() {
		if err != nil {
			out.close()
		}
	}()
	letters, failed, err := opts.records(ctx, command, args, an, s)
	if err != nil {
		return out, err
	}
	var writeLimit int64 // keep the one set for reading
	if ev == evidencePage {
		// The page holds each authority's records and layout as it is
		// written, under a limit of its own whether or not letters were
		// analysed; report --out (a file or stdout, not a site) holds the
		// page whole too, up to maxPageBytes.
		writeLimit = pageMemoryLimit
		if opts.writes.path != "" && !opts.writes.folder {
			writeLimit += maxPageBytes
		}
	}
	an.writing(writeLimit)
	rule := opts.rule()
	out.Rule, out.Filters = rule, opts.describe()
	out.Codebook = cb
	out.failed = failed
	out.Records = map[analyse.Visit]*record.Record{}
	out.Profiles = render.VisitProfiles{}
	ld := loader{an: an, rule: rule, profiles: out.Profiles}
	kept := letters[:0] // letters is not read again but for an error message, when none is kept
	for _, l := range letters {
		if authority != "" && l.authorityKey() != authority {
			continue
		}
		kept = append(kept, l)
		p := l.prof
		if p == nil { // held by reference: read back when written
			continue
		}
		rule.Mark(p)
		if l.rec != nil { // a page shows the records; the others read none
			out.Records[p.Visit] = l.rec
		}
		if an.packed == nil || an.later { // the page, and evidence read back, look profiles up
			out.Profiles.Add(p)
		}
	}
	out.letters = len(kept)
	switch {
	case len(kept) == 0 && authority != "":
		return out, fmt.Errorf("%s: no letter of authority %q among the inputs%s%s", command, authority, opts.afterFilters(), suggestKey(authority, letters))
	case len(kept) == 0 || len(kept) < 2 && !all:
		if failed {
			return out, errSomeFailed
		}
		if all { // summary counts one letter as well as many
			return out, opts.noLetters(command, "count")
		}
		of := ""
		if authority != "" {
			of = " of authority " + authority
		}
		return out, fmt.Errorf("%s: need at least two letters to compare, have %d%s%s", command, len(kept), of, opts.afterFilters())
	case !all && len(args) == 2 && !slices.Contains(args, "-") && len(kept) == 2:
		// Two letters named: compare them, whichever authorities they are.
		a, errA := an.loaded(kept[0], rule)
		b, errB := an.loaded(kept[1], rule)
		if err := errors.Join(errA, errB); err != nil {
			return out, fmt.Errorf("%s: %w", command, err)
		}
		if a.AuthorityKey != b.AuthorityKey {
			fmt.Fprintf(s.err, "letters: %s: comparing letters of two authorities (%s, %s)\n", command, a.AuthorityKey, b.AuthorityKey)
		}
		if an.later { // read back, they join the profiles that evidence is read back for
			for i, p := range []*analyse.Profile{a, b} {
				if kept[i].prof == nil {
					out.Profiles.Add(p)
				}
			}
		}
		out.Trajectories = []analyse.Trajectory{rule.Compare(a, b)}
	case an.packed != nil:
		// Each authority's trajectory is made as it is written (out.load).
		ld.groups = groupLetters(kept)
		out.Trajectories = make([]analyse.Trajectory, 0, len(ld.groups))
		for _, key := range slices.Sorted(maps.Keys(ld.groups)) {
			out.Trajectories = append(out.Trajectories, analyse.Trajectory{AuthorityKey: key})
		}
	default:
		profiles := make([]*analyse.Profile, len(kept))
		for i, l := range kept {
			profiles[i] = l.prof // the analyser packs no themes: every letter holds its profile
		}
		out.Trajectories = rule.Track(profiles)
	}
	// The loader is a value: it is handed out once its groups are set.
	if an.later || an.packed != nil {
		out.load = ld
	}
	if an.later {
		out.Load = ld // the page makes them too, one at a time
	}
	out.Names = authorityNames(out.Trajectories)
	return out, nil
}

// groupLetters groups letters by authority as analyse.Groups groups
// their profiles, each group in the order of letters. It sorts letters
// by group (stably) and returns each group as a part of them.
func groupLetters(letters []letter) map[string][]letter {
	slices.SortStableFunc(letters, func(a, b letter) int { return strings.Compare(a.groupKey(), b.groupKey()) })
	groups := map[string][]letter{}
	for len(letters) > 0 {
		k := letters[0].groupKey()
		n := 1
		for n < len(letters) && letters[n].groupKey() == k {
			n++
		}
		groups[k] = letters[:n:n]
		letters = letters[n:]
	}
	return groups
}

// suggestKey returns, for an --authority that names no letter, a hint
// at the key that the letters' authority_key use, when given is the
// authority's name or its key in other case ("Liverpool", "London
// Borough of Barking and Dagenham"); else "".
func suggestKey(given string, letters []letter) string {
	key := authority.Key(given)
	for _, l := range letters {
		if l.authorityKey() == key {
			return fmt.Sprintf("; its key is %s (--authority %s)", key, key)
		}
	}
	return ""
}

// outcomeHelp lists the outcomes and their meanings for diff's help.
func outcomeHelp() string {
	var b strings.Builder
	for _, o := range analyse.Outcomes() {
		fmt.Fprintf(&b, "  %-14s %s\n", o, o.Meaning())
	}
	return b.String()
}
