package parse

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/ofsted-letters/letters/record"
)

// TestBuildRecovers checks the safety net under every parse: a panic
// while building one letter's record (here from a context that is nil,
// which no caller passes) is an ErrInternal naming the file, not a
// crash of the batch.
func TestBuildRecovers(t *testing.T) {
	data, err := os.ReadFile("../testdata/letters/liverpool-2025-09-monitoring.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := textLines("x.txt", string(data))
	var nilCtx context.Context
	rec, err := build(nilCtx, record.Source{Path: "x.txt"}, lines)
	var pe *Error
	if rec != nil || !errors.Is(err, ErrInternal) || !errors.As(err, &pe) || pe.File != "x.txt" {
		t.Fatalf("got %v, %v; want an ErrInternal naming x.txt", rec, err)
	}
}
