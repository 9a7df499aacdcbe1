// Package cmd wires the letters commands to cobra: flags become options,
// options go to the parse and analyse packages, results go to package
// render (which draws the outputs of themes, diff, summary, report and
// export) and to the output streams, and errors become exit codes.
// Nothing here parses or analyses; the one output drawn here is
// validate's report (validate.go).
//
// Across the repository, a line of a letter is classified in one place,
// classify in parse/lines.go; a record is read in one place, package
// record (codec.go); and the outputs of themes, diff,
// summary, report and export are drawn in package render.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ofsted-letters/letters/record"
)

// Exit codes; README.md and `letters help` list the same table.
const (
	exitOK     = 0 // every input was processed; a notice on stderr leaves it 0
	exitFailed = 1 // at least one input failed or was invalid; the rest still ran
	exitUsage  = 2 // bad flags or arguments; no input was read (but report --out refuses a page over 20 MB after reading them)
	// exitInterrupted: the run was interrupted (Ctrl-C); what was written is
	// whole, and running the same command again finishes the job.
	exitInterrupted = 130
)

// errSomeFailed says that at least one input failed; each failure has
// already been reported on stderr, one line each.
var errSomeFailed = errors.New("some inputs failed")

// errInterrupted says that the run was interrupted.
var errInterrupted = errors.New("interrupted; what was written is whole, run the command again to finish")

// A usageError is a mistake in the command line.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// flagError returns err, the reason a flag's value cannot be used, as a
// usage error that names the flag: "--below: ...".
func flagError(flag string, err error) error {
	return &usageError{fmt.Errorf("--%s: %w", flag, err)}
}

// streams are the standard streams a command reads and writes.
type streams struct {
	in  io.Reader
	out io.Writer
	err io.Writer
}

// Main runs letters with args and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(streams{in: stdin, out: stdout, err: stderr})
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C asks the run to stop and leave whole files; should
	// anything not listen (a wait in the kernel, such as opening a FIFO
	// that has no writer), a second one ends the process as usual.
	stopped := context.AfterFunc(ctx, stop)
	defer stopped()
	cmd, err := root.ExecuteContextC(ctx)
	var usage *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errSomeFailed):
		return exitFailed
	case errors.Is(err, errInterrupted):
		fmt.Fprintf(stderr, "letters: %v\n", err)
		return exitInterrupted
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		// A wait that the signal ended (opening an output FIFO, say)
		// and that the command passed on as it was.
		fmt.Fprintf(stderr, "letters: %v\n", errInterrupted)
		return exitInterrupted
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "letters: %v\nRun '%s --help' for usage.\n", err, cmd.CommandPath())
		return exitUsage
	default:
		fmt.Fprintf(stderr, "letters: %v\n", err)
		return exitFailed
	}
}

const exitCodesHelp = `Exit codes:
  0    every input was processed (for validate: every record is valid); a
       notice on stderr leaves it 0 (a file in a folder skipped as not a
       letter, a letter set aside as the same visit as another, diff A B
       of letters of two authorities)
  1    at least one input failed or was invalid (a missing path among them);
       the others were still processed. Also: nothing left to process, an
       output that cannot be written, a --codebook file with an error
  2    bad flags or arguments; no input was read (report --out: a page that
       would pass 20 MB, found once the letters are read; nothing written)
  130  interrupted (Ctrl-C): what was written is whole; run again to finish
`

func newRootCmd(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:           "letters",
		Short:         "Read Ofsted letters on children's services (visits and JTAIs) as data",
		Long:          "letters turns Ofsted letters on children's services (monitoring and focused\nvisits, joint targeted area inspections; PDF or text) into YAML records, and compares the themes they raise from one letter to the next.",
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	// --version (and -v) prints what `letters version` prints. It is our
	// flag, not cobra's (Command.Version), whose text can only be changed
	// by a template: see writeUsage for why letters runs no template.
	showVersion := root.Flags().BoolP("version", "v", false, "print the version of letters and of its record schema (as letters version)")
	root.SetUsageFunc(writeUsage)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	// An unknown command is a usage error (exit 2), like a bad flag.
	root.Args = func(c *cobra.Command, args []string) error {
		if len(args) > 0 && !*showVersion {
			return &usageError{fmt.Errorf("unknown command %q for %q", args[0], c.CommandPath())}
		}
		return nil
	}
	root.RunE = func(c *cobra.Command, _ []string) error {
		if *showVersion {
			_, err := io.WriteString(s.out, versionText())
			return err
		}
		return c.Help()
	}
	root.AddCommand(
		newVersionCmd(s),
		newParseCmd(s),
		newThemesCmd(s),
		newDiffCmd(s),
		newReportCmd(s),
		newSummaryCmd(s),
		newExportCmd(s),
		newValidateCmd(s),
		newSchemaCmd(s),
	)
	completionArgs(root)
	onceFlags(root)
	return root
}

