package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/internal/output"
	"github.com/ofsted-letters/letters/record"
	"github.com/ofsted-letters/letters/render"
)

// exportOptions are the flags of `letters export`.
type exportOptions struct {
	analysisOptions
	qdpx string // the REFI-QDA project to write; "-" means stdout
	name string // the project's name
}

func newExportCmd(s streams) *cobra.Command {
	var opts exportOptions
	c := &cobra.Command{
		Use:   "export --qdpx FILE [file|dir|-]...",
		Short: "Export letters and their coded sentences to qualitative-analysis software (REFI-QDA .qdpx)",
		Long: `export writes the letters and the sentences behind every theme as a
REFI-QDA project (.qdpx), the exchange format that NVivo, ATLAS.ti, MAXQDA
and QualCoder import. Researchers then check and extend the coding by hand
in the tool they already use.

The project has a code per theme of the codebook, each with the child
codes concern (sentences that judge the theme badly) and strength (well);
each letter is a text source with its variables (authority, authority
key, DfE and ONS codes, region, letter and visit dates, kind, visit
number); each sentence that names a theme is coded at its place in the
letter's text: concern, strength, both (a sentence that judges it both
ways), or the theme itself (named without being judged). Each authority
is a case holding its letters. GUIDs are derived from the letters' hashes
and the themes, so exporting the same letters again gives the same file.

Letters are read as diff reads them (one visit counted once); --since,
--until and --kind choose them.`,
		Example: `  letters export --qdpx liverpool.qdpx testdata/letters/liverpool-*.txt
  letters export --qdpx corpus.qdpx --kind focused-visit records/`,
		Args: needPaths,
		RunE: func(c *cobra.Command, args []string) error {
			if opts.qdpx == "" {
				return &usageError{errors.New("--qdpx is required: the project file to write, or - for stdout")}
			}
			if err := opts.check(); err != nil {
				return err
			}
			if err := output.Check(opts.qdpx); err != nil {
				return flagError("qdpx", err)
			}
			opts.writes = outputFile{flag: "--qdpx", path: opts.qdpx}
			return runExport(c.Context(), opts, args, s)
		},
	}
	c.Flags().StringVar(&opts.qdpx, "qdpx", "", "write a REFI-QDA project to `file` (.qdpx; - for stdout)")
	c.Flags().StringVar(&opts.name, "name", "", "the project's `name` (default: Ofsted letters and their count)")
	opts.addReadFlags(c)
	return c
}

// runExport reads the letters named by args and writes the project.
func runExport(ctx context.Context, opts exportOptions, args []string, s streams) error {
	cb, err := loadCodebook(opts.codebook)
	if err != nil {
		return err
	}
	an, err := newAnalyser(cb, opts.noCache, true, true)
	if err != nil {
		return err
	}
	an.setLater()
	an.setPacked()
	defer an.close()
	defer an.tuneGC(analysisMemoryLimit)()
	all, failed, err := opts.records(ctx, "export", args, an, s)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		if failed {
			return errSomeFailed
		}
		return opts.noLetters("export", "export")
	}
	letters := make([]render.QDALetter, 0, len(all))
	for _, l := range all {
		letters = append(letters, render.QDALetter{Record: l.rec, Profile: l.prof})
	}
	name := opts.name
	if name == "" {
		name = fmt.Sprintf("Ofsted letters (%d)", len(letters))
	}
	desc := "Exported by letters. Codes: one per theme of the codebook; its child concern holds the sentences that judge the theme badly, strength those that judge it well (a sentence judging both ways has both), and the theme itself those that name it without judging it."
	if f := opts.describe(); f != "" {
		desc += " Letters: " + f + "."
	}
	wl := &wholeLetters{an: an}
	var st render.QDAStats
	err = output.Stream(ctx, opts.qdpx, s.out, func(w io.Writer) error {
		st, err = render.QDPX(w, name, letters, wl.load, cb, desc)
		return err
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if st.Unplaced > 0 {
		fmt.Fprintf(s.err, "letters: export: %d sentences not found in their letter's text were left out\n", st.Unplaced)
	}
	if opts.qdpx != output.Stdout && !strings.HasSuffix(strings.ToLower(opts.qdpx), ".qdpx") {
		fmt.Fprintf(s.err, "letters: export: %s: importers expect the extension .qdpx\n", opts.qdpx)
	}
	if opts.qdpx != output.Stdout {
		fmt.Fprintf(s.err, "letters: export: %s: %d letters, %d coded sentences, %d codings\n", opts.qdpx, st.Letters, st.Selections, st.Codings)
	}
	if failed {
		return errSomeFailed
	}
	return nil
}

// wholeLetters gives export's letters back whole, one at a time as the
// project is written (render.QDALoader): a letter whose evidence the
// analyser left in the cache is held as a head, and its record is read
// again from its file, whose bytes must not have changed, and its
// evidence from the cache (or it is analysed again when the entry has
// gone since). The records of the file read last are kept for the next
// letter, which is mostly of the same file.
type wholeLetters struct {
	an   *analyser
	last origin // the file read last: path and sum
	recs []*record.Record
}

// load returns l whole, its profile with evidence when evidence is set.
func (wl *wholeLetters) load(l render.QDALetter, evidence bool) (render.QDALetter, error) {
	o, ok := wl.an.deferredAt(l.Profile)
	if !ok {
		return l, nil // held whole
	}
	if wl.last.path != o.path || wl.last.sum != o.sum {
		wl.recs = nil
		recs, sum, err := readRecords(o.path)
		if err != nil {
			return l, err
		}
		if sum != o.sum {
			return l, fmt.Errorf("%s: changed while it was being read", o.path)
		}
		for _, r := range recs {
			fillCodes(r)
		}
		wl.last, wl.recs = o, recs
	}
	if o.index >= len(wl.recs) {
		return l, fmt.Errorf("%s: changed while it was being read", o.path)
	}
	rec := wl.recs[o.index]
	if !evidence {
		return render.QDALetter{Record: rec, Profile: l.Profile}, nil
	}
	e, err := wl.an.entryAt(o, true)
	if err != nil {
		return l, err
	}
	return render.QDALetter{Record: rec, Profile: e.Profile}, nil
}
