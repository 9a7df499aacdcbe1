package pdftext

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readFile(tb testing.TB, path string, lim Limits) (*Document, error) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return Read(context.Background(), bytes.NewReader(data), int64(len(data)), lim)
}

// TestReadErrors reads each bad or hostile file of testdata and checks the
// sentinel of its error, and the page when the problem is on one page.
func TestReadErrors(t *testing.T) {
	tests := []struct {
		file string
		want error // nil: the file reads
		page int   // the page of a *PageError; 0 for none
		msg  string
	}{
		{"empty.pdf", ErrMalformed, 0, "empty file"},
		{"random.pdf", ErrMalformed, 0, "not a PDF"},
		{"truncated.pdf", ErrMalformed, 0, "truncated"},
		{"bad-xref.pdf", ErrMalformed, 0, "xref"},
		{"huge-xref.pdf", ErrMalformed, 0, "beyond"},
		{"prev-cycle.pdf", ErrMalformed, 0, "cycle"},
		{"no-pages.pdf", ErrMalformed, 0, "no pages"},
		{"page-cycle.pdf", ErrMalformed, 0, "cycle"},
		{"bad-object.pdf", ErrMalformed, 0, "objdef"},
		{"hang-objstm.pdf", ErrMalformed, 0, "hex string that never ends"},
		{"objstm-self.pdf", ErrMalformed, 0, "object stream"},
		{"encrypted.pdf", ErrEncrypted, 0, ""},
		{"image-only.pdf", ErrNoText, 0, "needs OCR"},
		{"garbled.pdf", ErrGarbled, 1, "13 of 13 characters"},
		{"hang-content.pdf", nil, 0, ""},
		{"objstm.pdf", nil, 0, ""},
		{"encrypted-open.pdf", nil, 0, ""},
		{"encrypted-aes.pdf", nil, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := readFile(t, filepath.Join("testdata", tt.file), Limits{})
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				if len(doc.Pages) == 0 {
					t.Fatal("no pages")
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got error %v, want %v", err, tt.want)
			}
			if doc != nil {
				t.Error("got a document with the error")
			}
			var pe *PageError
			if errors.As(err, &pe) != (tt.page > 0) || tt.page > 0 && pe.Page != tt.page {
				t.Errorf("error %v: want it on page %d", err, tt.page)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Errorf("error %q comes from a bug", err)
			}
		})
	}
}

// A wantLine is what a test checks of a Line.
type wantLine struct {
	Text     string
	X        int // rounded
	Bold     bool
	Artifact bool
	Sup      []Span
}

