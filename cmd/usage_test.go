package cmd

import (
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestUsageAsCobra holds that writeUsage writes, for every command, the
// usage that cobra's default writes, then the exit codes: the help of
// letters did not change when it stopped using cobra's usage template.
func TestUsageAsCobra(t *testing.T) {
	root := newRootCmd(streams{in: strings.NewReader(""), out: io.Discard, err: io.Discard})
	root.InitDefaultHelpFlag()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var cmds []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		cmds = append(cmds, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if len(cmds) < 15 {
		t.Fatalf("%d commands, want the root, its commands, help and completion's", len(cmds))
	}
	ours := map[*cobra.Command]string{}
	for _, c := range cmds {
		ours[c] = c.UsageString()
	}
	root.SetUsageFunc(nil) // cobra's default from here on
	for _, c := range cmds {
		if want := c.UsageString() + "\n" + exitCodesHelp; ours[c] != want {
			t.Errorf("%s: usage\n%s\nwant, as cobra writes it:\n%s", c.CommandPath(), ours[c], want)
		}
	}
}

// TestNumberFlagErrors holds that a numeric flag given what is not a
// number is a usage error (exit 2) of one line naming the flag and the
// value, as --timeout words a value that is not a duration, and not Go's
// parse error.
func TestNumberFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"themes", "--below", "abc", "l.txt"}, `invalid argument "abc" for "--below" flag: not a number`},
		{[]string{"themes", "--below=1e999", "l.txt"}, `invalid argument "1e999" for "--below" flag: out of range`},
		{[]string{"diff", "--concern-share", "half", "a.txt", "b.txt"}, `invalid argument "half" for "--concern-share" flag: not a number`},
		{[]string{"parse", "-j", "1.5", "l.txt"}, `invalid argument "1.5" for "-j, --jobs" flag: not a whole number`},
		{[]string{"parse", "--jobs", "99999999999999999999", "l.txt"}, `invalid argument "99999999999999999999" for "-j, --jobs" flag: out of range`},
		{[]string{"themes", "--timeout", "abc", "l.txt"}, `invalid argument "abc" for "--timeout" flag: not a duration (such as 30s or 2m)`},
	}
	for _, tt := range tests {
		var stdout, stderr strings.Builder
		code := Main(tt.args, strings.NewReader(""), &stdout, &stderr)
		first, _, _ := strings.Cut(stderr.String(), "\n")
		if code != exitUsage || first != "letters: "+tt.want || stdout.Len() > 0 {
			t.Errorf("letters %s: exit %d, stderr %q, stdout %q; want exit %d and %q", strings.Join(tt.args, " "), code, stderr.String(), stdout.String(), exitUsage, "letters: "+tt.want)
		}
	}
}

// TestExitCodesAsREADME holds that the exit codes every help lists are
// README's "Exit codes" table, code for code, and that both say a notice
// on stderr (a letter set aside, diff of two authorities) leaves the code
// 0: README is the source of truth, the help its short form.
func TestExitCodesAsREADME(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## Exit codes\n")
	section, _, _ = strings.Cut(section, "\n## ")
	rows := regexp.MustCompile(`(?m)^\| (\d+) \| (.*)$`).FindAllStringSubmatch(section, -1)
	help := regexp.MustCompile(`(?m)^  (\d+) +(.*(?:\n {7}.*)*)`).FindAllStringSubmatch(exitCodesHelp, -1)
	if len(rows) == 0 || len(help) == 0 {
		t.Fatalf("no exit codes found: %d in README, %d in the help", len(rows), len(help))
	}
	var inREADME, inHelp []string
	for _, r := range rows {
		inREADME = append(inREADME, r[1])
	}
	for _, h := range help {
		inHelp = append(inHelp, h[1])
	}
	if !slices.Equal(inREADME, inHelp) {
		t.Errorf("exit codes: README lists %v, the help %v", inREADME, inHelp)
	}
	const notice = "notice on stderr leaves it 0"
	if !strings.Contains(rows[0][2], notice) || !strings.Contains(strings.Join(strings.Fields(help[0][2]), " "), notice) {
		t.Errorf("code 0: README says %q and the help %q; want both to say a %s", rows[0][2], help[0][2], notice)
	}
}
