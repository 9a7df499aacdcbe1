package parse

import (
	"context"
	"errors"
	"os"
	"testing"
)

// TestParseRecovers checks the safety net under every parse: a panic
// while reading one letter (here from a context that is nil, which no
// caller passes) is an ErrInternal naming the file, not a crash of the
// batch, whether it happens in building the record or before it, while
// the letter's text is read into lines.
func TestParseRecovers(t *testing.T) {
	data, err := os.ReadFile("../testdata/letters/liverpool-2025-09-monitoring.txt")
	if err != nil {
		t.Fatal(err)
	}
	var nilCtx context.Context
	rec, err := Bytes(nilCtx, "x.txt", data)
	var pe *Error
	if rec != nil || !errors.Is(err, ErrInternal) || !errors.As(err, &pe) || pe.File != "x.txt" {
		t.Fatalf("got %v, %v; want an ErrInternal naming x.txt", rec, err)
	}
}