// writeUsage writes the usage of c as cobra's default usage template
// does (without command groups, which letters does not use), then the
// exit codes. It is Go code, not a template (cobra's SetUsageTemplate),
// because of what a template costs every command at start: a binary
// that links text/template's executor, which looks methods up by name,
// makes the linker keep every exported method of every type that may be
// put in an interface, and with them code and package initialisation
// that letters never uses (README: Start-up).
func writeUsage(c *cobra.Command) error {
	var b strings.Builder
	b.WriteString("Usage:")
	if c.Runnable() {
		fmt.Fprintf(&b, "\n  %s", c.UseLine())
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n  %s [command]", c.CommandPath())
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(&b, "\n\nAliases:\n  %s", c.NameAndAliases())
	}
	if c.HasExample() {
		fmt.Fprintf(&b, "\n\nExamples:\n%s", c.Example)
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\nAvailable Commands:")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(&b, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(&b, "\n\nFlags:\n%s", strings.TrimRightFunc(c.LocalFlags().FlagUsages(), unicode.IsSpace))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(&b, "\n\nGlobal Flags:\n%s", strings.TrimRightFunc(c.InheritedFlags().FlagUsages(), unicode.IsSpace))
	}
	if c.HasHelpSubCommands() {
		b.WriteString("\n\nAdditional help topics:")
		for _, sub := range c.Commands() {
			if sub.IsAdditionalHelpTopicCommand() {
				fmt.Fprintf(&b, "\n  %-*s %s", sub.CommandPathPadding(), sub.CommandPath(), sub.Short)
			}
		}
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n\nUse \"%s [command] --help\" for more information about a command.", c.CommandPath())
	}
	b.WriteString("\n\n" + exitCodesHelp)
	_, err := io.WriteString(c.OutOrStderr(), b.String())
	return err
}

// needPaths is the argument check of a command that reads files: at
// least one path (a file, a folder, or - for stdin).
func needPaths(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return &usageError{fmt.Errorf("%s: give at least one file, folder or - (stdin) to read", c.Name())}
	}
	return nil
}

// onceFlags makes every flag of c and its subcommands that holds one
// value (not a list, not a switch) a usage error when it is given twice,
// as in --out a --out b, instead of the last one winning silently.
func onceFlags(c *cobra.Command) {
	wrap := func(f *pflag.Flag) {
		switch t := f.Value.Type(); {
		case t == "bool" || t == "count" || strings.HasSuffix(t, "Slice") || strings.HasSuffix(t, "Array"):
			return
		}
		f.Value = &onceValue{Value: f.Value}
	}
	c.Flags().VisitAll(wrap)
	c.PersistentFlags().VisitAll(wrap)
	for _, sub := range c.Commands() {
		onceFlags(sub)
	}
}

// onceValue is a flag value that may be set once.
type onceValue struct {
	pflag.Value
	set bool
}

// Set sets the value, unless it was set before.
func (v *onceValue) Set(s string) error {
	if v.set {
		return errors.New("given twice; give it once")
	}
	v.set = true
	return v.Value.Set(s)
}

// positiveDuration is a duration flag's value that must be more than 0.
type positiveDuration struct{ d *time.Duration }

func (p positiveDuration) String() string { return p.d.String() }

// Type names the value in help.
func (p positiveDuration) Type() string { return "duration" }

// Set parses s as a duration and refuses 0 or less.
func (p positiveDuration) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("not a duration (such as 30s or 2m)")
	}
	if d <= 0 {
		return fmt.Errorf("must be more than 0, not %s", d)
	}
	*p.d = d
	return nil
}

// floatValue is a float64 flag's value. Its Set says in words why it
// refuses a value ("not a number"), as positiveDuration does, where
// pflag's own float flag passes on Go's strconv error.
type floatValue struct{ f *float64 }

func (v floatValue) String() string { return strconv.FormatFloat(*v.f, 'g', -1, 64) }

// Type names the value in help.
func (v floatValue) Type() string { return "float64" }

// Set parses s as a number.
func (v floatValue) Set(s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return numberError(err, "not a number")
	}
	*v.f = f
	return nil
}

// intValue is an int flag's value, which says in words why it refuses
// a value ("not a whole number") as floatValue does.
type intValue struct{ n *int }

func (v intValue) String() string { return strconv.Itoa(*v.n) }

// Type names the value in help.
func (v intValue) Type() string { return "int" }

// Set parses s as a whole number, in any base Go writes (0x10 too), as
// pflag's int flag does.
func (v intValue) Set(s string) error {
	n, err := strconv.ParseInt(s, 0, strconv.IntSize)
	if err != nil {
		return numberError(err, "not a whole number")
	}
	*v.n = int(n)
	return nil
}

// numberError words err, strconv's refusal of a number: "out of range",
// or else why, which says what the flag takes.
func numberError(err error, why string) error {
	if errors.Is(err, strconv.ErrRange) {
		return errors.New("out of range")
	}
	return errors.New(why)
}

// completionArgs makes `letters completion SHELL` refuse a shell it has no
// script for, as a usage error, instead of printing help.
func completionArgs(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		var shells []string
		for _, sh := range c.Commands() {
			shells = append(shells, sh.Name())
		}
		c.Args = func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return &usageError{fmt.Errorf("completion: no script for %q; shells: %s", args[0], strings.Join(shells, ", "))}
			}
			return nil
		}
		c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
	}
}

// usageArgs wraps a cobra positional-argument check so that its failure is
// a usage error (exit 2).
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}

// schemaNote says what the current schema version holds beyond its first
// release, so that a reader of old records knows what did not change.
const schemaNote = "Schema 1 also holds joint targeted area inspection letters: a new kind, new section kinds and new optional fields; every record of schema 1 written before them still validates."

// version is set by the linker (-ldflags "-X ...cmd.version=v1.2.3"); when
// it is not, the module version from the build info is used.
var version = ""

func newVersionCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of letters and of its record schema",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			_, err := io.WriteString(s.out, versionText())
			return err
		},
	}
}

// versionText is what `letters version` and `letters --version` print.
func versionText() string {
	return fmt.Sprintf("letters %s (record schema %d)\n%s\n", programVersion(), record.SchemaVersion, schemaNote)
}

// programVersion returns the version of letters: the one the linker set,
// else the module's from the build information, else "(devel)".
func programVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
