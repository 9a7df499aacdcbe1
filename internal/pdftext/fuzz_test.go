package pdftext

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// FuzzRead reads arbitrary bytes as a PDF. Read must not panic or hang,
// every error must wrap one of the sentinel errors and none may come from
// a bug of this package, and reading twice must give the same document.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	real, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "pdf", "*.pdf"))
	if len(real) > 2 {
		real = real[:2] // large: a few are enough to seed
	}
	for _, p := range append(seeds, real...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	lim := Limits{Timeout: 10 * time.Second, MaxOps: 1_000_000}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), lim)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrEncrypted) && !errors.Is(err, ErrNoText) &&
				!errors.Is(err, ErrGarbled) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error without a sentinel cause: %v", err)
			}
			if msg := err.Error(); strings.Contains(msg, "internal error") || strings.Contains(msg, "took longer") {
				t.Fatalf("%v", err)
			}
			return
		}
		for _, p := range doc.Pages {
			for _, l := range p.Lines {
				if strings.ContainsRune(l.Text, '\uFFFD') || l.Text == "" {
					t.Fatalf("page %d: bad line %q", p.Number, l.Text)
				}
				for _, s := range l.Sup {
					if s.Start < 0 || s.End > len(l.Text) || s.Start > s.End {
						t.Fatalf("page %d: span %v outside %q", p.Number, s, l.Text)
					}
				}
			}
		}
		again, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), lim)
		if err != nil || !reflect.DeepEqual(doc, again) {
			t.Fatalf("same input, different result (%v)", err)
		}
	})
}
