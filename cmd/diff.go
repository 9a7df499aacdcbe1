package cmd

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/record"
)

// diffOptions are the flags of `letters diff`.
type diffOptions struct {
	analysisOptions
	format    string // table, yaml, json, markdown or csv
	authority string // only this authority key; "" means all
	evidence  bool   // list the evidence sentences in the table
	noColor   bool
}

func newDiffCmd(s streams) *cobra.Command {
	var opts diffOptions
	c := &cobra.Command{
		Use:   "diff A B | diff [file|dir|-]...",
		Short: "Compare the themes of visits: which concerns recur, are resolved, are new",
		Long: `diff compares what letters say about each theme across visits.

With two letters, it compares them, the older visit first whatever the
order given. With more letters, or a folder, it groups them by local
authority, orders each group by visit date, and shows a row per theme with
its status at each visit, the outcome between consecutive visits and from
the first visit to the last. --authority KEY keeps one authority.

Outcomes (themes.md):
  recurring      a concern (concern or mixed) before, and still a concern
  resolved       a concern before, only strengths now
  new            no concern before, a concern now
  sustained      strengths in both, no concern in either
  not-revisited  judged before, not judged now: unknown, NOT resolved
  absent         judged in neither
  new-strength   not judged before, only strengths now

Between consecutive visits, a visit that does not judge a theme is passed
over: the next visit is compared with the latest one that did.

Inputs are letters (PDF or text) or records from letters parse (YAML or
JSON, one record or a stream); the answer is the same either way. Every
outcome carries its evidence, the judging sentences of each letter: -o
yaml, json and csv always include them, --evidence shows them in the table.`,
		Example: `  letters diff liverpool-2024.pdf liverpool-2025.pdf
  letters diff --evidence records/
  letters parse letters/ | letters diff --authority liverpool -o markdown -`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkFormat(opts.format); err != nil {
				return err
			}
			if err := opts.check(); err != nil {
				return err
			}
			return runDiff(opts, args, s)
		},
	}
	opts.addFlags(c)
	c.Flags().StringVarP(&opts.format, "output", "o", formatTable, "output format: table, yaml, json, markdown or csv")
	c.Flags().StringVar(&opts.authority, "authority", "", "compare only the visits of authority `key` (as in the records' authority_key)")
	c.Flags().BoolVar(&opts.evidence, "evidence", false, "list the sentences behind each status (table and markdown)")
	c.Flags().BoolVar(&opts.noColor, "no-color", false, "never colour the table (also: NO_COLOR set)")
	return c
}

// runDiff compares the letters named by args.
func runDiff(opts diffOptions, args []string, s streams) error {
	res, err := compareInputs("diff", opts.analysisOptions, opts.authority, args, s)
	if err != nil {
		return err
	}
	ro := reportOptions{format: opts.format, evidence: opts.evidence, color: opts.format == formatTable && useColor(s.out, opts.noColor),
		rule: opts.rule(), filters: opts.describe()}
	if err := writeTrajectories(s.out, res.trajectories, ro); err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	if res.failed {
		return errSomeFailed
	}
	return nil
}

// A comparison is what diff and report compare: the letters read, their
// profiles and the trajectories of their visits.
type comparison struct {
	codebook *analyse.Codebook
	rule     analyse.ConcernRule
	// filters says which letters the filters kept ("" for all).
	filters      string
	trajectories []analyse.Trajectory
	// records and profiles are those of each visit of the trajectories.
	records  map[analyse.Visit]*record.Record
	profiles map[analyse.Visit]*analyse.Profile
	// failed reports whether an input failed (and was reported).
	failed bool
}

// compareInputs reads the letters named by args and compares their
// visits, for the command named command (it prefixes messages), under
// the concern rule and filters of opts: two letters named are compared
// whichever their authorities; otherwise the letters are grouped by
// authority, only authority's when it is not "".
// Inputs that fail are reported and set failed; fewer than two letters
// is an error unless an input failed, which is then errSomeFailed.
func compareInputs(command string, opts analysisOptions, authority string, args []string, s streams) (comparison, error) {
	var out comparison
	cb, err := loadCodebook(opts.codebook)
	if err != nil {
		return out, err
	}
	recs, failed := opts.records(command, args, s)
	rule := opts.rule()
	out.rule, out.filters = rule, opts.describe()
	out.codebook = cb
	out.failed = failed
	out.records = map[analyse.Visit]*record.Record{}
	out.profiles = map[analyse.Visit]*analyse.Profile{}
	profiles := make([]*analyse.Profile, 0, len(recs))
	for _, r := range recs {
		p := cb.Profile(r)
		rule.Mark(p)
		if authority != "" && p.AuthorityKey != authority {
			continue
		}
		profiles = append(profiles, p)
		out.records[p.Visit] = r
		out.profiles[p.Visit] = p
	}
	switch {
	case len(profiles) == 0 && authority != "":
		return out, fmt.Errorf("%s: no letter of authority %q among the inputs", command, authority)
	case len(profiles) < 2:
		if failed {
			return out, errSomeFailed
		}
		return out, fmt.Errorf("%s: need at least two letters to compare, have %d", command, len(profiles))
	case len(args) == 2 && !slices.Contains(args, "-") && len(profiles) == 2:
		// Two letters named: compare them, whichever authorities they are.
		if a, b := profiles[0].AuthorityKey, profiles[1].AuthorityKey; a != b {
			fmt.Fprintf(s.err, "letters: %s: comparing letters of two authorities (%s, %s)\n", command, a, b)
		}
		out.trajectories = []analyse.Trajectory{rule.Compare(profiles[0], profiles[1])}
	default:
		out.trajectories = rule.Track(profiles)
	}
	return out, nil
}
