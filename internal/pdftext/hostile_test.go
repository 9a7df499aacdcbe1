package pdftext

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/ascii85"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// This file generates hostile PDFs, each built to pass one of the
// Limits, and checks that each is refused with the same one-line reason
// every time. BenchmarkHostile measures the time and memory each takes.

// buildPDF returns a PDF file of the objects, numbered from 1, with a
// cross-reference table. Object 1 must be the catalog.
func buildPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// streamObj returns a stream object of data, compressed when flate is
// set, with extra entries in its dictionary.
func streamObj(extra string, data []byte, flate bool) string {
	if flate {
		data = deflate(data)
		extra += " /Filter /FlateDecode"
	}
	return fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(data), extra, data)
}

func deflate(data []byte) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	w.Write(data)
	w.Close()
	return z.Bytes()
}

// bomb returns a compressed stream of size spaces: a few kilobytes that
// decode to more than a stream may.
var bomb = sync.OnceValue(func() []byte {
	return deflate(bytes.Repeat([]byte(" "), int(DefaultLimits.MaxStreamSize)+1<<20))
})

// bombObj is a stream object that decodes to more than a stream may.
func bombObj(extra string) string {
	data := bomb()
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode%s >>\nstream\n%s\nendstream", len(data), extra, data)
}

// onePage returns the catalog, page tree and page of a one-page file
// whose page has the contents and resources given.
func onePage(contents, resources string) []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents + " /Resources " + resources + " >>",
	}
}

// font5 is a resource dictionary naming object 5 as font F1.
const font5 = "<< /Font << /F1 5 0 R >> >>"

// helvetica is a simple font with no widths.
const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// repeatOp returns n copies of op.
func repeatOp(op string, n int) []byte { return bytes.Repeat([]byte(op), n) }

// A hostile is a generated file and the reason Read must give.
type hostile struct {
	name string
	make func() []byte
	want string
}

var hostiles = []hostile{
	{"content bomb", func() []byte {
		return buildPDF(append(onePage("4 0 R", font5), bombObj(""), helvetica)...)
	}, "page 1: PDF exceeds a limit: more than 16777216 bytes decoded from one stream"},
	{"ToUnicode bomb", func() []byte {
		return buildPDF(append(onePage("4 0 R", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), false),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
			bombObj(""))...)
	}, "page 1: PDF exceeds a limit: more than 16777216 bytes decoded from one stream"},
	{"font file bomb", func() []byte {
		return buildPDF(append(onePage("4 0 R", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (\x01\x02) Tj ET"), false),
			"<< /Type /Font /Subtype /TrueType /BaseFont /Wingdings /FontDescriptor 6 0 R >>",
			"<< /Type /FontDescriptor /FontName /Wingdings /Flags 4 /FontFile2 7 0 R >>",
			bombObj(""))...)
	}, "page 1: PDF exceeds a limit: more than 16777216 bytes decoded from one stream"},
	{"object stream bomb", func() []byte {
		return objStmPDF(int(DefaultLimits.MaxStreamSize), 1)
	}, "PDF exceeds a limit: more than 16777216 bytes decoded from one stream"},
	{"object stream read again and again", func() []byte {
		// Each object lies at the end of 8 MiB of white space, so each
		// lookup decodes all of it.
		return objStmPDF(8<<20, 2000)
	}, "page 1: PDF exceeds a limit: more than 268435456 bytes read by the PDF library to find objects"},
	{"5-million-entry Widths", func() []byte {
		return buildPDF(append(onePage("4 0 R", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), false),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /Widths ["+string(repeatOp("0 ", 5_000_000))+"] >>")...)
	}, "PDF exceeds a limit: more than 100000 elements in one array or dictionary"},
	{"50 million operators", func() []byte {
		// 5 million in one stream, drawn 10 times as a form.
		return buildPDF(append(onePage("4 0 R", "<< /XObject << /X 5 0 R >> >>"),
			streamObj("", repeatOp("/X Do\n", 10), false),
			streamObj(" /Type /XObject /Subtype /Form /BBox [0 0 1 1]", repeatOp("Q\n", 5_000_000), true))...)
	}, "page 1: PDF exceeds a limit: more than 2000000 content-stream operators"},
	{"one Tj of 2 million glyphs", func() []byte {
		content := append(append([]byte("BT /F1 12 Tf 72 700 Td ("), repeatOp("a", 2_000_000)...), ") Tj ET"...)
		return buildPDF(append(onePage("4 0 R", font5), streamObj("", content, true), helvetica)...)
	}, "page 1: PDF exceeds a limit: more than 500000 characters shown"},
	{"a million overprinted chunks", func() []byte {
		// Each string moves back to where it started.
		content := append(append([]byte("BT /F1 12 Tf 72 700 Td "), repeatOp("[(a)500]TJ ", 1_000_000)...), "ET"...)
		return buildPDF(append(onePage("4 0 R", font5), streamObj("", content, true), helvetica)...)
	}, "page 1: PDF exceeds a limit: more than 200000 strings shown"},
	{"200,000 objects", func() []byte {
		objs := onePage("4 0 R", font5)
		objs = append(objs, streamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), false), helvetica)
		for len(objs) < 200_000 {
			objs = append(objs, "null")
		}
		return buildPDF(objs...)
	}, "PDF exceeds a limit: more than 100000 objects"},
	{"500,000 content references", func() []byte {
		return buildPDF(append(onePage("["+strings.Repeat("4 0 R ", 500_000)+"]", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), false), helvetica)...)
	}, "PDF exceeds a limit: more than 100000 elements in one array or dictionary"},
	{"50,000 content references", func() []byte {
		return buildPDF(append(onePage("["+strings.Repeat("4 0 R ", 50_000)+"]", font5),
			streamObj("", []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), false), helvetica)...)
	}, "page 1: PDF exceeds a limit: more than 20000 streams decoded"},
}

