package cmd

import (
	"io"
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
