package cmd

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/render"
)

// summaryOptions are the flags of `letters summary`.
type summaryOptions struct {
	analysisOptions
	format  string // one of render.Formats
	noColor bool
	sort    string // one of summarySorts
}

// The orders of summary's themes.
const (
	sortTheme     = "theme"     // codebook order
	sortConcern   = "concern"   // most letters where the theme counts as a concern first
	sortRecurring = "recurring" // most authorities where it recurs first, then most recurring steps
)

var summarySorts = []string{sortTheme, sortConcern, sortRecurring}

func newSummaryCmd(s streams) *cobra.Command {
	var opts summaryOptions
	c := &cobra.Command{
		Use:   "summary [file|dir|-]...",
		Short: "Count, per theme, the letters where it is a concern and what became of concerns at the next letter",
		Long: `summary reads letters or records as diff does and counts, for each theme:

  - the letters where the theme is a concern, mixed, a strength or absent,
    and where it counts as a concern under --concern-share;
  - over the authorities with two letters or more, the concerns followed by
    another letter and what that letter found (recurring, resolved, not
    revisited), the new concerns, and the authorities where the concern
    recurs at least once.

The headline says how many steps from one letter to the next go from one
kind of letter to another (a joint targeted area inspection, then a
focused visit): such a step compares letters whose scope differs, and
--kind keeps one kind. The counts are those of the corpus section of
letters report (the same computation). One letter is counted once, and
--since, --until and --kind choose the letters. -o csv writes one row per
theme, -o json or yaml one document with every count, the steps by the
kinds of their letters and, per authority, its tally.`,
		Example: `  letters summary ../shared/corpus/focused-visits
  letters summary --concern-share 0.5 -o csv records/ > summary.csv
  letters summary --kind monitoring-visit --since 2023-01-01 -o markdown records/`,
		Args: needPaths,
		RunE: func(c *cobra.Command, args []string) error {
			if !slices.Contains(render.Formats, opts.format) {
				return &usageError{fmt.Errorf("-o must be one of %s, not %q", strings.Join(render.Formats, ", "), opts.format)}
			}
			if !slices.Contains(summarySorts, opts.sort) {
				return &usageError{fmt.Errorf("--sort must be one of %s, not %q", strings.Join(summarySorts, ", "), opts.sort)}
			}
			if err := opts.check(); err != nil {
				return err
			}
			return runSummary(c.Context(), opts, args, s)
		},
	}
	opts.analysisOptions.addFlags(c)
	c.Flags().StringVarP(&opts.format, "output", "o", render.FormatTable, "output format: "+strings.Join(render.Formats, ", "))
	c.Flags().StringVar(&opts.sort, "sort", sortTheme, "order of the themes: theme (codebook order), concern (most letters where it counts as a concern first) or recurring (most authorities where it recurs first)")
	c.Flags().BoolVar(&opts.noColor, "no-color", false, "never colour the table (also: NO_COLOR set)")
	return c
}

// runSummary summarises the letters named by args.
func runSummary(ctx context.Context, opts summaryOptions, args []string, s streams) error {
	res, err := compareLazily(ctx, "summary", opts.analysisOptions, "", true, evidenceNone, args, s)
	if err != nil {
		return err
	}
	defer res.close()
	ro := render.Options{Format: opts.format, Color: opts.format == render.FormatTable && useColor(s.out, opts.noColor),
		Rule: res.Rule, Filters: res.Filters}
	var z render.Summariser
	for i := range res.Trajectories {
		tr := &res.Trajectories[i]
		if res.load != nil {
			if err := res.load.Trajectory(tr); err != nil {
				return fmt.Errorf("summary: %w", err)
			}
		}
		z.Add(tr)
		*tr = analyse.Trajectory{AuthorityKey: tr.AuthorityKey} // counted: let go
	}
	sum := z.Summary()
	switch opts.sort {
	case sortConcern:
		slices.SortStableFunc(sum.Themes, func(a, b analyse.ThemeSummary) int { return b.Letters.Counted - a.Letters.Counted })
	case sortRecurring:
		slices.SortStableFunc(sum.Themes, func(a, b analyse.ThemeSummary) int {
			return cmp.Or(b.AuthoritiesRecurring-a.AuthoritiesRecurring, b.Recurring-a.Recurring)
		})
	}
	if err := render.Summary(s.out, sum, res.Codebook, ro); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	if res.failed {
		return errSomeFailed
	}
	return nil
}