// objStmPDF returns a file with an xref stream and an object stream
// holding one object after pad bytes of white space; the page has refs
// contents references to that object, so that the PDF library looks it
// up that many times.
func objStmPDF(pad, refs int) []byte {
	head := fmt.Sprintf("5 %d\n", pad)
	data := deflate(append(append([]byte(head), repeatOp(" ", pad)...), "(x)"...))
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var offs [6]int
	obj := func(n int, body string) {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ["+strings.Repeat("5 0 R ", refs)+"] >>")
	obj(4, fmt.Sprintf("<< /Type /ObjStm /N 1 /First %d /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(head), len(data), data))
	// Object 5 lies in object stream 4; the xref stream is object 6,
	// its rows unfiltered: type (1 byte), field 2 (4 bytes), field 3
	// (2 bytes).
	xref := b.Len()
	var rows bytes.Buffer
	row := func(typ byte, f2 uint32, f3 uint16) {
		rows.Write([]byte{typ, byte(f2 >> 24), byte(f2 >> 16), byte(f2 >> 8), byte(f2), byte(f3 >> 8), byte(f3)})
	}
	row(0, 0, 65535)
	for n := 1; n <= 4; n++ {
		row(1, uint32(offs[n]), 0)
	}
	row(2, 4, 0)
	row(1, uint32(xref), 0)
	fmt.Fprintf(&b, "6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n", rows.Len(), rows.Bytes())
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// hostileTimeout bounds each read of TestHostile instead of the default
// 20 s: each file must be refused by the count that names it, not by the
// clock, and a loaded machine under the race detector takes more than
// 20 s to decode the 256 MiB of "object stream read again and again".
const hostileTimeout = 10 * time.Minute

// TestHostile reads each generated hostile file twice: each time it must
// be refused with the same reason.
func TestHostile(t *testing.T) {
	for _, h := range hostiles {
		t.Run(h.name, func(t *testing.T) {
			data := h.make()
			for range 2 {
				_, err := ReadBytes(context.Background(), data, Limits{Timeout: hostileTimeout})
				if err == nil {
					t.Fatal("read, want refused")
				}
				if err.Error() != h.want {
					t.Fatalf("got %q, want %q", err, h.want)
				}
				var le *LimitError
				if !errors.As(err, &le) || !errors.Is(err, ErrTooLarge) {
					t.Fatalf("got %v, want a *LimitError", err)
				}
			}
		})
	}
}

// BenchmarkHostile reads each generated hostile file: the time and the
// memory allocated until it is refused.
func BenchmarkHostile(b *testing.B) {
	for _, h := range hostiles {
		data := h.make()
		b.Run(strings.ReplaceAll(h.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadBytes(context.Background(), data, Limits{}); err == nil {
					b.Fatal("read, want refused")
				}
			}
		})
	}
}

// twoPages returns a file of two pages of text in Helvetica, whose
// contents objects are given, followed by the font.
func twoPages(content1, content2 string) []byte {
	return buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 7 0 R /F2 8 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 7 0 R /F2 8 0 R >> >> >>",
		content1, content2, helvetica,
		// A font whose code 165 is a glyph name nothing knows.
		"<< /Type /Font /Subtype /TrueType /BaseFont /Wingdings /Encoding << /Differences [165 /g17] >> >>",
	)
}

// pageText returns the text of a content stream's page: lines of
// Helvetica, each after a bullet of F2 (code 165) when bullets
// is set.
func pageText(lines []string, bullets bool) []byte {
	var b bytes.Buffer
	b.WriteString("BT /F1 12 Tf 72 760 Td 14 TL\n")
	for _, l := range lines {
		if bullets {
			b.WriteString("/F2 12 Tf (\xa5) Tj /F1 12 Tf ")
		}
		fmt.Fprintf(&b, "(%s) Tj T*\n", l)
	}
	b.WriteString("ET")
	return b.Bytes()
}

// withLength returns a stream object of data whose dictionary declares
// length instead of the data's own.
func withLength(data []byte, length int, flate bool) string {
	filter := ""
	if flate {
		data = deflate(data)
		filter = " /Filter /FlateDecode"
	}
	return fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", length, filter, data)
}

// ascii85Obj returns a stream object of data, compressed then in
// ASCII85 over lines of 60 characters, that declares length.
func ascii85Obj(data []byte, length int) string {
	z := deflate(data)
	enc := make([]byte, ascii85.MaxEncodedLen(len(z)))
	enc = enc[:ascii85.Encode(enc, z)]
	var b strings.Builder
	for len(enc) > 60 {
		b.Write(enc[:60])
		b.WriteByte('\n')
		enc = enc[60:]
	}
	b.Write(enc)
	b.WriteString("~>")
	return fmt.Sprintf("<< /Length %d /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n%s\nendstream", length, b.String())
}

// cutShort returns a compressed stream object of data, of which only
// the first half of the compressed bytes are in the file.
func cutShort(data []byte) string {
	z := deflate(data)
	z = z[:len(z)/2]
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(z), z)
}

// TestDamagedStreams reads pages whose content streams declare the wrong
// length or end too soon: text the file still holds is kept, and the page
// gets a warning.
func TestDamagedStreams(t *testing.T) {
	page1 := []string{"The first paragraph ends here.", "It has a second line."}
	page2 := []string{"The second page starts here."}
	full := pageText(page1, false)
	tests := []struct {
		name     string
		content1 string
		want1    []string // page 1's lines
		warning  string   // page 1's warning, in part
	}{
		{"right length", withLength(full, len(full), false), page1, ""},
		{"short length", withLength(full, 20, false), page1, "declares a length of 20 bytes but holds"},
		{"long length", withLength(full, len(full)+40, false), page1, "declares a length of"},
		{"short length, compressed", withLength(full, 10, true), page1, "declares a length of 10 bytes"},
		{"short length, ASCII85 and compressed", ascii85Obj(full, 30), page1, "declares a length of 30 bytes"},
		{"compressed data cut short", cutShort(full), nil, "ends before its data does"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := twoPages(tt.content1, streamObj("", pageText(page2, false), false))
			doc, err := ReadBytes(context.Background(), data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range doc.Pages[0].Lines {
				got = append(got, l.Text)
			}
			if tt.want1 != nil && !slices.Equal(got, tt.want1) {
				t.Errorf("page 1 reads %q, want %q", got, tt.want1)
			}
			if len(doc.Pages[1].Lines) != 1 || doc.Pages[1].Lines[0].Text != page2[0] {
				t.Errorf("page 2 reads %+v", doc.Pages[1].Lines)
			}
			w := doc.Pages[0].Warnings
			switch {
			case tt.warning == "" && len(w) > 0:
				t.Errorf("warnings %q, want none", w)
			case tt.warning != "" && (len(w) != 1 || !strings.Contains(w[0], tt.warning)):
				t.Errorf("warnings %q, want one saying %q", w, tt.warning)
			}
		})
	}
}

// TestUnmapped reads pages with glyphs that nothing maps to text: a few
// (bullets of a symbol font) are left out with a warning; many make the
// page garbled.
func TestUnmapped(t *testing.T) {
	lines := []string{
		"Social workers have manageable caseloads and know their children well.",
		"Leaders have a clear understanding of the quality of practice.",
		"Partners are engaged in the work of the front door.",
	}
	t.Run("a few bullets", func(t *testing.T) {
		data := twoPages(streamObj("", pageText(lines, true), false), streamObj("", pageText(lines, false), false))
		doc, err := ReadBytes(context.Background(), data, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		p := doc.Pages[0]
		if p.Unmapped != 3 || len(p.Lines) != 3 || p.Lines[0].Text != lines[0] {
			t.Errorf("page 1: %d unmapped, lines %+v", p.Unmapped, p.Lines)
		}
		if len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0], "3 of ") {
			t.Errorf("page 1 warnings %q, want one of 3 characters", p.Warnings)
		}
		if len(doc.Pages[1].Warnings) != 0 {
			t.Errorf("page 2 warnings %q, want none", doc.Pages[1].Warnings)
		}
	})
	t.Run("words that do not decode", func(t *testing.T) {
		garbled := "BT /F2 12 Tf 72 700 Td (" + strings.Repeat("\xa5", 40) + ") Tj ET"
		data := twoPages(streamObj("", pageText(lines, false), false), streamObj("", []byte(garbled), false))
		_, err := ReadBytes(context.Background(), data, Limits{})
		var pe *PageError
		if !errors.Is(err, ErrGarbled) || !errors.As(err, &pe) || pe.Page != 2 {
			t.Errorf("got %v, want ErrGarbled on page 2", err)
		}
	})
}
