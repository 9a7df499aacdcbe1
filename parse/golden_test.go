package parse_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.yaml from the current parser")

// letterInputs returns the letters in testdata; a golden test with no
// inputs must fail, not pass.
func letterInputs(t testing.TB) []string {
	t.Helper()
	inputs, err := filepath.Glob("../testdata/letters/*")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no letters in ../testdata/letters: %v", err)
	}
	return inputs
}

// goldenName returns the golden file of an input letter.
func goldenName(in string) string {
	base := filepath.Base(in)
	return filepath.Join("..", "testdata", "golden", strings.TrimSuffix(base, filepath.Ext(base))+".yaml")
}

// parseToYAML parses a letter as the command does, with its path relative
// to the repository root so that goldens do not depend on the test's
// working directory.
func parseToYAML(t testing.TB, in string) []byte {
	t.Helper()
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := parse.Bytes(context.Background(), strings.TrimPrefix(in, "../"), data)
	if err != nil {
		t.Fatalf("parse %s: %v", in, err)
	}
	out, err := record.EncodeYAML(rec)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseGolden(t *testing.T) {
	for _, in := range letterInputs(t) {
		t.Run(filepath.Base(in), func(t *testing.T) {
			got := parseToYAML(t, in)
			golden := goldenName(in)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./parse -update to create it, then check it by hand)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
			if again := parseToYAML(t, in); string(again) != string(got) {
				t.Errorf("second parse of %s gave different bytes", in)
			}
		})
	}
}

// TestGoldenRoundTrip checks that every golden record decodes into a
// Record and encodes back to the same bytes: the YAML form loses nothing.
func TestGoldenRoundTrip(t *testing.T) {
	goldens, err := filepath.Glob("../testdata/golden/*.yaml")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden records: %v", err)
	}
	for _, g := range goldens {
		t.Run(filepath.Base(g), func(t *testing.T) {
			recs, err := record.ReadFile(g)
			if err != nil || len(recs) != 1 {
				t.Fatalf("decode: %d records, %v", len(recs), err)
			}
			got, err := record.EncodeYAML(recs[0])
			if err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(g)
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("round trip changed the record (-want +got):\n%s", diff)
			}
		})
	}
}
