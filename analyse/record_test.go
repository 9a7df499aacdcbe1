package analyse

import (
	"context"
	"testing"

	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// mustRecord parses a letter of testdata.
func mustRecord(t testing.TB, path string) *record.Record {
	t.Helper()
	rec, err := parse.File(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}
