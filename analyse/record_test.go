package analyse

import (
	"testing"

	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// mustRecord parses a letter of testdata.
func mustRecord(t testing.TB, path string) *record.Record {
	t.Helper()
	rec, err := parse.File(path)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}
