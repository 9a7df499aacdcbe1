package parse_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ofsted-letters/letters/parse"
	"github.com/ofsted-letters/letters/record"
)

// FuzzParseText checks the text parser on any input: it never panics,
// every error is a *parse.Error with a line, and parsing the same bytes
// twice gives equal records that encode without error.
func FuzzParseText(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/letters/*.txt")
	notLetters, _ := filepath.Glob("../testdata/notletters/*.txt")
	if len(seeds) == 0 {
		f.Fatal("no seed letters in ../testdata/letters")
	}
	for _, p := range append(seeds, notLetters...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("Dear Jo\n\nMonitoring visit to X children’s services\n\non 1 to 31 May\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		rec, err := parse.Text(context.Background(), "fuzz.txt", bytes.NewReader(src))
		if err != nil {
			var pe *parse.Error
			if !errors.As(err, &pe) || pe.File != "fuzz.txt" {
				t.Fatalf("error without a file: %v", err)
			}
			if errors.Is(err, parse.ErrInternal) {
				t.Fatal(err)
			}
			if !errors.Is(err, parse.ErrEmpty) && pe.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			_ = err.Error()
			return
		}
		again, err := parse.Text(context.Background(), "fuzz.txt", bytes.NewReader(src))
		if err != nil || !reflect.DeepEqual(rec, again) {
			t.Fatalf("same input, different result: %v", err)
		}
		if _, err := record.EncodeYAML(rec); err != nil {
			t.Fatalf("record does not encode: %v", err)
		}
	})
}

// FuzzParsePDF checks the PDF path on any input that starts like a PDF:
// it never panics, every error is a *parse.Error naming the file and
// holding a PDF sentinel or a parse one, and parsing the same bytes twice
// gives equal records that encode without error and hold no replacement
// character.
func FuzzParsePDF(f *testing.F) {
	seeds, _ := filepath.Glob("../internal/pdftext/testdata/*.pdf")
	letters, _ := filepath.Glob("../testdata/pdf/liverpool-2024-07-monitoring.s*.pdf")
	if len(seeds) == 0 || len(letters) == 0 {
		f.Fatal("no seed PDFs in ../internal/pdftext/testdata or ../testdata/pdf")
	}
	for _, p := range append(seeds, letters...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !parse.IsPDF(src) {
			return
		}
		rec, err := parse.Bytes(context.Background(), "fuzz.pdf", src)
		if err != nil {
			var pe *parse.Error
			if !errors.As(err, &pe) || pe.File != "fuzz.pdf" {
				t.Fatalf("error without a file: %v", err)
			}
			if errors.Is(err, parse.ErrInternal) || strings.Contains(err.Error(), "internal error") || strings.Contains(err.Error(), "took longer") {
				t.Fatal(err)
			}
			return
		}
		again, err := parse.Bytes(context.Background(), "fuzz.pdf", src)
		if err != nil || !reflect.DeepEqual(rec, again) {
			t.Fatalf("same input, different result: %v", err)
		}
		out, err := record.EncodeYAML(rec)
		if err != nil {
			t.Fatalf("record does not encode: %v", err)
		}
		if bytes.ContainsRune(out, '\uFFFD') {
			t.Fatal("replacement character in a record")
		}
	})
}
