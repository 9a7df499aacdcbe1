package cmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/validate"
)

// Output formats of letters validate.
const (
	validateText   = "text"   // file:line:col: message, then a summary line
	validateJSON   = "json"   // one JSON object: counts and problems
	validateGitHub = "github" // GitHub Actions annotations, then a summary line
)

type validateOptions struct {
	format     string // validateText, validateJSON or validateGitHub
	allowEmpty bool   // finding no record at all is not a failure
	strict     bool   // the warnings of self-contradicting letters fail too
	ignore     string // the ignore file; "" means validate.IgnoreFile in the current directory, if there is one
}

func newValidateCmd(s streams) *cobra.Command {
	var opts validateOptions
	c := &cobra.Command{
		Use:   "validate PATH...",
		Short: "Check records (YAML or JSON) against the schema and the rules of meaning",
		Long: `validate checks records, as written by letters parse or edited by hand.
Each PATH is a YAML file (one record, or a stream of them), a JSON file
(one record, or JSON Lines), a folder (every .yaml, .yml, .json and .jsonl
file below it, leaving out hidden files and folders), or "-" for standard
input. A letter (PDF or text) given to it is refused, saying so.

Checks, in order: the YAML parses; the record fits the schema (letters
schema prints it; an unknown field is an error); dates are real dates;
visit dates fall before the letter date and within a year of it, in order;
no two records have the same source hash; no two records report one visit
(the same authority_key and visit dates); two records of one authority do
not give one visit number different dates.

A letter can contradict itself (a letter dated a year before its visit):
letters parse keeps what is printed and says so in the record's warnings,
naming the field and the rule. validate reports such a record as a
warning, not an error, unless --strict.

Known exceptions: the ignore file (--ignore FILE, or
.letters-validate-ignore in the current directory) holds one exception a
line, "PATH RULE [POINTER]", with PATH relative to the ignore file's
folder; each problem an exception accepts is listed as ignored.

Output: one line per problem, file:line:col: message, then warnings and
ignored problems, then a summary line. With -o json, one JSON object for
tools; with -o github, GitHub Actions annotations, so that the problems
show on the pull request.`,
		Example: `  letters validate records/
  letters parse letters/*.pdf | letters validate -
  letters validate -o github records/
  letters validate --strict --ignore ci/known-misprints records/`,
		Args: needPaths,
		RunE: func(_ *cobra.Command, args []string) error {
			return runValidate(opts, args, s)
		},
	}
	c.Flags().StringVarP(&opts.format, "format", "o", validateText, "output `format`: text, json or github")
	c.Flags().BoolVar(&opts.allowEmpty, "allow-empty", false, "succeed when the paths hold no record at all (by default that fails)")
	c.Flags().BoolVar(&opts.strict, "strict", false, "fail on the warnings of letters that contradict themselves too")
	c.Flags().StringVar(&opts.ignore, "ignore", "", "read known exceptions from `file` (default: "+validate.IgnoreFile+" in the current directory, if there is one)")
	return c
}

func runValidate(opts validateOptions, paths []string, s streams) error {
	switch opts.format {
	case validateText, validateJSON, validateGitHub:
	default:
		return &usageError{fmt.Errorf("validate: unknown format %q: want text, json or github", opts.format)}
	}
	defer tuneGC(batchGCPercent, validateMemoryLimit)()
	v, err := validate.New()
	if err != nil {
		return err
	}
	exceptions, err := readExceptions(opts.ignore)
	if err != nil {
		return &usageError{fmt.Errorf("validate: ignore file %w", err)}
	}
	rep := v.Check(paths, validate.Options{Stdin: s.in, Strict: opts.strict, Exceptions: exceptions})
	switch opts.format {
	case validateJSON:
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	case validateGitHub:
		err = writeAnnotations(s.out, rep)
	default:
		err = writeProblems(s.out, rep)
	}
	if err != nil {
		return err
	}
	switch {
	case !rep.OK():
		return errSomeFailed
	case rep.Records == 0 && !opts.allowEmpty:
		fmt.Fprintf(s.err, "letters: validate: no record found in %s (use --allow-empty if that is expected)\n", strings.Join(paths, " "))
		return errSomeFailed
	}
	return nil
}

