package parse_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/parse"
)

// TestEncodings parses one real letter saved as Windows tools save text
// (UTF-16 in either byte order, with or without a byte order mark, CRLF
// line ends; Windows-1252) and checks that each gives the record of the
// UTF-8 original, but for the source's path and hash. The fixtures in
// testdata/encodings were made from the original with iconv; the
// Windows-1252 one has • for the ◼ bullets, which that encoding lacks.
func TestEncodings(t *testing.T) {
	const original = "../testdata/letters/derby_2023-11-29.layout.txt"
	want := parseFile(t, original)
	fixtures, _ := filepath.Glob("../testdata/encodings/derby_2023-11-29.*.txt")
	if len(fixtures) != 5 {
		t.Fatalf("%d fixtures in ../testdata/encodings, want 5", len(fixtures))
	}
	for _, in := range fixtures {
		t.Run(filepath.Base(in), func(t *testing.T) {
			got := parseFile(t, in)
			if got.Source.SHA256 == want.Source.SHA256 {
				t.Error("the fixture's hash is the original's: source.sha256 must be of the bytes read")
			}
			got.Source.Path, got.Source.SHA256 = want.Source.Path, want.Source.SHA256
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("record differs from the UTF-8 letter's (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEncodingsNotText checks that telling UTF-16 by content does not
// take binary data or empty UTF-16 text for a letter.
func TestEncodingsNotText(t *testing.T) {
	for _, tt := range []struct {
		name string
		data string
		want error
	}{
		{"UTF-16 of blanks", "\xff\xfe \x00\n\x00\t\x00", parse.ErrEmpty},
		{"controls in UTF-16", "\x01\x00\x02\x00\x03\x00\x04\x00\x05\x00\x06\x00\x07\x00\x08\x00\x0e\x00\x0f\x00", parse.ErrBinary},
		{"NULs, not UTF-16", "\x00\x00\x00\x00abcd\x00\x00", parse.ErrBinary},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse.Bytes(context.Background(), "x.txt", []byte(tt.data))
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}
