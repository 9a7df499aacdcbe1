//go:build unix

package cmd

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOutDirReadOnly: an --out-dir folder that exists but cannot be
// written to, or that would be made in such a folder, is refused before
// any letter is read, with one line naming the folder and the cause and
// exit code 2, as an --out file in such a folder is; nothing is written
// there.
func TestOutDirReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into a read-only folder")
	}
	ro := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) }) // so that TempDir can remove it
	site := filepath.Join(ro, "site")
	for _, command := range []string{"parse", "report"} {
		for dir, named := range map[string]string{ro: "", site: site + ": "} {
			t.Run(command+" "+filepath.Base(dir), func(t *testing.T) {
				code, stdout, errs := run(t, "", command, liv17, liv24, "--out-dir", dir)
				want := "letters: --out-dir: " + named + "write in " + ro + ": permission denied\nRun 'letters " + command + " --help' for usage.\n"
				if code != exitUsage || stdout != "" || errs != want {
					t.Errorf("exit %d, stdout %q, stderr %q; want %d, nothing, %q", code, stdout, errs, exitUsage, want)
				}
				if entries, _ := os.ReadDir(ro); len(entries) != 0 {
					t.Errorf("%s wrote %v", ro, entries)
				}
			})
		}
	}
}
