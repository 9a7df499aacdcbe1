package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/internal/authority"
	"github.com/ofsted-letters/letters/internal/output"
	"github.com/ofsted-letters/letters/render"
)

// htmlReportOptions are the flags of `letters report`.
type htmlReportOptions struct {
	analysisOptions
	authority string // only this authority key; "" means all
	out       string // the HTML file to write; "-" means stdout
	title     string // the page's title; "" means one made from the inputs
	// neighbours shows each authority beside its statistical neighbours.
	neighbours bool
}

func newReportCmd(s streams) *cobra.Command {
	var opts htmlReportOptions
	c := &cobra.Command{
		Use:   "report [file|dir|-]... --out FILE",
		Short: "Write the trajectory of every theme across visits as one HTML page",
		Long: `report compares the letters as diff does and writes what it finds as a
single self-contained HTML file: no network, no external files, readable
with JavaScript off, printable.

For each local authority: a heat map with the themes down the side and the
visits across the top, each cell the theme's status at that visit (concern,
mixed, strength, absent) in colour, symbol and word; between visits, the
outcome (recurring, resolved, new, not-revisited, ...). Each cell links to
its evidence, the sentences that judge the theme, with their section,
paragraph and page; with JavaScript on, focusing or clicking a cell shows
them beside the heat map. The areas covered and the points to improve of
each visit are listed.

With letters of several authorities, the page opens with the whole
corpus: for each theme, how often a concern at one visit recurs at the
next, is resolved or is not revisited, and a sortable table of the
authorities with the most recurring concerns.

Inputs, grouping and outcomes are those of letters diff, and so are the
exit codes: an input that fails is reported and the page covers the rest.`,
		Example: `  letters report testdata/letters/liverpool-*.txt --out liverpool.html
  letters report records/ --out corpus.html
  letters parse letters/ | letters report --authority croydon --out - - > croydon.html`,
		Args: needPaths,
		RunE: func(c *cobra.Command, args []string) error {
			if opts.out == "" {
				return &usageError{errors.New("--out is required: the HTML file to write, or - for stdout")}
			}
			if err := opts.check(); err != nil {
				return err
			}
			if err := output.Check(opts.out); err != nil {
				return &usageError{fmt.Errorf("--out: %w", err)}
			}
			return runReport(c.Context(), opts, args, s)
		},
	}
	c.Flags().StringVar(&opts.out, "out", "", "write the page to `file` (- for stdout)")
	opts.addFlags(c)
	c.Flags().StringVar(&opts.authority, "authority", "", "report only the visits of authority `key` (as in the records' authority_key)")
	c.Flags().BoolVar(&opts.neighbours, "neighbours", false, "show each authority beside its ten statistical neighbours (Department for Education), with their figures when their letters are given")
	c.Flags().StringVar(&opts.title, "title", "", "the page's `title` (default: made from the authorities and letters)")
	return c
}

// runReport compares the letters named by args and writes the page.
func runReport(ctx context.Context, opts htmlReportOptions, args []string, s streams) error {
	res, err := compareInputs(ctx, "report", opts.analysisOptions, opts.authority, false, evidenceHeld, args, s)
	if err != nil {
		return err
	}
	if opts.neighbours {
		res.Neighbours = neighboursOf(res.Trajectories)
	}
	var b bytes.Buffer
	if err := render.Page(&b, res.Comparison, opts.title); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := output.Write(ctx, opts.out, b.Bytes(), s.out); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if res.failed {
		return errSomeFailed
	}
	return nil
}

// neighboursOf returns the statistical neighbours of each authority of
// trs that the lookup knows, nearest first.
func neighboursOf(trs []analyse.Trajectory) map[string][]render.Neighbour {
	out := map[string][]render.Neighbour{}
	for _, tr := range trs {
		a, ok := authority.ByKey(tr.AuthorityKey)
		if !ok {
			continue
		}
		for _, code := range a.Neighbours {
			if n, ok := authority.ByCode(code); ok {
				out[tr.AuthorityKey] = append(out[tr.AuthorityKey], render.Neighbour{Key: n.Key, Name: n.Name, LACode: n.LACode})
			}
		}
	}
	return out
}