// TestReadLines checks the lines read from small files made for each rule
// of line building.
func TestReadLines(t *testing.T) {
	tests := []struct {
		file string
		want []wantLine
	}{
		{"words.pdf", []wantLine{
			{Text: "Findings", X: 72, Bold: true},
			{Text: "Hello world", X: 72},                                    // a kerning gap is a word break
			{Text: "Dear Mr Anthony", X: 72},                                // two text objects, one line
			{Text: "the children", X: 72},                                   // a word split across text objects
			{Text: "What is good practice?1", X: 72, Sup: []Span{{22, 23}}}, // footnote marker
			{Text: "1 A footnote.", X: 72, Sup: []Span{{0, 1}}},             // footnote text
		}},
		{"columns.pdf", []wantLine{
			{Text: "Piccadilly Gate", X: 72},
			{Text: "T 0300 123 1231", X: 185},
			{Text: "Store Street", X: 72},
			{Text: "Textphone 0161 618 8524", X: 185},
			{Text: "Three words spread", X: 72}, // justified: wide but even gaps
			{Text: "Name", X: 72},
			{Text: "Role", X: 172},
			{Text: "Organisation", X: 272},
		}},
		{"table.pdf", []wantLine{ // a cell per line, row by row
			{Text: "Area", X: 72, Bold: true},
			{Text: "Judgement", X: 222, Bold: true},
			{Text: "Date", X: 352, Bold: true},
			{Text: "Help and protection", X: 72},
			{Text: "Requires improvement", X: 222},
			{Text: "May 2023", X: 352},
			{Text: "to be good", X: 222},
			{Text: "Children in care", X: 72},
			{Text: "Good", X: 222},
			{Text: "May 2023", X: 352},
		}},
		{"bullets.pdf", []wantLine{
			{Text: "• Social workers having manageable caseloads to enable them to", X: 72},
			{Text: "continue to deliver good-quality practice.", X: 90},
			{Text: "• Recognition of diversity.", X: 72},
		}},
		{"type0-embedded.pdf", []wantLine{
			{Text: "Hello, world.", X: 72},
			{Text: "Hello fiord", X: 72}, // "fi" named only by the post table
		}},
		{"artifact-form.pdf", []wantLine{
			{Text: "OFFICIAL", X: 72, Artifact: true},
			{Text: "Body text.", X: 72},
			{Text: "Text in a form", X: 72},
			{Text: "2", X: 290, Artifact: true},
		}},
		{"hang-content.pdf", []wantLine{
			{Text: "Hello", X: 72},
			{Text: "<41", X: 72},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := readFile(t, filepath.Join("testdata", tt.file), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var got []wantLine
			for _, p := range doc.Pages {
				for _, l := range p.Lines {
					got = append(got, wantLine{Text: l.Text, X: int(l.X + 0.5), Bold: l.Bold, Artifact: l.Artifact, Sup: l.Sup})
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadPage checks page numbers, sizes, and that lines run top to
// bottom.
func TestReadPage(t *testing.T) {
	doc, err := readFile(t, filepath.Join("testdata", "words.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	if p.Number != 1 || p.Width != 595 || p.Height != 842 {
		t.Errorf("page %d of %vx%v, want page 1 of 595x842", p.Number, p.Width, p.Height)
	}
	for i := 1; i < len(p.Lines); i++ {
		if p.Lines[i].Y < p.Lines[i-1].Y-1 {
			t.Errorf("line %q at Y %v comes after %q at Y %v", p.Lines[i].Text, p.Lines[i].Y, p.Lines[i-1].Text, p.Lines[i-1].Y)
		}
	}
	if l := p.Lines[0]; l.Y < 60 || l.Y > 80 || l.Size != 12 {
		t.Errorf("first line at Y %v size %v, want about 72 and 12", l.Y, l.Size)
	}
}

// TestLimits checks that each bound stops the work with ErrTooLarge.
func TestLimits(t *testing.T) {
	path := filepath.Join("testdata", "words.pdf")
	for name, lim := range map[string]Limits{
		"file size":    {MaxFileSize: 100},
		"operators":    {MaxOps: 5},
		"stream bytes": {MaxStreamBytes: 10},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := readFile(t, path, lim); !errors.Is(err, ErrTooLarge) {
				t.Errorf("got %v, want ErrTooLarge", err)
			}
		})
	}
}

// TestCancel checks that an extraction given up on stops at its next
// read, as it does when Read's timeout passes.
func TestCancel(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "words.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	x := newExtractor(data, Limits{}.withDefaults())
	x.cancel()
	if _, err := x.run(); !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v, want ErrTooLarge", err)
	}
}

// TestContext checks that Read stops when its context is done, with the
// context's error.
func TestContext(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "words.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadBytes(ctx, data, Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestRealLetters reads the real letters kept in the repository: every
// page has lines, the first page has the Ofsted address, and no text
// holds a replacement or private-use character.
func TestRealLetters(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "pdf", "*.pdf"))
	if len(files) < 12 {
		t.Fatalf("found %d real letters in ../../testdata/pdf, want at least 12", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc, err := readFile(t, path, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, p := range doc.Pages {
				if len(p.Lines) == 0 {
					t.Errorf("page %d has no lines", p.Number)
				}
				for _, l := range p.Lines {
					all.WriteString(l.Text + "\n")
					if strings.ContainsFunc(l.Text, func(r rune) bool { return r == '\uFFFD' || isPrivateUse(r) }) {
						t.Errorf("page %d: %q", p.Number, l.Text)
					}
				}
			}
			if !strings.Contains(all.String(), "Ofsted") || !strings.Contains(all.String(), "Yours sincerely") {
				t.Errorf("no Ofsted address or sign-off in:\n%s", all.String())
			}
		})
	}
}

// TestBlank checks that a file of blank pages is ErrBlank, which is also
// ErrNoText, and that a file of images is ErrNoText but not ErrBlank:
// parse tells the two apart by these causes (only images need OCR).
func TestBlank(t *testing.T) {
	blank := buildPDF("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	_, err := Read(context.Background(), bytes.NewReader(blank), int64(len(blank)), Limits{})
	if !errors.Is(err, ErrBlank) || !errors.Is(err, ErrNoText) || err.Error() != "PDF has no text layer: 2 blank pages" {
		t.Errorf("blank pages: %v, want ErrBlank and ErrNoText", err)
	}
	_, err = readFile(t, filepath.Join("testdata", "image-only.pdf"), Limits{})
	if !errors.Is(err, ErrNoText) || errors.Is(err, ErrBlank) {
		t.Errorf("image-only pages: %v, want ErrNoText and not ErrBlank", err)
	}
}
