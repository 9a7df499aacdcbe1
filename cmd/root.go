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
	"syscall"

	"github.com/spf13/cobra"

	"github.com/ofsted-letters/letters/record"
)

// Exit codes; README.md and `letters help` list the same table.
const (
	exitOK     = 0 // every input was processed
	exitFailed = 1 // at least one input failed or was invalid; the rest still ran
	exitUsage  = 2 // bad flags or arguments; no input was read
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
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "letters: %v\n\n%s", err, cmd.UsageString())
		return exitUsage
	default:
		fmt.Fprintf(stderr, "letters: %v\n", err)
		return exitFailed
	}
}

const exitCodesHelp = `Exit codes:
  0  every input was processed (for validate: every record is valid)
  1  at least one input failed or was invalid; the others were still processed
  2  bad flags or arguments; no input was read
  130  interrupted (Ctrl-C): what was written is whole; run again to finish
`

func newRootCmd(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:           "letters",
		Short:         "Read Ofsted monitoring and focused-visit letters as data",
		Long:          "letters turns Ofsted letters to directors of children's services (PDF or text)\ninto YAML records, and compares the themes they raise across visits.",
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetUsageTemplate(root.UsageTemplate() + "\n" + exitCodesHelp)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	// An unknown command is a usage error (exit 2), like a bad flag.
	root.Args = func(c *cobra.Command, args []string) error {
		if len(args) > 0 {
			return &usageError{fmt.Errorf("unknown command %q for %q", args[0], c.CommandPath())}
		}
		return nil
	}
	root.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
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
	return root
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
			_, err := fmt.Fprintf(s.out, "letters %s (record schema %d)\n%s\n", programVersion(), record.SchemaVersion, schemaNote)
			return err
		},
	}
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
