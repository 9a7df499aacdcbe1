package cmd_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/cmd"
	"github.com/ofsted-letters/letters/schema"
	"github.com/ofsted-letters/letters/validate"
)

// run runs letters with args and stdin and returns the exit code and outputs.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cmd.Main(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

const (
	valid   = "../testdata/valid/minimal.yaml"
	invalid = "../testdata/invalid/visit-number-zero.yaml"
)

func TestValidateCLI(t *testing.T) {
	minimal, err := os.ReadFile(valid)
	if err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	tests := []struct {
		name       string
		stdin      string
		args       []string
		code       int
		stdout     string // exact, unless empty
		stderrHas  string // a part of stderr; "" means stderr must be empty
		stdoutHave []string
	}{
		{
			name:   "a valid record",
			args:   []string{"validate", valid},
			code:   0,
			stdout: "1 record in 1 file: all valid\n",
		},
		{
			name: "an invalid record",
			args: []string{"validate", valid, invalid},
			code: 1,
			stdout: invalid + ":23:11: visit.number: 0 must be a positive integer\n" +
				"2 records in 2 files: 1 problem, 1 record invalid\n",
		},
		{
			name:   "standard input",
			stdin:  string(minimal),
			args:   []string{"validate", "-"},
			code:   0,
			stdout: "1 record in 1 file: all valid\n",
		},
		{
			name:  "a stream names its documents",
			stdin: "---\n" + string(minimal) + "---\n" + strings.Replace(string(minimal), "format: text", "format: txt", 1),
			args:  []string{"validate", "-"},
			code:  1,
			stdout: "-:51:11: document 2: source.sha256: 2c26b46b68ff… is also the source of the record at line 6: keep one record per letter\n" +
				`-:52:11: document 2: source.format: "txt" is not one of text, pdf (did you mean "text"?)` + "\n" +
				"2 records in 1 file: 2 problems, 1 record invalid\n",
		},
		{
			name: "GitHub annotations",
			args: []string{"validate", "--format", "github", invalid},
			code: 1,
			stdout: "::error file=" + invalid + ",line=23,col=11,title=letters validate%3A schema::visit.number: 0 must be a positive integer\n" +
				"1 record in 1 file: 1 problem, 1 record invalid\n",
		},
		{
			name:      "a folder with no record fails",
			args:      []string{"validate", empty},
			code:      1,
			stdout:    "0 records in 0 files: no records found\n",
			stderrHas: "no record found in " + empty + " (use --allow-empty",
		},
		{
			name:   "a folder with no record, allowed",
			args:   []string{"validate", "--allow-empty", empty},
			code:   0,
			stdout: "0 records in 0 files: no records found\n",
		},
		{
			name:      "no path is a usage error",
			args:      []string{"validate"},
			code:      2,
			stderrHas: "validate: give at least one file",
		},
		{
			name:      "an unknown format is a usage error",
			args:      []string{"validate", "-o", "xml", valid},
			code:      2,
			stderrHas: `unknown format "xml": want text, json or github`,
		},
		{
			name: "a missing path is a file that cannot be read; the others are checked",
			args: []string{"validate", "no/such/file.yaml", valid},
			code: 1,
			stdout: "no/such/file.yaml: cannot read: no such file or directory\n" +
				"1 record in 2 files: 1 problem, 0 records invalid, 1 file not readable as records\n",
		},
		{
			name:      "schema takes no argument",
			args:      []string{"schema", "x"},
			code:      2,
			stderrHas: "unknown command",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if tt.code != 2 {
				if diff := cmp.Diff(tt.stdout, stdout); diff != "" {
					t.Errorf("stdout (-want +got):\n%s", diff)
				}
			} else if stdout != "" {
				t.Errorf("stdout on a usage error: %q", stdout)
			}
			switch {
			case tt.stderrHas == "" && stderr != "":
				t.Errorf("stderr = %q, want nothing", stderr)
			case !strings.Contains(stderr, tt.stderrHas):
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.stderrHas)
			}
		})
	}
}

// TestValidateJSON checks the JSON report that tools read.
func TestValidateJSON(t *testing.T) {
	code, stdout, stderr := run(t, "", "validate", "-o", "json", valid, invalid)
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 1 and nothing", code, stderr)
	}
	var got validate.Report
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("stdout is not a JSON report: %v\n%s", err, stdout)
	}
	want := validate.Report{Files: 2, Records: 2, Invalid: 1, Problems: []validate.Problem{{
		File: invalid, Line: 23, Column: 11, Pointer: "/visit/number", Rule: validate.RuleSchema,
		Message: "visit.number: 0 must be a positive integer",
	}}, Warnings: []validate.Problem{}, Ignored: []validate.Ignored{}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	// A valid run still gives a list, never null, so tools can iterate.
	_, stdout, _ = run(t, "", "validate", "-o", "json", valid)
	if !strings.Contains(stdout, `"problems": []`) {
		t.Errorf("valid run: problems is not an empty list:\n%s", stdout)
	}
}

// TestSchemaCLI checks that letters schema prints the schema file.
func TestSchemaCLI(t *testing.T) {
	code, stdout, stderr := run(t, "", "schema")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	file, err := os.ReadFile(filepath.Join("..", "schema", "record.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(file) || stdout != string(schema.JSON()) {
		t.Errorf("letters schema does not print schema/record.schema.json")
	}
}
