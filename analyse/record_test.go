package analyse

import (
	"testing"

	"github.com/ofsted-letters/letters/parse"
)

// mustRecord parses a letter of testdata.
func mustRecord(t testing.TB, path string) *parse.Record {
	t.Helper()
	rec, err := parse.File(path)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}
