package cmd

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ofsted-letters/letters/analyse"
	"github.com/ofsted-letters/letters/render"
)

// themesOptions are the flags of `letters themes`.
type themesOptions struct {
	analysisOptions
	outputOptions
	list  bool                    // print the codebook instead of profiling letters
	below analyse.ConfidenceBound // keep only the statuses it picks; 0: all
}

func newThemesCmd(s streams) *cobra.Command {
	var opts themesOptions
	c := &cobra.Command{
		Use:   "themes [file|dir|-]...",
		Short: "Show each letter's status on every theme, with the sentences behind it",
		Long: `themes reads letters (PDF or text) or their records (YAML or JSON from
letters parse) and shows, for each letter, every theme of the codebook with
its status: concern (only negative findings), strength (only positive),
mixed (both) or absent (no finding judges it), whether the visit examined
it (its areas covered or focus name it), and how many sentences judge it.
Its confidence is the chance that the labelling coders give the same status
(0 to 1; see README.md, Accuracy).

--evidence lists those sentences under each theme, with where they stand.
-o yaml, json, markdown or csv write the same for scripts and reports; the
structured formats always carry the evidence.

--below keeps only the statuses whose confidence is below a bound, the
ones to check by hand first, in every format; a theme the model does not
judge (one that --codebook adds) has no confidence and is kept too. A
letter with none left keeps its header, with a line that says so (an empty
theme list in YAML and JSON, no row in CSV). --below 1 keeps every status
but those at 1.00; to see every status, leave --below out.

--list prints the codebook in use (the built-in one, or the one --codebook
makes of it) as YAML that --codebook reads back.`,
		Example: `  letters themes testdata/letters/liverpool-2025-09-monitoring.txt
  letters themes --evidence records/liverpool-2024.yaml
  letters themes --below 0.7 -o csv records/ > to-check.csv
  letters themes --list > my-codebook.yaml`,
		Args: func(c *cobra.Command, args []string) error {
			if opts.list {
				if len(args) > 0 {
					return &usageError{errors.New("themes: --list prints the codebook and takes no paths")}
				}
				return listFlagsOnly(c, opts.format)
			}
			return needPaths(c, args)
		},
		RunE: func(c *cobra.Command, args []string) error {
			if err := opts.outputOptions.check(); err != nil {
				return err
			}
			if err := opts.analysisOptions.check(); err != nil {
				return err
			}
			if c.Flags().Changed("below") {
				if _, err := analyse.NewConfidenceBound(float64(opts.below)); err != nil {
					return flagError("below", err)
				}
			}
			return runThemes(c.Context(), opts, args, s)
		},
	}
	opts.analysisOptions.addFlags(c)
	opts.outputOptions.addFlags(c)
	c.Flags().BoolVar(&opts.list, "list", false, "print the codebook in use (YAML, with --codebook's themes) and exit; takes no flag but --codebook")
	c.Flags().Var(floatValue{(*float64)(&opts.below)}, "below", "keep only the statuses whose confidence is below `conf` (0 < conf <= 1), the ones to check by hand; statuses with no confidence (themes the model does not judge) are kept too (default: all)")
	return c
}

// runThemes profiles every letter named by args.
func runThemes(ctx context.Context, opts themesOptions, args []string, s streams) error {
	cb, err := loadCodebook(opts.codebook)
	if err != nil {
		return err
	}
	if opts.list {
		data, err := cb.Marshal()
		if err != nil {
			return err
		}
		_, err = s.out.Write(data)
		return err
	}
	an, err := newAnalyser(cb, opts.noCache, false, opts.outputOptions.needsEvidence())
	if err != nil {
		return err
	}
	an.setLater()
	an.setPacked()
	defer an.close()
	defer an.tuneGC(headsMemoryLimit)()
	letters, failed, err := opts.records(ctx, "themes", args, an, s)
	if err != nil {
		return err
	}
	rule := opts.rule()
	profiles := make([]*analyse.Profile, 0, len(letters))
	for _, l := range letters {
		p := l.prof
		rule.Mark(p)
		profiles = append(profiles, p)
	}
	if len(profiles) == 0 {
		if failed {
			return errSomeFailed // each failure said why
		}
		return opts.noLetters("themes", "profile")
	}
	ro := opts.outputOptions.render(s.out, opts.analysisOptions)
	ro.Below = opts.below
	if an.later || an.packed != nil {
		ro.Load = loader{an: an, rule: rule}
	}
	if err := render.Profiles(s.out, profiles, ro); err != nil {
		return fmt.Errorf("themes: %w", err)
	}
	if failed {
		return errSomeFailed
	}
	return nil
}

// listFlags are the flags that bear on themes --list: the codebook it
// prints.
var listFlags = []string{"list", "codebook", "help"}

// listFlagsOnly returns a usage error naming the flags set beside --list
// that --list has no use for (--below, --evidence, -o json ...), so that
// none passes silently as if it had been applied. -o yaml, the form
// --list writes, is taken.
func listFlagsOnly(c *cobra.Command, format string) error {
	var unused []string
	// VisitAll, not Visit: a command's set of its own flags is a copy
	// that knows which flags were set only through Changed.
	c.NonInheritedFlags().VisitAll(func(f *pflag.Flag) {
		if f.Changed && !slices.Contains(listFlags, f.Name) && (f.Name != "output" || format != render.FormatYAML) {
			unused = append(unused, "--"+f.Name)
		}
	})
	if len(unused) > 0 {
		return &usageError{fmt.Errorf("themes: --list prints the codebook (YAML) and takes no %s", strings.Join(unused, ", "))}
	}
	return nil
}