// readExceptions reads the ignore file name, or, when name is "", the
// default ignore file of the current directory if there is one.
func readExceptions(name string) (*validate.Exceptions, error) {
	if name == "" {
		if _, err := os.Stat(validate.IgnoreFile); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		name = validate.IgnoreFile
	}
	return validate.ReadExceptions(name)
}

// contradiction ends the line of a warning: why it is not an error.
const contradiction = " (the letter contradicts itself, as the record's warnings say)"

// writeProblems writes one line per problem, warning, problem ignored and
// exception unused, and the summary.
func writeProblems(w io.Writer, rep *validate.Report) error {
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	for _, p := range rep.Warnings {
		b.WriteString(p.Labelled("warning: "))
		b.WriteString(contradiction)
		b.WriteByte('\n')
	}
	for _, p := range rep.Ignored {
		b.WriteString(p.Labelled("ignored (" + p.Exception + "): "))
		b.WriteByte('\n')
	}
	return writeEnd(w, &b, rep)
}

// writeEnd writes what b holds, a note for each exception that accepted
// nothing and the summary line.
func writeEnd(w io.Writer, b *strings.Builder, rep *validate.Report) error {
	for _, e := range rep.UnusedExceptions {
		b.WriteString(e + ": note: this exception accepted no problem\n")
	}
	b.WriteString(summary(rep))
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// writeAnnotations writes one GitHub Actions annotation per problem
// (error), warning (warning) and problem ignored (notice), then the notes
// and the summary as plain lines.
func writeAnnotations(w io.Writer, rep *validate.Report) error {
	var b strings.Builder
	annotate := func(level string, p validate.Problem, title, tail string) {
		b.WriteString("::" + level + " file=")
		b.WriteString(escapeProperty(p.File))
		if p.Line > 0 {
			fmt.Fprintf(&b, ",line=%d", p.Line)
			if p.Column > 0 {
				fmt.Fprintf(&b, ",col=%d", p.Column)
			}
		}
		b.WriteString(",title=")
		b.WriteString(escapeProperty("letters validate: " + p.Rule + title))
		b.WriteString("::")
		msg := p.Message
		if p.Document > 0 {
			msg = fmt.Sprintf("document %d: %s", p.Document, msg)
		}
		b.WriteString(escapeData(msg + tail))
		b.WriteByte('\n')
	}
	for _, p := range rep.Problems {
		annotate("error", p, "", "")
	}
	for _, p := range rep.Warnings {
		annotate("warning", p, "", contradiction)
	}
	for _, p := range rep.Ignored {
		annotate("notice", p.Problem, " (ignored)", " (accepted by "+p.Exception+")")
	}
	return writeEnd(w, &b, rep)
}

// escapeData escapes the message of a workflow command, as the Actions
// toolkit does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value of a workflow command.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// summary is the last line of the text and GitHub outputs.
func summary(rep *validate.Report) string {
	s := fmt.Sprintf("%s in %s", count(rep.Records, "record"), count(rep.Files, "file"))
	switch {
	case rep.OK() && rep.Records == 0:
		s += ": no records found"
	case rep.OK():
		s += ": all valid"
	default:
		s = fmt.Sprintf("%s: %s, %d %s invalid", s, count(len(rep.Problems), "problem"), rep.Invalid, plural(rep.Invalid, "record"))
		if rep.BadFiles > 0 {
			s += fmt.Sprintf(", %d %s not readable as records", rep.BadFiles, plural(rep.BadFiles, "file"))
		}
	}
	var also []string
	if len(rep.Warnings) > 0 {
		also = append(also, count(len(rep.Warnings), "warning"))
	}
	if len(rep.Ignored) > 0 {
		also = append(also, fmt.Sprintf("%d ignored", len(rep.Ignored)))
	}
	if len(also) > 0 {
		s += "; " + strings.Join(also, ", ")
	}
	return s
}

// count returns "1 record", "2 records", "2 authorities".
func count(n int, noun string) string { return fmt.Sprintf("%d %s", n, plural(n, noun)) }

// plural returns noun, in the plural unless n is 1: with an s, or, when
// it ends in a y after a consonant, with ies for the y.
func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	if stem, ok := strings.CutSuffix(noun, "y"); ok && stem != "" && !strings.ContainsAny(stem[len(stem)-1:], "aeiou") {
		return stem + "ies"
	}
	return noun + "s"
}
