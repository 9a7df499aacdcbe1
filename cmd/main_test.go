package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run `letters` as a command inside scripts,
// without building a binary.
func TestMain(m *testing.M) {
	if os.Getenv("LETTERS_RUN_MAIN") == "1" {
		// The test binary stands in for letters in a subprocess.
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"letters": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/cli. Each has the
// letters it needs copied in by the setup.
func TestScripts(t *testing.T) {
	letters, err := filepath.Abs("../testdata/letters")
	if err != nil {
		t.Fatal(err)
	}
	notLetters, _ := filepath.Abs("../testdata/notletters")
	pdfs, _ := filepath.Abs("../testdata/pdf")
	badPDFs, _ := filepath.Abs("../internal/pdftext/testdata")
	testscript.Run(t, testscript.Params{
		Dir: "../testdata/cli",
		Setup: func(env *testscript.Env) error {
			env.Setenv("LETTERS", letters)
			env.Setenv("NOTLETTERS", notLetters)
			env.Setenv("PDFS", pdfs)
			env.Setenv("BADPDFS", badPDFs)
			return nil
		},
	})
}

func TestMainExitCodes(t *testing.T) {
	letter := "../testdata/letters/liverpool-2025-09-monitoring.txt"
	news := "../testdata/notletters/not-a-letter-news-2024.txt"
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a substring stdout must hold
		stderr string // a substring stderr must hold; "" means stderr must be empty
	}{
		{"one letter", []string{"parse", letter}, exitOK, "authority_key: liverpool", ""},
		{"json", []string{"parse", "-o", "json", letter}, exitOK, `"authority_key":"liverpool"`, ""},
		{"not a letter", []string{"parse", news}, exitFailed, "", news + ":1: not an Ofsted letter"},
		{"batch goes on", []string{"parse", news, letter}, exitFailed, "authority_key: liverpool", "not an Ofsted letter"},
		{"missing file", []string{"parse", "nope.txt", letter}, exitFailed, "authority_key: liverpool", "nope.txt: no such file or directory"},
		{"no arguments", []string{"parse"}, exitUsage, "", "parse: give at least one file, folder or - (stdin) to read"},
		{"bad flag", []string{"parse", "--bogus", letter}, exitUsage, "", "unknown flag: --bogus"},
		{"bad format", []string{"parse", "-o", "xml", letter}, exitUsage, "", "-o must be yaml or json"},
		{"version", []string{"version"}, exitOK, "record schema 1", ""},
		{"concern share above 1", []string{"diff", "--concern-share", "1.5", letter, letter}, exitUsage, "", "--concern-share: concern share must be between 0 and 1"},
		{"below not above 0", []string{"themes", "--below", "0", letter}, exitUsage, "", "--below: confidence bound must be above 0 and at most 1, not 0"},
		{"since not a date", []string{"themes", "--since", "2024-13-01", letter}, exitUsage, "", `--since: "2024-13-01" is not a date`},
		{"until before since", []string{"report", "--out", "-", "--since", "2024-01-01", "--until", "2023-01-01", letter}, exitUsage, "", "--until 2023-01-01 is before --since 2024-01-01"},
		{"unknown summary order", []string{"summary", "--sort", "size", letter}, exitUsage, "", `--sort must be one of theme, concern, recurring, not "size"`},
		{"unknown kind", []string{"themes", "--kind", "inspection", letter}, exitUsage, "", `--kind must be one of monitoring-visit, focused-visit, joint-targeted-area-inspection, other, not "inspection"`},
		{"unknown command", []string{"frob"}, exitUsage, "", `unknown command "frob" for "letters"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tt.args, strings.NewReader(""), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%.400s", tt.stdout, stdout.String())
			}
			if tt.stderr == "" && stderr.Len() > 0 {
				t.Errorf("unexpected stderr:\n%s", stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr.String())
			}
		})
	}
}

func TestParseStdin(t *testing.T) {
	data, err := os.ReadFile("../testdata/letters/liverpool-2024-07-monitoring.txt")
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"parse", "-"}, bytes.NewReader(data), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "path: '-'") && !strings.Contains(stdout.String(), `path: "-"`) {
		t.Errorf("record of stdin does not name '-' as its path:\n%.300s", stdout.String())
	}
}
