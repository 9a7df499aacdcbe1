package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"github.com/ofsted-letters/letters/internal/csvout"
	"github.com/ofsted-letters/letters/internal/output"
	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// A failure is an input that could not be listed or parsed.
type failure struct {
	input string
	err   error
}

// listFailures returns the arguments and folder entries that could not
// be listed as failures, so that --errors reports every input that was
// not read, not only those that failed to parse.
func listFailures(errs []*record.ListError) []failure {
	out := make([]failure, 0, len(errs))
	for _, err := range errs {
		out = append(out, failure{input: err.Path, err: err})
	}
	return out
}

// reasons name the causes of failure in the --errors report, so that a
// large batch can be sorted by cause.
var reasons = []struct {
	err  error
	name string
}{
	{parse.ErrNotALetter, "not-a-letter"},
	{parse.ErrEmpty, "empty"},
	{parse.ErrBinary, "binary"},
	{parse.ErrTooLarge, "too-large"},
	{parse.ErrNeedsOCR, "needs-ocr"},
	{parse.ErrEncrypted, "encrypted"},
	{parse.ErrGarbled, "garbled-text"},
	{parse.ErrPDF, "unreadable-pdf"},
	{errTimeout, "timeout"},
	{parse.ErrInternal, "internal-error"},
}

// reason returns the short name of an error's cause.
func reason(err error) string {
	for _, r := range reasons {
		if errors.Is(err, r.err) {
			return r.name
		}
	}
	return "io"
}

// writeFailures writes the --errors report to path ("-" for stdout, see
// package output): JSON lines for a .jsonl file, CSV otherwise, with the
// columns file, reason and error.
func writeFailures(ctx context.Context, path string, failures []failure, stdout io.Writer) error {
	var buf bytes.Buffer
	if strings.EqualFold(filepath.Ext(path), ".jsonl") {
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for _, f := range failures {
			if err := enc.Encode(map[string]string{"file": f.input, "reason": reason(f.err), "error": oneLine(f.input, f.err)}); err != nil {
				return err
			}
		}
	} else {
		w := csvout.NewWriter(&buf)
		w.Write([]string{"file", "reason", "error"})
		for _, f := range failures {
			w.Write([]string{f.input, reason(f.err), oneLine(f.input, f.err)})
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
	}
	return output.Write(ctx, path, buf.Bytes(), stdout)
}
