package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

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
	outDir    string // the folder of a site: an index and a page per authority
	title     string // the page's title; "" means one made from the inputs
	// neighbours shows each authority beside its statistical neighbours.
	neighbours bool
}

func newReportCmd(s streams) *cobra.Command {
	var opts htmlReportOptions
	c := &cobra.Command{
		Use:   "report [file|dir|-]... --out FILE | --out-dir DIR",
		Short: "Write the trajectory of every theme across letters as HTML pages",
		Long: `report compares the letters as diff does and writes what it finds as a
single self-contained HTML file (--out): no network, no external files,
readable with JavaScript off, printable.

For each local authority: a heat map with the themes down the side and the
letters across the top, each cell the theme's status in that letter
(concern, mixed, strength, absent) in colour, symbol and word; between
letters, the outcome (recurring, resolved, new, not-revisited, ...). Each
cell links to its evidence, the sentences that judge the theme, with their
section, paragraph and page; with JavaScript on, focusing or clicking a
cell shows them beside the heat map. The areas covered and the points to
improve of each letter are listed.

With letters of several authorities, the page opens with the whole
corpus: for each theme, how often a concern in one letter recurs in the
next, is resolved or is not revisited, how many steps go from one kind of
letter to another, and a sortable table of the authorities with the most
recurring concerns.

A page larger than ` + pageBudgetText + ` opens too slowly in a browser: --out
refuses it (exit 2) and says to use --out-dir DIR, which writes a site of
linked pages into DIR: index.html with the corpus's tables and a row per
authority (500 a page; then index-2.html...), and one page per authority,
<authority_key>.html. Pages of those names are replaced; no other file
in DIR is touched. A DIR that holds an input, or that cannot be written
to or made, is refused (exit 2).

Inputs, grouping and outcomes are those of letters diff, and so are the
exit codes: an input that fails is reported and the page covers the rest.`,
		Example: `  letters report testdata/letters/liverpool-*.txt --out liverpool.html
  letters report records/ --out corpus.html
  letters report records/ --out-dir site/
  letters parse letters/ | letters report --authority croydon --out - - > croydon.html`,
		Args: needPaths,
		RunE: func(c *cobra.Command, args []string) error {
			switch {
			case opts.out == "" && opts.outDir == "":
				return &usageError{errors.New("--out or --out-dir is required: the HTML file to write (- for stdout), or the folder of a site of pages")}
			case opts.out != "" && opts.outDir != "":
				return &usageError{errors.New("--out and --out-dir: give one, a page or a folder of pages")}
			}
			if err := opts.check(); err != nil {
				return err
			}
			if opts.out != "" {
				if err := output.Check(opts.out); err != nil {
					return flagError("out", err)
				}
			} else if err := output.CheckDir(opts.outDir); err != nil {
				return flagError("out-dir", err)
			}
			opts.writes = outputFile{flag: "--out", path: opts.out}
			if opts.outDir != "" {
				opts.writes = outputFile{flag: "--out-dir", path: opts.outDir, folder: true}
			}
			return runReport(c.Context(), opts, args, s)
		},
	}
	c.Flags().StringVar(&opts.out, "out", "", "write the page to `file` (- for stdout)")
	c.Flags().StringVar(&opts.outDir, "out-dir", "", "write a site into `dir`: index.html and a page per authority")
	opts.addFlags(c)
	c.Flags().StringVar(&opts.authority, "authority", "", "report only the letters of authority `key` (as in the records' authority_key)")
	c.Flags().BoolVar(&opts.neighbours, "neighbours", false, "show each authority beside its ten statistical neighbours (Department for Education), with their figures when their letters are given")
	c.Flags().StringVar(&opts.title, "title", "", "the page's `title` (default: made from the authorities and letters)")
	return c
}

// runReport compares the letters named by args and writes the page, or
// the site.
func runReport(ctx context.Context, opts htmlReportOptions, args []string, s streams) error {
	res, err := compareLazily(ctx, "report", opts.analysisOptions, opts.authority, false, evidencePage, args, s)
	if err != nil {
		return err
	}
	defer res.close()
	if opts.neighbours {
		res.Neighbours = neighboursOf(res.Trajectories)
	}
	if opts.outDir != "" {
		err = writeSite(ctx, opts.outDir, res.Comparison, opts.title)
	} else {
		err = writePage(ctx, opts.out, res.Comparison, res.letters, opts.title, maxPageBytes, s)
	}
	if err != nil {
		return err
	}
	if res.failed {
		return errSomeFailed
	}
	return nil
}

// maxPageBytes is the most that a page of letters report --out may
// weigh (the bound for a corpus page). Measured in headless
// Chromium, the 344-letter corpus's page of 15.1 MB opens in 1.6 s on a
// quiet machine and 1,000 letters' page of 44 MB in 15 s on a busy one;
// a corpus whose page would be larger is written as a site (--out-dir),
// whose pages stay under 1 MB.
const maxPageBytes = 20_000_000

// pageBudgetText is maxPageBytes for people.
const pageBudgetText = "20 MB"

// errPageTooLarge says that a page would pass maxPageBytes.
var errPageTooLarge = errors.New("page too large")

// A budget holds a page as it is written, until it passes max bytes.
type budget struct {
	bytes.Buffer
	max int
}

func (b *budget) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errPageTooLarge
	}
	return b.Buffer.Write(p)
}

// writePage writes the single page of c, which compares the given number
// of letters, to out, unless it would pass max bytes: then it writes
// nothing and returns a usage error that points to --out-dir.
func writePage(ctx context.Context, out string, c render.Comparison, letters int, title string, max int, s streams) error {
	b := budget{max: max}
	if err := render.Page(&b, c, title); errors.Is(err, errPageTooLarge) {
		return &usageError{fmt.Errorf("report: the page of %s of %s would pass %s, too large for a browser to open; nothing written: write one page per authority with --out-dir DIR", count(letters, "letter"), count(len(c.Trajectories), "authority"), pageBudgetText)}
	} else if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := output.Write(ctx, out, b.Bytes(), s.out); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// writeSite writes the pages of c into the folder dir, made when missing,
// each through a temporary file and a rename: the authorities' pages
// first, the index last, so that every link of a new index lands.
func writeSite(ctx context.Context, dir string, c render.Comparison, title string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	err := render.Site(c, title, func(name string, page []byte) error {
		if ctx.Err() != nil {
			return errInterrupted
		}
		return output.Replace(filepath.Join(dir, name), page)
	})
	if err != nil && !errors.Is(err, errInterrupted) {
		return fmt.Errorf("report: %w", err)
	}
	return err
}

// authorityNames names each authority of trs that the lookup of local
// authority codes knows by its key, as the lookup writes it (see
// render.Names).
func authorityNames(trs []analyse.Trajectory) render.Names {
	names := render.Names{}
	for _, tr := range trs {
		if a, ok := authority.ByKey(tr.AuthorityKey); ok {
			names[tr.AuthorityKey] = a.Name
		}
	}
	return names
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
