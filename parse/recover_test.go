package parse

import (
	"context"
	"errors"
	"os"
	"testing"
)

// TestParseRecovers checks the safety net under every parse
// (recoverInternal, deferred by text and pdfBytes): a panic while reading
// one letter is an ErrInternal naming the file, not a crash of the batch.
// The panic here comes from a context that is nil, which no caller
// passes, met in text before the record is built; a panic in build is
// caught by the same deferred call.
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
